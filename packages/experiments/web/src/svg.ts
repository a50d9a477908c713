// A few SVG helpers: the page's figures are plain SVG so they can be saved as PNG without a
// plotting library.

export const SVG_NS = 'http://www.w3.org/2000/svg';

type Attributes = Record<string, string | number>;

/** Creates an SVG element with attributes and appends it to `parent` when given. */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  parent?: Element,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG_NS, tag);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  parent?.appendChild(element);
  return element;
}

/** A text node positioned at (x, y). */
export function svgText(
  parent: Element,
  x: number,
  y: number,
  text: string,
  attributes: Attributes = {},
): SVGTextElement {
  const element = svgEl('text', { x, y, ...attributes }, parent);
  element.textContent = text;
  return element;
}

export interface Scale {
  (value: number): number;
  domain: [number, number];
}

/** Maps [d0, d1] linearly onto [r0, r1]. */
export function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const scale = ((value: number) => r0 + ((value - d0) / span) * (r1 - r0)) as Scale;
  scale.domain = domain;
  return scale;
}

/** Maps [d0, d1] (both > 0) onto [r0, r1] on a log10 axis. */
export function logScale(domain: [number, number], range: [number, number]): Scale {
  const inner = linearScale([Math.log10(domain[0]), Math.log10(domain[1])], range);
  const scale = ((value: number) => inner(Math.log10(value))) as Scale;
  scale.domain = domain;
  return scale;
}

/** About `count` round tick values covering [lo, hi] (steps of 1, 2 or 5 times a power of 10). */
export function linearTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Number(t.toPrecision(12)));
  }
  return ticks;
}

/**
 * Ticks for a log axis over [lo, hi]: the powers of ten inside it, plus 2× and 5× when it spans
 * less than two decades, so a narrow range still gets labels.
 */
export function logTicks(lo: number, hi: number): number[] {
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const multipliers = last - first <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = first; e <= last; e++) {
    for (const m of multipliers) {
      const t = m * 10 ** e;
      if (t >= lo * (1 - 1e-9) && t <= hi * (1 + 1e-9)) ticks.push(Number(t.toPrecision(12)));
    }
  }
  if (ticks.length < 2) return [lo, hi].map((t) => Number(t.toPrecision(2)));
  return ticks;
}

/** Short tick label: 0.001 → "0.001", 20000 → "2e+4". */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e4 || magnitude < 1e-3) return value.toExponential(0);
  return String(Number(value.toPrecision(3)));
}

/** Linear interpolation between two `#rrggbb` colours, t in [0, 1]. */
export function mixColor(from: string, to: string, t: number): string {
  const parse = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const a = parse(from);
  const b = parse(to);
  return `#${a
    .map((v, i) => Math.round(v + (b[i]! - v) * t))
    .map((v) => v.toString(16).padStart(2, '0'))
    .join('')}`;
}

/** Removes every child of `element`. */
export function clear(element: Element): void {
  while (element.firstChild) element.removeChild(element.firstChild);
}
