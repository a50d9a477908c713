import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ResultStore, type StoreHeader, type StoreRecord, readStore } from './result-store';

const header: StoreHeader = { type: 'run', benchmark: 'uci', fingerprint: { seed: 1, epochs: 3 } };

interface TrainedRecord extends StoreRecord {
  seed: number;
  loss: number[];
  validation: number[];
}

const record = (key: string): TrainedRecord => ({
  type: 'result',
  key,
  seed: 7,
  loss: [1, 0.5, 0.25],
  validation: [0.5, 0.75, 1],
});

describe('ResultStore', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snn-store-'));
    path = join(dir, 'store.jsonl');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a header, appends records and reads them back after reopening', () => {
    const store = ResultStore.open<TrainedRecord>(path, header);
    store.append(record('a'));
    store.append(record('b'));
    store.append(record('a')); // already stored: ignored
    store.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[0]!)).toEqual(header);
    const again = ResultStore.open<TrainedRecord>(path, header);
    expect(again.has('a') && again.has('b') && !again.has('c')).toBe(true);
    expect(again.records().map((r) => r.key)).toEqual(['a', 'b']);
    expect(again.repairedBytes).toBe(0);
    again.close();
  });

  it('cuts a truncated last line (a kill mid-write) and keeps appending after it', () => {
    const store = ResultStore.open<TrainedRecord>(path, header);
    store.append(record('a'));
    store.close();
    const partial = JSON.stringify(record('b')).slice(0, 40);
    appendFileSync(path, partial);
    const again = ResultStore.open<TrainedRecord>(path, header);
    expect(again.records().map((r) => r.key)).toEqual(['a']);
    expect(again.repairedBytes).toBe(partial.length);
    again.append(record('b'));
    again.close();
    expect(readStore<TrainedRecord>(path).records.map((r) => r.key)).toEqual(['a', 'b']);
  });

  it('starts over when even the header was cut short', () => {
    writeFileSync(path, '{"type":"run","bench');
    const store = ResultStore.open<TrainedRecord>(path, header);
    expect(store.records()).toEqual([]);
    store.close();
    expect(readStore<TrainedRecord>(path).header).toEqual(header);
  });

  it('refuses a store of another run or a corrupt middle line', () => {
    ResultStore.open<TrainedRecord>(path, header).close();
    const other: StoreHeader = { ...header, fingerprint: { seed: 2, epochs: 3 } };
    expect(() => ResultStore.open(path, other)).toThrow(/different run.*pass another `outDir`/);
    appendFileSync(path, 'garbage\n');
    appendFileSync(path, `${JSON.stringify(record('a'))}\n`);
    expect(() => ResultStore.open<TrainedRecord>(path, header)).toThrow(/line 2 is not valid JSON/);
  });

  it('names the first field that differs from another run, not two whole fingerprints', () => {
    const big = { seed: 1, grid: { name: 'paper', epochs: 100, archs: ['snn', 'msra'] }, folds: 4 };
    ResultStore.open(path, { ...header, fingerprint: big }).close();
    const asked = { ...big, grid: { ...big.grid, archs: ['snn', 'selu'] } };
    expect(() => ResultStore.open(path, { ...header, fingerprint: asked })).toThrow(
      `result store ${path} belongs to a different run: fingerprint.grid.archs[1] is "msra" in the store, the command asks for "selu"; resume with the options that made it or pass another \`outDir\``,
    );
    expect(() =>
      ResultStore.open(path, { ...header, benchmark: 'tox21', fingerprint: big }),
    ).toThrow(
      'belongs to a different run: benchmark is "uci" in the store, the command asks for "tox21";',
    );
    const { folds: _, ...fewer } = big;
    expect(() => ResultStore.open(path, { ...header, fingerprint: fewer })).toThrow(
      'belongs to a different run: fingerprint.folds is 4 in the store, the command asks for absent;',
    );
  });

  it('a record that parses but lacks a field is named by its line and the field', () => {
    ResultStore.open<TrainedRecord>(path, header).close();
    appendFileSync(path, `${JSON.stringify(record('a'))}\n`);
    appendFileSync(path, '{"type":"result","key":"b","seed":7,"loss":[1]}\n');
    const fields = ['seed', 'loss', 'validation'];
    expect(readStore(path).records).toHaveLength(2);
    expect(() => readStore(path, fields)).toThrow(
      `result store ${path}: line 3 is a result record without the field "validation" (it has type, key, seed, loss); the line was edited or written by another program — remove that line (its configuration is trained again) or give the run another \`outDir\``,
    );
    expect(() => ResultStore.open(path, header, fields)).toThrow(
      /line 3 is a result record without the field "validation"/,
    );
    writeFileSync(
      path,
      `${JSON.stringify(header)}\n{"type":"result"}\n{"type":"failed","key":"c","error":"x"}\n`,
    );
    expect(() => readStore(path)).toThrow(
      /line 2 is a result record without the field "key" \(it has type\)/,
    );
    writeFileSync(path, `${JSON.stringify(header)}\n{"type":"failed","key":"c","error":"x"}\n`);
    expect(() => readStore(path)).toThrow(/line 2 is a failed record without the field "attempts"/);
    writeFileSync(path, '{"type":"run","benchmark":"uci"}\n');
    expect(() => readStore(path)).toThrow(
      `result store ${path}: line 1 is a run header without the field "fingerprint" (it has type, benchmark); the line was edited or written by another program — give the run another \`outDir\``,
    );
  });

  it('a store replaced by `git stash` while the run writes goes on in the new file, losing nothing', () => {
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], {
        cwd: dir,
        stdio: 'pipe',
      });
    const store = ResultStore.open<TrainedRecord>(path, header);
    store.append(record('a'));
    git('init', '-q');
    git('add', 'store.jsonl');
    git('commit', '-qm', 'a run with one result');
    store.append(record('b'));
    store.append(record('c'));
    // The working tree's store (a, b, c) goes into the stash; the committed one (a) takes its place.
    git('stash', '-q');
    expect(readStore(path).records.map((r) => r.key)).toEqual(['a']);
    store.append(record('d'));
    expect(readStore(path).records.map((r) => r.key)).toEqual(['a', 'b', 'c', 'd']);
    store.close();
  });

  it('a copy saved over the store: adds what the copy lacks and learns what it has', () => {
    const store = ResultStore.open<TrainedRecord>(path, header);
    store.append(record('a'));
    store.append(record('b'));
    const copy = join(dir, 'copy.jsonl');
    writeFileSync(
      copy,
      [header, record('a'), record('x')].map((l) => JSON.stringify(l)).join('\n'),
    );
    appendFileSync(copy, '\n{"type":"res'); // and a cut last line
    renameSync(copy, path);
    store.append(record('c'));
    expect(store.has('x')).toBe(true);
    store.append(record('x')); // known from the copy: not written twice
    store.close();
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines.slice(1).map((l) => JSON.parse(l).key)).toEqual(['a', 'x', 'b', 'c']);
  });

  it('stops when the store is replaced by another run or removed, naming what happened', () => {
    const store = ResultStore.open<TrainedRecord>(path, header);
    store.append(record('a'));
    const other = { ...header, fingerprint: { seed: 2, epochs: 3 } };
    writeFileSync(join(dir, 'other.jsonl'), `${JSON.stringify(other)}\n`);
    renameSync(join(dir, 'other.jsonl'), path);
    expect(() => store.append(record('b'))).toThrow(
      `result store ${path} was replaced while this run was writing it, by a file of another run (fingerprint.seed is 2 in the new file, this run has 1)`,
    );
    rmSync(path);
    expect(() => store.append(record('b'))).toThrow(
      `result store ${path} was removed while this run was writing it (moved or deleted), with 1 result stored so far: put the folder back`,
    );
    store.close();
  });

  it('readStore keeps the first record of a duplicated key', () => {
    const store = ResultStore.open<TrainedRecord>(path, header);
    store.append(record('a'));
    store.close();
    appendFileSync(path, `${JSON.stringify({ ...record('a'), seed: 99 })}\n`);
    const { records } = readStore<TrainedRecord>(path);
    expect(records).toHaveLength(1);
    expect(records[0]!.seed).toBe(7);
  });
});
