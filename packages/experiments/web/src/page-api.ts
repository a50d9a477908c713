import type { Figure1Options, Figure1Result } from '@snn/experiments/figure1';
import type { BackendInfo, PageBackend } from './backend';

/** Options of `window.snn.runFigure1`: the library's Figure-1 options plus the page's backend. */
export interface PageFigure1Options extends Figure1Options {
  /** tfjs backend to train on; default the one chosen on the page (webgl unless changed). */
  backend?: PageBackend;
  /**
   * `embedded` (default): the 10,000 embedded MNIST digits served with the page. `idx`: the local
   * IDX files picked in the form.
   */
  source?: 'embedded' | 'idx';
}

/**
 * What the page exposes as `window.snn` for automation (the end-to-end test drives it). Runs
 * started here show in the page like runs started with the Run button.
 */
export interface PageApi {
  /** Resolves when the initial backend is up and the page is wired. */
  ready: Promise<void>;
  /** The active tfjs backend: `webgl`, `wasm` or `cpu`. */
  backend(): string;
  /** The active backend with its details (wasm threads, WebGL version, cross-origin isolation). */
  info(): BackendInfo;
  /** Trains Figure 1 with `options`; the result has the shape of the library's `figure1.json`. */
  runFigure1(options?: PageFigure1Options): Promise<Figure1Result>;
  /** Stops the current run after its current training step (its result has `complete: false`). */
  stop(): void;
  /** The result of the last finished or stopped run. */
  lastResult(): Figure1Result | undefined;
}
