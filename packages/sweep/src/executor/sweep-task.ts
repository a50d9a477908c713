/** What a sweep needs of a task: a key unique in the run and the data unit it trains on. */
export interface SweepTask {
  /** The store key, e.g. `iris/fold1/snn/depth=2/lr=0.1`. */
  key: string;
  /** Which data the task needs; tasks of one unit share one load. */
  unit: string;
  /** Which trials a pruner compares this one with (default: those of its `unit`). */
  bracket?: string;
}
