import type { ResultRecord } from '../store/result-record';

/** Where a run wrote its files and how much it trained. */
export interface RunInfo {
  outDir: string;
  storePath: string;
  /** Every configuration of the whole grid has a result (false for a shard until merged). */
  complete: boolean;
  trained: number;
  resumed: number;
  /** Files written (empty while incomplete). */
  files: string[];
}

/** The backends the records were trained on, e.g. `wasm`. */
export function backendsOf(records: readonly ResultRecord[]): string {
  return [...new Set(records.map((r) => r.backend))].sort().join(', ');
}
