import type * as tf from '@tensorflow/tfjs-core';
import { swapRegistrations } from '../../../internal/class-swap';
import { AlphaDropoutLayer } from './layers/alpha-dropout-layer';

const KERAS_CLASS_NAME = 'AlphaDropout';
const BRAND = Symbol.for('@snn/selu:KerasAlphaDropout');

/**
 * Our alpha dropout under the class name Keras and tfjs write, `AlphaDropout`. Its config is the
 * Keras one (`rate`, `noiseShape`, `seed`) so a model saved after loading stays readable by Keras.
 */
class KerasAlphaDropout extends AlphaDropoutLayer {
  static override className = KERAS_CLASS_NAME;
  static readonly [BRAND] = true;

  override getConfig(): tf.serialization.ConfigDict {
    const { fixedPoint: _f, alpha: _a, lambda: _l, ...config } = super.getConfig();
    return config;
  }
}

/**
 * Makes models whose JSON names a layer `AlphaDropout` (as Keras and tfjs write it) load with this
 * package's correct alpha dropout, which drops to α′ = −λα, instead of tfjs's built-in, which drops
 * to +λα and shifts the mean (0.32 at rate 0.1). Call it once before `tf.loadLayersModel`.
 *
 * Only deserialization changes: `tf.layers.alphaDropout()` still builds the built-in. Importing this
 * package alone never does this; it happens only when this function is called. Idempotent.
 *
 * @returns A function that restores the previous `AlphaDropout` registration.
 * @example
 * const restore = useSnnAlphaDropout();
 * const model = await tf.loadLayersModel('file://keras-export/model.json'); // AlphaDropout → ours
 * restore(); // later models get tfjs's built-in again
 * @see https://arxiv.org/abs/1706.02515
 */
export function useSnnAlphaDropout(): () => void {
  return swapRegistrations([KerasAlphaDropout], BRAND);
}
