/** A pruner's answer after an epoch: train on, or stop now (the trial is stored as pruned). */
export type PruneDecision = 'continue' | 'prune';

/**
 * What a training calls after each epoch (or every few): its epoch count (1-based) and the value
 * its pruner compares (e.g. validation accuracy). It answers `prune` when the trial should stop;
 * without a pruner, or between rungs, it answers `continue` at once.
 *
 * @example
 * for (let epoch = 1; epoch <= epochs; epoch++) {
 *   fitOneEpoch();
 *   if ((await report(epoch, validationAccuracy())) === 'prune') break;
 * }
 * @see https://proceedings.mlsys.org/paper_files/paper/2020/hash/a06f20b349c6cf09a6b171c71b88bbfc-Abstract.html
 */
export type ReportEpoch = (epoch: number, value: number | null) => Promise<PruneDecision>;

/** The report of a run without pruning: always `continue`. */
export const NEVER_PRUNE: ReportEpoch = async () => 'continue';
