import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    expect(() => ResultStore.open(path, other)).toThrow(/different run.*pass another --out/);
    appendFileSync(path, 'garbage\n');
    appendFileSync(path, `${JSON.stringify(record('a'))}\n`);
    expect(() => ResultStore.open<TrainedRecord>(path, header)).toThrow(/line 2 is not valid JSON/);
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
