/**
 * The package's one registration with tfjs: its layers join the serialization map under their own
 * names (`SnnSelu`, `SnnAlphaDropout`, `SnnFeatureAlphaDropout`, package `Snn`), so models using
 * them save and load, and no tfjs built-in is replaced.
 *
 * Idempotent per tfjs instance: when the ESM and the CJS build (or two versions) are loaded into one
 * process, the first registration wins and later ones are no-ops instead of errors or silent
 * replacements.
 */
import * as tf from '@tensorflow/tfjs-core';
import { AlphaDropoutLayer } from './layers/alpha-dropout-layer';
import { FeatureAlphaDropoutLayer } from './layers/feature-alpha-dropout-layer';
import { SeluLayer } from './layers/selu-layer';

/** Every layer class of the package, registered by {@link registerSnnLayers}. */
export const SNN_LAYER_CLASSES = [SeluLayer, AlphaDropoutLayer, FeatureAlphaDropoutLayer] as const;

/** Registers the package's layers unless a class of the same name is already registered. */
export function registerSnnLayers(): void {
  const registered = tf.serialization.SerializationMap.getMap().classNameMap;
  for (const cls of SNN_LAYER_CLASSES) {
    if (Object.hasOwn(registered, cls.className)) continue;
    tf.serialization.registerClass(cls, 'Snn');
  }
}

registerSnnLayers();
