import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync, writeJsonAtomic } from './atomic-write';

const dir = mkdtempSync(join(tmpdir(), 'snn-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  it('writes text and bytes, replaces an existing file and leaves no temp files', async () => {
    const path = join(dir, 'nested', 'a.txt');
    await writeFileAtomic(path, 'first');
    await writeFileAtomic(path, 'second');
    expect(readFileSync(path, 'utf8')).toBe('second');
    await writeFileAtomic(join(dir, 'b.bin'), new Uint8Array([1, 2, 255]));
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 255]);
    writeFileAtomicSync(join(dir, 'c.txt'), 'sync');
    expect(readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('sync');
    expect(readdirSync(join(dir, 'nested'))).toEqual(['a.txt']);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writeJsonAtomic round-trips a value', async () => {
    const path = join(dir, 'v.json');
    await writeJsonAtomic(path, { a: [1, 2.5], b: 'x' });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ a: [1, 2.5], b: 'x' });
  });

  it('fails cleanly when the target is a folder, leaving no temp file', async () => {
    await expect(writeFileAtomic(join(dir, 'nested'), 'x')).rejects.toThrow();
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
