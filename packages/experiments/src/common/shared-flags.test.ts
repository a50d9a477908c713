import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../../internal/snn-error';
import { resolveOutDir } from './output-dir';
import {
  addSharedFlags,
  parseChoiceList,
  parseIntegerList,
  parseNumber,
  parseSharedFlags,
} from './shared-flags';
import { UsageError } from './usage-error';

function parse(args: string[]) {
  const cmd = addSharedFlags(new Command('x')).exitOverride();
  cmd.parse(args, { from: 'user' });
  return parseSharedFlags(cmd.opts());
}

describe('shared flags', () => {
  it('parses defaults and values', () => {
    expect(parse([])).toEqual({
      backend: 'auto',
      out: undefined,
      seed: 1,
      quick: false,
      json: false,
    });
    expect(parse(['--backend', 'cpu', '--out', 'o', '--seed', '7', '--quick', '--json'])).toEqual({
      backend: 'cpu',
      out: 'o',
      seed: 7,
      quick: true,
      json: true,
    });
  });

  it('rejects bad values with a one-line UsageError naming the choices', () => {
    expect(() => parse(['--backend', 'tpu'])).toThrow(
      /^--backend must be one of auto, tfjs-node-gpu, webgpu, tfjs-node, wasm, cpu, webgl, snn-wasm, snn-native; got "tpu"$/,
    );
    expect(() => parse(['--seed', '1.5'])).toThrow(UsageError);
    const error = (() => {
      try {
        parse(['--seed', '-1']);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect(error).toBeInstanceOf(SnnError);
    expect(new SnnError('x')).not.toBeInstanceOf(UsageError);
  });

  it('parses lists and numbers', () => {
    expect(parseIntegerList('--depths', '8, 16,32', { min: 1 })).toEqual([8, 16, 32]);
    expect(() => parseIntegerList('--depths', '8,0', { min: 1 })).toThrow(
      '--depths must be a comma-separated list of integers ≥ 1; got "8,0"',
    );
    expect(parseChoiceList('--archs', 'snn,batchnorm,snn', ['snn', 'batchnorm'])).toEqual([
      'snn',
      'batchnorm',
    ]);
    expect(() => parseChoiceList('--archs', 'snn,relu', ['snn', 'batchnorm'])).toThrow(
      '--archs must be a comma-separated list of snn, batchnorm; got "snn,relu"',
    );
    expect(parseNumber('--lr', '1e-5', { exclusiveMin: 0 })).toBe(1e-5);
    expect(() => parseNumber('--lr', '0', { exclusiveMin: 0 })).toThrow(
      '--lr must be a number > 0; got "0"',
    );
    expect(() => parseNumber('--lr', 'abc', { exclusiveMin: 0 })).toThrow(UsageError);
  });

  it('resolves the output folder', () => {
    const at = new Date(2025, 0, 2, 3, 4, 5);
    expect(resolveOutDir('figure1', undefined, at)).toBe(
      `${process.cwd()}/results/figure1-20250102-030405`,
    );
    expect(resolveOutDir('figure1', '/tmp/x')).toBe('/tmp/x');
  });
});
