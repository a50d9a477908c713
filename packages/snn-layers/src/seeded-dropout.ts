import * as tf from '@tensorflow/tfjs-core';
import { type serialization, tidy } from '@tensorflow/tfjs-core';
import { layers } from '@tensorflow/tfjs-layers';
import { applyDropoutMask } from '../../../internal/dropout-kernel';
import { type Kwargs, type LayerArgs, singleInput, stepSeed } from '../../../internal/layer-utils';
import { SnnError } from '../../../internal/snn-error';
import { uniformNoise } from '../../../internal/uniform-noise';
import type { Shape } from './layer-config';

/** Constructor arguments of {@link SeededDropout} (and {@link seededDropout}). */
export interface SeededDropoutArgs extends LayerArgs {
  /** Probability of dropping a unit, in [0, 1). */
  rate: number;
  /**
   * Seed of the sequence of masks: call k in training draws its mask from `"<seed>/<k>"`, so every
   * step gets a new mask and a new layer with the same seed replays the same masks. Default:
   * unseeded, a fresh mask from tfjs's global generator on every call.
   */
  seed?: number | null;
}

/** A value as the user would write it (`NaN`, `Infinity` rather than JSON's `null`). */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

function checkArgs(args: SeededDropoutArgs): { rate: number; seed: number | null } {
  const { rate, seed = null } = args;
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
    throw new SnnError(
      `seededDropout: \`rate\` must be a number in [0, 1), got ${show(rate)}; pass e.g. 0.1 (0 disables dropout)`,
    );
  }
  if (seed !== null && (typeof seed !== 'number' || !Number.isFinite(seed))) {
    throw new SnnError(
      `seededDropout: \`seed\` must be a finite number or null, got ${show(seed)}; pass an integer such as 1, or leave it out`,
    );
  }
  return { rate, seed };
}

/**
 * Standard (inverted) dropout whose masks are reproducible: in training each unit is kept with
 * probability 1 − p and scaled, y = x ⊙ m / (1 − p) with m ~ Bernoulli(1 − p), so E[y] = x; at
 * inference y = x. The function of `tf.layers.dropout`; what differs is the seed. A seeded
 * `tf.layers.dropout` draws the same mask at every step (its seed goes to one `randomUniform`
 * call), while this layer draws call k's mask from the seed `"<seed>/<k>"`: a new mask per step,
 * the same sequence for the same seed. The paper's non-SNN baselines use it, so that a run with
 * dropout is repeatable from its seed.
 *
 * @example
 * const layer = seededDropout({ rate: 0.5, seed: 7 });
 * const x = tf.ones([2, 4]);
 * layer.apply(x, { training: true }); // entries 0 or 2, a new pattern per call
 * layer.apply(x); // x itself
 * @see https://jmlr.org/papers/v15/srivastava14a.html (dropout)
 */
export class SeededDropout extends layers.Layer {
  static className = 'SnnSeededDropout';
  readonly rate: number;
  readonly seed: number | null;
  private calls = 0;

  constructor(args: SeededDropoutArgs) {
    super(args);
    const { rate, seed } = checkArgs(args);
    this.rate = rate;
    this.seed = seed;
    this.supportsMasking = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tidy(() => {
      this.invokeCallHook(inputs, kwargs);
      const x = singleInput('seededDropout', inputs);
      if (kwargs?.['training'] !== true || this.rate === 0) return tf.clone(x);
      const seed = stepSeed(this.seed, this.calls++);
      // x·keep/(1 − rate), keep = u < 1 − rate; one native kernel where the backend has it.
      return applyDropoutMask(x, uniformNoise(x.shape, seed), {
        kind: 'inverted',
        rate: this.rate,
      });
    });
  }

  override getConfig(): serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

/**
 * Creates a {@link SeededDropout} layer: inverted dropout, y = x ⊙ m / (1 − p) in training, with a
 * new, reproducible mask per call when seeded.
 *
 * @example
 * const model = tf.sequential({layers: [
 *   tf.layers.dense({units: 64, inputShape: [16], activation: 'relu'}),
 *   seededDropout({rate: 0.1, seed: 1}),
 * ]});
 * @see https://jmlr.org/papers/v15/srivastava14a.html
 */
export function seededDropout(args: SeededDropoutArgs): SeededDropout {
  return new SeededDropout(args);
}
