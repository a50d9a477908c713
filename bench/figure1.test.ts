import { describe, expect, it } from 'vitest';
import {
  REFERENCE_BLAS_NOTE,
  backendCell,
  blasKind,
  breakdownLines,
  flopsPerStep,
  macsPerExample,
  markdownReport,
  ratioStats,
  ratioTo,
  roundEstimate,
  runRecord,
  summarize,
  targetLines,
} from './lib/figure1.mjs';

describe('Figure-1 benchmark helpers', () => {
  it('counts 3.78 GFLOP per training step at depth 8 and 15.1 at depth 32 (batch 128)', () => {
    expect(macsPerExample(8)).toBe(8 * 784 * 784 + 7840);
    expect(flopsPerStep('train', 8, 128) / 1e9).toBeCloseTo(3.782, 3);
    expect(flopsPerStep('train', 32, 128) / 1e9).toBeCloseTo(15.1, 1);
    expect(flopsPerStep('predict', 8, 1024)).toBe(2 * 1024 * macsPerExample(8));
  });

  it('summarizes durations by median, min and max', () => {
    expect(summarize([5, 1, 3])).toEqual({ median: 3, min: 1, max: 5 });
    expect(summarize([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(() => summarize([])).toThrow(/no durations/);
  });

  it('derives samples/s and GFLOP/s from the median', () => {
    const r = runRecord({
      name: 'x',
      backend: 'wasm',
      task: 'train',
      depth: 8,
      batch: 128,
      durations: [100, 200, 300],
      peakRssMb: 250.4,
    });
    expect(r).toMatchObject({ steps: 3, samplesPerSec: 640, peakRssMb: 250 });
    expect(r.msPerStep).toEqual({ median: 200, min: 100, max: 300 });
    expect(r.gflops).toBeCloseTo(3.782 / 0.2, 1);
  });

  it('reports ratios to PyTorch and tfjs-wasm and the targets', () => {
    const run = (name: string, median: number) => ({
      name,
      backend: name,
      depth: 8,
      batch: 128,
      steps: 3,
      msPerStep: { median, min: median, max: median },
      samplesPerSec: 1,
      gflops: 1,
      peakRssMb: 1,
    });
    const runs = [run('pytorch', 35), run('snn-wasm', 140), run('tfjs-wasm', 1176)];
    expect(ratioTo(runs, runs[1], 'pytorch')).toBe(4);
    expect(targetLines(runs)).toEqual([
      '- depth 8: snn-wasm is 8.4× faster than tfjs-wasm (target ≥ 7×): met',
      "- depth 8: snn-wasm takes 4.00× PyTorch's time per step (target ≤ 4×): met",
    ]);
    const machine = { date: 'd', cpuModel: 'c', cores: 2, memoryGb: 1, node: 'v20', os: 'o' };
    const md = markdownReport({ machine, runs, inference: [], skipped: [] });
    expect(md).toContain(
      '| snn-wasm | snn-wasm | 8 | 3 | 140 (140–140) | 1.00 | 1.00 | 1 | 4.00× | 8.4× |',
    );
  });

  const machine = { date: 'd', cpuModel: 'c', cores: 2, memoryGb: 1, node: 'v20', os: 'o' };
  const rounds = (name: string, repeats: number[]) => ({
    name,
    backend: name,
    depth: 8,
    batch: 128,
    steps: repeats.length,
    msPerStep: summarize(repeats),
    samplesPerSec: 1,
    gflops: 1,
    peakRssMb: 1,
    repeats,
  });

  it('pairs the rounds of two configurations for the ratio and its spread', () => {
    const runs = [rounds('pytorch', [10, 20, 10]), rounds('snn-native', [11, 24, 10])];
    // Round ratios 1.1, 1.2, 1.0: median 1.1, spread (1.2 − 1.0) / 1.1.
    const stats = ratioStats(runs, runs[1], 'pytorch');
    expect(stats?.median).toBeCloseTo(1.1, 12);
    expect(stats?.spread).toBeCloseTo(0.2 / 1.1, 12);
    expect(stats?.rounds).toBe(3);
    // A configuration of one round pairs with the first round of the other.
    const once = rounds('tfjs-wasm', [100]);
    expect(ratioStats([...runs, once], once, 'pytorch')?.median).toBe(10);
    expect(targetLines(runs)).toEqual([
      "- depth 8: snn-native takes 1.10× PyTorch's time per training step (target ≤ 1.5×): met; spread over rounds 18% (target ≤ 10%)",
    ]);
    const md = markdownReport({ machine, runs, inference: [], skipped: [] });
    expect(md).toContain(
      '| snn-native | snn-native | 8 | 3 | 11.0 (10.0–24.0) | 1.00 | 1.00 | 1 | 1.10× (18%) | – |',
    );
  });

  it('takes the fastest trial as the round time, so a slow process on either side drops out', () => {
    expect(roundEstimate([35.6, 48.2, 35.2])).toBe(35.2);
    expect(roundEstimate([41])).toBe(41);
    expect(() => roundEstimate([])).toThrow(/no trials/);
    // Round 2's PyTorch process and round 3's snn-native process fell into the slow mode: the
    // ratio of first trials spreads over 65 %, the ratio of the fastest trials over 1.1 %.
    const pytorchTrials = [
      [35.1, 36.0, 35.4],
      [48.2, 35.3, 35.9],
      [35.0, 35.6, 35.2],
    ];
    const nativeTrials = [
      [35.6, 35.2, 36.1],
      [35.0, 35.5, 35.3],
      [48.5, 34.9, 36.0],
    ];
    const record = (name: string, trials: number[][]) =>
      runRecord({
        name,
        backend: name,
        task: 'train',
        depth: 8,
        batch: 128,
        durations: trials.flat(),
        peakRssMb: 1,
        repeats: trials.map(roundEstimate),
        trials,
      });
    const runs = [record('pytorch', pytorchTrials), record('snn-native', nativeTrials)];
    expect(runs[1].trials).toEqual(nativeTrials);
    const stats = ratioStats(runs, runs[1], 'pytorch');
    // Fastest trials: PyTorch 35.1, 35.3, 35.0; snn-native 35.2, 35.0, 34.9.
    expect(stats?.median).toBeCloseTo(34.9 / 35.0, 12);
    expect(stats?.spread).toBeCloseTo((35.2 / 35.1 - 35.0 / 35.3) / (34.9 / 35.0), 12);
    expect(stats?.spread).toBeLessThan(0.02);
    const firstTrials = runs.map((r) => ({ ...r, repeats: r.trials?.map((t) => t[0]) }));
    expect(ratioStats(firstTrials, firstTrials[1], 'pytorch')?.spread).toBeGreaterThan(0.4);
    const md = markdownReport({ machine, rounds: 3, trials: 3, runs, inference: [], skipped: [] });
    expect(md).toContain('3 rounds of 3 trials');
    expect(md).toContain('its fastest trial');
  });

  it("names the BLAS PyTorch runs on from its process's mapped libraries", () => {
    const lib = '/usr/lib/x86_64-linux-gnu';
    expect(
      blasKind([
        `${lib}/openblas-pthread/libblas.so.3`,
        `${lib}/openblas-pthread/libopenblasp-r0.3.21.so`,
      ]),
    ).toBe('openblas');
    expect(blasKind([`${lib}/blas/libblas.so.3`])).toBe('reference');
    expect(blasKind([`${lib}/blis-pthread/libblas.so.3`])).toBe('blis');
    expect(blasKind(['/opt/intel/lib/libmkl_rt.so.2'])).toBe('mkl');
    expect(blasKind([])).toBe('unknown');
  });

  it('refuses ratios to a PyTorch on the reference BLAS and says which package is fair', () => {
    const runs = [rounds('pytorch', [900, 950]), rounds('snn-native', [40, 41])];
    const reference = {
      torch: '1.13',
      blas: 'reference',
      libraries: ['/usr/lib/x86_64-linux-gnu/blas/libblas.so.3'],
    };
    const md = markdownReport({ machine, reference, runs, inference: [], skipped: [] });
    expect(md).toContain(REFERENCE_BLAS_NOTE);
    expect(REFERENCE_BLAS_NOTE).toMatch(/apt-get install libopenblas0-pthread/);
    expect(md).toContain(
      '| snn-native | snn-native | 8 | 2 | 40.5 (40.0–41.0) | 1.00 | 1.00 | 1 | refused | – |',
    );
    expect(md).not.toMatch(/× PyTorch's/);
    expect(targetLines(runs, [], false)).toEqual([]);
  });

  it('labels a webgpu row with its adapter and reports its step breakdown', () => {
    const llvmpipe = {
      vendor: '',
      architecture: '',
      device: 'llvmpipe-llvm-15-0-6-256-bits-',
      description: 'OpenGL version 4.5 (Core Profile) Mesa 22.3.6',
      software: true,
      api: 'dawn-opengles',
    };
    const run = runRecord({
      name: 'webgpu',
      backend: 'webgpu',
      task: 'train',
      depth: 8,
      batch: 128,
      durations: [900, 1000, 1100],
      peakRssMb: 400,
      extra: {
        adapter: llvmpipe,
        breakdown: {
          steps: 5,
          dispatches: 97,
          dispatchMs: 40,
          submitMs: 880,
          kernelsMs: 20,
          readbackMs: 2,
          totalMs: 942,
        },
      },
    });
    expect(backendCell(run)).toBe('webgpu (software adapter llvmpipe-llvm-15-0-6-256-bits-)');
    const gpu = {
      ...run,
      adapter: {
        ...llvmpipe,
        vendor: 'nvidia',
        architecture: 'hopper',
        device: '',
        software: false,
      },
    };
    expect(backendCell(gpu)).toBe('webgpu (hardware adapter nvidia hopper)');
    expect(backendCell({ backend: 'snn-wasm' })).toBe('snn-wasm');
    const lines = breakdownLines([run, { ...run, name: 'snn-wasm', breakdown: undefined }]);
    expect(lines).toContain(
      '| webgpu | webgpu (software adapter llvmpipe-llvm-15-0-6-256-bits-) | 8 | 97 | 40.0 | 880 | 20.0 | 2.00 | 942 |',
    );
    expect(lines.filter((l) => l.startsWith('| webgpu'))).toHaveLength(1);
    expect(breakdownLines([{ ...run, breakdown: undefined }])).toEqual([]);
  });
});
