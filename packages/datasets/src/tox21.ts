// The Tox21 loader: the four files from a folder, a local or a downloaded tox21.zip, parsed,
// joined by compound ID and optionally preprocessed.
import { SnnError } from '../../../internal/snn-error';
import { requireNode } from './environment';
import { maybeGunzip } from './gzip';
import type { RemoteOptions } from './remote';
import {
  TOX21_FILES,
  TOX21_FILE_KEYS,
  TOX21_REMOTE,
  type Tox21FileKey,
  tox21MembersFromZip,
} from './tox21-archive';
import { parseDense, parseLabels } from './tox21-parse';
import {
  TOX21_PAPER_PREPROCESS,
  type Tox21Preprocess,
  type Tox21Split,
  buildSplit,
  preprocess,
} from './tox21-splits';

/** The 12 Tox21 tasks, in the order of DeepTox's label files. Select tasks by these names. */
export const TOX21_TASKS = [
  'NR.AhR',
  'NR.AR',
  'NR.AR.LBD',
  'NR.Aromatase',
  'NR.ER',
  'NR.ER.LBD',
  'NR.PPAR.gamma',
  'SR.ARE',
  'SR.ATAD5',
  'SR.HSE',
  'SR.MMP',
  'SR.p53',
] as const;

/** Options of `loadTox21`. */
export interface LoadTox21Options extends RemoteOptions {
  /**
   * `'remote'` (default): download and cache DeepTox's `tox21.zip`. `{dir}`: a folder holding
   * the four files (`.csv.gz` or `.csv`) or `tox21.zip`.
   */
  source?: 'remote' | { dir: string };
  /** Tasks to load, by name (default: all 12, in `TOX21_TASKS` order). */
  tasks?: readonly string[];
  /**
   * Feature preprocessing. `false` (default): the raw descriptors. `true`: drop features constant
   * on the training set, impute missing values with the training mean, standardize with training
   * statistics (`TOX21_PAPER_PREPROCESS`). An object picks the steps; see `Tox21Preprocess`.
   */
  preprocess?: boolean | Tox21Preprocess;
}

/** Tox21 as plain arrays. */
export interface Tox21Dataset {
  train: Tox21Split;
  test: Tox21Split;
  /** The task names, in the column order of `y` and `mask`. */
  tasks: string[];
  /** The names of the feature columns kept (after `dropConstant`). */
  featureNames: string[];
}

/**
 * Builds the Tox21 dataset from the bytes of its four files (gzip or plain CSV). Pure, so a
 * browser can fetch the files itself. Dense files: header, then compound ID and float columns.
 * Label files: ID and one column per task (0/1; empty or NA = missing). Rows are matched by ID;
 * tasks are selected by name.
 *
 * @param files the four files' bytes and names (names appear in errors).
 * @param options `tasks` and `preprocess`, as for `loadTox21`.
 * @example
 * const tox = tox21FromFiles({ trainDense: { name, bytes }, … }, { preprocess: true });
 * @see https://arxiv.org/abs/1706.02515
 */
export function tox21FromFiles(
  files: Record<Tox21FileKey, { name: string; bytes: Uint8Array }>,
  options: Pick<LoadTox21Options, 'tasks' | 'preprocess'> = {},
): Tox21Dataset {
  const tasks = [...(options.tasks ?? TOX21_TASKS)];
  if (tasks.length === 0)
    throw new SnnError(
      'loadTox21: `tasks` must name at least one task; pass names from TOX21_TASKS',
    );
  const read = (key: Tox21FileKey) => maybeGunzip(files[key].bytes, files[key].name);
  const trainDense = parseDense(read('trainDense'), files.trainDense.name);
  const testDense = parseDense(read('testDense'), files.testDense.name);
  if (testDense.names.join('\n') !== trainDense.names.join('\n')) {
    throw new SnnError(
      `${files.testDense.name}: its ${testDense.d} feature columns differ from the ${trainDense.d} of ${files.trainDense.name}; the files must come from the same release`,
    );
  }
  const k = tasks.length;
  const train = buildSplit(
    trainDense,
    parseLabels(read('trainLabels'), files.trainLabels.name, tasks),
    files.trainDense.name,
    files.trainLabels.name,
    k,
  );
  const test = buildSplit(
    testDense,
    parseLabels(read('testLabels'), files.testLabels.name, tasks),
    files.testDense.name,
    files.testLabels.name,
    k,
  );
  const steps =
    options.preprocess === true
      ? TOX21_PAPER_PREPROCESS
      : options.preprocess
        ? { ...TOX21_PAPER_PREPROCESS, ...options.preprocess }
        : undefined;
  if (!steps) return { train, test, tasks, featureNames: trainDense.names };
  return { ...preprocess(train, test, trainDense.names, steps), tasks };
}

/**
 * Loads the Tox21 data set as DeepTox distributes it (12,060 training and 647 test compounds,
 * 801 dense descriptors, 12 binary tasks with missing labels) as plain arrays.
 *
 * On `preprocess`: the SNN paper states that inputs are standardized but gives no further recipe
 * for Tox21's descriptors. `preprocess: true` therefore does exactly: drop features constant on
 * the training set, replace missing values with the training mean, and standardize with the
 * training mean and standard deviation (divisor n). `{squash: 'tanh'}` adds x ← tanh(x) after
 * standardizing, to bound heavy tails; it is an option, not part of the preset.
 *
 * @param options `source`, `tasks`, `preprocess`, and cache and download options.
 * @example
 * const tox = await loadTox21({ source: { dir: 'data/tox21' }, preprocess: true });
 * console.log(tox.train.n, tox.tasks.length); // 12060 12
 * @see https://arxiv.org/abs/1706.02515
 */
export async function loadTox21(options: LoadTox21Options = {}): Promise<Tox21Dataset> {
  const source = options.source ?? 'remote';
  requireNode('loadTox21', 'fetch the four files yourself and call tox21FromFiles()');
  const files = await import('./node/files');
  let zip: string | undefined;
  let parts: Record<Tox21FileKey, { name: string; bytes: Uint8Array }> | undefined;
  if (source === 'remote') {
    const { ensureCached } = await import('./node/download');
    zip = await ensureCached(TOX21_REMOTE, options, 'loadTox21');
  } else if (typeof source === 'object' && source !== null && typeof source.dir === 'string') {
    const paths = {} as Record<Tox21FileKey, string>;
    for (const key of TOX21_FILE_KEYS) {
      const found = await files.firstExisting(source.dir, [
        TOX21_FILES[key],
        TOX21_FILES[key].slice(0, -3),
      ]);
      if (found) paths[key] = found;
    }
    if (TOX21_FILE_KEYS.every((k) => paths[k])) {
      parts = {} as Record<Tox21FileKey, { name: string; bytes: Uint8Array }>;
      for (const key of TOX21_FILE_KEYS)
        parts[key] = { name: paths[key], bytes: await files.readBytes(paths[key]) };
    } else {
      zip = await files.firstExisting(source.dir, ['tox21.zip']);
      if (!zip) {
        throw new SnnError(
          `loadTox21: ${source.dir} holds neither all of ${Object.values(TOX21_FILES).join(', ')} (missing: ${TOX21_FILE_KEYS.filter(
            (k) => !paths[k],
          )
            .map((k) => TOX21_FILES[k])
            .join(', ')}) nor tox21.zip; put DeepTox's files there`,
        );
      }
    }
  } else {
    throw new SnnError(
      `loadTox21: \`source\` must be 'remote' or {dir: string}, got ${JSON.stringify(source)}`,
    );
  }
  if (zip) parts = tox21MembersFromZip(await files.readBytes(zip), zip);
  return tox21FromFiles(parts!, options);
}
