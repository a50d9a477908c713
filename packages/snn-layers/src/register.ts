/**
 * Registers the package's custom layers with tfjs serialization — the only side effect of the
 * package, run once when the index is imported.
 *
 * Idempotent: a class whose name is already registered (by this module loaded twice, e.g. as ESM
 * and CJS) is left alone, so nothing throws and nothing is replaced. The names carry the `Snn`
 * prefix and never shadow a tfjs built-in.
 */
import { serialization } from '@tensorflow/tfjs-core';
import { Highway } from './highway';
import { LayerNorm } from './layer-norm';
import { ResidualBlock } from './residual-block';
import { SeededDropout } from './seeded-dropout';
import { WeightNormDense } from './weight-norm-dense';

/** The custom layer classes of @snn/snn-layers, by their serialized `className`. */
export const SNN_LAYER_CLASSES = [
  WeightNormDense,
  LayerNorm,
  Highway,
  ResidualBlock,
  SeededDropout,
] as const;

export function registerSnnLayers(): void {
  const registered = serialization.SerializationMap.getMap().classNameMap;
  for (const cls of SNN_LAYER_CLASSES) {
    if (registered[cls.className] === undefined) serialization.registerClass(cls, 'snn');
  }
}

registerSnnLayers();
