import type { serialization } from '@tensorflow/tfjs-core';
import { LayersModel } from '@tensorflow/tfjs-layers';
import { KERAS_BRAND } from './keras-brand';
import { functionalConfigForTfjs } from './keras3-config';

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
    config: serialization.ConfigDict,
    customObjects: serialization.ConfigDict = {},
    fastWeightInit = false,
  ): T {
    return LayersModel.fromConfig(
      LayersModel as unknown as serialization.SerializableConstructor<T>,
      functionalConfigForTfjs(config),
      customObjects,
      fastWeightInit,
    );
  }
}
