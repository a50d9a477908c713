import * as tf from '@tensorflow/tfjs-core';
import { SnnError } from '../../../internal/snn-error';

/**
 * A tfjs-layers layer class as tfjs-layers registered it for deserialization, by its class name.
 * The package exports only factories for most of its layers (`tf.layers.dense`, …), and making a
 * layer just to read its constructor would use up one of tfjs's automatic layer names.
 *
 * @example
 * const TfDense = tfjsLayerClass<typeof layers.dense>('Dense');
 * class Dense extends TfDense {}
 */
export function tfjsLayerClass<Factory extends (args: never) => unknown>(
  className: string,
): new (
  ...args: Parameters<Factory>
) => ReturnType<Factory> {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (entry === undefined) {
    throw new SnnError(
      `@snn/snn-layers: tfjs-layers' ${className} is not registered with tfjs; import @tensorflow/tfjs-layers before @snn/snn-layers`,
    );
  }
  return entry[0] as unknown as new (
    ...args: Parameters<Factory>
  ) => ReturnType<Factory>;
}
