import { SnnError } from '../../../../internal/snn-error';

/** The h5wasm module (HDF5 compiled to WebAssembly), as its ES module exports it. */
export type H5wasm = typeof import('h5wasm');
/** An HDF5 file opened by h5wasm. */
export type H5File = InstanceType<H5wasm['File']>;

let loading: Promise<H5wasm> | undefined;

/**
 * Loads h5wasm on first use: a dynamic import, so that importing @snn/snn-layers stays light and
 * only `.keras` reading and writing pay for the 4 MB of WebAssembly. Its in-memory file system
 * works the same in Node and in browsers.
 */
export function loadH5wasm(): Promise<H5wasm> {
  loading ??= import('h5wasm').then(
    async (h5) => {
      await h5.ready;
      return h5;
    },
    (error: unknown) => {
      loading = undefined;
      throw new SnnError(
        `.keras files: the HDF5 reader h5wasm did not load (${error instanceof Error ? error.message : String(error)}); it is a dependency of @snn/snn-layers: reinstall the package`,
        { cause: error },
      );
    },
  );
  return loading;
}

let next = 0;

/**
 * Runs `use` on an HDF5 file in h5wasm's in-memory file system — `bytes` opened for reading, or,
 * for `null`, a new empty file opened for writing — and removes the file afterwards. Returns what
 * `use` returns and, for a written file, its bytes.
 */
export async function withH5File<T>(
  bytes: Uint8Array | null,
  use: (file: H5File, h5: H5wasm) => T,
): Promise<{ result: T; bytes: Uint8Array | null }> {
  const h5 = await loadH5wasm();
  const fs = (await h5.ready).FS;
  const path = `/snn-keras-${next++}.h5`;
  if (bytes !== null) fs.writeFile(path, bytes);
  try {
    const file = new h5.File(path, bytes === null ? 'w' : 'r');
    let result: T;
    try {
      result = use(file, h5);
    } finally {
      file.close();
    }
    return { result, bytes: bytes === null ? (fs.readFile(path) as Uint8Array).slice() : null };
  } finally {
    fs.unlink(path);
  }
}
