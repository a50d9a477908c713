/** True in Node.js (and runtimes that present themselves as Node), false in browsers and workers. */
export function isNode(): boolean {
  const process = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof process?.versions?.node === 'string';
}

/** Cores this Node process may use (`os.availableParallelism()`); 1 outside Node. */
export async function availableCores(): Promise<number> {
  if (!isNode()) return 1;
  const os = await import('node:os');
  return typeof os.availableParallelism === 'function'
    ? os.availableParallelism()
    : os.cpus().length;
}
