import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import { LOCK_FILE, type RunSession, SESSIONS_FILE, type StoreHeader } from '@snn/sweep';
import { UsageError } from '../common/usage-error';
import { DASHBOARD_HTML, DASHBOARD_SCRIPT } from './dashboard-page';
import { markdownHtml } from './markdown-html';
import { type ReportFile, reportFiles } from './run-folder-files';
import { RunSummary } from './run-summary';
import { StoreTail } from './store-tail';

/** Options of {@link serveDashboard}. */
export interface DashboardOptions {
  /** The run's output folder (`--out` of `snn uci|htru2|tox21`); only read, never written. */
  outDir: string;
  /** TCP port (default 8737; 0 for any free port). */
  port?: number;
  /** Interface to listen on (default 127.0.0.1: this machine only). */
  host?: string;
  /** How often the store is looked at while a page listens, in ms (default 1000). */
  pollMs?: number;
  /** The configurations a run's header plans as (data set, network) pairs, for the totals. */
  plan?: (header: StoreHeader) => ReadonlyArray<{ dataset: string; arch: string }> | null;
}

/** A running dashboard. */
export interface Dashboard {
  url: string;
  close(): Promise<void>;
}

/** The default port of `snn dashboard`. */
export const DASHBOARD_PORT = 8737;

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self'; connect-src 'self'",
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

const TYPES: Record<string, string> = {
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
};

/**
 * Serves a live view of a sweep's run folder: progress per data set × network, the best and
 * pruned trials' learning curves, and — once the run is complete — its rank plot and report, as
 * the report code wrote them. Read-only: the folder is only ever opened for reading (the store
 * is followed by {@link StoreTail}, so a growing 16 MB store costs its new bytes), and only the
 * run's report files are served. Listens on 127.0.0.1 unless `host` says otherwise, and refuses
 * requests whose Host header names another machine (DNS rebinding). Pages update through
 * server-sent events.
 *
 * @example
 * const dashboard = await serveDashboard({ outDir: 'runs/uci' });
 * console.log(dashboard.url); // http://127.0.0.1:8737/
 * @see https://arxiv.org/abs/1706.02515
 */
export async function serveDashboard(options: DashboardOptions): Promise<Dashboard> {
  const folder = resolve(options.outDir);
  const folderStat = await stat(folder).catch(() => null);
  if (folderStat === null || !folderStat.isDirectory()) {
    throw new UsageError(
      `snn dashboard: ${options.outDir} is not a folder; pass the --out folder of a run (it holds store.jsonl)`,
    );
  }
  const host = options.host ?? '127.0.0.1';
  const pollMs = options.pollMs ?? 1000;
  const summary = new RunSummary(options.plan);
  const tail = new StoreTail(folder, {
    line: (value, line) => summary.add(value, line),
    reset: () => summary.clear(),
  });
  const vendor = vendorFiles();
  let polling: Promise<void> | null = null;
  const poll = (): Promise<void> => {
    polling ??= tail
      .poll()
      .then(() => undefined)
      .finally(() => {
        polling = null;
      });
    return polling;
  };
  const listeners = new Set<ServerResponse>();
  // What a page shows changes with the store, the lock (a run starts or ends) and the report files.
  const signature = async (): Promise<string> => {
    await poll();
    const benchmark = summary.header?.benchmark;
    const files = benchmark === undefined ? [] : await reportFiles(folder, benchmark);
    return `${summary.version}|${await lockOwner(folder)}|${files.map((f) => `${f.name}:${f.mtimeMs}`).join()}`;
  };
  let lastSignature = '';
  const timer = setInterval(() => {
    if (listeners.size === 0) return;
    void signature().then((now) => {
      if (now === lastSignature) return;
      lastSignature = now;
      for (const res of listeners) res.write(`event: update\ndata: ${summary.version}\n\n`);
    });
  }, pollMs);
  const heartbeat = setInterval(() => {
    for (const res of listeners) res.write(': keep-alive\n\n');
  }, 15_000);

  const state = async () => {
    await poll();
    const benchmark = summary.header?.benchmark ?? null;
    const counts = summary.counts();
    const report = benchmark === null ? [] : await reportFiles(folder, benchmark);
    const running = await lockOwner(folder);
    return {
      folder: basename(folder),
      benchmark,
      version: summary.version,
      counts,
      complete:
        counts.planned !== null
          ? counts.stored + counts.failed >= counts.planned && running === null
          : report.some((f) => f.name === `${benchmark}.md`),
      running,
      wallSeconds: await wallSeconds(folder),
      groups: summary.groups(),
      report,
    };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!allowedHost(req.headers.host, host)) return send(res, 421, 'text/plain', 'wrong host');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'text/plain', 'the dashboard is read-only');
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/') return send(res, 200, 'text/html; charset=utf-8', DASHBOARD_HTML);
    if (path === '/favicon.ico') return send(res, 204, 'image/x-icon', '');
    if (path === '/dashboard.js') {
      return send(res, 200, 'text/javascript; charset=utf-8', DASHBOARD_SCRIPT);
    }
    if (path.startsWith('/vendor/')) {
      const file = vendor.get(path.slice('/vendor/'.length));
      if (file === undefined) return send(res, 404, 'text/plain', 'not found');
      return send(res, 200, file.type, await file.read());
    }
    if (path === '/api/summary') return sendJson(res, await state());
    if (path === '/api/curves') {
      await poll();
      return sendJson(res, summary.curves(url.searchParams.get('dataset') ?? ''));
    }
    if (path === '/api/report') {
      const benchmark = summary.header?.benchmark;
      const file = benchmark === undefined ? undefined : await reportFile(`${benchmark}.md`);
      if (file === undefined) return send(res, 404, 'text/plain', 'no report yet');
      return send(res, 200, 'text/html; charset=utf-8', await renderedReport(file));
    }
    if (path === '/api/events') {
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': 'text/event-stream',
        connection: 'keep-alive',
      });
      res.write(`event: update\ndata: ${summary.version}\n\n`);
      listeners.add(res);
      req.on('close', () => listeners.delete(res));
      return;
    }
    if (path.startsWith('/files/')) {
      const file = await reportFile(decodeURIComponent(path.slice('/files/'.length)));
      if (file === undefined) return send(res, 404, 'text/plain', 'not a report file of this run');
      res.writeHead(200, {
        ...SECURITY_HEADERS,
        'content-type': TYPES[file.name.split('.').pop()!] ?? 'application/octet-stream',
        'content-length': file.size,
      });
      if (req.method === 'HEAD') return void res.end();
      createReadStream(join(folder, file.name)).pipe(res);
      return;
    }
    send(res, 404, 'text/plain', 'not found');
  };

  // Only names the folder listing gives as report files are ever joined to the folder.
  const reportFile = async (name: string): Promise<ReportFile | undefined> => {
    const benchmark = summary.header?.benchmark;
    if (benchmark === undefined) return undefined;
    return (await reportFiles(folder, benchmark)).find((f) => f.name === name);
  };
  let rendered: { id: string; html: string } | null = null;
  const renderedReport = async (file: ReportFile): Promise<string> => {
    const id = `${file.name}:${file.size}:${file.mtimeMs}`;
    if (rendered?.id !== id) {
      rendered = { id, html: markdownHtml(await readFile(join(folder, file.name), 'utf8')) };
    }
    return rendered.html;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, 500, 'text/plain', error.message);
      else res.end();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new UsageError(
              `snn dashboard: port ${options.port ?? DASHBOARD_PORT} on ${host} is in use; pass another --port (0 picks a free one)`,
            )
          : error,
      ),
    );
    server.listen(options.port ?? DASHBOARD_PORT, host, () => resolveListen());
  });
  const { port } = server.address() as { port: number };
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}/`,
    close: async () => {
      clearInterval(timer);
      clearInterval(heartbeat);
      for (const res of listeners) res.end();
      listeners.clear();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

function sendJson(res: ServerResponse, value: unknown): void {
  send(res, 200, 'application/json', JSON.stringify(value));
}

/** A page on a loopback address is reachable only as localhost or that address (DNS rebinding). */
function allowedHost(header: string | undefined, host: string): boolean {
  if (!['127.0.0.1', '::1', 'localhost'].includes(host)) return true;
  const name = (header ?? '').replace(/:\d+$/, '').replace(/^\[(.*)\]$/, '$1');
  return ['127.0.0.1', '::1', 'localhost'].includes(name);
}

/** uPlot's browser build and style sheet, from this package's dependencies, read once. */
function vendorFiles(): Map<string, { type: string; read(): Promise<Buffer> }> {
  const require = createRequire(import.meta.url);
  const dist = dirname(require.resolve('uplot/dist/uPlot.iife.min.js'));
  const files = new Map<string, { type: string; read(): Promise<Buffer> }>();
  for (const [name, type] of [
    ['uPlot.iife.min.js', 'text/javascript; charset=utf-8'],
    ['uPlot.min.css', 'text/css; charset=utf-8'],
  ] as const) {
    let cached: Promise<Buffer> | null = null;
    const read = (): Promise<Buffer> => {
      cached ??= readFile(join(dist, name));
      return cached;
    };
    files.set(name, { type, read });
  }
  return files;
}

/** `pid@host` of the process that holds the run's lock, or null when none does. */
async function lockOwner(folder: string): Promise<string | null> {
  try {
    const text = await readFile(join(folder, LOCK_FILE), 'utf8');
    if (text.length > 4096) return 'another process';
    const lock = JSON.parse(text) as { pid?: number; host?: string };
    return `pid ${lock.pid ?? '?'} on ${lock.host ?? '?'}`;
  } catch {
    return null;
  }
}

/** Wall time over the run's sessions (`sessions.json`: Σ updated − started), or null. */
async function wallSeconds(folder: string): Promise<number | null> {
  try {
    const path = join(folder, SESSIONS_FILE);
    if ((await stat(path)).size > 1024 * 1024) return null;
    const sessions = JSON.parse(await readFile(path, 'utf8')) as RunSession[];
    return sessions.reduce(
      (sum, x) => sum + Math.max(0, Date.parse(x.updated) - Date.parse(x.started)) / 1000,
      0,
    );
  } catch {
    return null;
  }
}
