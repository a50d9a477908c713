import { type SearchStrategy, randomPoint, taskSeed } from '@snn/sweep';
import { checkLimit } from '../../../../../internal/limits';
import { type UnitNames, taskKey } from '../data/unit-key';
import type { Architecture } from '../grid/architectures';
import { type Configuration, configurationId, expandGrid, gridSpace } from '../grid/expand-grid';
import { checkGridLimits } from '../grid/grid-limits';
import type { GridSpec } from '../grid/grid-spec';
import { planSearch } from './tabular-search';

/** One configuration to train on one data part: the unit of work of the pool and the store. */
export interface GridTask {
  /** `<dataset>/<part>/<configuration id>`: the store key. */
  key: string;
  /** Which prepared data the task needs. */
  unit: string;
  dataset: string;
  part: string;
  config: Configuration;
  /** Seed of initial weights, dropout masks and mini-batch order, from the run seed and `key`. */
  seed: number;
  epochs: number;
  batchSize: number;
  /** Relative training cost (multiply–adds per epoch), to schedule large tasks first. */
  cost: number;
  /** Trial number of a random search (absent for the grid). */
  trial?: number;
  /** Trials a pruner compares: those of one unit and architecture, `<unit>/<arch>`. */
  bracket?: string;
}

/** A data part of a benchmark with its size: the rows a configuration trains on. */
export interface DataPart extends UnitNames {
  trainRows: number;
  inputs: number;
}

/**
 * Every (part × architecture × configuration) of a run, each with its own seed. Units come
 * cheapest first (a long run completes whole small data sets early, and a run stopped partway
 * has the most data sets done); within a unit, larger networks come first so that the pool's
 * workers finish together. The order only schedules: records, seeds and shards depend on keys.
 * With `search` random, each architecture gets `trials` configurations drawn from its grid's
 * axes (`randomPoint(gridSpace(grid, arch), taskSeed(seed, 'search/<arch>'), i)`), the same on
 * every unit, keyed `<dataset>/<part>/trial=<i>/<configuration id>`.
 *
 * @example
 * gridTasks([{ unit: 'iris/fold1', dataset: 'iris', part: 'fold1', trainRows: 95, inputs: 4 }],
 *   ['snn'], builtinGrid('uci', 'quick'), 1).length; // 8
 * @see https://arxiv.org/abs/1706.02515
 */
export function gridTasks(
  parts: readonly DataPart[],
  archs: readonly Architecture[],
  grid: GridSpec,
  seed: number,
  search: SearchStrategy = { type: 'grid' },
): GridTask[] {
  // The run's size is checked before a single task is made: grid points × data units.
  const chosen = Object.fromEntries(
    Object.entries(grid.archs).filter(([arch]) => archs.includes(arch as Architecture)),
  );
  checkGridLimits({ ...grid, archs: chosen }, grid.name, search.type === 'grid' ? parts.length : 1);
  if (search.type === 'random') {
    checkLimit(
      'configurations',
      search.trials * archs.length * parts.length,
      `random search of ${search.trials} trials × ${archs.length} architectures on ${parts.length} data units`,
    );
  }
  const configs = searchConfigurations(grid, archs, seed, search);
  const units: Array<{ cost: number; tasks: GridTask[] }> = [];
  for (const p of parts) {
    const unitTasks = configs.map(({ config, trial }): GridTask => {
      const key = taskKey(p, config, trial);
      return {
        key,
        unit: p.unit,
        dataset: p.dataset,
        part: p.part,
        config,
        seed: taskSeed(seed, key),
        epochs: grid.epochs,
        batchSize: grid.batchSize,
        cost: p.trainRows * grid.epochs * networkSize(config, p.inputs),
        ...(trial === undefined ? {} : { trial }),
        bracket: `${p.unit}/${config.arch}`,
      };
    });
    unitTasks.sort((a, b) => b.cost - a.cost);
    units.push({ cost: unitTasks.reduce((sum, t) => sum + t.cost, 0), tasks: unitTasks });
  }
  // Array.prototype.sort is stable: units of equal cost keep the order they were given in.
  units.sort((a, b) => a.cost - b.cost);
  return units.flatMap((u) => u.tasks);
}

/** A configuration a run trains on every data unit, with its trial number under random search. */
export interface PlannedConfiguration {
  config: Configuration;
  /** Trial number of a random search (absent for the grid). */
  trial?: number;
}

/**
 * The configurations a run trains on every data unit, architecture by architecture: the whole
 * grid (`expandGrid`), or for random search `trials` configurations per architecture drawn from
 * its grid's axes, trial i = `randomPoint(gridSpace(grid, arch), taskSeed(seed, 'search/<arch>'), i)`.
 *
 * @example
 * searchConfigurations(builtinGrid('uci', 'quick'), ['snn'], 1).length;                            // 8
 * searchConfigurations(builtinGrid('uci', 'quick'), ['snn'], 1, { type: 'random', trials: 3 }).length; // 3
 * @see https://arxiv.org/abs/1706.02515
 */
export function searchConfigurations(
  grid: GridSpec,
  archs: readonly Architecture[],
  seed: number,
  search: SearchStrategy = { type: 'grid' },
): PlannedConfiguration[] {
  return archs.flatMap((arch) =>
    search.type === 'grid'
      ? expandGrid(grid, arch).map((config) => ({ config }))
      : Array.from({ length: search.trials }, (_, trial) => ({
          config: {
            arch,
            ...randomPoint(gridSpace(grid, arch), taskSeed(seed, `search/${arch}`), trial),
          } as Configuration,
          trial,
        })),
  );
}

/**
 * How many records each data unit needs per label of `labelsOf(config)` (e.g. the architecture,
 * or architecture and depth) under a run's plan — the grid, or the random search its fingerprint
 * records — so that reports know when a unit is complete.
 *
 * @example
 * plannedCounts({ grid, archs: ['snn'], seed: 1 }, (c) => [c.arch]).get('snn'); // grid size
 */
export function plannedCounts(
  plan: { grid: GridSpec; archs: readonly Architecture[]; seed: number },
  labelsOf: (config: Configuration) => readonly string[],
): Map<string, number> {
  const counts = new Map<string, number>();
  const { search } = planSearch(plan);
  for (const { config } of searchConfigurations(plan.grid, plan.archs, plan.seed, search)) {
    for (const label of labelsOf(config)) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

/** Rough multiply–adds per sample: the dense layers' weights (highway: ×2 for the gate). */
function networkSize(c: Configuration, inputs: number): number {
  const perLayer = c.arch === 'highway' ? 2 : c.arch === 'resnet' ? 2 * (c.bottleneck ?? 0.5) : 1;
  return inputs * c.width + c.depth * c.width * c.width * perLayer;
}

/** Position of each configuration id in grid order, per architecture (for tie-breaking). */
export function gridOrder(grid: GridSpec, archs: readonly Architecture[]): Map<string, number> {
  const order = new Map<string, number>();
  for (const arch of archs) {
    expandGrid(grid, arch).forEach((c, i) => order.set(configurationId(c), i));
  }
  return order;
}
