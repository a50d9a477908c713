// Queue overhead benchmark: the same quick UCI grid on the local pool (`--workers 2`) and through
// Redis (`--queue`, one `snn worker --concurrency 2`: two training processes), alternating local, queue, queue, local in one
// run; checks that both give identical store records and writes bench/results/sweep.json + .md.
//
//   pnpm bench:sweep                       # iris, all seven architectures, quick grid
//   node bench/sweep.mjs --datasets=iris --no-write
//
// Needs redis-server, a built packages/experiments (pnpm build) and the UCI archive at
// ../shared/data/uci121/data.tar.gz (or --archive=<path>). The background job named by
// /work/ctx/grid.pgid, if any, is paused while measuring and always resumed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const args = process.argv.slice(2);
const option = (name, fallback) =>
  args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback;
const write = !args.includes('--no-write');
const datasets = option('datasets', 'iris');
const archive = option('archive', join(root, '../shared/data/uci121/data.tar.gz'));
const WORKERS = 2;
const cli = join(root, 'packages/experiments/dist/cli.js');
if (!existsSync(cli)) throw new Error(`${cli} is missing: run pnpm build first`);
if (spawnSync('redis-server', ['--version']).status !== 0) {
  throw new Error('redis-server is not installed (apt-get install redis-server)');
}

// Pause the long background run while measuring; resume it whatever happens.
const pgidFile = '/work/ctx/grid.pgid';
const pgid = existsSync(pgidFile) ? Number(readFileSync(pgidFile, 'utf8').trim()) : null;
const signalGroup = (sig) => {
  if (pgid === null) return;
  try {
    process.kill(-pgid, sig);
  } catch {
    // Not running.
  }
};
const cleanups = [() => signalGroup('SIGCONT')];
const cleanup = () => {
  for (const f of cleanups.splice(0).reverse()) f();
};
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    cleanup();
    process.exit(130);
  });
}

const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const tmp = mkdtempSync(join(os.tmpdir(), 'snn-bench-sweep-'));
cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
const port = await freePort();
const redis = spawn(
  'redis-server',
  [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    tmp,
    '--save',
    '',
    '--appendonly',
    'no',
    '--maxmemory-policy',
    'noeviction',
  ],
  { stdio: 'ignore' },
);
cleanups.push(() => redis.kill('SIGKILL'));
const url = `redis://127.0.0.1:${port}/0`;
await new Promise((r) => setTimeout(r, 500));

const uciArgs = (out, extra) => [
  cli,
  'uci',
  '--datasets',
  datasets,
  '--grid',
  'quick',
  '--archive',
  archive,
  '--seed',
  '1',
  '--out',
  out,
  '--json',
  ...extra,
];
const run = (argv) =>
  new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.on('exit', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code === 0) resolve({ seconds, summary: JSON.parse(stdout) });
      else reject(new Error(`${argv.slice(1, 3).join(' ')} exited with ${code}`));
    });
  });

const records = (out) =>
  readFileSync(join(out, 'store.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l))
    .filter((r) => r.type === 'result')
    .map(({ seconds, ...rest }) => rest)
    .sort((a, b) => (a.key < b.key ? -1 : 1));

async function local(out) {
  return run(uciArgs(out, ['--workers', String(WORKERS)]));
}
async function queued(out) {
  const workers = [
    spawn(process.execPath, [cli, 'worker', '--queue', url, '--concurrency', String(WORKERS)], {
      stdio: 'ignore',
    }),
  ];
  try {
    return await run(uciArgs(out, ['--queue', url]));
  } finally {
    for (const w of workers) w.kill('SIGTERM');
  }
}

signalGroup('SIGSTOP');
const rounds = [];
for (const [i, kind] of ['local', 'queue', 'queue', 'local'].entries()) {
  const out = join(tmp, `${kind}-${i}`);
  const { seconds, summary } = kind === 'local' ? await local(out) : await queued(out);
  if (!summary.complete) throw new Error(`${kind} run ${i} did not complete`);
  rounds.push({ kind, seconds, out, trained: summary.trained });
  console.error(`${kind}: ${seconds.toFixed(1)} s (${summary.trained} configurations)`);
}
signalGroup('SIGCONT');

const reference = JSON.stringify(records(rounds[0].out));
const identical = rounds.every((r) => JSON.stringify(records(r.out)) === reference);
const total = (kind) => rounds.filter((r) => r.kind === kind).reduce((s, r) => s + r.seconds, 0);
const overhead = total('queue') / total('local') - 1;
const redisVersion = execFileSync('redis-server', ['--version'], { encoding: 'utf8' }).trim();
const result = {
  date: new Date().toISOString(),
  command: `snn uci --datasets ${datasets} --grid quick --seed 1`,
  configurations: rounds[0].trained,
  workers: WORKERS,
  rounds: rounds.map(({ kind, seconds }) => ({ kind, seconds: Number(seconds.toFixed(2)) })),
  localSeconds: Number(total('local').toFixed(2)),
  queueSeconds: Number(total('queue').toFixed(2)),
  overhead: Number(overhead.toFixed(4)),
  identicalRecords: identical,
  machine: {
    cpu: os.cpus()[0]?.model.trim(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAfter: os.loadavg().map((v) => Number(v.toFixed(2))),
    node: process.version,
    redis: redisVersion,
    backgroundJobPaused: pgid !== null,
  },
};
const md = [
  '# Queue overhead: local pool vs Redis (bench/sweep.mjs)',
  '',
  `\`${result.command}\`: ${result.configurations} configurations, ${WORKERS} local worker processes vs one \`snn worker --concurrency ${WORKERS}\` (${WORKERS} training processes) on the same machine, rounds alternating local, queue, queue, local.`,
  '',
  '| round | executor | wall time |',
  '| --- | --- | --- |',
  ...result.rounds.map((r, i) => `| ${i + 1} | ${r.kind} | ${r.seconds.toFixed(1)} s |`),
  '',
  `Total: local ${result.localSeconds.toFixed(1)} s, queue ${result.queueSeconds.toFixed(1)} s — queue overhead ${(100 * overhead).toFixed(1)} % of wall time. Store records (losses, validation and test curves) identical in all rounds: ${identical ? 'yes' : 'NO'}.`,
  '',
  `Machine: ${result.machine.cores} cores (${result.machine.cpu}), ${result.machine.memoryGiB} GiB, Node ${result.machine.node}, ${redisVersion.split(' ').slice(0, 3).join(' ')}; load average after the run ${result.machine.loadAverageAfter.join(', ')} (other work shares this machine)${pgid === null ? '' : '; the long background experiment was paused while measuring'}.`,
  '',
].join('\n');
console.log(md);
if (write) {
  writeFileSync(join(here, 'results/sweep.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(here, 'results/sweep.md'), md);
}
// The Redis child would keep this process alive: stop it (and resume the background job) now.
cleanup();
process.exit(identical ? 0 : 1);
