import { heNormal, lecunNormal } from '@snn/init';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { UsageError } from '../common/usage-error';

/** The initializations `snn normalization` compares. */
export const NORMALIZATION_INITS = ['lecun-normal', 'tfjs-lecun-normal', 'he-normal'] as const;
/** One of {@link NORMALIZATION_INITS}. */
export type NormalizationInit = (typeof NORMALIZATION_INITS)[number];

const INIT_LABELS: Record<NormalizationInit, string> = {
  'lecun-normal': '@snn/init lecunNormal: N(0, 1/n)',
  'tfjs-lecun-normal': 'tfjs leCunNormal: truncated, 0.77/n',
  'he-normal': '@snn/init heNormal: N(0, 2/n)',
};

/** Options of {@link computeNormalization} (the `snn normalization` flags in camelCase). */
export interface NormalizationOptions {
  /** Hidden layers, ≥ 1. Default 32. */
  depth?: number;
  /** Units per layer (and input features of the Gaussian input), ≥ 1. Default 784 (256 with `quick`). */
  width?: number;
  /** Input rows, ≥ 2. Default 1024 (512 with `quick`). */
  samples?: number;
  /** Seed of the input and of every layer's weights. Default 1. */
  seed?: number;
  /** Smaller defaults for width and samples. */
  quick?: boolean;
  /**
   * Standardized input rows (zero mean, unit variance per feature), row-major `n × d`. Default:
   * `samples × width` draws from N(0, 1), the input the theory assumes.
   */
  input?: { x: Float32Array; n: number; d: number; name: string };
}

/** Mean and variance of one layer's activations over all rows and units. */
export interface LayerMoments {
  /** 0 is the input, 1…depth the hidden layers. */
  layer: number;
  mean: number;
  variance: number;
}

/** The result of `snn normalization` (`normalization.json`). */
export interface NormalizationResult {
  config: {
    depth: number;
    width: number;
    samples: number;
    seed: number;
    input: string;
    activation: 'selu';
    bias: 'zero';
  };
  series: Array<{
    init: NormalizationInit;
    label: string;
    /** Var(w)·fan_in of the first kernel: 1 for LeCun, 2 for He. */
    weightVarianceTimesFanIn: number;
    layers: LayerMoments[];
  }>;
}

type KernelInitializer = ReturnType<typeof tfl.initializers.leCunNormal>;

function kernelInitializer(init: NormalizationInit, seed: number): KernelInitializer {
  switch (init) {
    case 'lecun-normal':
      return lecunNormal({ seed }) as unknown as KernelInitializer;
    case 'tfjs-lecun-normal':
      return tfl.initializers.leCunNormal({ seed });
    case 'he-normal':
      return heNormal({ seed }) as unknown as KernelInitializer;
  }
}

/** Reads the mean and (population) variance of every entry of `t`. */
async function moments(t: tf.Tensor): Promise<{ mean: number; variance: number }> {
  const { mean, variance } = tf.tidy(() => tf.moments(t));
  const [m, v] = await Promise.all([mean.data(), variance.data()]);
  mean.dispose();
  variance.dispose();
  return { mean: m[0]!, variance: v[0]! };
}

/**
 * Standardized inputs through `depth` layers x ← selu(x·W) (zero bias) whose kernels come from
 * @snn/init's `lecunNormal` (Var(w) = 1/n), tfjs's `leCunNormal` (a ±2σ truncated normal without
 * variance correction, 0.77/n) and @snn/init's `heNormal` (2/n); returns every layer's activation
 * mean and variance. With 1/n the SELU keeps (0, 1) (paper, Theorem 1); tfjs's 0.77/n lets the
 * variance sink towards ≈0.4 by layer 32, and 2/n drives it to the fixed point of τ = 2.
 * Runs on the current tfjs backend; no tensors leak.
 *
 * @example
 * const r = await computeNormalization({ depth: 8, width: 256, samples: 512 });
 * r.series[0].layers.at(-1); // { layer: 8, mean: ≈0, variance: ≈1 }
 * @see https://arxiv.org/abs/1706.02515
 */
export async function computeNormalization(
  options: NormalizationOptions = {},
): Promise<NormalizationResult> {
  const depth = options.depth ?? 32;
  const samples = options.input?.n ?? options.samples ?? (options.quick ? 512 : 1024);
  const width = options.width ?? options.input?.d ?? (options.quick ? 256 : 784);
  const seed = options.seed ?? 1;
  if (!Number.isInteger(depth) || depth < 1) {
    throw new UsageError(`--depth must be an integer ≥ 1; got ${JSON.stringify(options.depth)}`);
  }
  if (!Number.isInteger(width) || width < 1) {
    throw new UsageError(`--width must be an integer ≥ 1; got ${JSON.stringify(options.width)}`);
  }
  if (!Number.isInteger(samples) || samples < 2) {
    throw new UsageError(
      `--samples must be an integer ≥ 2; got ${JSON.stringify(options.samples)}`,
    );
  }
  if (options.input && options.input.x.length !== options.input.n * options.input.d) {
    throw new UsageError(
      `input: x has ${options.input.x.length} values, expected n·d = ${options.input.n * options.input.d}`,
    );
  }

  const input = options.input
    ? tf.tensor2d(options.input.x, [options.input.n, options.input.d])
    : tf.randomNormal([samples, width], 0, 1, 'float32', seed);
  const series: NormalizationResult['series'] = [];
  try {
    for (const init of NORMALIZATION_INITS) {
      const layers: LayerMoments[] = [{ layer: 0, ...(await moments(input)) }];
      let weightVarianceTimesFanIn = Number.NaN;
      let h = tf.clone(input) as tf.Tensor2D;
      for (let layer = 1; layer <= depth; layer++) {
        const fanIn = h.shape[1];
        const kernel = kernelInitializer(init, seed * 1000 + layer).apply([
          fanIn,
          width,
        ]) as tf.Tensor2D;
        if (layer === 1) weightVarianceTimesFanIn = (await moments(kernel)).variance * fanIn;
        const next = tf.tidy(() => tf.selu(tf.matMul(h, kernel)) as tf.Tensor2D);
        kernel.dispose();
        h.dispose();
        h = next;
        layers.push({ layer, ...(await moments(h)) });
      }
      h.dispose();
      series.push({ init, label: INIT_LABELS[init], weightVarianceTimesFanIn, layers });
    }
  } finally {
    input.dispose();
  }
  return {
    config: {
      depth,
      width,
      samples,
      seed,
      input: options.input?.name ?? 'gaussian N(0, 1)',
      activation: 'selu',
      bias: 'zero',
    },
    series,
  };
}
