// Where Tox21's four files come from: DeepTox's tox21.zip (downloaded or local) or a folder.
import { SnnError } from '../../../internal/snn-error';
import { readZipMembers } from '../../../internal/zip-members';
import type { RemoteFile } from './remote';

/** The four files the loader reads (DeepTox's Tox21 machine-learning data set). */
export const TOX21_FILES = {
  trainDense: 'tox21_dense_train.csv.gz',
  testDense: 'tox21_dense_test.csv.gz',
  trainLabels: 'tox21_labels_train.csv.gz',
  testLabels: 'tox21_labels_test.csv.gz',
} as const;

/** One of the four files, by its key in {@link TOX21_FILES}. */
export type Tox21FileKey = keyof typeof TOX21_FILES;
/** The keys of {@link TOX21_FILES}, in its order. */
export const TOX21_FILE_KEYS = Object.keys(TOX21_FILES) as Tox21FileKey[];
const base = (p: string): string => p.slice(p.lastIndexOf('/') + 1);
/** A member matches with or without the `.gz`. */
const matches = (p: string, key: Tox21FileKey): boolean =>
  base(p) === TOX21_FILES[key] || base(p) === TOX21_FILES[key].slice(0, -3);

/**
 * Tox21 from the DeepTox page (Mayr et al. 2016), the archive the SNN repository links. No
 * checksum is published, so a download is accepted only after a structure check: a readable
 * zip holding the four dense/label files.
 */
export const TOX21_REMOTE: RemoteFile = {
  dataset: 'tox21',
  file: 'tox21.zip',
  mirrors: ['http://bioinf.jku.at/research/DeepTox/'],
  checkedBy: `structure check: a zip holding ${Object.values(TOX21_FILES).join(', ')}; no checksum is published`,
  verify: async (path, label) => {
    const { readBytes } = await import('./node/files');
    tox21MembersFromZip(await readBytes(path), label);
  },
};

/** The four files from the members of `tox21.zip` (matched by base name, `.gz` optional). */
export function tox21MembersFromZip(
  bytes: Uint8Array,
  archive: string,
): Record<Tox21FileKey, { name: string; bytes: Uint8Array }> {
  const members = readZipMembers(bytes, archive, (p) => TOX21_FILE_KEYS.some((k) => matches(p, k)));
  const out = {} as Record<Tox21FileKey, { name: string; bytes: Uint8Array }>;
  for (const key of TOX21_FILE_KEYS) {
    const found = [...members].find(([p]) => matches(p, key));
    if (!found) {
      throw new SnnError(
        `${archive}: the zip holds no ${TOX21_FILES[key]}; not DeepTox's tox21.zip — download it again or pass the four files in a folder`,
      );
    }
    out[key] = { name: `${archive}:${found[0]}`, bytes: found[1] };
  }
  return out;
}
