import { basename, dirname, extname, join } from 'node:path';
import type { BackendChoice, BackendName } from '@snn/runtime';
import { ONNX_OPSET, toOnnx } from '@snn/snn-layers';
import { writeFileAtomic } from '../../../../internal/atomic-write';
import { SnnError } from '../../../../internal/snn-error';
import { loadModelFile } from '../doctor/load-model-file';
import { useBackend } from '../node/use-backend';

/** Options of {@link runExport} (the `snn export` flags in camelCase). */
export interface RunExportOptions {
  /** model.json (with its weight files), Keras JSON, or a folder holding one. */
  model: string;
  /** Where to write the ONNX model (default: `model.onnx` beside the model file). */
  out?: string;
  /** tfjs backend that holds the weights while they are read (default `auto`). */
  backend?: BackendName;
  /** Where the backend selection says what it chose (default: nowhere). */
  log?: (line: string) => void;
}

/** What {@link runExport} returns (and `snn export --json` prints). */
export interface RunExportResult {
  /** The model file that was read. */
  model: string;
  /** `file` when the weights came from the model's weight files, `initialized` otherwise. */
  weights: 'file' | 'initialized';
  /** The ONNX file written. */
  onnx: string;
  bytes: number;
  opset: number;
  backend: BackendChoice;
}

/** `<folder>/model.onnx` for `<folder>/model.json`; `x.onnx` for `x.json`. */
function defaultOut(modelFile: string): string {
  const stem = basename(modelFile, extname(modelFile));
  return join(dirname(modelFile), `${stem}.onnx`);
}

/**
 * `snn export --onnx` as a library function: loads a saved model as `snn doctor` does (a model
 * folder is untrusted input: sizes checked against the limits and weight files kept inside the
 * folder before anything is built or read), converts it with `toOnnx` of @snn/snn-layers and
 * writes the ONNX file atomically. A model without weight files (Keras JSON) exports the weights
 * its initializers drew, and the result says so.
 *
 * @example
 * const { onnx, bytes } = await runExport({ model: 'runs/snn/model.json' });
 * // onnx === 'runs/snn/model.onnx'
 * @see https://onnx.ai/onnx/operators/onnx__Selu.html
 */
export async function runExport(options: RunExportOptions): Promise<RunExportResult> {
  const backend = await useBackend(options.backend, options.log);
  const { model, file, weights } = await loadModelFile(options.model);
  try {
    const out = options.out ?? defaultOut(file);
    if (extname(out) !== '.onnx') {
      throw new SnnError(
        `snn export: the output '${out}' must end in .onnx; pass e.g. --output ${join(dirname(out), 'model.onnx')}`,
      );
    }
    const bytes = await toOnnx(model);
    await writeFileAtomic(out, bytes);
    return { model: file, weights, onnx: out, bytes: bytes.length, opset: ONNX_OPSET, backend };
  } finally {
    model.dispose();
  }
}
