import type { StoreRecord } from '../store/result-store';

/**
 * Why `record` cannot be stored as the result of the task keyed `key`, or null when it can: it
 * must be an object of `type: 'result'` whose `key` is the task's. The one key check of every
 * executor — `runSweep` applies it to what any executor returns, and a queue worker applies it
 * before a record leaves the machine — so a bug that mixes up records fails the same way
 * everywhere: the task is recorded as failed with this message, never retried (it would return
 * the same record again).
 *
 * @example
 * recordKeyError('a/lr=0.1', { type: 'result', key: 'a/lr=0.1', loss: 0.2 }); // null
 * recordKeyError('a/lr=0.1', { type: 'result', key: 'b/lr=0.1' }); // 'training a/lr=0.1 returned a record for b/lr=0.1; …'
 * @see https://arxiv.org/abs/1706.02515
 */
export function recordKeyError(key: string, record: unknown): string | null {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return `training ${key} returned ${record === null ? 'null' : Array.isArray(record) ? 'an array' : typeof record}, not a record; \`train\` must return { type: 'result', key: task.key, … }`;
  }
  const r = record as Partial<StoreRecord>;
  if (r.type !== 'result') {
    return `training ${key} returned a record of type ${JSON.stringify(r.type)}; \`train\` must return { type: 'result', key: task.key, … }`;
  }
  if (r.key !== key) {
    return `training ${key} returned a record for ${JSON.stringify(r.key)}; a record's \`key\` must be its task's key`;
  }
  return null;
}
