// Loads the addon and runs a product and a SELU through its kernels on a backend of our own: stock
// tfjs wasm with the addon's kernels in place. (@snn/runtime's enableNative builds `snn-native`
// the same way on its faster snn-wasm kernels; most users call selectBackend from there.)
import '@tensorflow/tfjs-backend-wasm';
import { loadNativeAddon, nativeKernels } from '@snn/backend-native';
import * as tf from '@tensorflow/tfjs-core';

const load = await loadNativeAddon();
if (!load.ok) throw new Error(load.why);
console.log(load.blas);

const name = 'my-native';
const wasm = await tf.findBackendFactory('wasm')();
const base = tf.getKernelsForBackend('wasm').map((kernel) => ({ ...kernel, backendName: name }));
for (const kernel of nativeKernels(base, load.addon, name)) tf.registerKernel(kernel);
tf.registerBackend(name, () => wasm);
await tf.setBackend(name);

const x = tf.tensor2d([
  [1, 2],
  [3, 4],
]);
const w = tf.tensor2d([
  [5, 6],
  [7, 8],
]);
// [[19, 22], [43, 50]] − 30, then SELU: λα(eˣ − 1) below 0, λx above.
tf.selu(tf.sub(tf.matMul(x, w), 30)).print();
