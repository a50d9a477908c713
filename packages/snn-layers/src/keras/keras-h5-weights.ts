import { checkLimit } from '../../../../internal/limits';
import { SnnError } from '../../../../internal/snn-error';
import { type H5File, type H5wasm, withH5File } from './h5wasm-module';
import type { KerasLayerPath } from './keras-layer-paths';

/** One variable of a layer, as model.weights.h5 holds it: `<path>/vars/<index>`. */
export interface KerasVariable {
  /** Its dataset, e.g. `layers/dense/vars/0`. */
  path: string;
  shape: number[];
  /** The values, row-major float32. */
  values: Float32Array;
}

type Group = InstanceType<H5wasm['Group']>;
type Dataset = InstanceType<H5wasm['Dataset']>;

const fail = (file: string, what: string, fix: string): never => {
  throw new SnnError(`${file}: ${what}; ${fix}`);
};
const RESAVE = 'save the model again with Keras 3 model.save("model.keras")';

/**
 * The object at `path`, reached one component at a time so that no soft or external link is
 * followed (Keras' `safe_get_h5_group` refuses them as well); null when it does not exist.
 */
function walk(h5: H5wasm, file: string, root: H5File, path: string): Group | Dataset | null {
  let current: Group | Dataset = root;
  let at = '';
  for (const part of path.split('/')) {
    if (!(current instanceof h5.Group) || !current.keys().includes(part)) return null;
    at = `${at}/${part}`;
    // h5wasm follows a soft link that resolves; its target says it is one.
    const next: unknown = root.get_link(at) === null ? current.get(part) : null;
    if (!(next instanceof h5.Group) && !(next instanceof h5.Dataset)) {
      fail(
        file,
        `model.weights.h5 has a link or a named type at ${at.slice(1)}, not a group or dataset`,
        `links to other places or files are refused in an untrusted weights file; ${RESAVE}`,
      );
    }
    current = next as Group | Dataset;
  }
  return current;
}

/** The datasets `0`, `1`, … of one layer's `vars` group, checked to be float32 arrays. */
function layerDatasets(h5: H5wasm, file: string, root: H5File, layer: KerasLayerPath): Dataset[] {
  const vars = walk(h5, file, root, `${layer.path}/vars`);
  if (vars === null) return [];
  if (!(vars instanceof h5.Group)) fail(file, `${layer.path}/vars is not a group`, RESAVE);
  const keys = (vars as Group).keys();
  const datasets: Dataset[] = [];
  for (let i = 0; i < keys.length; i++) {
    const path = `${layer.path}/vars/${i}`;
    const dataset = walk(h5, file, root, path);
    if (!(dataset instanceof h5.Dataset)) {
      fail(
        file,
        `layer '${layer.name}' (${layer.className}): ${layer.path}/vars holds ${keys.join(', ')}, expected the datasets 0 to ${keys.length - 1}`,
        RESAVE,
      );
    }
    const ds = dataset as Dataset;
    if (ds.dtype !== '<f' || ds.shape === null) {
      fail(
        file,
        `layer '${layer.name}' (${layer.className}): ${path} holds ${JSON.stringify(ds.dtype)} values of shape ${JSON.stringify(ds.shape)}, expected float32 (little-endian "<f") arrays`,
        'tfjs layers compute in float32: save the Keras model with the float32 dtype policy (keras.config.set_dtype_policy("float32"))',
      );
    }
    datasets.push(ds);
  }
  return datasets;
}

/**
 * Reads the variables of every layer in `layers` from a `.keras` file's model.weights.h5
 * (untrusted): objects are reached without following links, every dataset must be a float32
 * array, and the values they declare together are checked against the `parameters` limit before
 * any is read. A layer without a `vars` group has no variables.
 *
 * @param bytes model.weights.h5.
 * @param file The archive's name, for errors.
 * @param layers Where each layer's variables are (see `kerasLayerPaths`).
 * @returns Each layer's variables in order, by layer name.
 */
export async function readKerasWeights(
  bytes: Uint8Array,
  file: string,
  layers: readonly KerasLayerPath[],
): Promise<Map<string, KerasVariable[]>> {
  let opened: Awaited<ReturnType<typeof withH5File<Map<string, KerasVariable[]>>>>;
  try {
    opened = await withH5File(bytes, (root, h5) => {
      const found = layers.map((layer) => [layer, layerDatasets(h5, file, root, layer)] as const);
      let total = 0;
      for (const [, datasets] of found) {
        for (const ds of datasets) total += ds.shape!.reduce((p, d) => p * d, 1);
      }
      checkLimit('parameters', total, `${file} model.weights.h5`);
      return new Map(
        found.map(([layer, datasets]) => [
          layer.name,
          datasets.map((ds) => ({
            path: ds.path.replace(/^\//, ''),
            shape: ds.shape!,
            values: Float32Array.from(ds.value as Float32Array),
          })),
        ]),
      );
    });
  } catch (error) {
    if (error instanceof SnnError) throw error;
    return fail(
      file,
      `model.weights.h5 is not a readable HDF5 file (${error instanceof Error ? error.message : String(error)})`,
      RESAVE,
    );
  }
  return opened.result;
}

/**
 * Writes model.weights.h5 as Keras 3 does (`H5IOStore` in keras/src/saving/saving_lib.py): a
 * `vars` group for the model and one at `<path>/vars` for every layer, each with the attribute
 * `name` (Keras ≥ 3.6), holding the layer's variables as the float32 datasets `0`, `1`, ….
 *
 * @param modelName The model's name.
 * @param layers Each layer's path and its variables, in order.
 * @param date The time HDF5 records in the file's object headers (default: the clock's).
 * @returns The HDF5 file's bytes.
 */
export async function writeKerasWeights(
  modelName: string,
  layers: readonly {
    layer: KerasLayerPath;
    variables: { shape: number[]; values: Float32Array }[];
  }[],
  date?: Date,
): Promise<Uint8Array> {
  const { bytes } = await withH5File(
    null,
    (root) => {
      root.create_group('vars').create_attribute('name', modelName);
      const groups = new Map<string, Group>();
      const groupAt = (path: string): Group => {
        let group = groups.get(path);
        if (group !== undefined) return group;
        const slash = path.lastIndexOf('/');
        const parent = slash < 0 ? root : groupAt(path.slice(0, slash));
        group = parent.create_group(path.slice(slash + 1));
        groups.set(path, group);
        return group;
      };
      for (const { layer, variables } of layers) {
        const vars = groupAt(`${layer.path}/vars`);
        vars.create_attribute('name', layer.name);
        variables.forEach(({ shape, values }, i) => {
          vars.create_dataset({ name: String(i), data: values, shape, dtype: '<f' });
        });
      }
    },
    date,
  );
  return bytes!;
}
