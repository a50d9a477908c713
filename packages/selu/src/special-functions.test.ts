// Reference values: mpmath at 50 digits (src/fixtures/special-functions.json), regenerate with
//   /usr/bin/python3 packages/selu/scripts/make-fixtures.py
import { describe, expect, it } from 'vitest';
import fixtures from './fixtures/special-functions.json';
import { erf, erfc, erfcx } from './special-functions';

function relativeError(got: number, want: number): number {
  if (want === 0) return Math.abs(got);
  return Math.abs(got - want) / Math.abs(want);
}

describe('erf, erfc, erfcx (Cody)', () => {
  it('match 50-digit references to 1e-15 relative over the whole real line', () => {
    let worst = { erf: 0, erfc: 0, erfcx: 0 };
    for (const p of fixtures.points) {
      worst = {
        erf: Math.max(worst.erf, relativeError(erf(p.x), p.erf)),
        // erfc underflows to 0 beyond 26.5; compare against the double the reference rounds to
        erfc: Math.max(
          worst.erfc,
          p.erfc < 1e-300 ? Math.abs(erfc(p.x) - p.erfc) : relativeError(erfc(p.x), p.erfc),
        ),
        erfcx:
          p.erfcx === null
            ? Math.max(worst.erfcx, erfcx(p.x) === Number.POSITIVE_INFINITY ? 0 : 1)
            : Math.max(worst.erfcx, relativeError(erfcx(p.x), p.erfcx)),
      };
    }
    expect(worst.erf).toBeLessThan(1e-15);
    expect(worst.erfc).toBeLessThan(1e-15);
    expect(worst.erfcx).toBeLessThan(1e-15);
  });

  it('are odd/reflective and propagate NaN', () => {
    expect(erf(-0.3)).toBe(-erf(0.3));
    expect(erfc(-2) + erfc(2)).toBeCloseTo(2, 15);
    expect(Number.isNaN(erf(Number.NaN))).toBe(true);
    expect(Number.isNaN(erfcx(Number.NaN))).toBe(true);
    expect(relativeError(erfcx(1e300), 1 / (1e300 * Math.sqrt(Math.PI)))).toBeLessThan(1e-15);
    expect(erfcx(1e308)).toBe(0);
  });
});
