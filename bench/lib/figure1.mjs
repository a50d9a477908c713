// Shared definitions of the Figure-1 benchmark: the network, its FLOP count, step statistics and
// the Markdown report. Pure functions only, so that bench/figure1.test.ts can check them.

/** Input and hidden width of the Figure-1 network (MNIST pixels). */
export const WIDTH = 784;
/** Output classes. */
export const CLASSES = 10;

/**
 * The UCI-shaped network: 1024 → 32 × Dense(1024, SELU) → Dense(2), batch 32, where many small
 * products (32 × 1024 × 1024) dominate rather than a few large ones.
 */
export const UCI_SHAPE = { width: 1024, depth: 32, batch: 32, classes: 2 };

/**
 * Multiply–adds per example of one forward pass of width → depth × Dense(width) → Dense(classes):
 * depth·width² + width·classes (biases and activations are O(width) and left out). Default: the
 * Figure-1 network (784, 10 classes).
 */
export function macsPerExample(depth, width = WIDTH, classes = CLASSES) {
  return depth * width * width + width * classes;
}

/**
 * FLOPs of one step. Training: forward (2·MACs) plus backward (input and weight gradients,
 * 2 × 2·MACs) = 6·MACs per example, the usual convention (it counts the first layer's input
 * gradient too); depth 8, batch 128 gives 3.78 GFLOP. Inference: 2·MACs per example.
 */
export function flopsPerStep(task, depth, batch, width = WIDTH, classes = CLASSES) {
  const perExample = (task === 'predict' ? 2 : 6) * macsPerExample(depth, width, classes);
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

/**
 * A round's time for one configuration from its trials (each a child process, each reduced to its
 * median step): the fastest trial. Whole processes fall into a slow mode at random on a shared
 * machine — on the 2-core bench host 5 of 22 PyTorch processes ran their depth-8 step at a median
 * of 46–57 ms against 33–40 ms for the others, with nothing else running — and that mode hits either
 * side of a ratio alike; it only ever adds time, so the minimum over trials is the estimate of
 * what the configuration does, and the ratio of two such minima is stable from round to round.
 *
 *     roundEstimate([35.6, 48.2, 35.2]) // 35.2
 */
export function roundEstimate(trialMedians) {
  if (trialMedians.length === 0) throw new Error('roundEstimate: no trials');
  return Math.min(...trialMedians);
}

/**
 * The record of one configuration, in the shape of `latest.json`'s runs. `repeats` (optional)
 * holds each round's time (`roundEstimate` of its trials), in the order the rounds ran, and
 * `trials` (optional) each round's trial medians; `durations` pools every step of every trial.
 */
export function runRecord({
  name,
  backend,
  task,
  depth,
  batch,
  durations,
  peakRssMb,
  width = WIDTH,
  classes = CLASSES,
  repeats,
  trials,
  extra = {},
}) {
  const msPerStep = summarize(durations);
  const seconds = msPerStep.median / 1000;
  return {
    name,
    backend,
    depth,
    batch,
    ...(width !== WIDTH ? { width } : {}),
    steps: durations.length,
    msPerStep: round(msPerStep, 2),
    samplesPerSec: roundTo(batch / seconds, 1),
    gflops: roundTo(flopsPerStep(task, depth, batch, width, classes) / seconds / 1e9, 2),
    peakRssMb: roundTo(peakRssMb, 0),
    ...(repeats != null ? { repeats: repeats.map((v) => roundTo(v, 2)) } : {}),
    ...(trials != null ? { trials: trials.map((t) => t.map((v) => roundTo(v, 2))) } : {}),
    ...extra,
  };
}

/** The run of `name` at the same depth as `run`, or undefined. */
function partner(runs, run, name) {
  return runs.find((r) => r.name === name && r.depth === run.depth);
}

/** Ratio of this run's median to the median of `name` at the same depth, or null. */
export function ratioTo(runs, run, name) {
  const other = partner(runs, run, name);
  return other == null ? null : run.msPerStep.median / other.msPerStep.median;
}

/**
 * The ratio of this run's time to `name`'s, round by round: repeat i of one over repeat i of the
 * other (they ran side by side, interleaved), so that a slow phase of the machine hits both.
 * Returns the median ratio and the spread (max − min) / median over the rounds, or null when
 * either has no repeats. A run measured in fewer rounds pairs with the first rounds of the other.
 */
export function ratioStats(runs, run, name) {
  const other = partner(runs, run, name);
  if (other?.repeats == null || run.repeats == null) return null;
  const count = Math.min(run.repeats.length, other.repeats.length);
  if (count === 0) return null;
  const ratios = run.repeats.slice(0, count).map((v, i) => v / other.repeats[i]);
  const { median, min, max } = summarize(ratios);
  return { median, min, max, rounds: count, spread: (max - min) / median };
}

/**
 * Which BLAS a list of loaded libraries (PyTorch's `/proc/<pid>/maps`) is: `openblas`, `blis`,
 * `mkl`, `reference` (Debian's libblas3, the unoptimised Netlib code) or `unknown`. Debian's
 * alternatives put OpenBLAS's libblas.so.3 under `openblas-pthread/` and the reference one under
 * `blas/`; the maps name the real file.
 */
export function blasKind(libraries) {
  const all = libraries.join('\n');
  if (/openblas/i.test(all)) return 'openblas';
  if (/blis/i.test(all)) return 'blis';
  if (/mkl/i.test(all)) return 'mkl';
  if (/\/blas\/libblas\.so|libblas\.so|librefblas/.test(all)) return 'reference';
  return 'unknown';
}

/** Why ratios against PyTorch are refused when it runs on the reference BLAS. */
export const REFERENCE_BLAS_NOTE =
  "PyTorch runs on Debian's reference BLAS (libblas3, unoptimised), so no ratio to it is computed: it would flatter every other row by 10–30×. Install the fair reference with `apt-get install libopenblas0-pthread` (python3-torch's recommended BLAS) and run the bench again.";

/** True when ratios to PyTorch are meaningful (its BLAS is not the reference one). */
export function fairReference(result) {
  return result.reference?.blas !== 'reference';
}

/** The tables of the report: title, the runs and the time unit. */
function sections(result) {
  return [
    ['Training step (batch 128)', result.runs, 'ms/step'],
    ['Inference (predict, batch 1024)', result.inference ?? [], 'ms/batch'],
    [
      `UCI-shaped training step (batch ${UCI_SHAPE.batch}, width ${UCI_SHAPE.width}, depth ${UCI_SHAPE.depth})`,
      result.uci ?? [],
      'ms/step',
    ],
  ];
}

/** “1.23× (8%)”: the median ratio over rounds and its spread, or the plain ratio, or “–”. */
function ratioCell(runs, run, fair) {
  if (!fair) return 'refused';
  if (run.name === 'pytorch') return '1.00×';
  const stats = ratioStats(runs, run, 'pytorch');
  if (stats != null && stats.rounds > 1) {
    return `${stats.median.toFixed(2)}× (${(stats.spread * 100).toFixed(0)}%)`;
  }
  const ratio = stats?.median ?? ratioTo(runs, run, 'pytorch');
  return ratio == null ? '–' : `${ratio.toFixed(2)}×`;
}

/** The Markdown report: one table per task, the reference BLAS, the targets. */
export function markdownReport(result) {
  const lines = [];
  const m = result.machine;
  const fair = fairReference(result);
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
      '“× PyTorch” is ms/step divided by PyTorch’s (lower is better): the median over rounds of the ratio within a round, and in parentheses its spread over the rounds, (max − min) / median; ' +
      '“vs tfjs-wasm” is how many times faster than stock tfjs wasm.',
  );
  if (result.reference != null) {
    const r = result.reference;
    lines.push('');
    lines.push(
      `PyTorch ${r.torch ?? ''} runs on ${r.blas === 'reference' ? 'the reference BLAS' : r.blas}: ${r.libraries?.length ? r.libraries.map((l) => `\`${l}\``).join(', ') : 'no BLAS library mapped'}.`,
    );
    if (!fair) {
      lines.push('');
      lines.push(`**${REFERENCE_BLAS_NOTE}**`);
    }
  }
  if (result.rounds != null) {
    const trials = result.trials ?? 1;
    lines.push('');
    lines.push(
      trials > 1
        ? `${result.rounds} rounds of ${trials} trials; a trial runs every configuration once, each in its own process, in an order rotated from round to round, and a round's time for a configuration is its fastest trial (the median step of that process); the slow stock backends run once, in the first round.`
        : `${result.rounds} rounds; each round runs every configuration once, in an order rotated from round to round; the slow stock backends run in the first round only.`,
    );
  }
  for (const [title, runs, unit] of sections(result)) {
    if (runs.length === 0) continue;
    lines.push('');
    lines.push(`## ${title}`);
    lines.push('');
    lines.push(
      `| configuration | backend | depth | steps | ${unit} median (min–max) | samples/s | GFLOP/s | peak RSS MB | × PyTorch | vs tfjs-wasm |`,
    );
    lines.push('|---|---|--:|--:|--:|--:|--:|--:|--:|--:|');
    for (const run of runs) {
      const vsWasm = ratioTo(runs, run, 'tfjs-wasm');
      const { median, min, max } = run.msPerStep;
      lines.push(
        `| ${run.name} | ${backendCell(run)} | ${run.depth} | ${run.steps} | ${fmt(median)} (${fmt(min)}–${fmt(max)}) | ${fmt(run.samplesPerSec)} | ${fmt(run.gflops)} | ${run.peakRssMb} | ${ratioCell(runs, run, fair)} | ${vsWasm == null ? '–' : `${speedup(1 / vsWasm)}×`} |`,
      );
    }
  }
  lines.push(...breakdownLines(result.runs));
  const targets = targetLines(result.runs, result.inference ?? [], fair);
  if (targets.length > 0) {
    lines.push('');
    lines.push('## Targets');
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

/**
 * The targets, per depth: snn-wasm ≥ 7× faster than tfjs-wasm and within 4× of PyTorch;
 * snn-native within 1.5× of PyTorch for the training step and for inference. No ratio to PyTorch
 * is judged when it runs on the reference BLAS (`fair` false).
 */
export function targetLines(runs, inference = [], fair = true) {
  const lines = [];
  const vsTorch = (list, run) =>
    ratioStats(list, run, 'pytorch')?.median ?? ratioTo(list, run, 'pytorch');
  for (const run of runs.filter((r) => r.name === 'snn-wasm')) {
    const vsWasm = ratioTo(runs, run, 'tfjs-wasm');
    const ratio = fair ? vsTorch(runs, run) : null;
    if (vsWasm != null) {
      const speedup = 1 / vsWasm;
      lines.push(
        `- depth ${run.depth}: snn-wasm is ${speedup.toFixed(1)}× faster than tfjs-wasm (target ≥ 7×): ${speedup >= 7 ? 'met' : 'not met'}`,
      );
    }
    if (ratio != null) {
      lines.push(
        `- depth ${run.depth}: snn-wasm takes ${ratio.toFixed(2)}× PyTorch's time per step (target ≤ 4×): ${ratio <= 4 ? 'met' : 'not met'}`,
      );
    }
  }
  for (const [list, what] of [
    [runs, 'time per training step'],
    [inference, 'inference time'],
  ]) {
    for (const run of list.filter((r) => r.name === 'snn-native')) {
      const ratio = fair ? vsTorch(list, run) : null;
      if (ratio == null) continue;
      const spread = ratioStats(list, run, 'pytorch')?.spread;
      lines.push(
        `- depth ${run.depth}: snn-native takes ${ratio.toFixed(2)}× PyTorch's ${what} (target ≤ 1.5×): ${ratio <= 1.5 ? 'met' : 'not met'}${spread != null ? `; spread over rounds ${(spread * 100).toFixed(0)}% (target ≤ 10%)` : ''}`,
      );
    }
  }
  return lines;
}

/**
 * The backend column: the tfjs backend, and for webgpu whether its adapter is a GPU or a software
 * one, and which: `webgpu (software adapter llvmpipe-llvm-15-0-6-256-bits-)`.
 */
export function backendCell(run) {
  const a = run.adapter;
  if (a == null) return run.backend;
  const name = [a.vendor, a.architecture, a.device].filter((s) => s).join(' ') || a.description;
  return `${run.backend} (${a.software ? 'software' : 'hardware'} adapter ${name})`;
}

/**
 * The WebGPU step breakdown of the training runs that carry one (`breakdown` from
 * lib/webgpu-breakdown.mjs): dispatch, time in submit, GPU wait, readback and compute passes per
 * step.
 */
export function breakdownLines(runs) {
  const withBreakdown = runs.filter((r) => r.breakdown != null);
  if (withBreakdown.length === 0) return [];
  const lines = [
    '',
    '## WebGPU training step, broken down',
    '',
    'One step at a time with the GPU idle at its start: *dispatch* is the JavaScript that records the step (tfjs bookkeeping, autodiff, pipeline lookup, command encoding) outside `queue.submit`; *in submit* the time inside `queue.submit` (every 15 passes), where Dawn’s OpenGL ES backend runs the kernels (llvmpipe: on the CPU) and Vulkan returns at once; *GPU wait* the GPU work still running after recording (`onSubmittedWorkDone`); *readback* reading the loss (4 bytes) once the GPU is idle. Kernels = in submit + GPU wait. Medians in ms.',
    '',
    '| configuration | backend | depth | compute passes/step | dispatch | in submit | GPU wait | readback | step |',
    '|---|---|--:|--:|--:|--:|--:|--:|--:|',
  ];
  for (const run of withBreakdown) {
    const b = run.breakdown;
    lines.push(
      `| ${run.name} | ${backendCell(run)} | ${run.depth} | ${b.dispatches} | ${fmt(b.dispatchMs)} | ${fmt(b.submitMs)} | ${fmt(b.kernelsMs)} | ${fmt(b.readbackMs)} | ${fmt(b.totalMs)} |`,
    );
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
