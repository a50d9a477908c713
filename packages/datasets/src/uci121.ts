import { SnnError } from '../../../internal/snn-error';
import { requireNode } from './environment';
import type { RemoteFile, RemoteOptions } from './remote';
import type { Split } from './split';
import { checkPartition, parseIndexLines, parseUciData, parseUciMetadata } from './uci121-parse';
import { scaleLikeUci121 } from './uci121-scale';

/**
 * The collection's archive (Fernández-Delgado, Cernadas, Barro, Amorim 2014, "Do we need
 * hundreds of classifiers…", JMLR 15). No checksum is published for it, so a download is
 * accepted only after a structure check: it must be a readable tar.gz whose members include at
 * least 100 dataset folders with a `<name>/<name>.txt` metadata file.
 */
export const UCI121_REMOTE: RemoteFile = {
  dataset: 'uci121',
  file: 'data.tar.gz',
  mirrors: ['http://persoal.citius.usc.es/manuel.fernandez.delgado/papers/jmlr/'],
  checkedBy:
    'structure check: a tar.gz with ≥ 100 <name>/<name>.txt dataset folders; no checksum is published',
  verify: async (path, label) => {
    const { openUciSource } = await import('./node/uci-source');
    let names: string[];
    try {
      names = (await openUciSource(path)).names;
    } catch (e) {
      throw new SnnError(`${label}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
    if (names.length < 100) {
      throw new SnnError(
        `${label}: holds ${names.length} dataset folders with <name>/<name>.txt, expected about 121; not the UCI-121 data.tar.gz`,
      );
    }
  },
};

/** One dataset of the collection, with the collection's own splits. */
export interface Uci121Dataset {
  name: string;
  classes: number;
  /** All rows of `fich1`, every feature scaled to mean 0 and standard deviation 1 (see `rescaled`). */
  data: Split;
  /** The rows of `fich2`, for the datasets that come with a separate test file, scaled alike. */
  test?: Split;
  /**
   * The files the archive ships unscaled and the loader scaled as the collection scales the
   * others (`scaleLikeUci121`): `'data'` (`fich1`), `'test'` (`fich2`); empty for most datasets
   * and whenever `scale` is `'as-shipped'`.
   */
  rescaled: Array<'data' | 'test'>;
  /** From `conxuntos.dat`: 0-based rows of `data` for training and for validation (disjoint, covering). */
  validationSplit: { train: Int32Array; validation: Int32Array };
  /** From `conxuntos_kfold.dat`: four independent 75/25 (train, test) splits of `data`; the test parts overlap. */
  folds: Array<{ train: Int32Array; test: Int32Array }>;
}

/** Options of `loadUci121` and `listUci121`. */
export interface Uci121Options extends RemoteOptions {
  /** The collection's `data.tar.gz` (or `.tar`), or its unpacked folder. Default: download it into the cache. */
  archive?: string;
  /**
   * `'collection'` (default): a file the archive ships unscaled (11 of its 133, e.g. the test
   * files of hayes-roth and hill-valley) is scaled as the collection scales every other file,
   * each file on its own (`scaleLikeUci121`); `'as-shipped'`: the values as in the files.
   */
  scale?: 'collection' | 'as-shipped';
}

async function source(options: Uci121Options, caller: string) {
  requireNode(caller, 'the UCI-121 loader reads a tar.gz archive or folder from disk');
  const { openUciSource } = await import('./node/uci-source');
  let archive = options.archive;
  if (archive === undefined) {
    const { ensureCached } = await import('./node/download');
    archive = await ensureCached(UCI121_REMOTE, options, caller);
  }
  return openUciSource(archive);
}

/**
 * Names of the datasets in the UCI-121 collection (folders with a `<name>/<name>.txt`), sorted.
 *
 * @param archive the collection's `data.tar.gz` or its unpacked folder; default: download it.
 * @param options cache and download options, used when `archive` is omitted.
 * @example
 * const names = await listUci121('data.tar.gz'); // ['abalone', 'acute-inflammation', …]
 * @see https://arxiv.org/abs/1706.02515
 */
export async function listUci121(archive?: string, options: RemoteOptions = {}): Promise<string[]> {
  const src = await source({ ...options, archive }, 'listUci121');
  return [...src.names];
}

/**
 * Loads one dataset of the UCI-121 collection (Fernández-Delgado et al. 2014) in that
 * collection's layout, with its own train/validation split and its four 75/25 splits — the data
 * and split definitions the paper's UCI comparison uses.
 *
 * Every file is returned scaled as the collection scales its files (each feature of each file to
 * mean 0 and sample standard deviation 1); the few files the archive ships unscaled are scaled
 * here and listed in `rescaled` (option `scale: 'as-shipped'` keeps the values as shipped).
 *
 * Checks: metadata counts (`n_entradas`, `n_clases`, `n_patrons1/2`, `n_patrons_entrena/valida`)
 * against the files, every row's cell count and row number, class range, index range, and that
 * each split is disjoint and covers every row. A missing data file is an error naming it.
 *
 * @param name the dataset's folder name, e.g. `'iris'` (see `listUci121`).
 * @param options `archive` (default: download the collection) and cache options.
 * @example
 * const iris = await loadUci121('iris', { archive: 'data.tar.gz' });
 * console.log(iris.data.n, iris.data.d, iris.classes); // 150 4 3
 * @see https://arxiv.org/abs/1706.02515
 */
export async function loadUci121(
  name: string,
  options: Uci121Options = {},
): Promise<Uci121Dataset> {
  const scale = options.scale ?? 'collection';
  if (scale !== 'collection' && scale !== 'as-shipped') {
    throw new SnnError(
      `loadUci121: \`scale\` must be 'collection' or 'as-shipped', got ${JSON.stringify(scale)}; leave it out for the collection's scaling`,
    );
  }
  if (typeof name !== 'string' || !/^[\w.+-]+$/.test(name) || name === '.' || name === '..') {
    throw new SnnError(
      `loadUci121: \`name\` must be a dataset folder name such as 'iris', got ${JSON.stringify(name)}; listUci121() gives the names`,
    );
  }
  const src = await source(options, 'loadUci121');
  const metaRel = `${name}/${name}.txt`;
  const metaBytes = await src.read(metaRel);
  if (!metaBytes) {
    throw new SnnError(
      `loadUci121: dataset '${name}' is not in ${src.label} (no ${src.where(metaRel)}); it holds ${src.names.length} datasets — listUci121() gives their names`,
    );
  }
  const decoder = new TextDecoder();
  const meta = parseUciMetadata(decoder.decode(metaBytes), src.where(metaRel));
  const need = async (file: string, role: string): Promise<Uint8Array> => {
    const bytes = await src.read(`${name}/${file}`);
    if (!bytes) {
      throw new SnnError(
        `loadUci121: dataset '${name}': ${role} ${src.where(`${name}/${file}`)} is missing (named in ${name}.txt); this copy of the collection lacks the file — use the complete data.tar.gz`,
      );
    }
    return bytes;
  };
  const shipped = parseUciData(
    await need(meta.fich1, 'data file'),
    src.where(`${name}/${meta.fich1}`),
    meta.d,
    meta.classes,
    meta.n1,
  );
  const shippedTest =
    meta.fich2 === undefined
      ? undefined
      : parseUciData(
          await need(meta.fich2, 'test file'),
          src.where(`${name}/${meta.fich2}`),
          meta.d,
          meta.classes,
          meta.n2!,
        );
  const rescaled: Array<'data' | 'test'> = [];
  const scaled = (split: Split, file: 'data' | 'test'): Split => {
    if (scale === 'as-shipped') return split;
    const out = scaleLikeUci121(split);
    if (out !== split) rescaled.push(file);
    return out;
  };
  const data = scaled(shipped, 'data');
  const test = shippedTest && scaled(shippedTest, 'test');
  const splitFile = src.where(`${name}/conxuntos.dat`);
  const [train, validation] = parseIndexLines(
    decoder.decode(await need('conxuntos.dat', 'split file')),
    splitFile,
    2,
    data.n,
  ) as [Int32Array, Int32Array];
  if (train.length !== meta.nTrain || validation.length !== meta.nValidation) {
    throw new SnnError(
      `${splitFile}: ${train.length} training and ${validation.length} validation rows, the metadata announces ${meta.nTrain} and ${meta.nValidation}; the files do not belong together`,
    );
  }
  checkPartition(train, validation, data.n, splitFile);
  const kfoldFile = src.where(`${name}/conxuntos_kfold.dat`);
  const lines = parseIndexLines(
    decoder.decode(await need('conxuntos_kfold.dat', 'fold file')),
    kfoldFile,
    8,
    data.n,
  );
  const folds = [0, 1, 2, 3].map((f) => {
    const pair = { train: lines[2 * f]!, test: lines[2 * f + 1]! };
    checkPartition(pair.train, pair.test, data.n, `${kfoldFile} (split ${f + 1})`);
    return pair;
  });
  return {
    name,
    classes: meta.classes,
    data,
    ...(test ? { test } : {}),
    validationSplit: { train, validation },
    folds,
    rescaled,
  };
}
