import { SnnError } from '../../../internal/snn-error';
import { requireNode } from './environment';
import { maybeGunzip } from './gzip';
import type { RemoteFile, RemoteOptions } from './remote';
import type { Split } from './split';
import { decodeText, nonEmptyLines, splitCsvLine } from './text-table';
import { readZipMembers } from './zip-members';

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

/** The four files the loader reads (DeepTox's Tox21 machine-learning data set). */
export const TOX21_FILES = {
  trainDense: 'tox21_dense_train.csv.gz',
  testDense: 'tox21_dense_test.csv.gz',
  trainLabels: 'tox21_labels_train.csv.gz',
  testLabels: 'tox21_labels_test.csv.gz',
} as const;

type Tox21FileKey = keyof typeof TOX21_FILES;
const KEYS = Object.keys(TOX21_FILES) as Tox21FileKey[];
const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
/** A member matches with or without the `.gz`. */
const matches = (p: string, key: Tox21FileKey): boolean =>
  base(p) === TOX21_FILES[key] || base(p) === TOX21_FILES[key].slice(0, -3);

/**
 * Tox21 from the DeepTox page (Mayr et al. 2016), the archive the SNN repository links. No
 * checksum is published, so a download is accepted only after a structure check: a readable
 * zip holding the four dense/label files.
 */
export const TOX21_REMOTE: RemoteFile = {
  dataset: 'tox21',
  file: 'tox21.zip',
  mirrors: ['http://bioinf.jku.at/research/DeepTox/'],
  checkedBy: `structure check: a zip holding ${Object.values(TOX21_FILES).join(', ')}; no checksum is published`,
  verify: async (path, label) => {
    const { readBytes } = await import('./node/files');
    tox21MembersFromZip(await readBytes(path), label);
  },
};

/** One Tox21 split: dense features, labels of the selected tasks and which of them are known. */
export interface Tox21Split extends Split {
  /** n × tasks row-major: 1 active, 0 inactive or missing (see `mask`). */
  y: Float32Array;
  /** n × tasks row-major: 1 where the label is known, 0 where it is missing. */
  mask: Uint8Array;
  /** Compound IDs, one per row. */
  ids: string[];
}

/**
 * Feature preprocessing of `loadTox21`, fitted on the training split only and applied to both:
 * 1. `dropConstant`: drop features whose known training values are all equal (or all missing);
 * 2. missing feature values (empty / NA / NaN cells) are replaced by the training mean;
 * 3. `standardize`: x ← (x − training mean) / training standard deviation (divisor n);
 * 4. `squash: 'tanh'`: x ← tanh(x) after standardizing, bounding heavy-tailed descriptors.
 */
export interface Tox21Preprocess {
  dropConstant?: boolean;
  standardize?: boolean;
  squash?: 'none' | 'tanh';
}

/** The preset `preprocess: true` stands for. */
export const TOX21_PAPER_PREPROCESS: Required<Tox21Preprocess> = {
  dropConstant: true,
  standardize: true,
  squash: 'none',
};

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

const MISSING = new Set(['', 'na', 'nan', 'null']);

function parseDense(
  bytes: Uint8Array,
  file: string,
): { ids: string[]; names: string[]; x: Float32Array; n: number; d: number } {
  const lines = nonEmptyLines(decodeText(bytes));
  if (lines.length < 1)
    throw new SnnError(`${file}: empty file, expected a header and rows; the file is truncated`);
  const header = splitCsvLine(lines[0]!.text);
  const d = header.length - 1;
  if (d < 1)
    throw new SnnError(
      `${file}: header has ${header.length} column(s), expected an ID column and features`,
    );
  const n = lines.length - 1;
  const x = new Float32Array(n * d);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const { line, text } = lines[i + 1]!;
    const cells = splitCsvLine(text);
    if (cells.length !== d + 1) {
      throw new SnnError(
        `${file}: line ${line}: ragged row with ${cells.length} cells, expected ${d + 1} (ID and ${d} features, as the header); the file is corrupt`,
      );
    }
    ids.push(cells[0]!.trim());
    for (let j = 0; j < d; j++) {
      const t = cells[j + 1]!.trim();
      let v: number;
      if (MISSING.has(t.toLowerCase())) v = Number.NaN;
      else {
        v = Number(t);
        if (!Number.isFinite(v)) {
          throw new SnnError(
            `${file}: line ${line}, column ${j + 2}: "${t}" is not a number; the file is corrupt`,
          );
        }
      }
      x[i * d + j] = v;
    }
  }
  return { ids, names: header.slice(1).map((h) => h.trim()), x, n, d };
}

function parseLabels(
  bytes: Uint8Array,
  file: string,
  tasks: readonly string[],
): Map<string, { y: Float32Array; mask: Uint8Array }> {
  const lines = nonEmptyLines(decodeText(bytes));
  if (lines.length < 1)
    throw new SnnError(`${file}: empty file, expected a header and rows; the file is truncated`);
  const header = splitCsvLine(lines[0]!.text).map((h) => h.trim());
  const columns = tasks.map((task) => {
    const at = header.indexOf(task);
    if (at < 1) {
      throw new SnnError(
        `${file}: no column for task "${task}" in the header (${header.slice(1).join(', ')}); pass task names from TOX21_TASKS`,
      );
    }
    return at;
  });
  const out = new Map<string, { y: Float32Array; mask: Uint8Array }>();
  for (const { line, text } of lines.slice(1)) {
    const cells = splitCsvLine(text);
    if (cells.length !== header.length) {
      throw new SnnError(
        `${file}: line ${line}: ragged row with ${cells.length} cells, expected ${header.length} (as the header); the file is corrupt`,
      );
    }
    const id = cells[0]!.trim();
    if (out.has(id))
      throw new SnnError(
        `${file}: line ${line}: compound ID "${id}" appears twice; the file is corrupt`,
      );
    const y = new Float32Array(tasks.length);
    const mask = new Uint8Array(tasks.length);
    columns.forEach((col, t) => {
      const raw = cells[col]!.trim();
      if (MISSING.has(raw.toLowerCase())) return;
      const v = Number(raw);
      if (v !== 0 && v !== 1) {
        throw new SnnError(
          `${file}: line ${line}, task ${tasks[t]}: label "${raw}", expected 0, 1, or empty/NA for missing; the file is corrupt`,
        );
      }
      y[t] = v;
      mask[t] = 1;
    });
    out.set(id, { y, mask });
  }
  return out;
}

function buildSplit(
  dense: ReturnType<typeof parseDense>,
  labels: ReturnType<typeof parseLabels>,
  denseFile: string,
  labelFile: string,
  k: number,
): Tox21Split {
  const y = new Float32Array(dense.n * k);
  const mask = new Uint8Array(dense.n * k);
  dense.ids.forEach((id, i) => {
    const row = labels.get(id);
    if (!row) {
      throw new SnnError(
        `${labelFile}: no labels for compound "${id}" (row ${i + 1} of ${denseFile}); the two files must be the same split`,
      );
    }
    y.set(row.y, i * k);
    mask.set(row.mask, i * k);
  });
  return { x: dense.x, y, mask, ids: dense.ids, n: dense.n, d: dense.d };
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
  return preprocess(train, test, trainDense.names, tasks, steps);
}

function preprocess(
  train: Tox21Split,
  test: Tox21Split,
  names: string[],
  tasks: string[],
  steps: Required<Tox21Preprocess>,
): Tox21Dataset {
  const { d } = train;
  const mean = new Float64Array(d);
  const count = new Float64Array(d);
  const min = new Float64Array(d).fill(Number.POSITIVE_INFINITY);
  const max = new Float64Array(d).fill(Number.NEGATIVE_INFINITY);
  for (let i = 0; i < train.n; i++) {
    for (let j = 0; j < d; j++) {
      const v = train.x[i * d + j]!;
      if (Number.isNaN(v)) continue;
      mean[j]! += v;
      count[j]!++;
      if (v < min[j]!) min[j] = v;
      if (v > max[j]!) max[j] = v;
    }
  }
  for (let j = 0; j < d; j++) mean[j] = count[j]! > 0 ? mean[j]! / count[j]! : 0;
  // Missing values count as the mean, so they add nothing to the variance.
  const std = new Float64Array(d);
  for (let i = 0; i < train.n; i++) {
    for (let j = 0; j < d; j++) {
      const v = train.x[i * d + j]!;
      if (!Number.isNaN(v)) std[j]! += (v - mean[j]!) ** 2;
    }
  }
  const kept: number[] = [];
  for (let j = 0; j < d; j++) {
    const constant = !(min[j]! < max[j]!);
    std[j] = constant ? 1 : Math.sqrt(std[j]! / train.n);
    if (!(steps.dropConstant && constant)) kept.push(j);
  }
  const transform = (s: Tox21Split): Tox21Split => {
    const m = kept.length;
    const x = new Float32Array(s.n * m);
    for (let i = 0; i < s.n; i++) {
      for (let c = 0; c < m; c++) {
        const j = kept[c]!;
        let v = s.x[i * d + j]!;
        if (Number.isNaN(v)) v = mean[j]!;
        if (steps.standardize) v = (v - mean[j]!) / std[j]!;
        if (steps.squash === 'tanh') v = Math.tanh(v);
        x[i * m + c] = v;
      }
    }
    return { ...s, x, d: m };
  };
  return {
    train: transform(train),
    test: transform(test),
    tasks,
    featureNames: kept.map((j) => names[j]!),
  };
}

/** The four files from the members of `tox21.zip` (matched by base name, `.gz` optional). */
export function tox21MembersFromZip(
  bytes: Uint8Array,
  archive: string,
): Record<Tox21FileKey, { name: string; bytes: Uint8Array }> {
  const members = readZipMembers(bytes, archive, (p) => KEYS.some((k) => matches(p, k)));
  const out = {} as Record<Tox21FileKey, { name: string; bytes: Uint8Array }>;
  for (const key of KEYS) {
    const found = [...members].find(([p]) => matches(p, key));
    if (!found) {
      throw new SnnError(
        `${archive}: the zip holds no ${TOX21_FILES[key]}; not DeepTox's tox21.zip — download it again or pass the four files in a folder`,
      );
    }
    out[key] = { name: `${archive}:${found[0]}`, bytes: found[1] };
  }
  return out;
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
    for (const key of KEYS) {
      const found = await files.firstExisting(source.dir, [
        TOX21_FILES[key],
        TOX21_FILES[key].slice(0, -3),
      ]);
      if (found) paths[key] = found;
    }
    if (KEYS.every((k) => paths[k])) {
      parts = {} as Record<Tox21FileKey, { name: string; bytes: Uint8Array }>;
      for (const key of KEYS)
        parts[key] = { name: paths[key], bytes: await files.readBytes(paths[key]) };
    } else {
      zip = await files.firstExisting(source.dir, ['tox21.zip']);
      if (!zip) {
        throw new SnnError(
          `loadTox21: ${source.dir} holds neither all of ${Object.values(TOX21_FILES).join(', ')} (missing: ${KEYS.filter(
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
