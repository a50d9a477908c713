import { storeWriteError } from '@snn/sweep';

/**
 * Runs `write`, which writes `path` (a report, a plot, a resume state); a full or failing disk
 * (`ENOSPC`, `EDQUOT`, `EIO`) becomes one message naming the file, how many configurations are
 * safely stored and how to resume — the message of @snn/sweep's `storeWriteError`, so a run says
 * the same whichever of its files hit the full disk. Other errors pass unchanged.
 *
 * @param path The file `write` writes, named in the message.
 * @param stored Configurations safely stored in `storePath`, or null when not counted.
 * @param storePath Where the finished work is kept (the result store, a resume state).
 * @param write The write itself.
 * @example
 * await explainDiskError(jsonPath, records.length, storePath, () => writeJsonAtomic(jsonPath, result));
 * // cannot write out/uci.json: no space left on the device (ENOSPC); 12 configurations are safely
 * // stored in out/store.jsonl — free some space and rerun the same command to resume from them
 */
export async function explainDiskError<T>(
  path: string,
  stored: number | null,
  storePath: string,
  write: () => Promise<T>,
): Promise<T> {
  try {
    return await write();
  } catch (error) {
    throw storeWriteError(path, stored, error, storePath);
  }
}
