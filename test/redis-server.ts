import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Whether Debian's `redis-server` is installed; queue tests skip with a message when not. */
export const haveRedis = spawnSync('redis-server', ['--version']).status === 0;
if (!haveRedis) {
  console.warn('queue tests skipped: redis-server is not installed (apt-get install redis-server)');
}

/** A throwaway `redis-server` on a free loopback port with its own data folder. */
export interface TestRedis {
  url: string;
  port: number;
  dir: string;
  /** SIGKILLs the server (what persisted on disk stays). */
  kill(): Promise<void>;
  /** Starts it again on the same port and folder. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Whether a Redis server answers PING on `port` (raw RESP, no client library needed); a server
 * with a password answers `-NOAUTH`, which counts as up.
 */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let reply = '';
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      reply += String(chunk);
      if (reply.includes('\r\n')) {
        socket.destroy();
        resolve(reply.startsWith('+PONG') || reply.startsWith('-NOAUTH'));
      }
    });
    socket.on('error', () => resolve(false));
  });
}

/** A loopback port nothing listens on (bound, then closed): for servers and for refused connections. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `redis-server` on 127.0.0.1 and a free port in a temp folder: no snapshots
 * (`--save ''`), and with `persist` an append-only file fsynced on every write, so a killed and
 * restarted server has every acknowledged write. With `password` the server requires it
 * (`--requirepass`, user `default`); `url` then carries no login.
 */
export async function startTestRedis(
  options: { persist?: boolean; password?: string } = {},
): Promise<TestRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'snn-redis-'));
  let child: ChildProcess | null = null;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dir,
    '--save',
    '',
    '--appendonly',
    options.persist ? 'yes' : 'no',
    '--appendfsync',
    'always',
    '--maxmemory-policy',
    'noeviction',
    ...(options.password === undefined ? [] : ['--requirepass', options.password]),
  ];
  const url = `redis://127.0.0.1:${port}/0`;
  const start = async (): Promise<void> => {
    child = spawn('redis-server', args, { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      if (await pong(port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not start on port ${port}`);
  };
  const kill = async (): Promise<void> => {
    const c = child;
    if (c === null || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url,
    port,
    dir,
    kill,
    start,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
