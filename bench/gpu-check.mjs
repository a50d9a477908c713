// The GPU check, run by bench/gpu-check.sh from the unpacked bundle (its node_modules resolve the
// bare imports below): the WebGPU adapter, the WebGPU numerics, then the Figure-1 training step
// (batch 128, width 784, depth 8 and 32) on webgpu beside PyTorch on CUDA and on the CPU, written
// as JSON and Markdown into the folder given.
//
//   node gpu-check.mjs --out <dir> --repo <working tree> [--allow-software] [--python python3]
//
// Exit 2 with one line when there is no hardware adapter (unless --allow-software), 1 when a
// numerics check fails (the timings still run and are written).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { SnnError, adapterLine, selectBackend, trainModel, webGpuInfo } from '@snn/runtime';
import * as snnLayers from '@snn/snn-layers';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { flopsPerStep, summarize } from './lib/figure1.mjs';
import { network } from './lib/network.mjs';
import { webGpuBreakdown } from './lib/webgpu-breakdown.mjs';
import { webGpuNumerics } from './lib/webgpu-numerics.mjs';

const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const outDir = option('out');
const repo = option('repo');
const python = option('python') ?? 'python3';
const allowSoftware = args.includes('--allow-software');
if (outDir == null || repo == null) {
  console.error(
    'gpu-check: usage: node gpu-check.mjs --out <dir> --repo <working tree> [--allow-software]',
  );
  process.exit(64);
}
const started = performance.now();
const say = (line) => console.log(`gpu-check: ${line}`);

// 1. The adapter.
let choice;
try {
  choice = await selectBackend('webgpu');
} catch (error) {
  if (!(error instanceof SnnError)) throw error;
  console.log(
    `gpu-check: no WebGPU adapter: ${error.message.replace(/^enableWebGpu: /, '')}${vulkanHint()}`,
  );
  process.exit(2);
}
const adapter = webGpuInfo();
say(`adapter: ${adapterLine(adapter)}`);
if (adapter.software && !allowSoftware) {
  console.log(
    `gpu-check: no hardware adapter: Dawn found only the ${adapterLine(adapter)}${vulkanHint()}`,
  );
  process.exit(2);
}
const software = adapter.software;

// 2. Numerics.
say('numerics (webgpu against float64 and the cpu backend):');
const numerics = await webGpuNumerics(tf, tfl, snnLayers, { log: (line) => say(`  ${line}`) });

// 3. The Figure-1 rows: webgpu here, PyTorch on CUDA and on the CPU in child processes.
const DEPTHS = [8, 32];
const BATCH = 128;
const plan = software
  ? { warmup: 1, steps: 2, breakdown: 2 }
  : { warmup: 5, steps: 30, breakdown: 10 };
const runs = [];
const skipped = [];
for (const depth of DEPTHS) {
  say(`depth ${depth}: webgpu …`);
  runs.push(await webgpuRun(depth));
  say(`depth ${depth}: ${describe(runs.at(-1))}`);
  for (const device of ['cuda', 'cpu']) {
    say(`depth ${depth}: pytorch-${device} …`);
    const run = torchRun(depth, device);
    if (run.skipped) {
      skipped.push({ name: `pytorch-${device}`, depth, reason: run.skipped });
      say(`depth ${depth}: pytorch-${device} not measured (${run.skipped})`);
    } else {
      runs.push(run);
      say(`depth ${depth}: ${describe(run)}`);
    }
  }
}

const result = {
  date: new Date().toISOString(),
  seconds: Math.round((performance.now() - started) / 1000),
  machine: machine(),
  adapter,
  backendReason: choice.reason,
  numerics,
  runs,
  skipped,
  ratios: DEPTHS.map((depth) => ratioRow(depth)),
  target: targetRow(),
};
mkdirSync(outDir, { recursive: true });
const stamp = result.date.replace(/[:.]/g, '-');
writeAtomically(join(outDir, `gpu-check-${stamp}.json`), `${JSON.stringify(result, null, 2)}\n`);
writeAtomically(join(outDir, `gpu-check-${stamp}.md`), markdown(result));
say(`wrote ${join(outDir, `gpu-check-${stamp}.{json,md}`)} (${result.seconds} s)`);
for (const line of result.ratios.filter(Boolean)) say(line);
say(result.target);
process.exit(numerics.ok ? 0 : 1);

/** The Figure-1 training step on webgpu, in this process: step times and the breakdown. */
async function webgpuRun(depth) {
  await tf.setBackend('webgpu');
  const model = network(depth);
  const n = BATCH * (plan.warmup + plan.steps);
  const x = tf.randomNormal([n, 784], 0, 1, 'float32', 2);
  const y = tf.tidy(() => tf.oneHot(tf.randomUniform([n], 0, 10, 'int32', 3), 10));
  const ends = [];
  const optimizer = tf.train.sgd(0.01);
  // lossEvery: 1 reads the running loss (4 bytes) after every step, so each interval holds a
  // whole step, the GPU's work included.
  await trainModel(model, x, y, {
    epochs: 1,
    batchSize: BATCH,
    optimizer,
    loss: 'categoricalCrossentropy',
    seed: 1,
    lossEvery: 1,
    onBatchEnd: () => ends.push(performance.now()),
  });
  const durations = ends
    .slice(1)
    .map((t, i) => t - ends[i])
    .slice(-plan.steps);
  const breakdown = await webGpuBreakdown(model, {
    batch: BATCH,
    width: 784,
    classes: 10,
    steps: plan.breakdown,
    warmup: 1,
  });
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return record('webgpu', depth, durations, { adapter, breakdown });
}

/** PyTorch's Figure-1 step on `device` (bench/reference/figure1_step.py in the working tree). */
function torchRun(depth, device) {
  const threads = device === 'cpu' ? os.availableParallelism() : 1;
  const child = spawnSync(
    python,
    [
      join(repo, 'bench/reference/figure1_step.py'),
      ...['--task', 'train', '--depth', depth, '--batch', BATCH, '--device', device],
      ...['--steps', software ? 5 : 30, '--warmup', software ? 2 : 5, '--threads', threads],
    ].map(String),
    { encoding: 'utf8', maxBuffer: 1 << 24, timeout: 180_000 },
  );
  const line = (child.stdout ?? '').split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || line == null) {
    const why = (child.stderr || child.error?.message || `exit ${child.status}`)
      .trim()
      .split('\n')
      .at(-1);
    return { skipped: why };
  }
  const measured = JSON.parse(line.slice(7));
  return record(`pytorch-${device}`, depth, measured.durations, measured.extra);
}

function record(name, depth, durations, extra) {
  const ms = summarize(durations);
  return {
    name,
    depth,
    batch: BATCH,
    steps: durations.length,
    msPerStep: ms,
    samplesPerSec: Math.round((BATCH / ms.median) * 1000),
    gflops: Math.round((flopsPerStep('train', depth, BATCH) / ms.median / 1e6) * 10) / 10,
    ...extra,
  };
}

function describe(run) {
  const b = run.breakdown;
  const parts = b
    ? `; dispatch ${b.dispatchMs} ms, in submit ${b.submitMs} ms, GPU wait ${b.kernelsMs} ms, readback ${b.readbackMs} ms, ${b.dispatches} passes`
    : '';
  return `${run.name} ${run.msPerStep.median.toFixed(2)} ms/step (${run.gflops} GFLOP/s)${parts}`;
}

function ratioRow(depth) {
  const gpu = runs.find((r) => r.name === 'webgpu' && r.depth === depth);
  const cuda = runs.find((r) => r.name === 'pytorch-cuda' && r.depth === depth);
  if (gpu == null || cuda == null) return null;
  return `depth ${depth}: webgpu takes ${(gpu.msPerStep.median / cuda.msPerStep.median).toFixed(2)}× PyTorch-CUDA's time per step`;
}

function targetRow() {
  const gpu = runs.find((r) => r.name === 'webgpu' && r.depth === 8);
  const ms = gpu.msPerStep.median;
  return `target: a depth-8 step in ≤ 5 ms on a hardware GPU: ${ms.toFixed(2)} ms${software ? ' (software adapter: not judged)' : ms <= 5 ? ', met' : ', not met'}`;
}

function machine() {
  let gpus = [];
  try {
    gpus = execFileSync(
      'nvidia-smi',
      ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader'],
      {
        encoding: 'utf8',
        timeout: 10_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      },
    )
      .trim()
      .split('\n')
      .filter(Boolean);
  } catch {}
  let osName = os.type();
  try {
    osName = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? osName;
  } catch {}
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    cores: os.availableParallelism(),
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    gpus,
    node: process.version,
    os: `${osName} (${os.release()}, ${os.arch()})`,
  };
}

/** Where Vulkan drivers would be found, for the one-line failure. */
function vulkanHint() {
  const dirs = ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d'];
  const icds = dirs.flatMap((dir) => {
    try {
      return execFileSync('ls', [dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((f) => `${dir}/${f}`);
    } catch {
      return [];
    }
  });
  return icds.some((f) => /nvidia/i.test(f))
    ? ` (an NVIDIA Vulkan driver is listed: ${icds.join(', ')}; check that libGLX_nvidia.so.0 loads)`
    : ` (no NVIDIA Vulkan driver: no nvidia_icd.json in ${dirs.join(', ')}; the driver's Vulkan part is missing — in a container, set NVIDIA_DRIVER_CAPABILITIES=all or add "graphics")`;
}

function markdown(r) {
  const lines = [
    `# GPU check, ${r.date}`,
    '',
    `${r.machine.cpuModel}, ${r.machine.cores} cores, ${r.machine.memoryGb} GiB · ${r.machine.gpus.join('; ') || 'no nvidia-smi'} · Node ${r.machine.node} · ${r.machine.os}`,
    '',
    `Adapter: ${adapterLine(r.adapter)}.`,
    '',
    '## Numerics',
    '',
    ...r.numerics.checks.map((c) => `- ${c.ok ? 'ok' : '**FAIL**'} ${c.name}: ${c.detail}`),
    '',
    '## Figure-1 training step (batch 128, width 784)',
    '',
    '| configuration | depth | steps | ms/step median (min–max) | samples/s | GFLOP/s |',
    '|---|--:|--:|--:|--:|--:|',
    ...r.runs.map(
      (run) =>
        `| ${run.name}${run.device ? ` (${run.device})` : ''} | ${run.depth} | ${run.steps} | ${run.msPerStep.median.toFixed(2)} (${run.msPerStep.min.toFixed(2)}–${run.msPerStep.max.toFixed(2)}) | ${run.samplesPerSec} | ${run.gflops} |`,
    ),
    '',
    ...r.runs
      .filter((run) => run.breakdown)
      .map((run) => {
        const b = run.breakdown;
        return `- webgpu depth ${run.depth}, one step with the GPU idle at its start: ${b.dispatches} compute passes; dispatch (JavaScript) ${b.dispatchMs} ms, in queue.submit ${b.submitMs} ms, GPU wait ${b.kernelsMs} ms, readback of the loss ${b.readbackMs} ms, step ${b.totalMs} ms`;
      }),
    ...r.skipped.map((s) => `- ${s.name} depth ${s.depth} not measured: ${s.reason}`),
    ...r.ratios.filter(Boolean).map((line) => `- ${line}`),
    `- ${r.target}`,
    '',
  ];
  return lines.join('\n');
}

function writeAtomically(path, text) {
  writeFileSync(`${path}.partial`, text);
  renameSync(`${path}.partial`, path);
}
