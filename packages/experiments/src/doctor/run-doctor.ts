import type { BackendChoice, BackendName } from '@snn/runtime';
import { type Diagnosis, diagnoseModel } from '@snn/snn-layers';
import { checkLimit } from '../../../../internal/limits';
import { useBackend } from '../node/use-backend';
import { loadModelFile } from './load-model-file';
import { readDoctorData } from './read-doctor-data';

/** Options of {@link runDoctor} (the `snn doctor` flags in camelCase). */
export interface RunDoctorOptions {
  /** model.json, Keras JSON, or a folder holding one. */
  model: string;
  /** A CSV or IDX file of inputs, used as given; without it N(0, 1) rows are used. */
  data?: string;
  /** Rows: of synthetic inputs (default 512), or at most this many of `data` (default 10,000). */
  samples?: number;
  /** Seed of the synthetic inputs. Default 1. */
  seed?: number;
  /** tfjs backend (default `auto`). */
  backend?: BackendName;
  /** Where the backend selection says what it chose (default: nowhere). */
  log?: (line: string) => void;
}

/** What {@link runDoctor} returns (and `snn doctor --json` prints). */
export interface RunDoctorResult {
  file: string;
  weights: 'file' | 'initialized';
  /** Where the inputs came from, e.g. `CSV, 300 rows × 16 features`. */
  data: string;
  backend: BackendChoice;
  diagnosis: Diagnosis;
}

/**
 * `snn doctor` as a library function: loads the model (see `loadModelFile`), reads the data or
 * draws N(0, 1) inputs, and runs `diagnoseModel` of @snn/snn-layers.
 *
 * @example
 * const { diagnosis } = await runDoctor({ model: 'keras-export/' });
 * if (!diagnosis.ok) process.exitCode = 1;
 * @see https://arxiv.org/abs/1706.02515
 */
export async function runDoctor(options: RunDoctorOptions): Promise<RunDoctorResult> {
  if (options.samples !== undefined) checkLimit('rows', options.samples, 'snn doctor --samples');
  const backend = await useBackend(options.backend, options.log);
  const { model, file, weights } = await loadModelFile(options.model);
  try {
    const features = model.inputs[0]?.shape.slice(1).reduce<number>((a, b) => a * (b ?? 1), 1) ?? 0;
    if (options.data === undefined) {
      const samples = options.samples ?? 512;
      const diagnosis = await diagnoseModel(model, { samples, seed: options.seed ?? 1 });
      return { file, weights, data: `synthetic N(0, 1), ${samples} rows`, backend, diagnosis };
    }
    const { x, description } = await readDoctorData(options.data, features, options.samples);
    try {
      const diagnosis = await diagnoseModel(model, { data: x });
      return { file, weights, data: description, backend, diagnosis };
    } finally {
      x.dispose();
    }
  } finally {
    model.dispose();
  }
}
