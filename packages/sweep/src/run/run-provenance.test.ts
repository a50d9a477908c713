import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitCommit } from './run-provenance';

describe('gitCommit', () => {
  let repo: string;
  let head: string;
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'snn-git-'));
    mkdirSync(join(repo, 'src'));
    mkdirSync(join(repo, 'results', 'run'), { recursive: true });
    writeFileSync(join(repo, 'src', 'train.js'), 'train();\n');
    writeFileSync(join(repo, 'results', 'run', 'store.jsonl'), '{"type":"run"}\n');
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'first');
    head = git('rev-parse', 'HEAD');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('is the commit, +dirty once a tracked file changed', () => {
    const cwd = join(repo, 'src');
    expect(gitCommit({ cwd })).toBe(head);
    appendFileSync(join(repo, 'src', 'train.js'), 'again();\n');
    expect(gitCommit({ cwd })).toBe(`${head}+dirty`);
  });

  it("does not count the run's own output folder as a code change", () => {
    const cwd = join(repo, 'src');
    const outDir = join(repo, 'results', 'run');
    appendFileSync(join(outDir, 'store.jsonl'), '{"type":"result","key":"a"}\n');
    expect(gitCommit({ cwd })).toBe(`${head}+dirty`);
    expect(gitCommit({ cwd, ignore: outDir })).toBe(head);
    appendFileSync(join(repo, 'src', 'train.js'), 'again();\n');
    expect(gitCommit({ cwd, ignore: outDir })).toBe(`${head}+dirty`);
  });

  it('ignores an output folder outside the checkout, and is null outside any checkout', () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'snn-out-'));
    try {
      expect(gitCommit({ cwd: join(repo, 'src'), ignore: elsewhere })).toBe(head);
      expect(gitCommit({ cwd: elsewhere })).toBeNull();
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
