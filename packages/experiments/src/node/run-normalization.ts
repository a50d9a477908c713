import { join } from 'node:path';
import { loadMnist, standardize } from '@snn/datasets';
import type { BackendChoice, BackendName } from '@snn/runtime';
import { writeJsonAtomic } from '../../../../internal/atomic-write';
import { writePlot } from '../common/plot';
import { UsageError } from '../common/usage-error';
import {
  type NormalizationOptions,
  type NormalizationResult,
  computeNormalization,
} from '../normalization/compute-normalization';
import { normalizationSpec } from '../normalization/normalization-plot';
import { useBackend } from './use-backend';

/** Inputs `snn normalization --input` accepts. */
export const NORMALIZATION_INPUTS = ['gaussian', 'mnist'] as const;

/** Options of {@link runNormalization}: the `snn normalization` flags in camelCase. */
export interface RunNormalizationOptions extends Omit<NormalizationOptions, 'input'> {
  /**
   * `gaussian` (default): N(0, 1) rows of `width` features. `mnist`: the first `samples` images of
   * the embedded MNIST training set, standardized per pixel (constant pixels become 0).
   */
  input?: (typeof NORMALIZATION_INPUTS)[number];
  /** tfjs backend; default: keep the current one (`auto` picks the fastest available). */
  backend?: BackendName;
  /** Folder for `normalization.json`, `.svg` and `.png`; nothing is written without it. */
  out?: string;
  /** Receives the backend choice explanation. */
  log?: (line: string) => void;
}

/** The result of {@link runNormalization}: {@link NormalizationResult} plus the backend used. */
export interface RunNormalizationResult extends NormalizationResult {
  backend: BackendChoice | null;
}

/**
 * `snn normalization` as a function: standardized inputs through deep SELU nets initialized with
 * @snn/init's lecunNormal, tfjs's leCunNormal and He init (see {@link computeNormalization}); with
 * `out`, writes `normalization.json`, `normalization.svg` and `normalization.png` atomically.
 *
 * @example
 * const r = await runNormalization({ depth: 32, backend: 'auto', out: 'results/normalization' });
 * @see https://arxiv.org/abs/1706.02515
 */
export async function runNormalization(
  options: RunNormalizationOptions = {},
): Promise<RunNormalizationResult> {
  const inputName = options.input ?? 'gaussian';
  if (!(NORMALIZATION_INPUTS as readonly string[]).includes(inputName)) {
    throw UsageError.choice('--input', inputName, NORMALIZATION_INPUTS);
  }
  const backend =
    options.backend === undefined ? null : await useBackend(options.backend, options.log);
  let input: NormalizationOptions['input'];
  if (inputName === 'mnist') {
    const samples = options.samples ?? (options.quick ? 512 : 1024);
    const mnist = await loadMnist({ source: 'embedded' });
    if (!Number.isInteger(samples) || samples < 2 || samples > mnist.train.n) {
      throw new UsageError(
        `--samples must be an integer in [2, ${mnist.train.n}] for --input mnist; got ${JSON.stringify(options.samples)}`,
      );
    }
    const { train } = standardize(mnist.train);
    input = {
      x: train.x.slice(0, samples * train.d),
      n: samples,
      d: train.d,
      name: 'standardized embedded MNIST',
    };
  }
  const result = await computeNormalization({ ...options, input });
  const full: RunNormalizationResult = { config: result.config, backend, series: result.series };
  if (options.out !== undefined) {
    await writeJsonAtomic(join(options.out, 'normalization.json'), full);
    await writePlot(options.out, 'normalization', normalizationSpec(full));
  }
  return full;
}
