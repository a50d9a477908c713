import { type SeedArgs, type Shape, SnnInitializer, sampleNormal } from '@snn/init';
import {
  type DataType,
  type Tensor,
  randomUniform,
  type serialization,
} from '@tensorflow/tfjs-core';
import { SnnError } from '../../../../internal/snn-error';
import { KERAS_BRAND } from './keras-brand';

/** Keras' `mode`, camel-cased as tfjs reads it: which fan divides the scale. */
export type KerasFanMode = 'fanIn' | 'fanOut' | 'fanAvg';

/**
 * Keras' `distribution`, camel-cased: a normal cut at ±2σ′ with the variance kept, an exact
 * normal, or a uniform.
 */
export type KerasDistribution = 'truncatedNormal' | 'untruncatedNormal' | 'uniform';

/** Arguments of {@link KerasVarianceScaling}, as a Keras config holds them (snake or camel case). */
export interface KerasVarianceScalingArgs {
  /** Var(w)·n, > 0. Default 1. */
  scale?: number;
  /** `fan_in` (default), `fan_out` or `fan_avg`: n is the fan-in, the fan-out or their mean. */
  mode?: string;
  /**
   * `truncated_normal` (default; Keras' legacy `normal` means the same), `untruncated_normal` or
   * `uniform`.
   */
  distribution?: string;
  /** An integer seed, or null/undefined for unseeded. */
  seed?: number | null;
  /** Axes of the weight shape whose product is the fan-in (Keras ≥ 3.15); default by rank. */
  inputAxes?: number[] | null;
  /** Axes whose product is the fan-out (Keras ≥ 3.15); default by rank. */
  outputAxes?: number[] | null;
}

const MODES: Record<string, KerasFanMode> = {
  fan_in: 'fanIn',
  fanIn: 'fanIn',
  fan_out: 'fanOut',
  fanOut: 'fanOut',
  fan_avg: 'fanAvg',
  fanAvg: 'fanAvg',
};

const DISTRIBUTIONS: Record<string, KerasDistribution> = {
  truncated_normal: 'truncatedNormal',
  truncatedNormal: 'truncatedNormal',
  normal: 'truncatedNormal', // Keras: `if distribution == "normal": distribution = "truncated_normal"`
  untruncated_normal: 'untruncatedNormal',
  untruncatedNormal: 'untruncatedNormal',
  uniform: 'uniform',
};

/**
 * Fan-in and fan-out by Keras' rule (`compute_fans` in keras/src/initializers/random_initializers.py):
 * the product of `inputAxes` / `outputAxes` when both are given; else rank 0 → 1, rank 1 → the
 * length, rank 2 → the two dimensions, higher ranks → a convolution kernel
 * `[...receptive field, in, out]`. It differs from tfjs's (`computeFans` of @snn/init) at rank 1
 * and above rank 5, where tfjs takes √(size).
 */
export function kerasFans(
  shape: readonly number[],
  inputAxes?: readonly number[] | null,
  outputAxes?: readonly number[] | null,
): { fanIn: number; fanOut: number } {
  if (inputAxes != null && outputAxes != null) {
    const product = (axes: readonly number[]) =>
      axes.reduce((p, axis) => p * shape[axis < 0 ? shape.length + axis : axis]!, 1);
    return { fanIn: product(inputAxes), fanOut: product(outputAxes) };
  }
  if (shape.length === 0) return { fanIn: 1, fanOut: 1 };
  if (shape.length === 1) return { fanIn: shape[0]!, fanOut: shape[0]! };
  const receptiveField = shape.slice(0, -2).reduce((p, d) => p * d, 1);
  return {
    fanIn: shape.at(-2)! * receptiveField,
    fanOut: shape.at(-1)! * receptiveField,
  };
}

function checkAxes(name: string, axes: unknown, rankFree: boolean): number[] | null {
  if (axes == null) return null;
  if (!Array.isArray(axes) || !axes.every((a) => Number.isInteger(a)) || rankFree) {
    throw new SnnError(
      `VarianceScaling: \`${name}\` must be a list of integer axes (or null), given together with \`${name === 'input_axes' ? 'output_axes' : 'input_axes'}\`, got ${JSON.stringify(axes)}; pass both lists, e.g. input_axes=[0], output_axes=[1], or neither`,
    );
  }
  return axes as number[];
}

/**
 * Keras' `VarianceScaling` with Keras' exact semantics, for Keras configs read by `useKerasSnn`:
 * Var(w) = scale/n with n = max(1, fan_in), max(1, fan_out) or max(1, (fan_in + fan_out)/2) by
 * `mode`, drawn as
 * - `truncated_normal` (and Keras' legacy `normal`): N(0, σ′²) cut at ±2σ′, σ′ = √(scale/n)/0.8796…;
 * - `untruncated_normal`: N(0, scale/n);
 * - `uniform`: U(±√(3·scale/n)).
 *
 * tfjs 4.22's own `VarianceScaling` reads these configs differently: `normal` is cut without the
 * correction (Var(w) = 0.774·scale/n), `truncated_normal` silently draws a uniform and
 * `untruncated_normal` is refused.
 *
 * @param args `scale` (> 0, default 1), `mode` (default `fan_in`), `distribution` (default
 *   `truncated_normal`), `seed`, `inputAxes` / `outputAxes` (both or neither).
 * @example
 * const restore = useKerasSnn(); // "VarianceScaling" in Keras configs means this class until restore()
 * const model = await tf.models.modelFromJSON(kerasModelJson); // Var(w) = scale/n as in Keras
 * restore();
 * @see https://arxiv.org/abs/1706.02515
 */
export class KerasVarianceScaling extends SnnInitializer {
  static className = 'VarianceScaling';
  static readonly [KERAS_BRAND] = true;
  readonly scale: number;
  readonly mode: KerasFanMode;
  readonly distribution: KerasDistribution;
  readonly inputAxes: number[] | null;
  readonly outputAxes: number[] | null;

  constructor(args: KerasVarianceScalingArgs = {}) {
    const { seed, ...rest } = args ?? {};
    super('VarianceScaling', { seed: seed ?? undefined } as SeedArgs);
    const scale = rest.scale ?? 1;
    if (!(typeof scale === 'number' && scale > 0 && Number.isFinite(scale))) {
      throw new SnnError(
        `VarianceScaling: \`scale\` must be a positive number, got ${JSON.stringify(scale)}; Var(w) = scale/n, e.g. 1 for LeCun, 2 for He`,
      );
    }
    const mode = MODES[String(rest.mode ?? 'fanIn')];
    if (mode === undefined) {
      throw new SnnError(
        `VarianceScaling: \`mode\` must be fan_in, fan_out or fan_avg, got ${JSON.stringify(rest.mode)}; fan_in keeps SELU networks at their fixed point`,
      );
    }
    const distribution = DISTRIBUTIONS[String(rest.distribution ?? 'truncatedNormal')];
    if (distribution === undefined) {
      throw new SnnError(
        `VarianceScaling: \`distribution\` must be truncated_normal, untruncated_normal or uniform, got ${JSON.stringify(rest.distribution)}; these are Keras' three`,
      );
    }
    const oneSided = (rest.inputAxes == null) !== (rest.outputAxes == null);
    this.scale = scale;
    this.mode = mode;
    this.distribution = distribution;
    this.inputAxes = checkAxes('input_axes', rest.inputAxes, oneSided);
    this.outputAxes = checkAxes('output_axes', rest.outputAxes, oneSided);
  }

  /** Var(w) for a weight of `shape`: scale / max(1, n). */
  variance(shape: readonly number[]): number {
    const { fanIn, fanOut } = kerasFans(shape, this.inputAxes, this.outputAxes);
    const n =
      this.mode === 'fanIn' ? fanIn : this.mode === 'fanOut' ? fanOut : (fanIn + fanOut) / 2;
    return this.scale / Math.max(1, n);
  }

  /** Draws a float32 tensor of `shape`; the caller owns it. */
  override apply(shape: Shape, dtype?: DataType): Tensor {
    if (dtype !== undefined && dtype !== 'float32') {
      throw new SnnError(
        `VarianceScaling: \`dtype\` must be 'float32', got '${dtype}'; random initial weights are real-valued, so create the layer with dtype float32`,
      );
    }
    const dims = shape as number[];
    const variance = this.variance(dims);
    if (this.distribution === 'uniform') {
      const limit = Math.sqrt(3 * variance);
      return randomUniform(dims, -limit, limit, 'float32', this.seedForTfjs());
    }
    const truncated = this.distribution === 'truncatedNormal';
    return sampleNormal(dims, variance, truncated, this.seedForTfjs());
  }

  /**
   * Keras' config (camel-cased; tfjs writes it snake-cased). The axes appear only when set, so
   * that Keras 2 and Keras 3 before 3.15, whose constructors do not take them, read the config.
   */
  override getConfig(): serialization.ConfigDict {
    return {
      scale: this.scale,
      mode: this.mode,
      distribution: this.distribution,
      seed: this.seed ?? null,
      ...this.axesConfig(),
    };
  }

  /** `{inputAxes, outputAxes}` when set, else nothing. */
  protected axesConfig(): serialization.ConfigDict {
    return this.inputAxes === null
      ? {}
      : { inputAxes: this.inputAxes, outputAxes: this.outputAxes };
  }
}
