import type { serialization } from '@tensorflow/tfjs-core';
import { LayersModel, Sequential } from '@tensorflow/tfjs-layers';
import { KERAS_BRAND } from './keras-brand';
import { functionalConfigForTfjs, sequentialConfigForTfjs } from './keras3-config';

type Config = serialization.ConfigDict;
type ModelClass = typeof Sequential | typeof LayersModel;

/** tfjs's own `base.fromConfig` on the config brought into the form tfjs-layers reads. */
function readThrough<T extends serialization.Serializable>(
  base: ModelClass,
  config: Config,
  customObjects: Config,
  fastWeightInit: boolean,
): T {
  const forTfjs =
    base === Sequential ? sequentialConfigForTfjs(config) : functionalConfigForTfjs(config);
  return base.fromConfig(
    base as unknown as serialization.SerializableConstructor<T>,
    forTfjs,
    customObjects,
    fastWeightInit,
  );
}

/**
 * Reads `"class_name": "Sequential"` while `useKerasSnn` is active: Keras 3's dtype policies,
 * `batch_shape` and `build_input_shape` are first brought into the form tfjs-layers reads (see
 * {@link sequentialConfigForTfjs}), then tfjs's own `Sequential.fromConfig` builds a plain
 * `Sequential`.
 */
export class KerasSequential extends Sequential {
  static override className = 'Sequential';
  static readonly [KERAS_BRAND] = true;

  static override fromConfig<T extends serialization.Serializable>(
    _cls: serialization.SerializableConstructor<T>,
    config: Config,
    customObjects: Config = {},
    fastWeightInit = false,
  ): T {
    return readThrough(Sequential, config, customObjects, fastWeightInit);
  }
}

/**
 * Reads `"class_name": "Functional"` while `useKerasSnn` is active: Keras 3's inbound nodes,
 * dtype policies and `batch_shape` are first brought into the form tfjs-layers reads (see
 * {@link functionalConfigForTfjs}), then tfjs's own functional `fromConfig` builds the model.
 */
export class KerasFunctional extends LayersModel {
  static override className = 'Functional';
  static readonly [KERAS_BRAND] = true;

  static override fromConfig<T extends serialization.Serializable>(
    _cls: serialization.SerializableConstructor<T>,
    config: Config,
    customObjects: Config = {},
    fastWeightInit = false,
  ): T {
    return readThrough(LayersModel, config, customObjects, fastWeightInit);
  }
}
