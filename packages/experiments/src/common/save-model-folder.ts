import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { writeFileAtomic } from '../../../../internal/atomic-write';

/**
 * Saves a layers model as tfjs's `file://` handler of tfjs-node does, without tfjs-node:
 * `model.json` (format, topology, weights manifest) and one `weights.bin` in `dir`, each
 * written atomically. What `snn doctor` and `snn export` read.
 *
 * @param model A built layers model.
 * @param dir The folder (created when missing).
 * @returns The path of the model.json written.
 * @example
 * const file = await saveModelFolder(buildFnn({ architecture: 'snn', inputDim: 4, outputDim: 3, depth: 2, width: 8 }), 'runs/snn');
 */
export async function saveModelFolder(model: LayersModel, dir: string): Promise<string> {
  const file = join(dir, 'model.json');
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const modelJson = {
        format: 'layers-model',
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      const weights = artifacts.weightData as ArrayBuffer;
      await writeFileAtomic(join(dir, 'weights.bin'), new Uint8Array(weights));
      await writeFileAtomic(file, JSON.stringify(modelJson));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return file;
}
