import { zipSync } from 'fflate';
import { checkLimit } from '../../../../internal/limits';
import { SnnError } from '../../../../internal/snn-error';
import { readZipMembers } from '../../../../internal/zip-members';

/** The members of a Keras 3 `.keras` archive (keras/src/saving/saving_lib.py). */
export const KERAS_ARCHIVE = {
  metadata: 'metadata.json',
  config: 'config.json',
  weights: 'model.weights.h5',
} as const;

/** What a `.keras` archive holds: its two JSON files, parsed, and the HDF5 weights. */
export interface KerasArchive {
  metadata: Record<string, unknown>;
  config: Record<string, unknown>;
  weights: Uint8Array;
}

function fail(file: string, what: string, fix: string): never {
  throw new SnnError(`${file}: ${what}; ${fix}`);
}

function parseJson(file: string, member: string, bytes: Uint8Array): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    fail(
      file,
      `${member} is not JSON (${(error as Error).message})`,
      'the archive is damaged: save the model again with model.save("model.keras")',
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(
      file,
      `${member} is not a JSON object`,
      'save the model again with model.save("model.keras")',
    );
  }
  return value as Record<string, unknown>;
}

/**
 * Reads a `.keras` archive (untrusted): every entry name is checked (no `..`, no absolute
 * paths, links only inside), each member's declared size is checked against the `shardBytes`
 * limit before it is inflated, and only metadata.json, config.json and model.weights.h5 are
 * kept (an `assets/` folder is ignored).
 *
 * @param bytes The archive.
 * @param file Its name, for errors.
 * @throws SnnError naming the file when it is no zip, a member is missing, or a JSON is broken;
 *   LimitError when a member is larger than `SNN_MAX_SHARD_BYTES`.
 */
export function readKerasArchive(bytes: Uint8Array, file: string): KerasArchive {
  const wanted = new Set<string>(Object.values(KERAS_ARCHIVE));
  const seen: string[] = [];
  const members = readZipMembers(bytes, file, (path, size) => {
    seen.push(path);
    if (!wanted.has(path)) return false;
    checkLimit('shardBytes', size, `${file} member ${path}`);
    return true;
  });
  const found = seen.length === 0 ? 'no members' : `members ${seen.slice(0, 6).join(', ')}`;
  if (!members.has(KERAS_ARCHIVE.config)) {
    fail(
      file,
      `not a Keras 3 .keras archive: it has no config.json (found ${found})`,
      'pass a file written by Keras 3 model.save("model.keras") or by toKerasFile',
    );
  }
  if (!members.has(KERAS_ARCHIVE.weights)) {
    const npz = seen.includes('model.weights.npz');
    fail(
      file,
      `the archive has no model.weights.h5 (found ${found})`,
      npz
        ? "its weights are in NumPy's .npz format; save the model with the default HDF5 weights (model.save('model.keras'))"
        : 'save the model with its weights: model.save("model.keras")',
    );
  }
  const metadata = members.get(KERAS_ARCHIVE.metadata);
  return {
    metadata: metadata === undefined ? {} : parseJson(file, KERAS_ARCHIVE.metadata, metadata),
    config: parseJson(file, KERAS_ARCHIVE.config, members.get(KERAS_ARCHIVE.config)!),
    weights: members.get(KERAS_ARCHIVE.weights)!,
  };
}

/**
 * Writes a `.keras` archive as Keras 3's `_save_model_to_fileobj` does: a zip without
 * compression holding metadata.json, config.json and model.weights.h5, in that order.
 *
 * @param archive The parsed JSON files and the HDF5 weights.
 * @param date The time stamp of the zip entries.
 */
export function writeKerasArchive(archive: KerasArchive, date: Date): Uint8Array {
  const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
  return zipSync(
    {
      [KERAS_ARCHIVE.metadata]: json(archive.metadata),
      [KERAS_ARCHIVE.config]: json(archive.config),
      [KERAS_ARCHIVE.weights]: archive.weights,
    },
    { level: 0, mtime: date },
  );
}
