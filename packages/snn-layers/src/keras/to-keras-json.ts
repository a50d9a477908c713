import { SELU_ALPHA, SELU_LAMBDA } from '@snn/selu';
import type { LayersModel, SymbolicTensor } from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../../internal/snn-error';

/** A JSON object as Keras writes it (a Python dict). */
export type PyDict = { [key: string]: unknown };

/**
 * What Keras 2.15's `model.to_json()` returns, parsed: `keras.models.model_from_json` (Keras 2 and
 * Keras 3) and tfjs' `tf.models.modelFromJSON` read it.
 */
export interface KerasModelJson {
  class_name: string;
  config: PyDict;
  keras_version: string;
  backend: 'tensorflow';
}

/** The Keras version whose format {@link toKerasJson} writes. */
export const KERAS_JSON_VERSION = '2.15.0';

const isDict = (value: unknown): value is PyDict =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** @snn/init's normal initializers: their Keras scale (Var(w)·fanIn) and truncated class. */
const NORMAL_INITIALIZERS: Record<string, { scale: number; truncated: string }> = {
  SnnLecunNormal: { scale: 1, truncated: 'LecunNormal' },
  SnnHeNormal: { scale: 2, truncated: 'HeNormal' },
};

/** Keras' serialized form of an entry: `{module, class_name, config, registered_name}`. */
function entry(module: string, className: string, config: PyDict): PyDict {
  return { module, class_name: className, config, registered_name: null };
}

/**
 * An @snn/init initializer as the Keras initializer that draws the same distribution: truncated
 * LeCun/He normals are Keras' `LecunNormal` / `HeNormal`; the exact (untruncated) normals,
 * which Keras has no class for, are `VarianceScaling(scale, "fan_in", "untruncated_normal")`;
 * `lecunUniform` is `LecunUniform`. Others are null.
 */
function kerasInitializer(className: string, config: PyDict): PyDict | null {
  const seed = { seed: config.seed ?? null };
  if (className === 'SnnLecunUniform') return entry('keras.initializers', 'LecunUniform', seed);
  const normal = NORMAL_INITIALIZERS[className];
  if (normal === undefined) return null;
  if (config.truncated === true) return entry('keras.initializers', normal.truncated, seed);
  return entry('keras.initializers', 'VarianceScaling', {
    scale: normal.scale,
    mode: 'fan_in',
    distribution: 'untruncated_normal',
    ...seed,
  });
}

/** Initializers, regularizers and constraints nested in a layer config, in Keras' form. */
function nestedObjects(config: PyDict): PyDict {
  const out: PyDict = {};
  for (const [key, value] of Object.entries(config)) {
    const kind = /_(initializer|regularizer|constraint)$/.exec(key)?.[1];
    if (kind === undefined || !isDict(value) || typeof value.class_name !== 'string') {
      out[key] = value;
      continue;
    }
    const inner = isDict(value.config) ? value.config : {};
    out[key] =
      kerasInitializer(value.class_name, inner) ?? entry(`keras.${kind}s`, value.class_name, inner);
  }
  return out;
}

function fail(layer: string, className: string, why: string, fix: string): never {
  throw new SnnError(`toKerasJson: layer '${layer}' (${className}) ${why}; ${fix}`);
}

/** SELU layers and alpha dropout exist in Keras only for the (0, 1) fixed point's α and λ. */
function checkStandardSelu(layer: string, className: string, config: PyDict): void {
  const fixedPoint = config.fixed_point;
  const standardPoint =
    fixedPoint == null ||
    (isDict(fixedPoint) && fixedPoint.mean === 0 && fixedPoint.variance === 1);
  const alpha = config.alpha ?? SELU_ALPHA;
  const lambda = config.lambda ?? SELU_LAMBDA;
  if (!standardPoint || alpha !== SELU_ALPHA || lambda !== SELU_LAMBDA) {
    fail(
      layer,
      className,
      `uses α = ${alpha}, λ = ${lambda} (fixed point ${JSON.stringify(fixedPoint)}), but Keras' selu and AlphaDropout are fixed to the (0, 1) fixed point`,
      'build the layer with the default α01, λ01 to export it',
    );
  }
}

/** The Keras class name and config of one tfjs layer config. */
function kerasLayer(className: string, config: PyDict): [string, PyDict] {
  const name = String(config.name);
  const base = { name, trainable: config.trainable ?? true, dtype: config.dtype ?? 'float32' };
  switch (className) {
    case 'SnnSelu':
      checkStandardSelu(name, className, config);
      return ['Activation', { ...base, activation: 'selu' }];
    case 'SnnAlphaDropout':
    case 'AlphaDropout': {
      checkStandardSelu(name, className, config);
      const noiseShape = config.noise_shape == null ? {} : { noise_shape: config.noise_shape };
      return [
        'AlphaDropout',
        { ...base, rate: config.rate, ...noiseShape, seed: config.seed ?? null },
      ];
    }
    case 'SnnSeededDropout':
      return [
        'Dropout',
        {
          ...base,
          rate: config.rate,
          noise_shape: config.noise_shape ?? null,
          seed: config.seed ?? null,
        },
      ];
    case 'InputLayer':
      return ['InputLayer', { ragged: false, ...config }];
    default: {
      if (className.startsWith('Snn')) {
        fail(
          name,
          className,
          'has no built-in Keras counterpart',
          'export a model built from Dense, SELU and AlphaDropout layers (e.g. buildFnn with architecture "snn")',
        );
      }
      const { name: _n, trainable: _t, dtype: _d, ...rest } = config;
      return [className, { ...base, ...nestedObjects(rest) }];
    }
  }
}

/** The input shape Keras records in a layer's `build_config`, when the layer has one input. */
function buildConfig(model: LayersModel, name: string): PyDict {
  try {
    const input = model.getLayer(name).input as SymbolicTensor | SymbolicTensor[];
    return Array.isArray(input) ? {} : { build_config: { input_shape: input.shape } };
  } catch {
    return {};
  }
}

/**
 * Writes a tfjs layers model in the JSON Keras reads, `model.to_json()` of Keras 2.15, so an SNN
 * built or trained in tfjs loads in Keras (`keras.models.model_from_json(json.dumps(obj))`, Keras 2
 * or 3) and back in tfjs (`tf.models.modelFromJSON` after {@link useKerasSnn}):
 * - @snn/selu's SELU layer → `Activation("selu")`; its alpha dropout → `AlphaDropout`;
 *   seeded dropout → `Dropout`;
 * - @snn/init's initializers → the Keras initializer with the same distribution:
 *   `lecunNormal({ truncated: true })` → `LecunNormal`, `heNormal({ truncated: true })` →
 *   `HeNormal` (both cut at ±2σ′ with the variance kept, as Keras draws them); the exact normals
 *   `lecunNormal()` / `heNormal()` → `VarianceScaling(scale 1 / 2, "fan_in", "untruncated_normal")`;
 *   `lecunUniform` → `LecunUniform`; Keras' own initializers read by `useKerasSnn` as they were;
 * - every entry in Keras' serialized form `{module, class_name, config, registered_name}`.
 * Layers without a Keras counterpart (LayerNorm, WeightNormDense, Highway, ResidualBlock, feature
 * alpha dropout, SELU with other α, λ) throw an `SnnError` naming the layer. Only the topology is
 * written; the weights go with `model.save` as usual.
 *
 * @param model A layers model (Sequential or functional).
 * @returns The parsed `to_json()` object; `JSON.stringify` it for Keras.
 * @example
 * const model = buildFnn({ architecture: 'snn', inputDim: 16, outputDim: 2, depth: 4, width: 64, dropoutRate: 0.05 });
 * const json = JSON.stringify(toKerasJson(model)); // keras.models.model_from_json(json) in Python
 * @see https://arxiv.org/abs/1706.02515
 */
export function toKerasJson(model: LayersModel): KerasModelJson {
  const topology = model.toJSON(null, false) as PyDict;
  const config = isDict(topology.config) ? topology.config : {};
  const layers = Array.isArray(config.layers) ? (config.layers as PyDict[]) : [];
  const kerasLayers = layers.map((layer) => {
    const [className, layerConfig] = kerasLayer(
      String(layer.class_name),
      isDict(layer.config) ? layer.config : {},
    );
    const { class_name: _c, config: _k, ...graph } = layer; // `name`, `inbound_nodes` of functional models
    const build = className === 'InputLayer' ? {} : buildConfig(model, String(layerConfig.name));
    return { ...entry('keras.layers', className, layerConfig), ...graph, ...build };
  });
  const modelClass = topology.class_name === 'Sequential' ? 'Sequential' : 'Functional';
  return {
    class_name: modelClass,
    config: { ...config, layers: kerasLayers },
    keras_version: KERAS_JSON_VERSION,
    backend: 'tensorflow',
  };
}
