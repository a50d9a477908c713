/**
 * buildFnn's seven networks against an independent float64 reference: PyTorch's forward and
 * backward pass of the same networks (bench/reference/torch_networks.py) on the same float32
 * weights and input, written by scripts/make-architecture-fixtures.py. On every backend: the
 * softmax output, the mean categorical cross-entropy, its gradient with respect to every weight
 * and to the input (training mode: BatchNorm on batch statistics), BatchNorm's inference output
 * on its moving statistics and the moving statistics after one training-mode pass.
 */
import * as tf from '@tensorflow/tfjs-core';
import { metrics } from '@tensorflow/tfjs-layers';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends';
import type { Architecture } from './architectures';
import { type BuildFnnOptions, buildFnn } from './build-fnn';
import fixture from './fixtures/architectures-torch.json';

interface Named {
  name: string;
  values: number[];
}

/** A network of the fixture: buildFnn's options as the script wrote them, and PyTorch's results. */
interface NetworkFixture
  extends Pick<
    BuildFnnOptions,
    | 'architecture'
    | 'inputDim'
    | 'outputDim'
    | 'depth'
    | 'width'
    | 'shape'
    | 'blockShape'
    | 'bottleneck'
  > {
  name: string;
  weights: Array<Named & { shape: number[] }>;
  input: number[];
  labels: number[];
  output: number[];
  loss: number;
  gradients: Named[];
  inputGradient: number[];
  inferenceOutput?: number[];
  movingAfterStep?: Named[];
}

const NETWORKS = (fixture as { networks: NetworkFixture[] }).networks;

/** float32 unit roundoff. */
const U = 2 ** -24;

/**
 * Length-K reductions one hidden layer puts on the path from input to output: the matrix product,
 * plus BatchNorm's batch moments, LayerNorm's feature moments or WeightNorm's ‖v‖; a highway
 * layer's three products run side by side, a residual branch's three one after the other.
 */
const REDUCTIONS_PER_LAYER: Record<Architecture, number> = {
  snn: 1,
  msra: 1,
  batchnorm: 2,
  layernorm: 2,
  weightnorm: 2,
  highway: 1,
  resnet: 3,
};

/**
 * Tolerance relative to the largest magnitude of a reference tensor: a float32 sum of K terms is
 * within γ_K ≈ K·u of Σ|terms| of the exact sum (Higham, Accuracy and Stability of Numerical
 * Algorithms, §3.1), once per reduction on the path (the output layer's included), three
 * times over for a gradient (the forward pass and two products per layer backwards), and 64·u
 * for the elementwise functions. The recipe of bench/lib/webgpu-numerics.mjs's
 * `networkTolerance`, with one float32 side against an exact reference (K·u) where that check
 * compares two float32 sides (2·K·u).
 */
function tolerance(net: NetworkFixture, gradient: boolean): number {
  const batch = net.labels.length;
  const k = Math.max(net.inputDim, net.width, net.outputDim, batch);
  const reductions = REDUCTIONS_PER_LAYER[net.architecture] * net.depth + 1;
  return (gradient ? 3 : 1) * reductions * k * U + 64 * U;
}

/** Largest |got − want| over the largest |want|. */
function relativeError(got: ArrayLike<number>, want: readonly number[]): number {
  expect(got.length).toBe(want.length);
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < want.length; i++) {
    diff = Math.max(diff, Math.abs(got[i]! - want[i]!));
    scale = Math.max(scale, Math.abs(want[i]!));
  }
  return diff / scale;
}

/** One tensor of a network against its reference: name, our values, PyTorch's float64 values. */
type Check = [name: string, got: ArrayLike<number>, want: readonly number[]];

describeEachBackend('buildFnn against float64 PyTorch', () => {
  it.each(NETWORKS.map((net) => [net.name, net] as const))('%s', (_, net) => {
    const before = tf.memory().numTensors;
    const batch = net.labels.length;
    const model = buildFnn({
      architecture: net.architecture,
      inputDim: net.inputDim,
      outputDim: net.outputDim,
      depth: net.depth,
      width: net.width,
      ...(net.shape === undefined ? {} : { shape: net.shape }),
      ...(net.blockShape === undefined ? {} : { blockShape: net.blockShape }),
      ...(net.bottleneck === undefined ? {} : { bottleneck: net.bottleneck }),
      seed: 1,
    });
    expect(model.weights.map((w) => w.originalName)).toEqual(net.weights.map((w) => w.name));
    expect(model.trainableWeights.map((w) => w.originalName)).toEqual(
      net.gradients.map((g) => g.name),
    );
    const values = net.weights.map((w) => tf.tensor(w.values, w.shape));
    model.setWeights(values);
    tf.dispose(values);
    const x = tf.tidy(() => tf.variable(tf.tensor2d(net.input, [batch, net.inputDim])));
    const y = tf.tidy(() => tf.oneHot(tf.tensor1d(net.labels, 'int32'), net.outputDim));

    // Inference first: the training-mode pass below moves BatchNorm's statistics.
    const forward: Check[] = [];
    if (net.inferenceOutput !== undefined) {
      const inference = model.predict(x) as tf.Tensor;
      forward.push(['inference output', inference.dataSync(), net.inferenceOutput]);
      inference.dispose();
    }
    let output: tf.Tensor | undefined;
    const trainable = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => {
      const p = model.apply(x, { training: true }) as tf.Tensor;
      output = tf.keep(p);
      return tf.mean(metrics.categoricalCrossentropy(y, p)) as tf.Scalar;
    }, [...trainable, x]);
    forward.push(
      ['output', output!.dataSync(), net.output],
      ['loss', value.dataSync(), [net.loss]],
    );
    for (const moving of net.movingAfterStep ?? []) {
      const weight = model.weights.find((w) => w.originalName === moving.name)!;
      forward.push([moving.name, weight.read().dataSync(), moving.values]);
    }
    const backward: Check[] = [
      ['input', grads[x.name]!.dataSync(), net.inputGradient],
      ...net.gradients.map(
        (g, i): Check => [g.name, grads[trainable[i]!.name]!.dataSync(), g.values],
      ),
    ];

    for (const [name, got, want] of forward) {
      expect(relativeError(got, want), name).toBeLessThanOrEqual(tolerance(net, false));
    }
    for (const [name, got, want] of backward) {
      expect(relativeError(got, want), `gradient of ${name}`).toBeLessThanOrEqual(
        tolerance(net, true),
      );
    }
    tf.dispose([output!, value, ...Object.values(grads), x, y]);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
