import type { StoreHeader, StoreRecord } from '@snn/sweep';
import type { GridTask } from '../run/grid-task';

/**
 * The first line of a tabular benchmark's store: `benchmark` is the name of one of
 * `TABULAR_BENCHMARKS`, `fingerprint` its plan.
 */
export type TabularHeader = StoreHeader;

/** The fields every stored {@link ResultRecord} has besides `type` and `key` (checked on reading). */
export const RESULT_RECORD_FIELDS = [
  'unit',
  'dataset',
  'part',
  'config',
  'seed',
  'loss',
  'validation',
  'test',
  'diverged',
  'seconds',
  'backend',
] as const;

/** One trained configuration: its curves per epoch, enough to redo model selection offline. */
export interface ResultRecord
  extends StoreRecord,
    Pick<GridTask, 'key' | 'unit' | 'dataset' | 'part' | 'config' | 'seed'> {
  type: 'result';
  /** Mean training loss per epoch as reported by the training loop; `null` once not finite. */
  loss: Array<number | null>;
  /** Validation metric per epoch (accuracy or ROC-AUC); `null` once the loss diverged. */
  validation: Array<number | null>;
  /** Test metric per epoch; read only at the epoch selection picks. */
  test: Array<number | null>;
  /** Extra per-epoch test values a benchmark needs (Tox21: AUC per task). */
  testDetail?: Array<Array<number | null> | null>;
  diverged: boolean;
  seconds: number;
  backend: string;
  /**
   * The epoch after which ASHA stopped the configuration (`--prune asha`); its curves are `null`
   * from there on. Absent: it trained every epoch (or diverged).
   */
  pruned?: number;
}
