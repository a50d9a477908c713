/**
 * `--datasets small|large` on the real UCI-121 archive: the paper's groups (< 1000 and ≥ 1000
 * samples) hold 75 and 46 sets; our copy lacks five large ones (adult, connect-4, miniboone,
 * musk-2, statlog-shuttle: ../shared/data/README.md), so `large` selects 41. Needs
 * ../shared/data/uci121/data.tar.gz (skipped with a message otherwise).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadUciDatasets } from './select-uci-datasets';

const archive = fileURLToPath(
  new URL('../../../../../../shared/data/uci121/data.tar.gz', import.meta.url),
);
const haveData = existsSync(archive);
if (!haveData) {
  console.warn(
    `select-uci-datasets.test: skipped — ${archive} is absent (see ../shared/data/README.md)`,
  );
}

describe.skipIf(!haveData)('UCI dataset groups on the real archive', () => {
  it('small: the 75 sets under 1000 samples; large: the 41 others of our 116', async () => {
    const small = await loadUciDatasets('small', archive);
    const large = await loadUciDatasets('large', archive);
    const all = await loadUciDatasets('all', archive);
    expect(small.loaded.size).toBe(75);
    expect(large.loaded.size).toBe(41);
    expect(all.loaded.size).toBe(116);
    expect(small.skipped).toEqual([]);
    for (const name of small.loaded.keys()) expect(large.loaded.has(name)).toBe(false);
    // Counted as the paper does: a two-file set counts its test file too (monks-1: 124 + 432).
    expect(small.loaded.has('monks-1')).toBe(true);
    expect(small.loaded.has('iris')).toBe(true);
    expect(large.loaded.has('abalone')).toBe(true);
    const boundary = [...all.loaded.values()].find((d) => d.name === 'mammographic')!;
    expect(boundary.data.n).toBe(961);
  }, 60_000);

  it('names a bad group and lists what it accepts', async () => {
    await expect(loadUciDatasets('tiny' as 'small', archive)).rejects.toThrow(/--datasets.*tiny/);
  });
});
