// The benchmarked tfjs network, shared by the timing child (figure1-tfjs.mjs) and the kernel
// profile (profile-step.mjs).
import * as tfl from '@tensorflow/tfjs-layers';
import { CLASSES, WIDTH } from './figure1.mjs';

/**
 * width → depth × Dense(width, SELU) → Dense(classes, softmax), weights N(0, 1/width) (LeCun
 * normal, exact); the Figure-1 network by default.
 */
export function network(depth, width = WIDTH, classes = CLASSES) {
  const kernelInitializer = () =>
    tfl.initializers.randomNormal({ mean: 0, stddev: Math.sqrt(1 / width), seed: 1 });
  const model = tfl.sequential();
  for (let i = 0; i < depth; i++) {
    model.add(
      tfl.layers.dense({
        units: width,
        activation: 'selu',
        inputShape: i === 0 ? [width] : undefined,
        kernelInitializer: kernelInitializer(),
      }),
    );
  }
  model.add(
    tfl.layers.dense({
      units: classes,
      activation: 'softmax',
      kernelInitializer: kernelInitializer(),
    }),
  );
  return model;
}
