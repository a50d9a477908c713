import { join } from 'node:path';
import type { BackendName } from '@snn/runtime';
import { writeJsonAtomic } from '../../../../internal/atomic-write';
import { explainDiskError } from '../common/explain-disk-error';
import { writePlot } from '../common/plot';
import type { Figure1Options } from '../figure1/figure1-config';
import { figure1Spec } from '../figure1/figure1-plot';
import type { Figure1Result } from '../figure1/figure1-result';
import { type Figure1Hooks, trainFigure1 } from '../figure1/train-figure1';
import { figure1StateStore } from './figure1-state-store';
import { checkFigure1Source, loadFigure1Data } from './load-figure1-data';
import { useBackend } from './use-backend';

/** Options of {@link runFigure1}: the `snn figure1` flags in camelCase, plus callbacks. */
export interface RunFigure1Options
  extends Figure1Options,
    Pick<Figure1Hooks, 'signal' | 'onEpochEnd' | 'onCurveEnd' | 'onProgress'> {
  /** tfjs backend; default `auto` (@snn/runtime picks the fastest available and says why). */
  backend?: BackendName;
  /**
   * Output folder: `figure1.json`, `figure1.svg`, `figure1.png` and the resume state
   * (`figure1-state/`). A run with the same `out` and options continues after its last finished
   * epoch. Without `out` nothing is written and nothing resumes.
   */
  out?: string;
  /** Download cache of @snn/datasets (`remote` sources). */
  cacheDir?: string;
  /** Receives notes: the backend choice, resumption, diverged curves. */
  log?: (line: string) => void;
}

/**
 * `snn figure1` as a function: loads the dataset (`source`: `embedded` MNIST, `remote`, or a
 * folder), activates the backend, trains every curve of the paper's Figure 1 with
 * {@link trainFigure1} and, with `out`, saves the resume state after every epoch and writes
 * `figure1.json`, `figure1.svg` and `figure1.png` (log-scale loss vs epoch, SNN red, BatchNorm
 * blue). Node only; the browser uses `trainFigure1` from `@snn/experiments/figure1`.
 *
 * @example
 * const result = await runFigure1({ quick: true, out: 'results/figure1-quick' });
 * result.curves.map((c) => [c.arch, c.depth, c.loss.at(-1)]);
 * @see https://arxiv.org/abs/1706.02515
 */
export async function runFigure1(options: RunFigure1Options = {}): Promise<Figure1Result> {
  const quickSource = options.quick && options.dataset === undefined ? 'embedded' : undefined;
  const checked = checkFigure1Source(options.dataset ?? 'mnist', options.source ?? quickSource);
  const data = await loadFigure1Data(checked.dataset, checked.source, options.cacheDir);
  const backend = await useBackend(options.backend ?? 'auto', options.log);
  const store =
    options.out === undefined ? null : figure1StateStore(join(options.out, 'figure1-state'));
  const result = await trainFigure1(
    data,
    { ...options, dataset: checked.dataset, source: checked.label },
    {
      signal: options.signal,
      onEpochEnd: options.onEpochEnd,
      onCurveEnd: options.onCurveEnd,
      onProgress: options.onProgress,
      onMessage: options.log,
      backend,
      ...(store ? { saveState: (s) => store.save(s), loadState: () => store.load() } : {}),
    },
  );
  if (options.out !== undefined) {
    // The curves are in the resume state: a rerun after freeing space only writes these files.
    const out = options.out;
    const state = join(out, 'figure1-state', 'state.json');
    const curves = result.curves.length;
    const json = join(out, 'figure1.json');
    await explainDiskError(json, curves, state, () => writeJsonAtomic(json, result));
    await explainDiskError(join(out, 'figure1.svg/.png'), curves, state, () =>
      writePlot(out, 'figure1', figure1Spec(result)),
    );
  }
  return result;
}
