import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunClock, SESSIONS_FILE } from './run-clock';
import { gitCommit } from './run-provenance';

const dir = mkdtempSync(join(tmpdir(), 'snn-run-clock-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('RunClock', () => {
  it('adds a session per invocation with the machine and the commit it ran on', () => {
    const first = RunClock.start(dir);
    first.tick(2);
    const second = RunClock.start(dir);
    second.tick();
    const sessions = JSON.parse(readFileSync(join(dir, SESSIONS_FILE), 'utf8'));
    expect(sessions.map((s: { trained: number }) => s.trained)).toEqual([2, 1]);
    for (const session of sessions) {
      expect(session.machine.cpu).toBe(cpus()[0]!.model.trim());
      expect(session.machine.platform).toBe(`${process.platform}-${process.arch}`);
      expect(session.commit).toBe(gitCommit({ ignore: dir }));
    }
    expect(second.timing().sessions).toHaveLength(2);
  });

  it('records only the times when told nothing about the session', () => {
    const other = mkdtempSync(join(dir, 'bare-'));
    RunClock.start(other, {});
    const [session] = JSON.parse(readFileSync(join(other, SESSIONS_FILE), 'utf8'));
    expect(Object.keys(session).sort()).toEqual(['started', 'trained', 'updated']);
  });
});
