import * as fsPromises from 'node:fs/promises';
import * as nodePath from 'node:path';
import { SnnError } from '../../../../internal/snn-error';
import { readTarMembers } from './tar-members';

// Namespace imports: a browser bundler that follows the package's dynamic import() of this
// Node-only module then finds no named import missing from its empty stand-in for Node built-ins.
const { readFile, readdir, stat } = fsPromises;
const { join, resolve } = nodePath;

/** The files of the UCI-121 collection, from an unpacked folder or a tar(.gz) archive. */
export interface UciSource {
  /** The archive or folder, for messages. */
  label: string;
  /** Dataset names: folders holding `<name>/<name>.txt`, sorted. */
  names: string[];
  /** Bytes of `<name>/<file>`, or undefined when absent. */
  read(rel: string): Promise<Uint8Array | undefined>;
  /** Where `<name>/<file>` is (or would be), for messages. */
  where(rel: string): string;
}

/** Only metadata and data files are kept from the archive (the original also holds raw UCI files). */
const keep = (file: string): boolean => file.endsWith('.txt') || file.endsWith('.dat');

/** Members of the last archive read, so listing and loading many datasets reads it once per process. */
let archiveCache: { key: string; source: Promise<UciSource> } | undefined;

/**
 * Opens `archive` (a `data.tar.gz` / `.tar`, or a folder: the unpacked `data/` or its parent).
 * An archive is read once into memory (only its `.txt`/`.dat` members) and kept for the process.
 */
export async function openUciSource(archive: string): Promise<UciSource> {
  const path = resolve(archive);
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(path);
  } catch (e) {
    throw new SnnError(
      `UCI-121: ${archive} not found; pass the collection's data.tar.gz or its unpacked folder, or omit \`archive\` to download it`,
      { cause: e },
    );
  }
  if (info.isDirectory()) return folderSource(path);
  const key = `${path}:${info.size}:${info.mtimeMs}`;
  if (archiveCache?.key !== key) {
    const source = tarSource(path);
    archiveCache = { key, source };
    source.catch(() => {
      if (archiveCache?.source === source) archiveCache = undefined;
    });
  }
  return archiveCache.source;
}

async function tarSource(path: string): Promise<UciSource> {
  const members = await readTarMembers(path, (p) => {
    const depth = p.split('/').length;
    return (depth === 2 || depth === 3) && keep(p);
  });
  // `data/<name>/<file>` (the collection's layout) or `<name>/<file>`: index by the last two parts.
  const files = new Map<string, { bytes: Uint8Array; member: string }>();
  for (const [member, bytes] of members) {
    const parts = member.split('/');
    files.set(parts.slice(-2).join('/'), { bytes, member });
  }
  const names = [...new Set([...files.keys()].map((k) => k.split('/')[0]!))]
    .filter((name) => files.has(`${name}/${name}.txt`))
    .sort();
  const prefix = [...members.keys()].some((m) => m.split('/').length === 3)
    ? `${[...members.keys()].find((m) => m.split('/').length === 3)!.split('/')[0]}/`
    : '';
  return {
    label: path,
    names,
    read: async (rel) => files.get(rel)?.bytes,
    where: (rel) => `${path}:${files.get(rel)?.member ?? `${prefix}${rel}`}`,
  };
}

async function folderSource(path: string): Promise<UciSource> {
  const datasetsIn = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const names: string[] = [];
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const meta = await stat(join(dir, e.name, `${e.name}.txt`)).catch(() => undefined);
      if (meta?.isFile()) names.push(e.name);
    }
    return names.sort();
  };
  let root = path;
  let names = await datasetsIn(root);
  if (names.length === 0) {
    const inner = join(path, 'data');
    const innerNames = await datasetsIn(inner);
    if (innerNames.length > 0) {
      root = inner;
      names = innerNames;
    }
  }
  return {
    label: root,
    names,
    read: async (rel) => {
      try {
        return await readFile(join(root, rel));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw new SnnError(`${join(root, rel)}: cannot read (${(e as Error).message})`, {
          cause: e,
        });
      }
    },
    where: (rel) => join(root, rel),
  };
}
