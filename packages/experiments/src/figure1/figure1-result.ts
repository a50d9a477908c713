import type { BackendChoice } from '@snn/runtime';
import type { Figure1Arch, Figure1Config } from './figure1-config';
import type { Figure1Curve } from './figure1-curve';
import type { Figure1Smoothness } from './figure1-smoothness';

/** Wall-clock time of a run (summed over resumed parts). */
export interface Figure1Timings {
  totalMs: number;
  curves: Array<{
    arch: Figure1Arch;
    depth: number;
    ms: number;
    epochs: number;
    msPerEpoch: number;
  }>;
}

/** The result of a Figure 1 run: the content of `figure1.json`. */
export interface Figure1Result {
  config: Figure1Config;
  /** The tfjs backend the run used, as `selectBackend` reported it. */
  backend: BackendChoice;
  curves: Figure1Curve[];
  timings: Figure1Timings;
  /** False when the run was stopped (abort signal) before every curve finished. */
  complete: boolean;
  /** Each curve's drop and share of epoch-to-epoch increases (see `figure1Smoothness`). */
  smoothness: Figure1Smoothness;
}

/**
 * What a Figure 1 run saves after every finished epoch so that it can resume (JSON-safe except
 * `current.weights.data`). Curves before `current` are finished; `current` is the one in training.
 */
export interface Figure1State {
  version: 1;
  config: Figure1Config;
  curves: Figure1Curve[];
  timings: Figure1Timings;
  current: {
    /** Index into the run's curve order (archs × depths). */
    index: number;
    /** Epochs finished (so `curves[index].loss.length === epoch + 1`). */
    epoch: number;
    /** The model's weights (tfjs weight specs and their concatenated bytes). */
    weights: { specs: WeightSpec[]; data: ArrayBuffer };
  } | null;
}

/** A tfjs weight manifest entry (`tf.io.WeightsManifestEntry`), copied as plain JSON. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool' | 'string' | 'complex64';
  [key: string]: unknown;
}
