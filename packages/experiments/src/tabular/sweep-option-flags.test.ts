import { describe, expect, it } from 'vitest';
import { withSweepFlags } from './sweep-option-flags';

describe('withSweepFlags', () => {
  it("names the CLI's flags where @snn/sweep names its options, and leaves the rest", () => {
    expect(withSweepFlags('`url` and `file` were both given; pass one of them')).toBe(
      '--queue and --queue-file were both given; pass one of them',
    );
    expect(withSweepFlags('or wait longer with a larger `connectTimeoutMs`')).toBe(
      'or wait longer with a larger --connect-timeout <seconds>',
    );
    expect(withSweepFlags('`rate` must be in [0, 1); see `toString`')).toBe(
      '`rate` must be in [0, 1); see `toString`',
    );
  });
});
