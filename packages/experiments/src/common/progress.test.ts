import { describe, expect, it } from 'vitest';
import { createProgress, formatDuration } from './progress';

function fakeStream(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 200, write: (s: string) => chunks.push(s) } };
}

describe('createProgress', () => {
  it('prints rate-limited plain lines with an ETA when not a TTY', () => {
    let t = 0;
    const { chunks, stream } = fakeStream(false);
    const p = createProgress({ total: 4, label: 'job', stream, intervalMs: 1000, now: () => t });
    t = 2000;
    p.tick(1, 'loss 1.5');
    t = 2500;
    p.tick(); // within the interval: not drawn
    t = 4000;
    p.tick();
    p.done();
    p.done();
    // done() adds no line repeating the last one.
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toBe('job: 1/4  25% (2s elapsed, ETA 6s) loss 1.5\n');
    expect(chunks[1]).toContain('3/4  75%');
  });

  it('redraws one line with a bar on a TTY and ends it on done()', () => {
    let t = 0;
    const { chunks, stream } = fakeStream(true);
    const p = createProgress({ total: 2, label: 'bar', stream, now: () => t, initial: 1 });
    t = 1000;
    p.tick(1, 'x');
    p.done();
    expect(chunks[0].startsWith('\rbar █')).toBe(true);
    expect(chunks[0]).toContain('2/2 100%');
    expect(chunks[0]).toContain('done');
    expect(chunks.at(-1)).toBe('\n');
  });

  it('can hide the counts when the units are weights', () => {
    const { chunks, stream } = fakeStream(false);
    const p = createProgress({ total: 8, label: 'w', stream, counts: false, now: () => 0 });
    p.tick(2, '1/4 epochs');
    expect(chunks[0]).toBe('w:  25% (0s elapsed, ETA 0s) 1/4 epochs\n');
  });

  it('formats durations', () => {
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(75)).toBe('1m15s');
    expect(formatDuration(3960)).toBe('1h06m');
    expect(formatDuration(Number.NaN)).toBe('?');
  });
});
