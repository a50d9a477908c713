import { SnnError } from './snn-error';

/**
 * Checks one archive entry name and returns it normalised (forward slashes, no leading `./`).
 *
 * Refused, with an error naming the archive and the entry: absolute paths (`/x`, `\x`, `C:x`),
 * any `..` segment, NUL bytes. Such entries would land outside the folder the archive is meant
 * to fill, so the whole archive is treated as hostile.
 */
export function checkEntryPath(archive: string, entry: string): string {
  const refuse = (why: string): SnnError =>
    new SnnError(
      `${archive}: refusing archive entry "${entry}": ${why}; the archive is corrupt or hostile — do not extract it, download it again from the official source`,
    );
  if (entry.includes('\0')) throw refuse('the name contains a NUL byte');
  if (/^([/\\]|[A-Za-z]:)/.test(entry)) throw refuse('absolute path');
  const parts = entry.split(/[/\\]+/);
  if (parts.includes('..'))
    throw refuse('its path contains ".." and would land outside the target folder');
  return parts.filter((p) => p !== '.' && p !== '').join('/');
}

/**
 * Checks a link entry: its target, resolved from the link's own folder, must stay inside the
 * archive (symbolic links), or be a relative in-archive path (hard links).
 */
export function checkLinkTarget(
  archive: string,
  entry: string,
  target: string,
  hard: boolean,
): void {
  const refuse = (why: string): SnnError =>
    new SnnError(
      `${archive}: refusing archive entry "${entry}" (a ${hard ? 'hard' : 'symbolic'} link to "${target}"): ${why}; the archive is corrupt or hostile — download it again from the official source`,
    );
  if (/^([/\\]|[A-Za-z]:)/.test(target)) throw refuse('the link target is an absolute path');
  const base = hard ? [] : entry.split(/[/\\]+/).slice(0, -1);
  const stack: string[] = [];
  for (const part of [...base, ...target.split(/[/\\]+/)]) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length === 0) throw refuse('the link points outside the target folder');
      stack.pop();
    } else {
      stack.push(part);
    }
  }
}
