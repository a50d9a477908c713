import type { Redis } from 'ioredis';
import type { AshaPruner } from './asha';
import type { PruneDecision, ReportEpoch } from './report-epoch';
import { rungEpoch } from './rung-epoch';

/** Prefix of the rung keys of queued runs: `snn:rungs:<run>:<bracket>:<rung>` (+ `:decided`). */
export const RUNG_KEY_PREFIX = 'snn:rungs';

/**
 * One rung decision, atomic in Redis (a script runs alone): a decision already stored for the
 * trial is returned as it is; otherwise the trial's score joins the rung's sorted set and it goes
 * on iff fewer than max(1, ⌊n/η⌋) scores are strictly greater — `promotes` in Lua, on scores
 * where larger is better (−value for `min`, −inf for a value that is not finite, which never
 * goes on). KEYS: the rung's scores, its decisions. ARGV: trial, score, η.
 */
const DECIDE = `
local stored = redis.call('HGET', KEYS[2], ARGV[1])
if stored then return stored end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local n = redis.call('ZCARD', KEYS[1])
local better = redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[2], '+inf')
local decision = '0'
if ARGV[2] ~= '-inf' and better < math.max(1, math.floor(n / tonumber(ARGV[3]))) then decision = '1' end
redis.call('HSET', KEYS[2], ARGV[1], decision)
return decision
`;

/** Where a queued trial's rungs are decided: its run, bracket and key. */
export interface RedisRungTrial {
  run: string;
  bracket: string;
  trial: string;
}

/**
 * The pruner of a trial trained by a queue worker: after each epoch, every rung e_k ≤ epoch is
 * decided in Redis (one atomic Lua script per rung) with the rung records of every
 * worker, so trials on any number of machines share their rungs. A decision is stored once per
 * trial and rung: a retried or taken-over trial gets the same answers.
 *
 * @example
 * const report = redisRungReport(redis, asha({ maxResource: 27 }), { run, bracket: 'iris/fold1', trial: key });
 * if ((await report(3, 0.91)) === 'prune') stop();
 * @see https://proceedings.mlsys.org/paper_files/paper/2020/hash/a06f20b349c6cf09a6b171c71b88bbfc-Abstract.html
 */
export function redisRungReport(
  redis: Redis,
  pruner: AshaPruner,
  where: RedisRungTrial,
): ReportEpoch {
  let next = 0;
  let pruned = false;
  return async (epoch, value): Promise<PruneDecision> => {
    if (pruned) return 'prune';
    const finite = value !== null && Number.isFinite(value);
    const score = finite ? String(pruner.mode === 'max' ? value : -value!) : '-inf';
    for (
      let at = rungEpoch(pruner, next);
      at !== null && at <= epoch;
      at = rungEpoch(pruner, next)
    ) {
      const base = `${RUNG_KEY_PREFIX}:${where.run}:${where.bracket}:${next}`;
      const decision = await redis.eval(
        DECIDE,
        2,
        base,
        `${base}:decided`,
        where.trial,
        score,
        String(pruner.reductionFactor),
      );
      next++;
      if (String(decision) !== '1') {
        pruned = true;
        return 'prune';
      }
    }
    return 'continue';
  };
}

/**
 * Deletes the rung records of a queued run (`queue clean`): every key under
 * `snn:rungs:<run>:`, found by SCAN. Returns how many keys were deleted.
 *
 * @example
 * await deleteRedisRungs(redis, queueRunId(header, '1.0.0')); // 8
 */
export async function deleteRedisRungs(redis: Redis, run: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [nextCursor, keys] = await redis.scan(
      cursor,
      'MATCH',
      `${RUNG_KEY_PREFIX}:${run}:*`,
      'COUNT',
      500,
    );
    cursor = nextCursor;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
