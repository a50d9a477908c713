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
 * Runs the synchronous `body` with `Date.now` returning `time` (milliseconds since the epoch), where
 * HDF5 compiled by emscripten reads the clock: the times HDF5 records in every object header it
 * writes. Restored afterwards, also when `body` throws; `undefined` leaves the clock alone.
 */
function atTime<T>(time: number | undefined, body: () => T): T {
  if (time === undefined) return body();
  const now = Date.now;
  Date.now = () => time;
  try {
    return body();
  } finally {
    Date.now = now;
  }
}

/**
 * Runs `use` on an HDF5 file in h5wasm's in-memory file system — `bytes` opened for reading, or,
 * for `null`, a new empty file opened for writing — and removes the file afterwards. Returns what
 * `use` returns and, for a written file, its bytes. With `time`, a written file's object headers
 * carry that time instead of the clock's, so the same content gives the same bytes.
 */
export async function withH5File<T>(
  bytes: Uint8Array | null,
  use: (file: H5File, h5: H5wasm) => T,
  time?: Date,
): Promise<{ result: T; bytes: Uint8Array | null }> {
  const h5 = await loadH5wasm();
  const fs = (await h5.ready).FS;
  const path = `/snn-keras-${next++}.h5`;
  if (bytes !== null) fs.writeFile(path, bytes);
  try {
    const result = atTime(time?.getTime(), () => {
      const file = new h5.File(path, bytes === null ? 'w' : 'r');
      try {
        return use(file, h5);
      } finally {
        file.close();
      }
    });
    return { result, bytes: bytes === null ? (fs.readFile(path) as Uint8Array).slice() : null };
  } finally {
    fs.unlink(path);
  }
}
