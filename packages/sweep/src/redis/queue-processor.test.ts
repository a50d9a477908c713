import { describe, expect, it } from 'vitest';
import { redactUrls } from '../run/run-provenance';
import { dataFingerprint } from './data-fingerprint';
import { QUEUE_JOB_FORMAT, type QueueJob } from './queue-job';
import { queueRunId } from './queue-keys';
import { queueProcessor } from './queue-processor';
import { parseQueueUrl } from './queue-url';

const header = { type: 'run' as const, benchmark: 'toy', fingerprint: { seed: 1 } };
const data = { xs: Float64Array.of(1, 2, 3) };
const job = (overrides: Partial<QueueJob<{ key: string; unit: string }>> = {}) => ({
  id: 'j',
  data: {
    format: QUEUE_JOB_FORMAT,
    run: queueRunId(header, '1'),
    version: '1',
    header,
    source: null,
    task: { key: 'a/k=2', unit: 'a' },
    data: dataFingerprint(data),
    ...overrides,
  },
});
const trained: string[] = [];
const processJob = queueProcessor({
  version: '1',
  acceptTask: (h, task) => {
    if (h.benchmark !== 'toy') throw new Error(`unknown benchmark ${h.benchmark}`);
    return task as { key: string; unit: string };
  },
  loadUnit: async () => data,
  train: async (task) => {
    trained.push(task.key);
    return { type: 'result' as const, key: task.key };
  },
});

describe('queueProcessor', () => {
  it('trains a valid task on data with the coordinator’s fingerprint', async () => {
    await expect(processJob(job())).resolves.toEqual({ type: 'result', key: 'a/k=2' });
    expect(trained).toEqual(['a/k=2']);
  });

  it('refuses, without retries and without training, what it must not trust', async () => {
    const refused = async (j: ReturnType<typeof job> | { id: string; data: unknown }) => {
      const error = await processJob(j as ReturnType<typeof job>).then(
        () => null,
        (e: Error) => e,
      );
      expect(error?.name).toBe('UnrecoverableError');
      return error!.message;
    };
    trained.length = 0;
    expect(await refused(job({ run: 'ffffffffffffffff' }))).toMatch(
      /run id ffffffffffffffff does not match its run header/,
    );
    expect(
      await refused(
        job({
          header: { ...header, benchmark: 'other' },
          run: queueRunId({ ...header, benchmark: 'other' }, '1'),
        }),
      ),
    ).toMatch(/unknown benchmark other/);
    expect(await refused(job({ data: dataFingerprint({ xs: Float64Array.of(1, 2, 4) }) }))).toMatch(
      /its data for a differs from the coordinator's/,
    );
    expect(await refused({ id: 'x', data: { format: 1, run: 'r', version: '1' } })).toMatch(
      /header must be a run header/,
    );
    expect(await refused({ id: 'x', data: 'rm -rf /' })).toMatch(/not an object/);
    expect(trained).toEqual([]);
  });
});

describe('queue URLs', () => {
  it('accepts redis:// and rediss:// with a host and a database number', () => {
    for (const url of ['redis://127.0.0.1:6379', 'rediss://me:pw@db.example:6380/2']) {
      expect(parseQueueUrl(url)).toBe(url);
    }
  });

  it('refuses other URLs without showing their password', () => {
    expect(() => parseQueueUrl('http://me:s3cret@host:80')).toThrow(/redis:\/\/ or rediss:\/\//);
    expect(() => parseQueueUrl('http://me:s3cret@host:80')).not.toThrow(/s3cret/);
    expect(() => parseQueueUrl('redis://h:1/x')).toThrow(/database number/);
    expect(redactUrls('snn worker --queue rediss://me:s3cret@db:6380/1')).toBe(
      'snn worker --queue rediss://***:***@db:6380/1',
    );
  });

  it('fingerprints data by content, whatever the key order', () => {
    const a = dataFingerprint({ x: Float32Array.of(1, 2), y: [0, 1] });
    expect(dataFingerprint({ y: [0, 1], x: Float32Array.of(1, 2) })).toBe(a);
    expect(dataFingerprint({ y: [0, 1], x: Float32Array.of(1, 3) })).not.toBe(a);
    expect(dataFingerprint({ y: [0, 1], x: Float64Array.of(1, 2) })).not.toBe(a);
  });
});
