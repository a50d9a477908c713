import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** Largest report file the dashboard serves (the committed reports are < 1 MB). */
export const MAX_REPORT_FILE_BYTES = 32 * 1024 * 1024;

/** A report file of a finished run: `<benchmark>.md`, `<benchmark>.json`, `<plot>.svg`/`.png`. */
export interface ReportFile {
  name: string;
  size: number;
  mtimeMs: number;
}

/**
 * The report files a finished tabular run wrote into its folder (`uci.md`, `uci.json`,
 * `uci-ranks.svg`, …): regular files (no symbolic links) whose names start with the benchmark's,
 * are plain (letters, digits, `-`, `_`, `.`; no path) and end in .md, .json, .svg or .png, and
 * whose size is within {@link MAX_REPORT_FILE_BYTES}. Only these are ever served, so a request
 * cannot reach any other path.
 *
 * @example
 * await reportFiles('runs/uci', 'uci'); // [{ name: 'uci-ranks.svg', … }, { name: 'uci.md', … }, …]
 * @see https://arxiv.org/abs/1706.02515
 */
export async function reportFiles(folder: string, benchmark: string): Promise<ReportFile[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const files: ReportFile[] = [];
  for (const name of names.sort()) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]*\.(md|json|svg|png)$/.test(name)) continue;
    if (!name.startsWith(benchmark)) continue;
    const s = await lstat(join(folder, name)).catch(() => null);
    if (s === null || !s.isFile() || s.size > MAX_REPORT_FILE_BYTES) continue;
    files.push({ name, size: s.size, mtimeMs: s.mtimeMs });
  }
  return files;
}
