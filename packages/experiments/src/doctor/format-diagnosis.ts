import type { Diagnosis, LayerDiagnosis } from '@snn/snn-layers';

const fixed = (v: number | undefined, digits = 3) => (v === undefined ? '-' : v.toFixed(digits));

function row(layer: LayerDiagnosis): string[] {
  const a = layer.activations;
  return [
    layer.name,
    layer.className,
    layer.activation ?? '-',
    layer.initializer ?? '-',
    fixed(layer.weights?.omega),
    fixed(layer.weights?.tau),
    layer.dropout ?? '-',
    fixed(a?.mean),
    fixed(a?.variance),
    a === null ? '' : a.inDomain ? 'in' : 'OUT',
  ];
}

/** Columns padded to their widest cell. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * `snn doctor`'s report as text: the inputs, one table row per layer (activation, initializer,
 * ω and τ of the kernel, dropout, activation mean and variance, in/out of Theorem 1's domain),
 * then the findings with their fixes.
 *
 * @param diagnosis From `diagnoseModel`.
 * @param header Lines printed first (the model file, where the weights came from).
 * @example
 * process.stdout.write(formatDiagnosis(await diagnoseModel(model), ['model: model.json']));
 * @see https://arxiv.org/abs/1706.02515
 */
export function formatDiagnosis(diagnosis: Diagnosis, header: readonly string[]): string {
  const { inputs, findings } = diagnosis;
  const lines = [
    ...header,
    `inputs: ${inputs.source === 'synthetic' ? 'synthetic N(0, 1), ' : ''}${inputs.samples} rows × ${inputs.features} features, mean ${fixed(inputs.mean)}, variance ${fixed(inputs.variance)}`,
    '',
    ...table([
      ['layer', 'class', 'activation', 'initializer', 'ω', 'τ', 'dropout', 'mean', 'variance', 'Ω'],
      ...diagnosis.layers.map(row),
    ]),
    '',
  ];
  const count = (level: string) => findings.filter((f) => f.level === level).length;
  if (findings.length === 0) {
    lines.push('no findings: the model self-normalizes (Theorem 1 holds at every hidden layer)');
  } else {
    lines.push(
      `findings: ${count('error')} error(s), ${count('warning')} warning(s), ${count('info')} note(s)`,
    );
    for (const f of findings) {
      lines.push(
        `${f.level.toUpperCase().padEnd(7)} ${f.code} ${f.layer === null ? '(inputs/model)' : `at ${f.layer}`}: ${f.message}`,
      );
      lines.push(`        fix: ${f.fix}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
