import * as tf from '@tensorflow/tfjs-core';
import type { LayerVariable, layers } from '@tensorflow/tfjs-layers';
import { denseKernel, hasDenseKernel } from '../../../internal/dense-kernel';
import type { Kwargs } from '../../../internal/layer-utils';
import { tfjsLayerClass } from './tfjs-layer-class';

type DenseArgs = Parameters<typeof layers.dense>[0];

/** The activations tfjs-layers' `Dense` passes into its fused product (`mapActivationToFusedKernel`). */
const FUSED_ACTIVATIONS = new Set(['linear', 'relu', 'elu']);

/** The weights and activation of tfjs-layers' layer that the one-kernel path reads (its own fields). */
interface DenseState {
  readonly activation: { getClassName(): string; apply(x: tf.Tensor): tf.Tensor };
  readonly kernel: LayerVariable;
  readonly bias?: LayerVariable | null;
}

/**
 * tfjs-layers' `Dense`, y = activation(x·W + b), whose product with a bias on a [batch, features]
 * input runs as `denseKernel` — on a backend with its native kernel (`snn-native`) one kernel and
 * one gradient kernel instead of tfjs's fused product with its reshapes, saved copies and custom
 * gradient (about fifteen kernel calls per step) — with tfjs-layers' values and gradients bit for
 * bit: for a linear activation on every backend, for activations tfjs does not fuse (softmax,
 * SELU, tanh, …) on `snn-native`, followed by the activation. ReLU and ELU (which tfjs fuses into
 * the product only outside training), no bias, other ranks: tfjs-layers' own code. It serializes as `Dense` with
 * tfjs-layers' config, so a saved model loads in plain tfjs and Keras.
 *
 * @example
 * const model = tf.sequential({ layers: [dense({ units: 8, inputShape: [4] }), seluLayer()] });
 */
export class Dense extends tfjsLayerClass<typeof layers.dense>('Dense') {
  /**
   * activation(x·W + b) through `denseKernel` for a [batch, features] input with a bias, for a
   * linear activation or (on a backend with the kernel) one tfjs does not fuse; otherwise
   * tfjs-layers' own `call`.
   */
  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const { activation, kernel, bias } = this as unknown as DenseState;
    const input = Array.isArray(inputs) && inputs.length === 1 ? inputs[0]! : inputs;
    const name = activation.getClassName();
    // tfjs-layers fuses these into its product; any other activation follows a product to which
    // the bias is added (K.dot, then K.biasAdd), which `biasAdded` computes the same way on a
    // backend with the kernel (elsewhere tfjs-layers' own ops, whose product kernel may differ).
    const biasAdded = !FUSED_ACTIVATIONS.has(name);
    if (
      Array.isArray(input) ||
      input.rank !== 2 ||
      bias == null ||
      (name !== 'linear' && !biasAdded) ||
      (biasAdded && !hasDenseKernel())
    ) {
      return super.call(inputs, kwargs);
    }
    return tf.tidy(() => {
      this.invokeCallHook(inputs, kwargs);
      const output = denseKernel(
        input as tf.Tensor2D,
        kernel.read() as tf.Tensor2D,
        bias.read() as tf.Tensor1D,
        { biasAdded },
      );
      return biasAdded ? activation.apply(output) : output;
    });
  }
}

/**
 * A {@link Dense} layer; the arguments of `tf.layers.dense`.
 *
 * @example
 * const layer = dense({ units: 16, kernelInitializer: lecunNormal({ seed: 1 }) });
 */
export function dense(args: DenseArgs): Dense {
  return new Dense(args);
}
