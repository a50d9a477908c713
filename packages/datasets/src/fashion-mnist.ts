import {
  type IdxDatasetSpec,
  type IdxSource,
  type ImageDataset,
  loadIdxDataset,
} from './idx-dataset';
import type { RemoteOptions } from './remote';

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017; MIT) from Zalando's S3 bucket, then the GitHub
 * repository. SHA-256 values are those of the original gzip files as published by TensorFlow
 * Datasets. (Debian's `dataset-fashion-mnist` re-gzips the files: same content, other hashes —
 * use it with `source: {dir}`.)
 */
export const FASHION_MNIST_REMOTE: IdxDatasetSpec = {
  dataset: 'fashion-mnist',
  mirrors: [
    'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
    'https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/',
  ],
  sha256: {
    trainImages: '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84',
    trainLabels: 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845',
    testImages: '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073',
    testLabels: '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5',
  },
  classNames: [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ],
};

/** Options of `loadFashionMnist`. */
export interface LoadFashionMnistOptions extends RemoteOptions {
  /** `'remote'` (default): download and cache the four IDX files; `{dir}`: a local folder with them. */
  source?: IdxSource;
}

/**
 * Loads Fashion-MNIST (60,000 / 10,000 images of 28 × 28) as plain arrays: x = pixel / 255,
 * y = class 0…9 (`classNames`). Node only.
 *
 * @param options `source` (default `'remote'`) and the cache and download options.
 * @example
 * const { train, test } = await loadFashionMnist({ source: { dir: '/usr/share/datasets/fashion-mnist' } });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function loadFashionMnist(
  options: LoadFashionMnistOptions = {},
): Promise<ImageDataset> {
  return loadIdxDataset(
    FASHION_MNIST_REMOTE,
    options.source ?? 'remote',
    options,
    'loadFashionMnist',
  );
}
