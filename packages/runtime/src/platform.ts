/** True in Node.js (and runtimes that present themselves as Node), false in browsers and workers. */
export function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof process?.versions?.node === 'string';
}
