import * as tf from '@tensorflow/tfjs-core';
import type { GradConfig, NamedTensorMap } from '@tensorflow/tfjs-core';
import { SnnError } from './snn-error';

/**
 * Registers, once, the gradient of a fused kernel `kernel` whose inputs `inputs` (in order) all
 * get their gradients from one call of `gradKernel` (inputs `dy` and the same tensors, the same
 * attrs; outputs the gradients in the order of `inputs`). All are computed at once, inside the
 * backward pass's scope, so none is lost when only some are asked for. `gradKernel` has no
 * gradient: a second derivative through it fails with an error that says where to take one.
 * A kernel with several outputs is differentiated through its first: the others are statistics
 * (e.g. a batch norm's mean and variance) whose gradients, if any, are not propagated.
 *
 * @param kernel - The fused kernel, e.g. `'SnnWeightNorm'`.
 * @param gradKernel - Its gradient kernel, e.g. `'SnnWeightNormGrad'`.
 * @param inputs - The kernel's inputs, in the order of `gradKernel`'s outputs.
 * @param what - What the kernel computes, for the error, e.g. `'a weight-normalized kernel'`.
 * @example
 * registerFusedGradient('SnnWeightNorm', 'SnnWeightNormGrad', ['v', 'g'], 'a weight-normalized kernel');
 */
export function registerFusedGradient(
  kernel: string,
  gradKernel: string,
  inputs: readonly string[],
  what: string,
): void {
  if (tf.getGradient(kernel) != null) return;
  tf.registerGradient({
    kernelName: kernel,
    inputsToSave: [...inputs],
    gradFunc: (dys, saved, attrs) => {
      const dy = Array.isArray(dys) ? dys[0]! : dys;
      const named = Object.fromEntries(inputs.map((name, i) => [name, saved[i]!]));
      const grads = tf
        .engine()
        .runKernel(gradKernel, { dy, ...named } as NamedTensorMap, attrs) as tf.Tensor[];
      return Object.fromEntries(inputs.map((name, i) => [name, () => grads[i]!]));
    },
  } as GradConfig);
  tf.registerGradient({
    kernelName: gradKernel,
    gradFunc: () => {
      throw new SnnError(
        `${gradKernel}: second derivatives of ${what} are not available on the ${tf.getBackend()} backend; take them on 'snn-wasm' or 'cpu' (tf.setBackend), where it runs as a composite of differentiable ops`,
      );
    },
  });
}
