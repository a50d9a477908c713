import { SnnError } from '../../../internal/snn-error';
import { requireNode } from './environment';
import { idxSplit } from './idx';
import type { RemoteFile, RemoteOptions } from './remote';
import type { Split } from './split';

/** The four standard IDX files of MNIST and Fashion-MNIST. */
export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

/** One of the four IDX files, by its key in {@link IDX_FILES}. */
export type IdxFileKey = keyof typeof IDX_FILES;

/** A 28 × 28 grey-level, 10-class image dataset as plain arrays. */
export interface ImageDataset {
  train: Split;
  test: Split;
  classes: 10;
  imageShape: [28, 28];
  classNames: readonly string[];
}

/** Where the IDX files come from: downloaded (and cached), or a local folder. */
export type IdxSource = 'remote' | { dir: string };

/** Where an IDX data set is downloaded from and the SHA-256 each of its four files must have. */
export interface IdxDatasetSpec {
  dataset: string;
  mirrors: string[];
  sha256: Record<IdxFileKey, string>;
  classNames: readonly string[];
}

/**
 * Accepted names of each file in a local folder: the standard `train-images-idx3-ubyte` and the
 * dotted `train-images.idx3-ubyte` some copies use, each gzip or raw.
 */
function candidates(key: IdxFileKey): string[] {
  const gz = IDX_FILES[key];
  const raw = gz.slice(0, -3);
  const dotted = raw.replace(/-(idx\d)/, '.$1');
  return [gz, raw, `${dotted}.gz`, dotted];
}

/** Loads the four IDX files of `spec` from `source`. Node only. */
export async function loadIdxDataset(
  spec: IdxDatasetSpec,
  source: IdxSource,
  options: RemoteOptions,
  caller: string,
): Promise<ImageDataset> {
  requireNode(
    `${caller}({source: ${typeof source === 'string' ? `'${source}'` : '{dir}'}})`,
    'fetch the four IDX files yourself and build the splits with idxSplit()',
  );
  const files = await import('./node/files');
  const paths = {} as Record<IdxFileKey, string>;
  if (source === 'remote') {
    const { ensureCached } = await import('./node/download');
    for (const key of Object.keys(IDX_FILES) as IdxFileKey[]) {
      const remote: RemoteFile = {
        dataset: spec.dataset,
        file: IDX_FILES[key],
        mirrors: spec.mirrors,
        sha256: spec.sha256[key],
        checkedBy: 'published SHA-256',
      };
      paths[key] = await ensureCached(remote, options, caller);
    }
  } else if (typeof source === 'object' && source !== null && typeof source.dir === 'string') {
    for (const key of Object.keys(IDX_FILES) as IdxFileKey[]) {
      const names = candidates(key);
      const found = await files.firstExisting(source.dir, names);
      if (!found) {
        throw new SnnError(
          `${caller}: ${source.dir} has no ${names.join(' / ')}; put the four IDX files (${Object.values(IDX_FILES).join(', ')}; gzip or raw) in that folder`,
        );
      }
      paths[key] = found;
    }
  } else {
    throw new SnnError(
      `${caller}: \`source\` must be 'remote' or {dir: string}, got ${JSON.stringify(source)}`,
    );
  }
  const read = async (key: IdxFileKey) =>
    files.gunzipNode(await files.readBytes(paths[key]), paths[key]);
  const train = idxSplit(await read('trainImages'), await read('trainLabels'), {
    images: paths.trainImages,
    labels: paths.trainLabels,
  });
  const test = idxSplit(await read('testImages'), await read('testLabels'), {
    images: paths.testImages,
    labels: paths.testLabels,
  });
  return { train, test, classes: 10, imageShape: [28, 28], classNames: spec.classNames };
}
