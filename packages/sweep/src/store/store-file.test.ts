import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mergeStoreFiles } from '../merge/merge-store-files';
import { ResultStore, type StoreHeader, type StoreRecord, readStore } from './result-store';
import { STORE_FILE, storeFileIn } from './store-file';

const header: StoreHeader = { type: 'run', benchmark: 'uci', fingerprint: { seed: 1 } };
const record = (key: string): StoreRecord & { loss: number } => ({
  type: 'result',
  key,
  loss: 0.5,
});

/** A finished run's folder whose store was compressed with gzip, as a repository keeps it. */
function compressedRun(dir: string, keys: string[]): string {
  const plain = join(dir, STORE_FILE);
  const store = ResultStore.open(plain, header);
  for (const key of keys) store.append(record(key));
  store.close();
  writeFileSync(`${plain}.gz`, gzipSync(readFileSync(plain), { level: 9 }));
  rmSync(plain);
  return dir;
}

describe('compressed result stores (store.jsonl.gz)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'snn-store-gz-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('are read like plain stores, found in a run folder by name', () => {
    compressedRun(dir, ['a', 'b']);
    expect(storeFileIn(dir)).toBe(join(dir, `${STORE_FILE}.gz`));
    const content = readStore(storeFileIn(dir));
    expect(content.header).toEqual(header);
    expect(content.records.map((r) => r.key)).toEqual(['a', 'b']);
  });

  it('are decompressed in place when the run resumes, which then appends to them', () => {
    compressedRun(dir, ['a', 'b']);
    const path = join(dir, STORE_FILE);
    const store = ResultStore.open(path, header);
    expect(store.records().map((r) => r.key)).toEqual(['a', 'b']);
    expect(store.file).toBe(`${path}.gz`);
    store.append(record('c'));
    expect(store.file).toBe(path);
    store.close();
    expect(readdirSync(dir).sort()).toEqual([STORE_FILE]);
    expect(readStore(path).records.map((r) => r.key)).toEqual(['a', 'b', 'c']);
  });

  it('stay compressed, byte for byte, when a run opens them and writes nothing', () => {
    compressedRun(dir, ['a', 'b']);
    const gz = join(dir, `${STORE_FILE}.gz`);
    const before = readFileSync(gz);
    const store = ResultStore.open(join(dir, STORE_FILE), header);
    expect(store.records().map((r) => r.key)).toEqual(['a', 'b']);
    expect(store.has('b')).toBe(true);
    store.close();
    expect(readdirSync(dir)).toEqual([`${STORE_FILE}.gz`]);
    expect(readFileSync(gz).equals(before)).toBe(true);
    expect(() => store.append(record('c'))).toThrow(/is closed; open it again/);
  });

  it('refuse a compressed store of another run before anything is written', () => {
    compressedRun(dir, ['a']);
    const other: StoreHeader = { ...header, fingerprint: { seed: 2 } };
    expect(() => ResultStore.open(join(dir, STORE_FILE), other)).toThrow(/store\.jsonl\.gz/);
    expect(readdirSync(dir)).toEqual([`${STORE_FILE}.gz`]);
  });

  it("stop at the first write when the compressed store became another run's meanwhile", () => {
    compressedRun(dir, ['a']);
    const store = ResultStore.open(join(dir, STORE_FILE), header);
    const otherDir = join(dir, 'other');
    const otherStore = ResultStore.open(join(otherDir, STORE_FILE), {
      ...header,
      fingerprint: { seed: 2 },
    });
    otherStore.append(record('z'));
    otherStore.close();
    writeFileSync(
      join(dir, `${STORE_FILE}.gz`),
      gzipSync(readFileSync(join(otherDir, STORE_FILE))),
    );
    expect(() => store.append(record('b'))).toThrow(
      /replaced after this run read its compressed form, by a file of another run/,
    );
  });

  it('merge takes a folder that holds only the compressed store', () => {
    const one = compressedRun(join(dir, 'one'), ['a']);
    const two = join(dir, 'two');
    const store = ResultStore.open(join(two, STORE_FILE), header);
    store.append(record('b'));
    store.close();
    const merged = mergeStoreFiles([one, two], join(dir, 'all'));
    expect(merged.records.map((r) => r.key)).toEqual(['a', 'b']);
    expect(existsSync(join(one, `${STORE_FILE}.gz`))).toBe(true);
  });

  it('refuses a truncated compressed store by name and keeps it untouched', () => {
    compressedRun(dir, ['a', 'b']);
    const gz = join(dir, `${STORE_FILE}.gz`);
    const bytes = readFileSync(gz);
    writeFileSync(gz, bytes.subarray(0, bytes.length - 12));
    expect(() => readStore(gz)).toThrow(
      /store\.jsonl\.gz: gzip-compressed but cannot be decompressed.*truncated or corrupt/,
    );
    expect(() => ResultStore.open(join(dir, STORE_FILE), header)).toThrow(/cannot be decompressed/);
    expect(readdirSync(dir)).toEqual([`${STORE_FILE}.gz`]);
  });
});
