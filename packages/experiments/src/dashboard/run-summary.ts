import type { StoreHeader } from '@snn/sweep';
import { selectEpoch } from '../tabular/selection/select-model';

/** Curves of pruned trials kept per data set × network (the first ones stored). */
export const PRUNED_CURVES_KEPT = 12;

/** One trained configuration's validation curve, as the dashboard draws it. */
export interface TrialCurve {
  key: string;
  part: string;
  configId: string;
  /** Validation metric per epoch (`null` after a divergence or past the epoch it was pruned at). */
  validation: Array<number | null>;
  /** Selection's epoch and smoothed validation value (null: not a single finite value). */
  selected: { epoch: number; smoothed: number } | null;
  /** The epoch the pruner stopped it at (absent: trained to the end). */
  pruned?: number;
}

/** Progress and the best trial so far of one data set × network. */
export interface GroupProgress {
  dataset: string;
  arch: string;
  /** Configurations stored (pruned ones included). */
  done: number;
  pruned: number;
  diverged: number;
  /** Configurations the run plans, or null when the plan is unknown. */
  total: number | null;
  /** Training seconds summed over the stored configurations. */
  seconds: number;
  /** The trial with the best smoothed validation value among those not pruned. */
  best: { key: string; part: string; configId: string; epoch: number; smoothed: number } | null;
}

/** The part of a stored record the dashboard reads (a tabular `ResultRecord`, or a `sweep` trial). */
interface StoredLine {
  type?: unknown;
  key?: unknown;
  dataset?: unknown;
  unit?: unknown;
  part?: unknown;
  config?: { arch?: unknown } | null;
  validation?: unknown;
  diverged?: unknown;
  seconds?: unknown;
  pruned?: unknown;
}

interface Group extends GroupProgress {
  bestCurve: TrialCurve | null;
  prunedCurves: TrialCurve[];
}

/**
 * What the dashboard knows of a run, built line by line from its store (see `StoreTail`) in
 * bounded memory: per data set × network the counts, the best trial's curve (the paper's
 * selection score, `selectEpoch`, over trials that were not pruned) and the curves of the first
 * {@link PRUNED_CURVES_KEPT} pruned trials; every other record is counted and dropped.
 *
 * @example
 * const summary = new RunSummary((header) => planTotals(header));
 * summary.add(JSON.parse(line));
 * summary.groups(); // [{ dataset: 'iris', arch: 'snn', done: 3, total: 8, … }]
 * @see https://arxiv.org/abs/1706.02515
 */
export class RunSummary {
  header: StoreHeader | null = null;
  /** Bumped on every change, for clients to tell whether to fetch again. */
  version = 0;
  private readonly seen = new Set<string>();
  private readonly failedKeys = new Set<string>();
  private byGroup = new Map<string, Group>();
  private totals: Map<string, number> | null = null;

  /**
   * @param plan - The configurations a run's header plans, as (data set, network) pairs, or null
   *   when unknown; gives each group its total.
   */
  constructor(
    private readonly plan: (
      header: StoreHeader,
    ) => ReadonlyArray<{ dataset: string; arch: string }> | null = () => null,
  ) {}

  /** Takes one parsed store line (the header first). */
  add(value: unknown, line: number): void {
    this.version++;
    const v = (value ?? {}) as StoredLine & { type?: unknown };
    if (line === 1) {
      if (v.type === 'run') this.setHeader(value as StoreHeader);
      return;
    }
    if (typeof v.key !== 'string') return;
    if (v.type === 'failed') {
      if (!this.seen.has(v.key)) this.failedKeys.add(v.key);
      return;
    }
    if (v.type !== 'result' || this.seen.has(v.key)) return;
    this.seen.add(v.key);
    this.failedKeys.delete(v.key);
    this.addRecord(v as StoredLine & { key: string });
  }

  /** Forgets everything (the store was replaced). */
  clear(): void {
    this.version++;
    this.header = null;
    this.seen.clear();
    this.failedKeys.clear();
    this.byGroup = new Map();
    this.totals = null;
  }

  /** Every group, planned ones first in plan order, then any others in the order first seen. */
  groups(): GroupProgress[] {
    return [...this.byGroup.values()].map(({ bestCurve: _, prunedCurves: __, ...g }) => g);
  }

  /** Stored, failed (without a result since) and planned configurations of the whole run. */
  counts(): { stored: number; failed: number; planned: number | null } {
    const planned =
      this.totals === null ? null : [...this.totals.values()].reduce((a, b) => a + b, 0);
    return { stored: this.seen.size, failed: this.failedKeys.size, planned };
  }

  /** The best and the kept pruned curves of every network of `dataset`. */
  curves(dataset: string): Array<{ arch: string; best: TrialCurve | null; pruned: TrialCurve[] }> {
    return [...this.byGroup.values()]
      .filter((g) => g.dataset === dataset)
      .map((g) => ({ arch: g.arch, best: g.bestCurve, pruned: g.prunedCurves }));
  }

  private setHeader(header: StoreHeader): void {
    this.header = header;
    let planned: ReadonlyArray<{ dataset: string; arch: string }> | null = null;
    try {
      planned = this.plan(header);
    } catch {
      planned = null; // a header the plan does not know: counts without totals
    }
    if (planned === null) return;
    this.totals = new Map();
    for (const { dataset, arch } of planned) {
      const id = groupId(dataset, arch);
      this.totals.set(id, (this.totals.get(id) ?? 0) + 1);
    }
    for (const { dataset, arch } of planned) this.group(dataset, arch);
  }

  private group(dataset: string, arch: string): Group {
    const id = groupId(dataset, arch);
    let g = this.byGroup.get(id);
    if (g === undefined) {
      g = {
        dataset,
        arch,
        done: 0,
        pruned: 0,
        diverged: 0,
        total: this.totals?.get(id) ?? null,
        seconds: 0,
        best: null,
        bestCurve: null,
        prunedCurves: [],
      };
      this.byGroup.set(id, g);
    }
    return g;
  }

  private addRecord(r: StoredLine & { key: string }): void {
    const dataset = typeof r.dataset === 'string' ? r.dataset : String(r.unit ?? '?');
    const arch = typeof r.config?.arch === 'string' ? r.config.arch : '—';
    const g = this.group(dataset, arch);
    g.done++;
    if (typeof r.seconds === 'number') g.seconds += r.seconds;
    if (r.diverged === true) g.diverged++;
    const pruned = typeof r.pruned === 'number' ? r.pruned : undefined;
    if (pruned !== undefined) g.pruned++;
    if (!Array.isArray(r.validation)) return;
    const validation = (r.validation as unknown[]).map((x) => (typeof x === 'number' ? x : null));
    const selected = selectEpoch(validation);
    const part = typeof r.part === 'string' ? r.part : '';
    const configId = r.key
      .split('/')
      .slice(part === '' ? 1 : 2)
      .join('/');
    const curve: TrialCurve = {
      key: r.key,
      part,
      configId,
      validation,
      selected,
      ...(pruned === undefined ? {} : { pruned }),
    };
    if (pruned !== undefined) {
      if (g.prunedCurves.length < PRUNED_CURVES_KEPT) g.prunedCurves.push(curve);
      return;
    }
    if (selected !== null && (g.best === null || selected.smoothed > g.best.smoothed)) {
      g.best = { key: r.key, part, configId, ...selected };
      g.bestCurve = curve;
    }
  }
}

function groupId(dataset: string, arch: string): string {
  return `${dataset}\u0000${arch}`;
}
