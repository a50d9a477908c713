import { SnnError } from '../../../internal/snn-error';

/** True in Node (file system, cache folder and downloads available). */
export function isNode(): boolean {
  return typeof process !== 'undefined' && typeof process.versions?.node === 'string';
}

/** Throws a clear error when a Node-only source is asked for in a browser. */
export function requireNode(what: string, browserAlternative: string): void {
  if (!isNode()) {
    throw new SnnError(
      `${what} needs Node (file system and cache folder); in a browser, ${browserAlternative}`,
    );
  }
}
