import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderPlot, writePlot } from './plot';

const dir = mkdtempSync(join(tmpdir(), 'snn-plot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = {
  width: 200,
  height: 100,
  title: 'Loss',
  data: { values: [1, 2, 3].map((x) => ({ epoch: x, loss: 1 / x })) },
  mark: 'line',
  encoding: {
    x: { field: 'epoch', type: 'quantitative' },
    y: { field: 'loss', type: 'quantitative', scale: { type: 'log' } },
  },
} as const;

describe('renderPlot', () => {
  it('draws SVG with text and a PNG', async () => {
    const { svg, png } = await renderPlot(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Loss');
    expect(svg).toContain('DejaVu Sans');
    // PNG signature, and the rasterised size is twice the SVG's.
    expect([...png.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const view = new DataView(png.buffer, png.byteOffset);
    const svgWidth = Number(/width="(\d+)"/.exec(svg)?.[1]);
    expect(view.getUint32(16)).toBe(2 * svgWidth);
  });

  it('writes both files', async () => {
    const paths = await writePlot(dir, 'p', spec);
    expect(readFileSync(paths.svg, 'utf8')).toContain('<svg');
    expect(readFileSync(paths.png).length).toBeGreaterThan(1000);
  });
});
