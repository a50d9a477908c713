// Shared definitions of the Figure-1 benchmark: the network, its FLOP count, step statistics and
// the Markdown report. Pure functions only, so that bench/figure1.test.ts can check them.

/** Input and hidden width of the Figure-1 network (MNIST pixels). */
export const WIDTH = 784;
/** Output classes. */
export const CLASSES = 10;

/**
 * Multiply–adds per example of one forward pass of 784 → depth × Dense(784) → Dense(10):
 * depth·784² + 784·10 (biases and activations are O(width) and left out).
 */
export function macsPerExample(depth) {
  return depth * WIDTH * WIDTH + WIDTH * CLASSES;
}

/**
 * FLOPs of one step. Training: forward (2·MACs) plus backward (input and weight gradients,
 * 2 × 2·MACs) = 6·MACs per example, the usual convention (it counts the first layer's input
 * gradient too); depth 8, batch 128 gives 3.78 GFLOP. Inference: 2·MACs per example.
 */
export function flopsPerStep(task, depth, batch) {
  const perExample = (task === 'train' ? 6 : 2) * macsPerExample(depth);
  return perExample * batch;
}

/** Median, min and max of a list of durations (ms). */
export function summarize(durations) {
  if (durations.length === 0) throw new Error('summarize: no durations');
  const sorted = [...durations].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** The record of one configuration, in the shape of `latest.json`'s runs. */
export function runRecord({ name, backend, task, depth, batch, durations, peakRssMb, extra = {} }) {
  const msPerStep = summarize(durations);
  const seconds = msPerStep.median / 1000;
  return {
    name,
    backend,
    depth,
    batch,
    steps: durations.length,
    msPerStep: round(msPerStep, 2),
    samplesPerSec: roundTo(batch / seconds, 1),
    gflops: roundTo(flopsPerStep(task, depth, batch) / seconds / 1e9, 2),
    peakRssMb: roundTo(peakRssMb, 0),
    ...extra,
  };
}

/** Ratio of this run's median to the median of `name` at the same depth, or null. */
export function ratioTo(runs, run, name) {
  const other = runs.find((r) => r.name === name && r.depth === run.depth);
  return other == null ? null : run.msPerStep.median / other.msPerStep.median;
}

/** The Markdown report: one table for training steps, one for inference, the targets. */
export function markdownReport(result) {
  const lines = [];
  const m = result.machine;
  lines.push('# Figure-1 network: speed per configuration');
  lines.push('');
  const load = m.loadAverage
    ? ` · load average at start ${m.loadAverage.map((v) => v.toFixed(2)).join(' ')}`
    : '';
  lines.push(
    `${m.date} · ${m.cpuModel}, ${m.cores} cores, ${m.memoryGb} GiB · Node ${m.node} · ${m.os}${load}`,
  );
  lines.push('');
  lines.push(
    'Network: 784 → depth × Dense(784, SELU) → Dense(10, softmax), SGD, synthetic N(0, 1) inputs. ' +
      '“× PyTorch” is ms/step divided by PyTorch’s (lower is better); “vs tfjs-wasm” is how many times faster than stock tfjs wasm.',
  );
  for (const [title, runs, unit] of [
    ['Training step (batch 128)', result.runs, 'ms/step'],
    ['Inference (predict, batch 1024)', result.inference ?? [], 'ms/batch'],
  ]) {
    if (runs.length === 0) continue;
    lines.push('');
    lines.push(`## ${title}`);
    lines.push('');
    lines.push(
      `| configuration | backend | depth | steps | ${unit} median (min–max) | samples/s | GFLOP/s | peak RSS MB | × PyTorch | vs tfjs-wasm |`,
    );
    lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|');
    for (const run of runs) {
      const vsTorch = ratioTo(runs, run, 'pytorch');
      const vsWasm = ratioTo(runs, run, 'tfjs-wasm');
      const { median, min, max } = run.msPerStep;
      lines.push(
        `| ${run.name} | ${run.backend} | ${run.depth} | ${run.steps} | ${fmt(median)} (${fmt(min)}–${fmt(max)}) | ${fmt(run.samplesPerSec)} | ${fmt(run.gflops)} | ${run.peakRssMb} | ${vsTorch == null ? '–' : `${vsTorch.toFixed(2)}×`} | ${vsWasm == null ? '–' : `${speedup(1 / vsWasm)}×`} |`,
      );
    }
  }
  const targets = targetLines(result.runs);
  if (targets.length > 0) {
    lines.push('');
    lines.push('## Targets (training step)');
    lines.push('');
    lines.push(...targets);
  }
  if (result.skipped?.length) {
    lines.push('');
    lines.push('## Not measured');
    lines.push('');
    for (const s of result.skipped) lines.push(`- ${s.name}: ${s.reason.split('; install')[0]}`);
  }
  lines.push('');
  return lines.join('\n');
}

/** “snn-wasm ≥ 7× faster than tfjs-wasm” and “within 4× of PyTorch”, per depth. */
export function targetLines(runs) {
  const lines = [];
  for (const run of runs.filter((r) => r.name === 'snn-wasm')) {
    const vsWasm = ratioTo(runs, run, 'tfjs-wasm');
    const vsTorch = ratioTo(runs, run, 'pytorch');
    if (vsWasm != null) {
      const speedup = 1 / vsWasm;
      lines.push(
        `- depth ${run.depth}: snn-wasm is ${speedup.toFixed(1)}× faster than tfjs-wasm (target ≥ 7×): ${speedup >= 7 ? 'met' : 'not met'}`,
      );
    }
    if (vsTorch != null) {
      lines.push(
        `- depth ${run.depth}: snn-wasm takes ${vsTorch.toFixed(2)}× PyTorch's time per step (target ≤ 4×): ${vsTorch <= 4 ? 'met' : 'not met'}`,
      );
    }
  }
  return lines;
}

/** A speed-up factor with two significant digits for small values (0.036×, 0.29×, 5.5×, 22×). */
function speedup(v) {
  if (v >= 10) return v.toFixed(0);
  if (v >= 1) return v.toFixed(1);
  return v.toPrecision(2);
}

function fmt(v) {
  if (v >= 100) return v.toFixed(0);
  if (v >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

function roundTo(v, digits) {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function round(stats, digits) {
  return Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, roundTo(v, digits)]));
}
