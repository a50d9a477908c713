export { SnnError } from '../../../internal/snn-error';
export type { Split } from './split';
export { subset } from './split';
export {
  type ColumnScaling,
  type Standardized,
  applyColumnScaling,
  fitColumnScaling,
  standardize,
} from './standardize';
export { type ToTensorsOptions, toTensors } from './to-tensors';
export { nestedCvSplit, stratifiedFolds } from './folds';
export type { DownloadProgress, RemoteFile, RemoteOptions } from './remote';
export { type IdxArray, type IdxPairNames, idxSplit, parseIdx } from './idx';
export {
  EMBEDDED_MNIST_COUNTS,
  EMBEDDED_MNIST_SEED,
  EMBEDDED_MNIST_TEST_FRACTION,
  type EmbeddedMnist,
  digitBytesFromJson,
  embeddedMnistFromBytes,
  embeddedMnistFromDigits,
} from './embedded-mnist';
export {
  IDX_FILES,
  type IdxDatasetSpec,
  type IdxFileKey,
  type IdxSource,
  type ImageDataset,
} from './idx-dataset';
export { type LoadMnistOptions, MNIST_REMOTE, loadMnist } from './mnist';
export {
  FASHION_MNIST_REMOTE,
  type LoadFashionMnistOptions,
  loadFashionMnist,
} from './fashion-mnist';
export {
  CIFAR10_CLASS_NAMES,
  CIFAR10_REMOTE,
  type Cifar10Dataset,
  type LoadCifar10Options,
  cifar10Split,
  loadCifar10,
} from './cifar10';
export {
  type Uci121Dataset,
  type Uci121Options,
  UCI121_REMOTE,
  listUci121,
  loadUci121,
} from './uci121';
export type { UciMetadata } from './uci121-parse';
export { UCI121_SCALE_TOLERANCE, isScaledLikeUci121, scaleLikeUci121 } from './uci121-scale';
export { type Uci121TrainTest, uci121TrainTest } from './uci121-train-test';
export {
  HTRU2_REMOTE,
  type LoadHtru2Options,
  htru2FromBytes,
  loadHtru2,
  parseHtru2Csv,
} from './htru2';
export {
  type LoadTox21Options,
  TOX21_TASKS,
  type Tox21Dataset,
  loadTox21,
  tox21FromFiles,
} from './tox21';
export { TOX21_FILES, TOX21_REMOTE, type Tox21FileKey } from './tox21-archive';
export { TOX21_PAPER_PREPROCESS, type Tox21Preprocess, type Tox21Split } from './tox21-splits';
