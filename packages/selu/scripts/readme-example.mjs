// The README's example, verbatim. Needs builds of @snn/selu and @snn/init:
//   pnpm --filter @snn/init --filter @snn/selu build && node packages/selu/scripts/readme-example.mjs
import '@tensorflow/tfjs-backend-cpu';
import { lecunNormal } from '@snn/init';
import {
  SELU_ALPHA,
  SELU_LAMBDA,
  alphaDropoutLayer,
  selu,
  seluJacobian,
  seluLayer,
  seluMoments,
  seluParameters,
} from '@snn/selu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

await tf.setBackend('cpu');

// The activation and its constants
console.log('α01, λ01 =', SELU_ALPHA, SELU_LAMBDA);
console.log('selu([-1, 0, 1]) =', Array.from(selu(tf.tensor1d([-1, 0, 1])).dataSync()));

// The theory: g maps (μ, ν) towards the fixed point (0, 1), a contraction there
console.log('g(0.5, 2) =', seluMoments({ mean: 0.5, variance: 2, omega: 0.2, tau: 1 }));
console.log('Jacobian at (0, 1) =', seluJacobian({ mean: 0, variance: 1, omega: 0, tau: 1 }));
console.log('SELU for the fixed point (−0.1, 2):', seluParameters({ mean: -0.1, variance: 2 }));

// A self-normalizing network: 16 × [Dense(256, LeCun normal) → SELU → alpha dropout 5 %]
const model = tfl.sequential();
for (let i = 0; i < 16; i++) {
  model.add(
    tfl.layers.dense({
      units: 256,
      ...(i === 0 ? { inputShape: [64] } : {}),
      kernelInitializer: lecunNormal({ seed: i + 1 }),
    }),
  );
  model.add(seluLayer());
  model.add(alphaDropoutLayer({ rate: 0.05, seed: i + 1 }));
}
const x = tf.randomNormal([4096, 64], 0, 1, 'float32', 7); // standardized inputs
for (const training of [false, true]) {
  const y = model.apply(x, { training });
  const { mean, variance } = tf.moments(y);
  console.log(
    `after 16 layers (training: ${training}): mean ${mean.dataSync()[0].toFixed(3)}, variance ${variance.dataSync()[0].toFixed(3)}`,
  );
  tf.dispose([y, mean, variance]);
}
