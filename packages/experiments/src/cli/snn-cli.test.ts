/**
 * End-to-end: the real `snn` binary (`node packages/experiments/dist/cli.js`). Builds the package
 * first when dist/cli.js is missing or older than a source file (the root `check` builds anyway).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version_core as tfVersion } from '@tensorflow/tfjs-core';
import { version_layers as tflVersion } from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(packageDir, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'snn-cli-'));

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(path).mtimeMs);
    }
  }
  return newest;
}

function ensureBuilt(): void {
  const deps = ['selu', 'init', 'snn-layers', 'datasets', 'runtime'];
  const depsMissing = deps.some((d) => !existsSync(join(packageDir, '..', d, 'dist', 'index.js')));
  const stale = !existsSync(cli) || statSync(cli).mtimeMs < newestSource(join(packageDir, 'src'));
  if (!depsMissing && !stale) return;
  // `...` also builds the @snn packages the CLI imports. Under `pnpm run`, npm_execpath is pnpm
  // itself (it need not be on PATH, e.g. when started through npx).
  const execpath = process.env.npm_execpath;
  const viaNode = execpath !== undefined && /pnpm\.c?js$/.test(execpath);
  const filter = depsMissing ? '@snn/experiments...' : '@snn/experiments';
  execFileSync(
    viaNode ? process.execPath : 'pnpm',
    [...(viaNode ? [execpath!] : []), '--filter', filter, 'build'],
    { cwd: packageDir, stdio: 'ignore' },
  );
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

const children = new Set<ChildProcess>();

function start(args: string[]): { child: ChildProcess; done: Promise<Run> } {
  const child = spawn(process.execPath, [cli, ...args], {
    cwd: work,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<Run>((resolve) => {
    child.on('close', (code) => {
      children.delete(child);
      resolve({ code, stdout, stderr });
    });
  });
  return { child, done };
}

const run = (args: string[]) => start(args).done;

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => {
  // A test that timed out must not leave its `snn` process running.
  for (const child of children) child.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
});

const tiny = [
  '--limit',
  '256',
  '--depths',
  '2,3',
  '--width',
  '32',
  '--epochs',
  '3',
  '--lr',
  '0.01',
];

describe('snn figure1 (tiny config, through the CLI)', () => {
  const outA = join(work, 'a');
  let first: Run;

  beforeAll(async () => {
    first = await run(['figure1', ...tiny, '--out', outA, '--json']);
  });

  it('writes figure1.json, .svg and .png with the curves', () => {
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    expect(summary.out).toBe(outA);
    const result = JSON.parse(readFileSync(join(outA, 'figure1.json'), 'utf8'));
    expect(result.config).toMatchObject({
      dataset: 'mnist',
      source: 'embedded',
      depths: [2, 3],
      archs: ['snn', 'batchnorm'],
      epochs: 3,
      lr: 0.01,
      batch: 128,
      width: 32,
      trainSize: 256,
      seed: 1,
    });
    expect(typeof result.backend.name).toBe('string');
    expect(result.complete).toBe(true);
    expect(
      result.curves.map((c: { arch: string; depth: number }) => `${c.arch}-${c.depth}`),
    ).toEqual(['snn-2', 'batchnorm-2', 'snn-3', 'batchnorm-3']);
    for (const curve of result.curves) {
      expect(curve.loss).toHaveLength(4);
      expect(curve.diverged).toBeUndefined();
      if (curve.arch === 'snn') expect(curve.loss.at(-1)).toBeLessThan(curve.loss[0]);
    }
    expect(result.timings.totalMs).toBeGreaterThan(0);
    const svg = readFileSync(join(outA, 'figure1.svg'), 'utf8');
    expect(svg).toContain('SNN, 3 layers');
    expect(svg).toContain('BatchNorm, 2 layers');
    const png = readFileSync(join(outA, 'figure1.png'));
    expect([...png.subarray(0, 4)]).toEqual([137, 80, 78, 71]);
  });

  it('resumes a run killed with SIGKILL to the same curves as the uninterrupted run', async () => {
    const outB = join(work, 'b');
    const statePath = join(outB, 'figure1-state', 'state.json');
    const killed = start(['figure1', ...tiny, '--out', outB]);
    let exited = false;
    killed.done.then(() => {
      exited = true;
    });
    // Kill as soon as a state with a curve in training (weights saved mid-curve) is on disk.
    let sawMidCurve = false;
    while (!exited) {
      try {
        const state = JSON.parse(readFileSync(statePath, 'utf8'));
        if (state.current && state.current.index >= 1) {
          killed.child.kill('SIGKILL');
          sawMidCurve = true;
          break;
        }
      } catch {
        // not written yet
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const killedRun = await killed.done;
    expect(sawMidCurve).toBe(true);
    expect(killedRun.code).toBeNull(); // killed by a signal
    expect(existsSync(join(outB, 'figure1.json'))).toBe(false);

    const resumed = await run(['figure1', ...tiny, '--out', outB]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/figure1: resuming: \d of 4 curves finished/);
    const a = JSON.parse(readFileSync(join(outA, 'figure1.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(outB, 'figure1.json'), 'utf8'));
    expect(b.curves).toEqual(a.curves);
    // Only the state file remains once every curve is done (no stray weights or temp files).
    expect(readdirSync(join(outB, 'figure1-state'))).toEqual(['state.json']);
  });
});

describe('snn theory (through the CLI)', () => {
  it("writes theory.json with the fixed point (0, 1) and the paper's Jacobian", async () => {
    const out = join(work, 'theory');
    const r = await run(['theory', '--quick', '--out', out, '--json']);
    expect(r.code).toBe(0);
    const theory = JSON.parse(readFileSync(join(out, 'theory.json'), 'utf8'));
    expect(theory.fixedPoint.mean).toBeCloseTo(0, 4);
    expect(theory.fixedPoint.variance).toBeCloseTo(1, 4);
    // PAPER.md: [[0, 0.088834], [0, 0.782648]], spectral norm 0.7877.
    const [[a, b], [c, d]] = theory.jacobian;
    expect([a, b, c, d].map((v: number) => Number(v.toFixed(4)))).toEqual([0, 0.0888, 0, 0.7826]);
    expect(theory.spectralNorm).toBeCloseTo(0.7877, 4);
    expect(theory.theorem1.holds).toBe(true);
    expect(existsSync(join(out, 'theory.png'))).toBe(true);
    expect(JSON.parse(r.stdout).theorem1Holds).toBe(true);
  });
});

describe('snn doctor (through the CLI)', () => {
  const example = join(packageDir, 'examples', 'keras-two-mistakes');

  it('prints a table with the findings and exits 1 on the Keras example with two mistakes', async () => {
    const r = await run(['doctor', example, '--backend', 'cpu']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^layer +class +activation +initializer/m);
    expect(r.stdout).toMatch(/^ERROR +plain-dropout at dropout: /m);
    expect(r.stdout).toMatch(/^ERROR +kernel-variance at dense_1: .*He\/MSRA/m);
  });

  it('prints the diagnosis as JSON with --json', async () => {
    const r = await run(['doctor', join(example, 'model.json'), '--json', '--backend', 'cpu']);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.weights).toBe('file');
    expect(result.diagnosis.ok).toBe(false);
    expect(new Set(result.diagnosis.findings.map((f: { code: string }) => f.code))).toEqual(
      new Set(['kernel-variance', 'plain-dropout', 'leaves-domain']),
    );
  });

  it('has --help naming its flags', async () => {
    const r = await run(['doctor', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--data', '--synthetic', '--samples', '--backend', '--json']) {
      expect(r.stdout).toContain(flag);
    }
  });

  it('refuses --data with --synthetic and too few --samples: one line, exit code 2', async () => {
    for (const [args, message] of [
      [['--data', 'x.csv', '--synthetic'], /--data and --synthetic exclude each other/],
      [['--samples', '1'], /--samples must be an integer ≥ 2; got "1"/],
    ] as const) {
      const r = await run(['doctor', example, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
    }
  });

  it('exits 0 on the Keras 3 SNN config and names the file of a bad input', async () => {
    const fixture = join(
      packageDir,
      '..',
      'snn-layers',
      'src',
      'fixtures',
      'keras3-snn-config.json',
    );
    const ok = await run(['doctor', fixture, '--backend', 'cpu']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('no findings');
    const bad = await run(['doctor', join(packageDir, 'package.json'), '--backend', 'cpu']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /^snn doctor: error: .*package\.json: neither a tfjs layers model\.json/m,
    );
  });
});

describe('snn doctor refuses an oversized model before allocating it', () => {
  /** `snn doctor` under a 2 GB address-space limit (`ulimit -v`), with extra environment. */
  function runLimited(model: string, env: Record<string, string> = {}): Promise<Run> {
    return new Promise((resolve) => {
      const child = spawn(
        'bash',
        ['-c', 'ulimit -v 2000000 && exec "$0" "$@"', process.execPath, cli, 'doctor', model],
        { cwd: work, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
      );
      children.add(child);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => {
        stdout += d;
      });
      child.stderr.on('data', (d) => {
        stderr += d;
      });
      child.on('close', (code) => {
        children.delete(child);
        resolve({ code, stdout, stderr });
      });
    });
  }

  /** The Keras example's topology (no weights) with dense_1 made `units` wide. */
  function wideModel(units: number): string {
    const json = JSON.parse(
      readFileSync(join(packageDir, 'examples', 'keras-two-mistakes', 'model.json'), 'utf8'),
    );
    json.modelTopology.model_config.config.layers[3].config.units = units;
    json.weightsManifest = undefined;
    const file = join(work, `wide-${units}.json`);
    writeFileSync(file, JSON.stringify(json));
    return file;
  }

  it('units: 3e7 (7.7 GB of weights) is refused by name under 2 GB; with the limits raised, tfjs runs out', async () => {
    const model = wideModel(3e7);
    const refused = await runLimited(model, { SNN_MAX_WIDTH: '', SNN_MAX_PARAMETERS: '' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `snn doctor: error: ${model}: layer 'dense_1' \`units\`: 30,000,000 units in one layer, more than the limit of 65,536; if this is intended, raise the limit: SNN_MAX_WIDTH=30000000`,
    );
    // The control: the same file with both limits raised reaches tfjs, which cannot allocate it,
    // so the refusal above came before the allocation.
    const raised = await runLimited(model, {
      SNN_MAX_WIDTH: '30000000',
      SNN_MAX_PARAMETERS: '10000000000',
    });
    expect(raised.code).not.toBe(0);
    expect(raised.stderr).not.toContain('SNN_MAX_');
    expect(raised.stderr).toMatch(/allocation failed|out of memory|Invalid typed array length/i);
  });
});

describe('snn --version', () => {
  it('prints the package version, the tfjs versions and the backend auto selects', async () => {
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe(`snn ${version} (@snn/experiments)`);
    expect(lines[1]).toBe(`tfjs-core ${tfVersion}, tfjs-layers ${tflVersion}`);
    expect(lines[2]).toMatch(/^backend: \S+ \(auto → \S+: .+\)$/);
    expect(lines[3]).toMatch(/^Node\.js v\d+\.\d+\.\d+, \w+ \w+, \d+ cores$/);
  });
});

describe('bad flags: one line naming the valid choices, exit code 2', () => {
  const cases: Array<[string, string[], RegExp]> = [
    [
      'unknown dataset',
      ['figure1', '--dataset', 'imagenet'],
      /--dataset must be one of mnist, fashion-mnist, cifar10; got "imagenet"/,
    ],
    [
      'depth 0',
      ['figure1', '--depths', '8,0'],
      /--depths must be a comma-separated list of integers ≥ 1; got "8,0"/,
    ],
    ['lr 0', ['figure1', '--lr', '0'], /--lr must be a number > 0; got "0"/],
    ['negative lr', ['figure1', '--lr', '-1e-5'], /--lr must be a number > 0; got "-1e-5"/],
    [
      'unknown backend',
      ['figure1', '--backend', 'tpu'],
      /--backend must be one of auto, tfjs-node-gpu, webgpu, tfjs-node, wasm, cpu, webgl, snn-wasm, snn-native; got "tpu"/,
    ],
    [
      'unreadable --source',
      ['figure1', '--source', '/nonexistent/mnist'],
      /--source must be one of embedded, remote or a readable folder; got "\/nonexistent\/mnist" \(no such folder\)/,
    ],
    ['unknown option', ['theory', '--bogus'], /unknown option '--bogus'/],
  ];
  for (const [name, args, message] of cases) {
    it(name, async () => {
      const r = await run([...args, '--out', join(work, 'never')]);
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines[0]).toMatch(message);
      expect(lines).toHaveLength(1);
      expect(r.stdout).toBe('');
    });
  }

  it('every subcommand has --help', async () => {
    for (const command of ['figure1', 'theory', 'normalization']) {
      const r = await run([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('--backend');
      expect(r.stdout).toContain('--quick');
    }
  });
});
