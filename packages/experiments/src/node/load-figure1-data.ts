import { constants, accessSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCifar10, loadFashionMnist, loadMnist } from '@snn/datasets';
import { UsageError } from '../common/usage-error';
import { FIGURE1_DATASETS, type Figure1Dataset } from '../figure1/figure1-config';
import type { Figure1Data } from '../figure1/train-figure1';

/** `--source` values besides a folder path. */
export const FIGURE1_SOURCES = ['embedded', 'remote'] as const;

/**
 * Checks `--dataset` and `--source` (a folder must exist and be readable; `embedded` is MNIST
 * only) and returns the source as @snn/datasets wants it. Throws {@link UsageError}.
 */
export function checkFigure1Source(
  dataset: string,
  source: string | undefined,
): { dataset: Figure1Dataset; source: 'embedded' | 'remote' | { dir: string }; label: string } {
  if (!(FIGURE1_DATASETS as readonly string[]).includes(dataset)) {
    throw UsageError.choice('--dataset', dataset, FIGURE1_DATASETS);
  }
  const label = source ?? (dataset === 'mnist' ? 'embedded' : 'remote');
  if (label === 'embedded') {
    if (dataset !== 'mnist') {
      throw new UsageError(
        `--source embedded exists only for mnist; for ${dataset} use remote or a folder with its files`,
      );
    }
    return { dataset: 'mnist', source: 'embedded', label };
  }
  if (label === 'remote') return { dataset: dataset as Figure1Dataset, source: 'remote', label };
  const dir = resolve(label);
  let problem: string | null = null;
  try {
    if (!statSync(dir).isDirectory()) problem = 'not a folder';
    else accessSync(dir, constants.R_OK | constants.X_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problem =
      code === 'ENOENT' ? 'no such folder' : code === 'EACCES' ? 'not readable' : String(code);
  }
  if (problem) {
    throw new UsageError(
      `--source must be one of ${FIGURE1_SOURCES.join(', ')} or a readable folder; got ${JSON.stringify(label)} (${problem})`,
    );
  }
  return { dataset: dataset as Figure1Dataset, source: { dir }, label: dir };
}

/** Loads the training split of a Figure 1 dataset with @snn/datasets. */
export async function loadFigure1Data(
  dataset: Figure1Dataset,
  source: 'embedded' | 'remote' | { dir: string },
  cacheDir?: string,
): Promise<Figure1Data> {
  const common = cacheDir === undefined ? {} : { cacheDir };
  switch (dataset) {
    case 'mnist': {
      const data = await loadMnist({ source, ...common });
      return { train: data.train, classes: data.classes };
    }
    case 'fashion-mnist': {
      const data = await loadFashionMnist({
        source: source as 'remote' | { dir: string },
        ...common,
      });
      return { train: data.train, classes: data.classes };
    }
    case 'cifar10': {
      const data = await loadCifar10({ source: source as 'remote' | { dir: string }, ...common });
      return { train: data.train, classes: data.classes };
    }
  }
}
