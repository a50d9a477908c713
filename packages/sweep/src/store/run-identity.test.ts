import { describe, expect, it } from 'vitest';
import { queueRunId } from '../redis/queue-keys';
import { type StoreHeader, runDifference, runIdentity } from './result-store';

const header: StoreHeader = {
  type: 'run',
  benchmark: 'uci',
  fingerprint: { seed: 1, grid: { name: 'quick' } },
  info: { skipped: [] },
};

describe('one run: the same benchmark and fingerprint', () => {
  it('leaves out the type and info', () => {
    expect(runIdentity(header)).toEqual({
      benchmark: 'uci',
      fingerprint: { seed: 1, grid: { name: 'quick' } },
    });
    expect(runDifference(header, { ...header, info: { skipped: ['x'] } })).toBeNull();
  });

  it('names the first difference, in the words given', () => {
    const other = { ...header, fingerprint: { seed: 2, grid: { name: 'quick' } } };
    expect(runDifference(header, other)).toBe(
      'fingerprint.seed is 1 in the store, the command asks for 2',
    );
    expect(runDifference({ ...header, benchmark: 'htru2' }, header, ['there', 'a.jsonl has'])).toBe(
      'benchmark is "htru2" there, a.jsonl has "uci"',
    );
  });

  it('keys a queue run by SHA-256 of {benchmark, fingerprint, version} (Python hashlib)', () => {
    // hashlib.sha256(b'{"benchmark":"uci","fingerprint":{"seed":1,"grid":{"name":"quick"}},"version":"1.0.0"}')
    expect(queueRunId(header, '1.0.0')).toBe('04823255cac606d3');
    expect(queueRunId({ ...header, info: { other: true } }, '1.0.0')).toBe('04823255cac606d3');
    expect(queueRunId(header, '1.0.1')).not.toBe('04823255cac606d3');
  });
});
