import { weightMoments } from '@snn/init';
import { THEOREM1_DOMAIN } from '@snn/selu';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../../internal/snn-error';
import { activationStats } from '../activation-stats';
import {
  domainFindings,
  inputFindings,
  nonFiniteFindings,
  structureFindings,
} from './diagnosis-findings';
import type {
  Diagnosis,
  DiagnosisInputs,
  Finding,
  KernelMoments,
  LayerDiagnosis,
} from './diagnosis-types';
import { initializerTau } from './initializer-variance';
import { type LayerAnatomy, modelAnatomy } from './model-anatomy';

/** Options of {@link diagnoseModel}. */
export interface DiagnoseOptions {
  /**
   * Inputs as the model will get them, shape [samples, ...inputShape], used as given (standardized
   * or not). Default: `samples` rows of N(0, 1), the inputs an SNN expects.
   */
  data?: tf.Tensor;
  /** Rows of synthetic N(0, 1) inputs when `data` is absent, ≥ 2. Default 512. */
  samples?: number;
  /** Seed of the synthetic inputs. Default 1706. */
  seed?: number;
}

/**
 * A feature counts as standardized when its mean is within ±0.25 and its variance within
 * [0.5, 2] (constant features at 0 pass: standardizing leaves them there). The bands are wide
 * enough for the sampling error of a few hundred rows.
 */
const FEATURE_MEAN = 0.25;
const FEATURE_VARIANCE = [0.5, 2] as const;

function fail(what: string, fix: string): never {
  throw new SnnError(`diagnoseModel: ${what}; ${fix}`);
}

/** The inputs: validated `data`, or seeded N(0, 1) rows. The caller disposes synthetic ones. */
function inputsFor(model: LayersModel, options: DiagnoseOptions): tf.Tensor {
  if (model.inputs.length !== 1) {
    fail(
      `the model must have exactly one input, got ${model.inputs.length}`,
      'diagnose a single-input model',
    );
  }
  const shape = model.inputs[0]!.shape.slice(1);
  if (shape.some((d) => d === null)) {
    fail(
      `the input shape ${JSON.stringify(model.inputs[0]!.shape)} has open dimensions`,
      'give the model a fixed input shape',
    );
  }
  if (options.data !== undefined) {
    const got = options.data.shape;
    if (
      got.length !== shape.length + 1 ||
      got.slice(1).some((d, i) => d !== shape[i]) ||
      got[0]! < 2
    ) {
      fail(
        `\`data\` must have shape [samples ≥ 2, ${shape.join(', ')}] for this model, got [${got.join(', ')}]`,
        'pass rows with as many features as the model’s input layer',
      );
    }
    return options.data;
  }
  const samples = options.samples ?? 512;
  if (!Number.isInteger(samples) || samples < 2) {
    fail(`\`samples\` must be an integer ≥ 2, got ${JSON.stringify(samples)}`, 'pass e.g. 512');
  }
  return tf.randomNormal([samples, ...(shape as number[])], 0, 1, 'float32', options.seed ?? 1706);
}

/** Overall and per-feature moments of the inputs. */
function describeInputs(x: tf.Tensor, source: DiagnosisInputs['source']): DiagnosisInputs {
  const rows = x.shape[0]!;
  const [overall, perFeature] = tf.tidy(() => {
    const flat = tf.reshape(x, [rows, -1]);
    const all = tf.moments(flat);
    const columns = tf.moments(flat, 0);
    return [tf.stack([all.mean, all.variance]), tf.stack([columns.mean, columns.variance])];
  });
  const [mean, variance] = overall.dataSync();
  const columns = perFeature.arraySync() as number[][];
  tf.dispose([overall, perFeature]);
  const unstandardized: number[] = [];
  columns[0]!.forEach((m, f) => {
    const v = columns[1]![f]!;
    const constantAtZero = v < 1e-12 && Math.abs(m) <= FEATURE_MEAN;
    const ok = Math.abs(m) <= FEATURE_MEAN && v >= FEATURE_VARIANCE[0] && v <= FEATURE_VARIANCE[1];
    if (!ok && !constantAtZero) unstandardized.push(f);
  });
  return {
    source,
    samples: rows,
    features: columns[0]!.length,
    mean: mean!,
    variance: variance!,
    unstandardized,
  };
}

/** Moments of a layer's kernel, read as [fan_in, units] (a convolution's kernel flattened so). */
function kernelMoments(entry: LayerAnatomy): KernelMoments | null {
  const kernel = entry.layer.getWeights()[0];
  if (!entry.weighted || kernel === undefined || kernel.rank < 2) return null;
  const units = kernel.shape.at(-1)!;
  const flat = tf.reshape(kernel, [kernel.size / units, units]) as tf.Tensor2D;
  try {
    const m = weightMoments(flat);
    return { fanIn: m.fanIn, units: m.units, omega: m.omega.mean, tau: m.tau.mean };
  } finally {
    flat.dispose();
  }
}

/** Var(w)·fan_in that the config's kernel initializer draws for the layer's kernel, or null. */
function kernelInitializerTau(entry: LayerAnatomy): number | null {
  const kernel = entry.layer.getWeights()[0];
  if (!entry.weighted || kernel === undefined) return null;
  return initializerTau(entry.initializerConfig, kernel.shape);
}

/** NaN and ±∞ values among all weights of a layer (a diverged training or a corrupt file). */
function nonFiniteCount(entry: LayerAnatomy): number {
  const weights = entry.layer.getWeights();
  if (weights.length === 0) return 0;
  const count = tf.tidy(() =>
    tf.addN(weights.map((w) => tf.sum(tf.cast(tf.logicalNot(tf.isFinite(w)), 'int32')))),
  );
  try {
    return count.dataSync()[0]!;
  } finally {
    count.dispose();
  }
}

const inDomain = (mean: number, variance: number): boolean =>
  mean >= THEOREM1_DOMAIN.mean[0] &&
  mean <= THEOREM1_DOMAIN.mean[1] &&
  variance >= THEOREM1_DOMAIN.variance[0] &&
  variance <= THEOREM1_DOMAIN.variance[1];

/**
 * Finds what breaks self-normalization in a tfjs layers model (built in tfjs or loaded from Keras).
 *
 * Reports, per layer: its activation, the kernel initializer its config names (and the
 * Var(w)·fan_in that initializer draws, 1 for LeCun's: Keras' `VarianceScaling(1, fan_in, …)` in
 * any distribution, `LecunNormal`, `LecunUniform`, @snn/init's LeCun initializers), ω = Σwᵢ and
 * τ = Σwᵢ² of its actual kernel (averaged over units; τ ≈ Var(w)·fan_in, 1 for LeCun weights), its
 * dropout kind and, for the layer that ends each hidden block, the activations' mean and variance
 * on `data` or on N(0, 1) inputs, against Theorem 1's domain μ ∈ [−0.1, 0.1], ν ∈ [0.8, 1.5].
 *
 * When a hidden layer uses SELU, the model is checked as an SNN; each finding has a level and the
 * fix: non-SELU hidden activations (error), τ outside [0.95, 1.1] (warning up to [0.8, 1.25],
 * beyond it an error, with the likely cause: He, Glorot, fan-out, PyTorch's 3/4 SELU gain, tfjs's
 * uncorrected leCunNormal), plain Dropout after SELU (error), tfjs's built-in AlphaDropout (error),
 * BatchNormalization (warning), unstandardized input features (error), and activations leaving the
 * domain (error when the last hidden layer is outside, else a warning).
 *
 * Runs in inference mode; no tensor outlives the call (`data` stays the caller's).
 *
 * @param model A single-input layers model whose hidden layers are Dense (or convolutions).
 * @param options `data`, or `samples` (default 512) and `seed` (default 1706) of synthetic inputs.
 * @returns The {@link Diagnosis}; `ok` is false when an error-level finding exists.
 * @example
 * const diagnosis = await diagnoseModel(buildFnn({ architecture: 'snn', inputDim: 16, outputDim: 2, depth: 8, width: 64 }));
 * diagnosis.ok; // true
 * diagnosis.findings; // []
 * @see https://arxiv.org/abs/1706.02515
 */
export async function diagnoseModel(
  model: LayersModel,
  options: DiagnoseOptions = {},
): Promise<Diagnosis> {
  const x = inputsFor(model, options);
  try {
    const { layers, blocks } = modelAnatomy(model);
    // The last weighted layer is the output layer; the blocks before it are the hidden ones.
    const hidden = blocks.slice(0, -1);
    const selu = hidden.some((b) => b.activation === 'selu');
    const stats = await activationStats(
      model,
      x,
      hidden.map((b) => b.output.layer),
    );
    const statsByName = new Map(stats.map((s) => [s.name, s]));
    const diagnoses = new Map<string, LayerDiagnosis>();
    for (const entry of layers) {
      const s = statsByName.get(entry.name);
      diagnoses.set(entry.name, {
        name: entry.name,
        className: entry.className,
        activation: entry.activation,
        initializer: entry.initializer,
        initializerTau: kernelInitializerTau(entry),
        weights: kernelMoments(entry),
        nonFiniteWeights: nonFiniteCount(entry),
        dropout: entry.dropout,
        activations:
          s === undefined
            ? null
            : { mean: s.mean, variance: s.variance, inDomain: inDomain(s.mean, s.variance) },
      });
    }
    const inputs = describeInputs(x, options.data === undefined ? 'synthetic' : 'data');
    const findings: Finding[] = nonFiniteFindings([...diagnoses.values()]);
    if (selu) {
      findings.push(...inputFindings(inputs), ...structureFindings(hidden, diagnoses));
      const outputs = hidden.map((b) => diagnoses.get(b.output.name)!);
      findings.push(...domainFindings(outputs, findings.length));
    } else {
      findings.push({
        code: 'not-an-snn',
        level: 'info',
        layer: null,
        message:
          'no hidden layer uses SELU: not a self-normalizing network, so the SNN checks were skipped',
        fix: "to make it one: SELU activations, LeCun normal weights, alpha dropout, standardized inputs (buildFnn({ architecture: 'snn', … }))",
      });
    }
    return {
      selu,
      layers: [...diagnoses.values()],
      findings,
      inputs,
      ok: !findings.some((f) => f.level === 'error'),
    };
  } finally {
    if (x !== options.data) x.dispose();
  }
}
