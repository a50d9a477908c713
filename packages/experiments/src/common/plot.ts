import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { writeFileAtomic } from '../../../../internal/atomic-write';

/** A Vega-Lite specification (https://vega.github.io/vega-lite/docs/spec.html). */
export type VegaLiteSpec = TopLevelSpec;

/** The font every plot uses; Debian's `fonts-dejavu-core` provides it, resvg falls back otherwise. */
const FONT = 'DejaVu Sans';

/**
 * Draws a Vega-Lite spec headless: Vega-Lite compiles it to Vega, a Vega `View` renders SVG
 * (no browser, no canvas), and resvg rasterises that SVG to PNG at twice the nominal size.
 * Plots get a white background and the DejaVu Sans font unless the spec sets its own.
 *
 * @example
 * const { svg, png } = await renderPlot({
 *   data: { values: [{ x: 1, y: 2 }, { x: 2, y: 1 }] },
 *   mark: 'line',
 *   encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
 * });
 */
export async function renderPlot(spec: VegaLiteSpec): Promise<{ svg: string; png: Uint8Array }> {
  const withDefaults = {
    background: 'white',
    ...spec,
    config: { font: FONT, ...(spec as { config?: object }).config },
  } as VegaLiteSpec;
  const compiled = vegaLite.compile(withDefaults).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const resvg = new Resvg(svg, {
      background: 'white',
      fitTo: { mode: 'zoom', value: 2 },
      font: { loadSystemFonts: true, defaultFontFamily: FONT, sansSerifFamily: FONT },
    });
    const png = new Uint8Array(resvg.render().asPng());
    return { svg, png };
  } finally {
    view.finalize();
  }
}

/**
 * Renders `spec` and writes `<dir>/<basename>.svg` and `<dir>/<basename>.png` atomically.
 * Returns the two paths.
 */
export async function writePlot(
  dir: string,
  basename: string,
  spec: VegaLiteSpec,
): Promise<{ svg: string; png: string }> {
  const { svg, png } = await renderPlot(spec);
  const paths = { svg: join(dir, `${basename}.svg`), png: join(dir, `${basename}.png`) };
  await writeFileAtomic(paths.svg, svg);
  await writeFileAtomic(paths.png, png);
  return paths;
}
