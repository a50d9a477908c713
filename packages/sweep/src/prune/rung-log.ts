import { join } from 'node:path';
import { ResultStore, type StoreHeader, type StoreRecord } from '../store/result-store';
import type { AshaPruner } from './asha';
import { promotes } from './promotes';
import type { PruneDecision } from './report-epoch';
import { rungEpoch } from './rung-epoch';

/** File of a run's rung records (local executors), beside `store.jsonl`. */
export const RUNGS_FILE = 'rungs.jsonl';

/** One trial's value at one rung and the decision taken there, as stored in `rungs.jsonl`. */
export interface RungRecord extends StoreRecord {
  /** `<trial key>@<rung>`. */
  key: string;
  trial: string;
  bracket: string;
  rung: number;
  epoch: number;
  /** The reported value (null when not finite). */
  value: number | null;
  promoted: boolean;
}

const RUNG_FIELDS = ['trial', 'bracket', 'rung', 'epoch', 'promoted'] as const;

/**
 * The rung records of a run trained by the in-process or local-pool executor: `rungs.jsonl` in
 * the run folder, a result store of its own (same header, one fsynced line per decision, a cut
 * tail repaired on opening). A decision is taken once per trial and rung, from the records of
 * its bracket and rung stored before it, and stored; a trial that reaches the rung again (a
 * retry, a resumed run) gets the stored answer, so resuming never changes a decision.
 *
 * @example
 * const rungs = RungLog.open(outDir, header);
 * rungs.decide(asha({ maxResource: 9 }), 'iris/fold1', key, 3, 0.91); // 'continue' | 'prune'
 * rungs.close();
 * @see https://proceedings.mlsys.org/paper_files/paper/2020/hash/a06f20b349c6cf09a6b171c71b88bbfc-Abstract.html
 */
export class RungLog {
  private readonly values = new Map<string, Array<number | null>>();
  private readonly byKey = new Map<string, RungRecord>();

  private constructor(private readonly store: ResultStore<RungRecord>) {
    for (const r of store.records()) {
      this.byKey.set(r.key, r);
      this.valuesAt(r.bracket, r.rung).push(r.value);
    }
  }

  /** Opens (or creates) `rungs.jsonl` in `outDir` for the run of `header`. */
  static open(outDir: string, header: StoreHeader): RungLog {
    return new RungLog(ResultStore.open<RungRecord>(join(outDir, RUNGS_FILE), header, RUNG_FIELDS));
  }

  /**
   * The decision for `trial` after `epoch` with `value`: every rung e_k ≤ `epoch` is judged in
   * order (a stored decision is reused); `prune` at the first rung it does not pass.
   */
  decide(
    pruner: AshaPruner,
    bracket: string,
    trial: string,
    epoch: number,
    value: number | null,
  ): PruneDecision {
    for (let k = 0; ; k++) {
      const at = rungEpoch(pruner, k);
      if (at === null || at > epoch) return 'continue';
      const key = `${trial}@${k}`;
      let record = this.byKey.get(key);
      if (record === undefined) {
        const stored = finite(value);
        const recorded = this.valuesAt(bracket, k);
        recorded.push(stored);
        const promoted = promotes(stored, recorded, pruner.reductionFactor, pruner.mode);
        record = {
          type: 'result',
          key,
          trial,
          bracket,
          rung: k,
          epoch: at,
          value: stored,
          promoted,
        };
        this.store.append(record);
        this.byKey.set(key, record);
      }
      if (!record.promoted) return 'prune';
    }
  }

  /** Closes `rungs.jsonl`; deciding afterwards throws until it is opened again. */
  close(): void {
    this.store.close();
  }

  private valuesAt(bracket: string, rung: number): Array<number | null> {
    const id = `${bracket}\u0000${rung}`;
    let list = this.values.get(id);
    if (list === undefined) {
      list = [];
      this.values.set(id, list);
    }
    return list;
  }
}

function finite(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}
