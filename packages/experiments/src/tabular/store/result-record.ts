import type { StoreHeader, StoreRecord } from '@snn/sweep';
import type { Benchmark } from '../grid/architectures';
import type { Configuration } from '../grid/expand-grid';

/** The first line of a tabular benchmark's store: `benchmark` is `uci`, `htru2` or `tox21`. */
export type TabularHeader = StoreHeader<Benchmark>;

/** One trained configuration: its curves per epoch, enough to redo model selection offline. */
export interface ResultRecord extends StoreRecord {
  type: 'result';
  /** `<unit>/<configuration id>`, unique in a run. */
  key: string;
  /** Data the configuration was trained on (`iris/fold1`, `htru2/fold3`, `tox21`). */
  unit: string;
  /** Dataset name (`iris`, `htru2`, `tox21`). */
  dataset: string;
  /** Which split, fold or repeat of the dataset (`fold1`, `repeat2`). */
  part: string;
  config: Configuration;
  seed: number;
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
}
