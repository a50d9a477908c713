import { type Command, Option } from 'commander';
import { resolveOutDir } from '../common/output-dir';
import { printSummary } from '../common/print-summary';
import { addSharedFlags, parseInteger, parseSharedFlags } from '../common/shared-flags';
import { runTheory } from '../node/run-theory';

/** Registers `snn theory`. */
export function registerTheoryCommand(program: Command): void {
  const command = program
    .command('theory')
    .summary("the paper's Figure 2: the SELU mean/variance map g, its fixed point and Theorem 1")
    .description(
      [
        "Draws the paper's Figure 2: the map g of SELU activation statistics (μ, ν) as a vector field for ω = 0, τ = 1, its fixed point (0, 1), the Jacobian and its spectral norm there, and the Theorem 1 check (g iterated from the 16 corners of Ω).",
        'Writes theory.json, theory.svg and theory.png. Pure arithmetic: --backend and --seed do not apply.',
      ].join('\n\n'),
    )
    .addOption(
      new Option('--grid <n>', 'arrows per axis of the vector field (default 15, --quick 9)'),
    );
  addSharedFlags(command);
  command.action(async (raw: Record<string, unknown>) => {
    const flags = parseSharedFlags(raw);
    const grid =
      raw.grid === undefined ? undefined : parseInteger('--grid', raw.grid, { min: 2, max: 200 });
    const out = resolveOutDir('theory', flags.out);
    const result = await runTheory({ grid, quick: flags.quick, out });
    const [[a, b], [c, d]] = result.jacobian;
    printSummary(
      flags.json,
      {
        out,
        files: ['theory.json', 'theory.svg', 'theory.png'],
        fixedPoint: { mean: result.fixedPoint.mean, variance: result.fixedPoint.variance },
        jacobian: result.jacobian,
        spectralNorm: result.spectralNorm,
        theorem1Holds: result.theorem1.holds,
      },
      [
        `fixed point of g (ω=0, τ=1): mean ${result.fixedPoint.mean.toFixed(6)}, variance ${result.fixedPoint.variance.toFixed(6)} (${result.fixedPoint.iterations} iterations)`,
        `Jacobian at (0, 1): [[${a.toFixed(6)}, ${b.toFixed(6)}], [${c.toFixed(6)}, ${d.toFixed(6)}]], spectral norm ${result.spectralNorm.toFixed(6)}${result.contraction ? ' < 1 (contraction)' : ''}`,
        `Theorem 1: ${result.theorem1.corners.filter((x) => x.withinBounds).length}/${result.theorem1.corners.length} corners of Ω converge inside the paper's bounds`,
        `wrote ${out}/theory.{json,svg,png}`,
      ],
    );
  });
}
