import { type Uci121Dataset, listUci121 } from '@snn/datasets';
import { UsageError } from '../../common/usage-error';
import { uciSizeGroup } from './uci-report';
import { loadUciDataset } from './uci-units';

/** The dataset groups `--datasets` accepts besides a list of names. */
export const UCI_DATASET_GROUPS = ['all', 'small', 'large'] as const;
/** One of {@link UCI_DATASET_GROUPS}. */
export type UciDatasetGroup = (typeof UCI_DATASET_GROUPS)[number];

/**
 * The datasets of a UCI run: the names given (a dataset that fails to load is an error), or a group of
 * the archive's datasets (those that fail to load are skipped with the loader's message; a group
 * keeps the sets whose sample count, as the paper counts it, falls in it).
 *
 * @param datasets names, or `'all'`, `'small'` (the paper's 75 sets with fewer than 1000 samples)
 *   or `'large'` (at least 1000).
 * @param archive the collection's `data.tar.gz` or folder; `undefined` downloads and caches it.
 * @example
 * const { loaded } = await loadUciDatasets('small', 'data.tar.gz'); // loaded.size === 75
 * @see https://arxiv.org/abs/1706.02515 (Table 1)
 */
export async function loadUciDatasets(
  datasets: string[] | UciDatasetGroup,
  archive: string | undefined,
): Promise<{
  loaded: Map<string, Uci121Dataset>;
  skipped: Array<{ dataset: string; reason: string }>;
}> {
  const group = typeof datasets === 'string' ? datasets : null;
  if (group !== null && !(UCI_DATASET_GROUPS as readonly string[]).includes(group)) {
    throw UsageError.choice('--datasets', group, [...UCI_DATASET_GROUPS, '<name,name,…>']);
  }
  const names = group === null ? (datasets as string[]) : await listUci121(archive);
  if (names.length === 0) throw new UsageError('--datasets must name at least one dataset');
  const loaded = new Map<string, Uci121Dataset>();
  const skipped: Array<{ dataset: string; reason: string }> = [];
  for (const name of names) {
    let dataset: Uci121Dataset;
    try {
      dataset = await loadUciDataset(name, archive);
    } catch (error) {
      if (group === null) throw error;
      skipped.push({ dataset: name, reason: (error as Error).message });
      continue;
    }
    if (group === null || group === 'all' || group === uciSizeGroup(uciSamples(dataset))) {
      loaded.set(name, dataset);
    }
  }
  if (loaded.size === 0) {
    throw new UsageError(`--datasets ${group}: none of the archive's datasets loads in this group`);
  }
  return { loaded, skipped };
}

/**
 * Rows of a dataset as the paper counts them: the collection's files, test file included.
 *
 * @example
 * uciSamples(await loadUci121('iris', { archive })); // 150
 */
export function uciSamples(d: Uci121Dataset): number {
  return d.data.n + (d.test?.n ?? 0);
}
