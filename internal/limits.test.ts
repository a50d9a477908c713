import { afterEach, describe, expect, it } from 'vitest';
import { LIMITS, LimitError, checkLimit, limitOf } from './limits';
import { SnnError } from './snn-error';

const saved = { ...process.env };
afterEach(() => {
  for (const limit of Object.values(LIMITS)) {
    if (saved[limit.env] === undefined) delete process.env[limit.env];
    else process.env[limit.env] = saved[limit.env];
  }
});

describe('LIMITS', () => {
  it('sit above what the paper needs (its grids, its largest network and data sets)', () => {
    // Paper appendix: widths up to 2048, depths up to 32, 100 epochs; Tox21 has 801 features.
    expect(LIMITS.width.default).toBeGreaterThanOrEqual(2048 * 16);
    expect(LIMITS.depth.default).toBeGreaterThanOrEqual(32 * 16);
    expect(LIMITS.epochs.default).toBeGreaterThanOrEqual(100 * 100);
    // The Tox21 SNN of 32 layers of 2048 units on 801 inputs and 12 outputs.
    const largest = 801 * 2048 + 2048 + 31 * (2048 * 2048 + 2048) + 2048 * 12 + 12;
    expect(largest).toBe(131_753_996); // 1.3·10⁸, as the LIMITS doc says
    expect(LIMITS.parameters.default).toBeGreaterThan(3 * largest);
    expect(LIMITS.shardBytes.default).toBeGreaterThan(largest * 4);
    expect(LIMITS.columns.default).toBeGreaterThan(3072);
    expect(LIMITS.rows.default).toBeGreaterThan(130_000 * 10);
  });

  it('each has its own SNN_MAX_ environment variable', () => {
    const names = Object.values(LIMITS).map((l) => l.env);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^SNN_MAX_[A-Z_]+$/);
  });
});

describe('checkLimit', () => {
  it('passes sizes up to the limit', () => {
    expect(() => checkLimit('width', 65_536, 'x')).not.toThrow();
    expect(() => checkLimit('width', 1, 'x')).not.toThrow();
  });

  it('names the input, what was found, the limit and the variable that raises it', () => {
    let error: unknown;
    try {
      checkLimit('width', 30_000_000, "model.json layer 'dense'");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LimitError);
    expect(error).toBeInstanceOf(SnnError);
    expect((error as Error).message).toBe(
      "model.json layer 'dense': 30,000,000 units in one layer, more than the limit of 65,536; if this is intended, raise the limit: SNN_MAX_WIDTH=30000000 (environment variable, default 65,536)",
    );
    const e = error as LimitError;
    expect([e.limit, e.max, e.found, e.env]).toEqual([
      'width',
      65_536,
      30_000_000,
      'SNN_MAX_WIDTH',
    ]);
  });

  it('refuses sizes that are not finite numbers, with no variable that would allow them', () => {
    for (const found of [Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => checkLimit('epochs', found, 'grid g.json `epochs`')).toThrow(
        /grid g\.json `epochs`: (NaN|Infinity) epochs per configuration, more than the limit of 100,000; a size that is not a finite number cannot be allowed/,
      );
    }
  });

  it('the environment variable raises (or lowers) a limit deliberately', () => {
    process.env.SNN_MAX_WIDTH = '100_000';
    expect(limitOf('width')).toBe(100_000);
    expect(() => checkLimit('width', 99_999, 'x')).not.toThrow();
    process.env.SNN_MAX_EPOCHS = '1e3';
    expect(() => checkLimit('epochs', 1001, 'grid g.json')).toThrow(
      /1,001 epochs per configuration, more than the limit of 1,000; .*SNN_MAX_EPOCHS=1001 \(environment variable, default 100,000\)/,
    );
  });

  it('a bad environment value is an error naming the variable, not a silent default', () => {
    for (const bad of ['lots', '-5', '0', '1.5']) {
      process.env.SNN_MAX_ROWS = bad;
      expect(() => limitOf('rows')).toThrow(
        `SNN_MAX_ROWS must be a positive integer (the most rows in one data set), got "${bad}"; set it to e.g. 20000000 or unset it for the default 10,000,000`,
      );
    }
    process.env.SNN_MAX_ROWS = '';
    expect(limitOf('rows')).toBe(10_000_000);
  });

  it('reads an injected environment (a browser has no process.env)', () => {
    expect(limitOf('depth', {})).toBe(1_024);
    expect(limitOf('depth', { SNN_MAX_DEPTH: '7' })).toBe(7);
  });
});
