import type { serialization } from '@tensorflow/tfjs-core';
import { Sequential } from '@tensorflow/tfjs-layers';
import { KERAS_BRAND } from './keras-brand';
import { sequentialConfigForTfjs } from './keras3-config';

/**
 * Reads `"class_name": "Sequential"` while `useKerasSnn` is active: the config is first brought
 * into the form tfjs-layers reads (Keras 3 dtype policies, `batch_shape`, `build_input_shape`; see
 * {@link sequentialConfigForTfjs}), then tfjs's own `Sequential.fromConfig` builds a plain
 * `Sequential`.
 */
export class KerasSequential extends Sequential {
  static override className = 'Sequential';
  static readonly [KERAS_BRAND] = true;

  static override fromConfig<T extends serialization.Serializable>(
    _cls: serialization.SerializableConstructor<T>,
    config: serialization.ConfigDict,
    customObjects: serialization.ConfigDict = {},
    fastWeightInit = false,
  ): T {
    return Sequential.fromConfig(
      Sequential as unknown as serialization.SerializableConstructor<T>,
      sequentialConfigForTfjs(config),
      customObjects,
      fastWeightInit,
    );
  }
}
