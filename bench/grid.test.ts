import { describe, expect, it } from 'vitest';
import {
  alternatingOrder,
  committedRate,
  gridReport,
  parseTime,
  perCoreHour,
  perNetwork,
  roundSummary,
  sameKeys,
  sliceGrid,
} from './lib/grid.mjs';

/** The shape of table1-small (grid-spec.ts) for three of its networks. */
const table1Small = {
  name: 'table1-small',
  epochs: 100,
  batchSize: 32,
  archs: {
    snn: {
      depth: [2, 16],
      width: [256],
      lr: [0.01, 0.1],
      dropout: [0.05, 0],
      shape: ['rectangular'],
    },
    batchnorm: { depth: [2, 16], width: [256], lr: [0.01, 0.1], shape: ['rectangular'] },
    resnet: {
      depth: [2, 8],
      width: [256],
      lr: [0.01, 0.1],
      blockShape: ['rectangular'],
      bottleneck: [0.5],
    },
  },
};

describe('bench:grid slice', () => {
  it('keeps each network’s shallowest and deepest depth at one learning rate and its largest dropout', () => {
    const slice = sliceGrid(table1Small);
    expect(slice.epochs).toBe(100);
    expect(slice.batchSize).toBe(32);
    expect(slice.archs.snn).toEqual({
      depth: [2, 16],
      width: [256],
      lr: [0.01],
      dropout: [0.05],
      shape: ['rectangular'],
    });
    expect(slice.archs.batchnorm).not.toHaveProperty('dropout');
    expect(slice.archs.resnet).toMatchObject({ depth: [2, 8], bottleneck: [0.5] });
    expect(() => sliceGrid(table1Small, 0.5)).toThrow(/snn has no learning rate 0.5/);
  });

  it('reads wall and CPU seconds from /usr/bin/time after the command’s own stderr', () => {
    expect(parseTime('some warning\n12.50 20.10 1.30\n')).toEqual({
      wallSeconds: 12.5,
      cpuSeconds: 21.400000000000002,
      user: 20.1,
      system: 1.3,
    });
    expect(() => parseTime('Command exited with non-zero status 1\n')).toThrow(/no "wall user/);
  });

  it('counts configurations per core-hour from CPU seconds', () => {
    expect(perCoreHour(70, 1800)).toBe(140);
    expect(() => perCoreHour(1, 0)).toThrow(/cpuSeconds must be > 0/);
    // The committed uci-small run: 3,000 configurations, 12.2 h of training summed over them.
    const records = Array.from({ length: 3000 }, (_, i) => ({
      seconds: (12.2 * 3600) / 3000,
      backend: i < 120 ? 'snn-wasm' : 'snn-native',
    }));
    const rate = committedRate(records);
    expect(rate.perCoreHour).toBeCloseTo(245.9, 1);
    expect(rate.byBackend).toEqual({ 'snn-wasm': 120, 'snn-native': 2880 });
  });

  it('compares per network and on the keys both runs trained', () => {
    const ours = [
      { key: 'a/snn/2', arch: 'snn', seconds: 2 },
      { key: 'a/snn/16', arch: 'snn', seconds: 8 },
      { key: 'big/snn/2', arch: 'snn', seconds: 10 },
      { key: 'a/msra/2', arch: 'msra', seconds: 3 },
    ];
    const torch = [
      { arch: 'snn', seconds: 5 },
      { arch: 'snn', seconds: 5 },
      { arch: 'msra', seconds: 6 },
    ];
    expect(perNetwork(ours, torch)).toEqual([
      { arch: 'snn', configurations: 3, oursSeconds: 20, torchSeconds: 10, ratio: 2 },
      { arch: 'msra', configurations: 1, oursSeconds: 3, torchSeconds: 6, ratio: 0.5 },
    ]);
    const old = [
      { key: 'a/snn/2', seconds: 6, backend: 'snn-native' },
      { key: 'a/snn/16', seconds: 24, backend: 'snn-native' },
      { key: 'a/msra/2', seconds: 9, backend: 'snn-wasm' },
    ];
    expect(sameKeys(old, ours)).toEqual({
      configurations: 3,
      oldSeconds: 39,
      newSeconds: 13,
      speedup: 3,
      oldBackends: ['snn-native', 'snn-wasm'],
    });
    expect(sameKeys(old, []).speedup).toBeNull();
  });

  it('alternates which side goes first, round by round, and rates each round', () => {
    expect(alternatingOrder(['a', 'b', 'c'])).toEqual([
      { dataset: 'a', first: 'ours' },
      { dataset: 'b', first: 'torch' },
      { dataset: 'c', first: 'ours' },
    ]);
    // 2 configurations in 20 CPU s = 360 per core-hour; 4 in 20 s = 720: ratio 0.5.
    const round = roundSummary(
      'a',
      'ours',
      { wallSeconds: 10, cpuSeconds: 20, records: [{}, {}] },
      { wallSeconds: 11, cpuSeconds: 20, results: [{}, {}, {}, {}] },
    );
    expect(round).toEqual({
      dataset: 'a',
      first: 'ours',
      ours: { configurations: 2, wallSeconds: 10, cpuSeconds: 20, perCoreHour: 360 },
      torch: { configurations: 4, wallSeconds: 11, cpuSeconds: 20, perCoreHour: 720 },
      ratio: 0.5,
    });
  });

  it('reports the rates, the ratio and the machine', () => {
    const record = {
      machine: {
        date: '2026-12-05T00:00:00Z',
        cpuModel: 'AMD EPYC',
        cores: 2,
        flags: ['avx2', 'avx512f'],
        memoryGb: 24,
        os: 'Debian',
        node: 'v20',
        loadAverage: [0, 0, 0],
      },
      slice: {
        datasets: ['iris'],
        archs: ['snn'],
        perNetwork: 2,
        configurations: 2,
        description: 'd',
      },
      ours: {
        backend: 'snn-native',
        backendReason: 'OpenBLAS Haswell',
        configurations: 2,
        wallSeconds: 10,
        cpuSeconds: 20,
        perCoreHour: 360,
        configSeconds: 18,
      },
      torch: {
        torch: '1.13',
        blas: ['libopenblas'],
        chosen: { label: 'torch 1 thread', processes: 2 },
        configurations: 2,
        wallSeconds: 5,
        cpuSeconds: 10,
        perCoreHour: 720,
        configSeconds: 9,
        probe: [
          { label: 'torch 1 thread', wallSeconds: 1, cpuSeconds: 1, throughputPerHour: 7200 },
        ],
      },
      comparison: {
        rateRatio: 0.5,
        configSecondsRatio: 0.5,
        vsOld: 1.46,
        perNetwork: [
          { arch: 'snn', configurations: 2, oursSeconds: 18, torchSeconds: 9, ratio: 2 },
        ],
      },
      old: {
        configurations: 3000,
        trainingHours: 12.2,
        perCoreHour: 245.9,
        byBackend: { 'snn-native': 2880 },
        derivation: 'x',
        sameKeys: {
          configurations: 2,
          oldSeconds: 36,
          newSeconds: 18,
          speedup: 2,
          oldBackends: ['snn-native'],
        },
      },
      committed: [
        {
          name: 'uci-small',
          configurations: 3000,
          trainingHours: 5.5,
          perCoreHour: 545.5,
          byBackend: { 'snn-native': 3000 },
          vsOld: 2.22,
        },
        {
          name: 'uci-small-seed2',
          configurations: 3000,
          trainingHours: 5.47,
          perCoreHour: 548.8,
          byBackend: { 'snn-native': 3000 },
          vsOld: 2.23,
        },
      ],
    };
    const md = gridReport(record);
    expect(md).toContain(
      '| ours (`snn uci --workers 2 --backend auto`) | 2 | 10.0 | 20.0 | 360.0 | 18.0 |',
    );
    expect(md).toContain('**Ours ÷ PyTorch in configurations per core-hour: 0.50**');
    expect(md).toContain('**245.9 per core-hour**');
    expect(md).toContain(
      'uci-small, 3000 configurations in 5.50 h of training summed over its records = **545.5 per core-hour, 2.22×**; uci-small-seed2, 3000 configurations in 5.47 h of training summed over its records = **548.8 per core-hour, 2.23×** the first run',
    );
    expect(md).toContain('| snn | 2 | 18.0 | 9.0 | 2.00 |');
    expect(md).toContain('AMD EPYC, 2 cores (avx2, avx512f)');
    expect(md).toContain('load average before the run 0.00 0.00 0.00.');
    expect(md).not.toContain('## Round by round');
    const round = roundSummary(
      'iris',
      'torch',
      { wallSeconds: 10, cpuSeconds: 20, records: [{}, {}] },
      { wallSeconds: 5, cpuSeconds: 10, results: [{}, {}] },
    );
    expect(gridReport({ ...record, rounds: [round] })).toContain(
      '| iris | PyTorch | 20.0 | 10.0 | 360.0 | 720.0 | 0.50 |',
    );
    const paused = gridReport({ ...record, machine: { ...record.machine, pausedGroup: 6477 } });
    expect(paused).toContain(
      'load average before the run 0.00 0.00 0.00 (it counts process group 6477, which was stopped with SIGSTOP while both sides were measured and continued after).',
    );
  });
});
