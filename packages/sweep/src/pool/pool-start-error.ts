import { brand } from '../../../../internal/brand';
import { SnnError } from '../../../../internal/snn-error';

const BRAND = brand('@snn/pool-start-error');

/**
 * A worker process of a local pool that exited or failed before it was ready. The run cannot go
 * on — a retry would fail alike — so it ends the run instead of counting as a failed try (unlike
 * a worker that dies while training). A subclass of `SnnError`; `instanceof` works across every
 * loaded copy of `@snn/sweep` (its ESM and CJS builds, or two versions).
 *
 * @example
 * try { await runSweep({ …, executor: localPool({ workers: 2, worker: 'missing.js' }) }); }
 * catch (e) { if (e instanceof PoolStartError) console.error('fix the worker module:', e.message); }
 */
export class PoolStartError extends SnnError {
  constructor(message: string) {
    super(message);
    this.name = 'PoolStartError';
    BRAND.mark(this);
  }

  // Recognised across several loaded copies of this package (ESM and CJS builds).
  static override [Symbol.hasInstance](value: unknown): boolean {
    return BRAND.has(value);
  }
}
