import { SnnError } from '../../../../../internal/snn-error';
import type { Architecture } from './architectures';
import type { BlockShape, GridAxes, GridSpec, NetworkShape } from './grid-spec';

/** One point of a grid: everything `buildFnn` and the optimizer need besides the data. */
export interface Configuration {
  arch: Architecture;
  depth: number;
  width: number;
  lr: number;
  dropout: number;
  shape: NetworkShape;
  l2: number;
  /** ResNet only. */
  blockShape?: BlockShape;
  /** ResNet only: bottleneck width as a fraction of `width`. */
  bottleneck?: number;
}

/**
 * A stable, readable name of a configuration, unique within a grid, used as the key of the result
 * store: `snn/depth=8/width=512/lr=0.1/dropout=0.05/shape=conic/l2=0`.
 *
 * @example
 * configurationId({arch: 'snn', depth: 2, width: 16, lr: 0.1, dropout: 0, shape: 'rectangular', l2: 0});
 * // 'snn/depth=2/width=16/lr=0.1/dropout=0/shape=rectangular/l2=0'
 * @see https://arxiv.org/abs/1706.02515
 */
export function configurationId(c: Configuration): string {
  const parts = [
    c.arch,
    `depth=${c.depth}`,
    `width=${c.width}`,
    `lr=${c.lr}`,
    `dropout=${c.dropout}`,
    `shape=${c.shape}`,
    `l2=${c.l2}`,
  ];
  if (c.blockShape !== undefined) parts.push(`blockShape=${c.blockShape}`);
  if (c.bottleneck !== undefined) parts.push(`bottleneck=${c.bottleneck}`);
  return parts.join('/');
}

/**
 * All configurations of `arch` in `grid`: the cartesian product of its axes, in axis order
 * (depth, width, lr, dropout, shape, l2, blockShape, bottleneck), duplicates removed.
 *
 * @example
 * expandGrid(builtinGrid('uci', 'paper'), 'snn').length; // 216 = 6·3·3·2·2
 * @see https://arxiv.org/abs/1706.02515
 */
export function expandGrid(grid: GridSpec, arch: Architecture): Configuration[] {
  const axes: GridAxes | undefined = grid.archs[arch];
  if (axes === undefined) {
    const have = Object.keys(grid.archs).join(', ') || 'none';
    throw new SnnError(
      `grid '${grid.name}': no axes for architecture '${arch}' (it has ${have}); add "${arch}" to its "archs" or drop it from --archs`,
    );
  }
  const isResnet = arch === 'resnet';
  const out: Configuration[] = [];
  const seen = new Set<string>();
  for (const depth of axes.depth)
    for (const width of axes.width)
      for (const lr of axes.lr)
        for (const dropout of axes.dropout ?? [0])
          for (const shape of axes.shape ?? ['rectangular'])
            for (const l2 of axes.l2 ?? [0])
              for (const blockShape of isResnet
                ? (axes.blockShape ?? ['rectangular'])
                : [undefined])
                for (const bottleneck of isResnet ? (axes.bottleneck ?? [0.5]) : [undefined]) {
                  const c: Configuration = { arch, depth, width, lr, dropout, shape, l2 };
                  if (blockShape !== undefined) c.blockShape = blockShape;
                  if (bottleneck !== undefined) c.bottleneck = bottleneck;
                  const id = configurationId(c);
                  if (!seen.has(id)) {
                    seen.add(id);
                    out.push(c);
                  }
                }
  return out;
}
