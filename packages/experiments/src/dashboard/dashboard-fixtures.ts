import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A run header of the `uci` benchmark for the dashboard's tests (the fingerprint is not read). */
export const FIXTURE_HEADER = { type: 'run', benchmark: 'uci', fingerprint: { seed: 1 } };

/** Four configurations of `snn` and `selu-free` per data set: the plan the tests give. */
export const FIXTURE_PLAN = ['iris', 'wine'].flatMap((dataset) =>
  ['snn', 'relu'].flatMap((arch) => [1, 2, 3, 4].map(() => ({ dataset, arch }))),
);

/**
 * A stored record of a tabular run whose validation value rises to `top` over `epochs` epochs;
 * with `pruned` the curve stops there (the rest `null`), as a pruned trial's does.
 */
export function fixtureRecord(
  dataset: string,
  arch: string,
  lr: number,
  top: number,
  options: { epochs?: number; pruned?: number } = {},
) {
  const epochs = options.epochs ?? 12;
  const reached = options.pruned ?? epochs;
  const validation = Array.from({ length: epochs }, (_, i) =>
    i < reached ? top * (1 - 0.5 ** (i + 1)) : null,
  );
  return {
    type: 'result',
    key: `${dataset}/fold1/${arch}/depth=2/width=16/lr=${lr}`,
    unit: `${dataset}/fold1`,
    dataset,
    part: 'fold1',
    config: { arch, depth: 2, width: 16, lr, dropout: 0, shape: 'rectangular', l2: 0 },
    seed: 1,
    loss: validation.map((v) => (v === null ? null : 1 - v)),
    validation,
    test: validation,
    diverged: false,
    seconds: 0.5,
    backend: 'cpu',
    ...(options.pruned === undefined ? {} : { pruned: options.pruned }),
  };
}

/** Writes a store with `FIXTURE_HEADER` and `records` into `folder`. */
export function writeFixtureStore(folder: string, records: readonly object[]): string {
  const path = join(folder, 'store.jsonl');
  writeFileSync(path, `${[FIXTURE_HEADER, ...records].map((r) => JSON.stringify(r)).join('\n')}\n`);
  return path;
}

/** Appends records to a store, as a run does (one line each). */
export function appendFixtureRecords(path: string, records: readonly object[]): void {
  for (const r of records) appendFileSync(path, `${JSON.stringify(r)}\n`);
}
