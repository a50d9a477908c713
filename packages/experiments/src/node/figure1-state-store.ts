import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../../../internal/atomic-write';
import { explainDiskError } from '../common/explain-disk-error';
import { UsageError } from '../common/usage-error';
import type { Figure1State } from '../figure1/figure1-result';

/** Saves and loads a Figure 1 run's resume state in a folder. */
export interface Figure1StateStore {
  /** Writes `state` (atomically: an interrupted save leaves the previous state intact). */
  save(state: Figure1State): Promise<void>;
  /** The saved state, or null when nothing was saved yet. */
  load(): Promise<Figure1State | null>;
  /** The folder holding `state.json` and the weights of the curve in training. */
  readonly dir: string;
}

type StoredState = Omit<Figure1State, 'current'> & {
  current:
    | (Omit<NonNullable<Figure1State['current']>, 'weights'> & {
        weights: { specs: NonNullable<Figure1State['current']>['weights']['specs']; file: string };
      })
    | null;
};

/**
 * A Figure 1 state store in `dir` (created on first save): `state.json` plus the weights of the
 * curve in training in `weights-<curve>-<epoch>.bin`. Every file is written atomically, the
 * weights before the `state.json` that names them, and older weight files are removed only
 * afterwards — so a run killed at any instant leaves a consistent state of its last finished
 * epoch.
 */
export function figure1StateStore(dir: string): Figure1StateStore {
  const statePath = join(dir, 'state.json');
  const removeWeightsExcept = (keep: string | null) => {
    if (!existsSync(dir)) return;
    for (const file of readdirSync(dir)) {
      if (/^weights-\d+-\d+\.bin$/.test(file) && file !== keep)
        rmSync(join(dir, file), { force: true });
    }
  };
  return {
    dir,
    async save(state) {
      let stored: StoredState;
      let keep: string | null = null;
      if (state.current) {
        keep = `weights-${state.current.index}-${state.current.epoch}.bin`;
        const weights = join(dir, keep);
        const data = new Uint8Array(state.current.weights.data);
        await explainDiskError(weights, null, statePath, () => writeFileAtomic(weights, data));
        stored = {
          ...state,
          current: {
            index: state.current.index,
            epoch: state.current.epoch,
            weights: { specs: state.current.weights.specs, file: keep },
          },
        };
      } else {
        stored = { ...state, current: null };
      }
      // The previous state.json stays whole (atomic writes): the run resumes from it.
      await explainDiskError(statePath, null, statePath, () => writeJsonAtomic(statePath, stored));
      removeWeightsExcept(keep);
    },
    async load() {
      if (!existsSync(statePath)) return null;
      let stored: StoredState;
      try {
        stored = JSON.parse(readFileSync(statePath, 'utf8')) as StoredState;
        if (stored.version !== 1)
          throw new Error(`unknown state version ${String(stored.version)}`);
      } catch (error) {
        throw new UsageError(
          `figure1: cannot read the saved run state ${statePath} (${(error as Error).message}); delete ${dir} to start afresh`,
        );
      }
      if (!stored.current) return { ...stored, current: null };
      const weightsPath = join(dir, stored.current.weights.file);
      let bytes: Buffer;
      try {
        bytes = readFileSync(weightsPath);
      } catch (error) {
        throw new UsageError(
          `figure1: the saved run state names ${weightsPath}, which cannot be read (${(error as Error).message}); delete ${dir} to start afresh`,
        );
      }
      const data = bytes.buffer.slice(
        bytes.byteOffset,
        bytes.byteOffset + bytes.byteLength,
      ) as ArrayBuffer;
      return {
        ...stored,
        current: {
          index: stored.current.index,
          epoch: stored.current.epoch,
          weights: { specs: stored.current.weights.specs, data },
        },
      };
    },
  };
}
