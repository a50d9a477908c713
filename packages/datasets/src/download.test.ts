import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { loadHtru2 } from './htru2';
import { loadMnist } from './mnist';
import { resolveCacheDir } from './node/cache-dir';
import { ensureCached } from './node/download';
import { progressPrinter } from './node/progress';
import type { DownloadProgress, RemoteFile } from './remote';
import { filesBelow, gz, idxPair, tarBytes, tempDir } from './testing/fixtures';
import { TOX21_TASKS, loadTox21 } from './tox21';
import { TOX21_FILES } from './tox21-archive';
import { listUci121 } from './uci121';

// Every download here goes to a node:http server on 127.0.0.1 started by this file; nothing
// touches the internet. The server is closed (with its connections) after the suite.

const tmp = tempDir();
const served = new Map<string, Uint8Array>();
const requests: string[] = [];
let server: Server;
let base = '';

/** A minimal valid tox21.zip: 3 training and 2 test compounds, 2 features, all 12 tasks. */
function tox21Zip(): Uint8Array {
  const dense = (ids: number[]) =>
    ['ID,f1,f2', ...ids.map((i) => `C${i},${i},${2 * i}`)].join('\n');
  const labels = (ids: number[]) =>
    [
      ['ID', ...TOX21_TASKS].join(','),
      ...ids.map((i) =>
        [`C${i}`, ...TOX21_TASKS.map((_, t) => ((i + t) % 2 ? '1' : ''))].join(','),
      ),
    ].join('\n');
  return zipSync({
    [TOX21_FILES.trainDense]: gz(strToU8(dense([1, 2, 3]))),
    [TOX21_FILES.testDense]: gz(strToU8(dense([4, 5]))),
    [TOX21_FILES.trainLabels]: gz(strToU8(labels([1, 2, 3]))),
    [TOX21_FILES.testLabels]: gz(strToU8(labels([4, 5]))),
  });
}

beforeAll(async () => {
  served.set('tox21.zip', tox21Zip());
  served.set(
    'blob.bin',
    new Uint8Array(300_000).map((_, i) => (i * 31) % 251),
  );
  const { images, labels } = idxPair(4);
  served.set('train-images-idx3-ubyte.gz', gz(images));
  served.set('train-labels-idx1-ubyte.gz', gz(labels));
  served.set(
    'data.tar.gz',
    gz(
      tarBytes([
        { name: 'data/iris/iris.txt', data: 'n_entradas= 4\n' },
        { name: 'data/../../evil', data: 'x' },
      ]),
    ),
  );
  served.set(
    'HTRU2.zip',
    zipSync({ 'HTRU_2.csv': strToU8('1,2,3,4,5,6,7,8,0\n1,2,3,4,5,6,7,8,1\n') }),
  );
  server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const [, mode, file] = (req.url ?? '').split('/');
    const body = served.get(file ?? '');
    if (!body || !['ok', 'drop', 'stall'].includes(mode ?? '')) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-length': String(body.length),
      'content-type': 'application/octet-stream',
    });
    if (mode === 'ok') res.end(body);
    else if (mode === 'drop') {
      // Half the file, then the connection dies.
      res.write(body.subarray(0, body.length >> 1), () => req.socket.destroy());
    } else res.write(body.subarray(0, 1000)); // then nothing, forever (until the server closes)
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  tmp.cleanup();
});

let n = 0;
const freshCache = () => join(tmp.path, `cache${n++}`);

describe('downloads against a local HTTP server', () => {
  it('downloads a served fixture, verifies it, caches it, and reuses the cache without the network', async () => {
    const cacheDir = freshCache();
    const progress: DownloadProgress[] = [];
    const tox = await loadTox21({
      source: 'remote',
      cacheDir,
      mirrors: [`${base}/ok/`],
      onProgress: (p) => progress.push(p),
    });
    expect([tox.train.n, tox.test.n, tox.train.d]).toEqual([3, 2, 2]);
    expect(filesBelow(cacheDir)).toEqual(['tox21/tox21.zip']);
    expect(readFileSync(join(cacheDir, 'tox21', 'tox21.zip'))).toEqual(
      Buffer.from(served.get('tox21.zip')!),
    );
    expect(progress.at(-1)).toMatchObject({
      done: true,
      receivedBytes: served.get('tox21.zip')!.length,
      totalBytes: served.get('tox21.zip')!.length,
    });
    const offline: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const again = await loadTox21({ source: 'remote', cacheDir, fetch: offline });
    expect(again.train.ids).toEqual(['C1', 'C2', 'C3']);
  });

  it('tries the next mirror after a failure', async () => {
    const cacheDir = freshCache();
    const remote: RemoteFile = {
      dataset: 'x',
      file: 'blob.bin',
      mirrors: [`${base}/missing/`, `${base}/ok/`],
      sha256: createHash('sha256').update(served.get('blob.bin')!).digest('hex'),
      checkedBy: 'test',
    };
    const path = await ensureCached(remote, { cacheDir, progress: false }, 'test');
    expect(path).toBe(join(cacheDir, 'x', 'blob.bin'));
    expect(filesBelow(cacheDir)).toEqual(['x/blob.bin']);
  });

  it('a connection dropped mid-file: error names URL, file and where to put it; nothing cached', async () => {
    const cacheDir = freshCache();
    const error = await loadTox21({
      source: 'remote',
      cacheDir,
      mirrors: [`${base}/drop/`],
      progress: false,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(SnnError);
    expect(error.message).toContain(`${base}/drop/tox21.zip: connection`);
    expect(error.message).toMatch(/after \d+ of \d+ bytes/);
    expect(error.message).toContain('Expected file: tox21.zip');
    expect(error.message).toContain(`put it at ${join(cacheDir, 'tox21', 'tox21.zip')}`);
    expect(filesBelow(cacheDir)).toEqual([]);
  });

  it('a wrong checksum: error names URL, both hashes and the file; nothing cached', async () => {
    const cacheDir = freshCache();
    const error = await loadMnist({
      source: 'remote',
      cacheDir,
      mirrors: [`${base}/ok/`],
      progress: false,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(SnnError);
    const sha = createHash('sha256')
      .update(served.get('train-images-idx3-ubyte.gz')!)
      .digest('hex');
    expect(error.message).toContain(
      `${base}/ok/train-images-idx3-ubyte.gz: checksum mismatch: sha256 ${sha}, expected 440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609`,
    );
    expect(error.message).toContain('Expected file: train-images-idx3-ubyte.gz (sha256 440fcabf');
    expect(filesBelow(cacheDir)).toEqual([]);
  });

  it('a failed structure check (no published checksum): nothing cached', async () => {
    const cacheDir = freshCache();
    const error = await loadHtru2({
      source: 'remote',
      cacheDir,
      mirrors: [`${base}/ok/`],
      progress: false,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(SnnError);
    expect(error.message).toContain(
      `${base}/ok/HTRU2.zip: 2 rows with 1 positives, expected 17898 with 1639`,
    );
    expect(filesBelow(cacheDir)).toEqual([]);
  });

  it('a hostile archive from a mirror is refused before it reaches the cache', async () => {
    const cacheDir = freshCache();
    const error = await listUci121(undefined, {
      cacheDir,
      mirrors: [`${base}/ok/`],
      progress: false,
    }).catch((e) => e);
    expect(error).toBeInstanceOf(SnnError);
    expect(error.message).toContain(`${base}/ok/data.tar.gz: `);
    expect(error.message).toContain('refusing archive entry "data/../../evil"');
    expect(filesBelow(cacheDir)).toEqual([]);
  });

  it('the cache folder: option, then SNN_DATA_DIR, then the OS cache folder', () => {
    const saved = process.env.SNN_DATA_DIR;
    try {
      process.env.SNN_DATA_DIR = join(tmp.path, 'env');
      expect(resolveCacheDir(join(tmp.path, 'opt'))).toBe(join(tmp.path, 'opt'));
      expect(resolveCacheDir()).toBe(join(tmp.path, 'env'));
      process.env.SNN_DATA_DIR = '';
      if (process.platform === 'linux') expect(resolveCacheDir()).toMatch(/[/\\]snn$/);
    } finally {
      if (saved === undefined) Reflect.deleteProperty(process.env, 'SNN_DATA_DIR');
      else process.env.SNN_DATA_DIR = saved;
    }
  });

  it('HTTP errors and an offline fetch are reported with the URL', async () => {
    const cacheDir = freshCache();
    await expect(
      loadTox21({ source: 'remote', cacheDir, mirrors: [`${base}/missing/`], progress: false }),
    ).rejects.toThrow(`${base}/missing/tox21.zip: HTTP 404`);
    const offline: typeof fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }),
      });
    };
    const error = await loadTox21({
      source: 'remote',
      cacheDir,
      fetch: offline,
      progress: false,
    }).catch((e) => e);
    expect(error.message).toContain(
      'http://bioinf.jku.at/research/DeepTox/tox21.zip: request failed (fetch failed: ENOTFOUND); are you offline?',
    );
    expect(error.message).toContain(`put it at ${join(cacheDir, 'tox21', 'tox21.zip')}`);
    expect(filesBelow(cacheDir)).toEqual([]);
  });

  it('gives up on a stalled server after the idle timeout', async () => {
    const cacheDir = freshCache();
    const remote: RemoteFile = {
      dataset: 'x',
      file: 'blob.bin',
      mirrors: [`${base}/stall/`],
      checkedBy: 'test',
    };
    const error = await ensureCached(
      remote,
      { cacheDir, progress: false, idleTimeoutMs: 300 },
      'test',
    ).catch((e) => e);
    expect(error).toBeInstanceOf(SnnError);
    expect(error.message).toContain(`${base}/stall/blob.bin: no data for 300 ms, gave up`);
    expect(filesBelow(cacheDir)).toEqual([]);
  });

  it('checks a cached file with a known checksum on use', async () => {
    const cacheDir = freshCache();
    mkdirSync(join(cacheDir, 'mnist'), { recursive: true });
    for (const f of ['train-images-idx3-ubyte.gz'])
      writeFileSync(join(cacheDir, 'mnist', f), 'corrupt');
    await expect(loadMnist({ source: 'remote', cacheDir, progress: false })).rejects.toThrow(
      /cached file .*train-images-idx3-ubyte\.gz has sha256 [0-9a-f]{64}, expected 440fcabf.*delete it so it is downloaded again/,
    );
  });
});

describe('progress display', () => {
  const fakeStream = (isTTY: boolean) => {
    const out: string[] = [];
    return {
      out,
      stream: { isTTY, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream,
    };
  };

  it('plain lines when not a TTY: start, each quarter, done', () => {
    const { out, stream } = fakeStream(false);
    const print = progressPrinter(stream);
    for (let b = 0; b <= 100; b += 10)
      print({ url: 'u', file: 'f', receivedBytes: b * 1e6, totalBytes: 100e6, done: false });
    print({ url: 'u', file: 'f', receivedBytes: 100e6, totalBytes: 100e6, done: true });
    expect(out[0]).toBe('downloading u (100.0 MB)\n');
    expect(out.filter((l) => l.startsWith('  f: '))).toHaveLength(4);
    expect(out.at(-1)).toMatch(/^downloaded u \(100\.0 MB in/);
  });

  it('a bar with percent and ETA on a TTY', () => {
    const { out, stream } = fakeStream(true);
    const print = progressPrinter(stream);
    print({ url: 'u', file: 'f.gz', receivedBytes: 5e6, totalBytes: 10e6, done: false });
    print({ url: 'u', file: 'f.gz', receivedBytes: 10e6, totalBytes: 10e6, done: true });
    expect(out[0]).toMatch(/^\rf\.gz \[#{12}\.{12}\] {2}50% 5\.0 MB\/10\.0 MB .* ETA \S+/);
    expect(out.at(-1)).toMatch(/100% .*\n$/);
  });
});
