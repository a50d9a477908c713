/**
 * The README's example runs as shown: `examples/sweep-tfjs-model.mjs` against the built package,
 * twice in a fresh folder, prints the output the README quotes — every trial on the first run,
 * nothing trained on the second — well within a minute.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { builtFile } from '../../../../test/built-package';

const packageDir = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

/** The lines of the README's output block of the example (after "run twice"). */
function readmeOutput(): string[] {
  const readme = readFileSync(join(packageDir, 'README.md'), 'utf8');
  const block =
    /`node examples\/sweep-tfjs-model\.mjs`, run twice[^\n]*\n\n```\n([\s\S]*?)```/.exec(readme);
  if (block === null) throw new Error('README.md: the output block of the example is missing');
  return block[1]!.trimEnd().split('\n');
}

describe('the README example (examples/sweep-tfjs-model.mjs)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-readme-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints what the README shows, and resumes on a second run', async () => {
    builtFile('sweep', 'index.js');
    const example = join(packageDir, 'examples', 'sweep-tfjs-model.mjs');
    const out = join(dir, 'two-moons');
    const first = await run(process.execPath, [example, out], { cwd: dir, encoding: 'utf8' });
    const second = await run(process.execPath, [example, out], { cwd: dir, encoding: 'utf8' });
    const printed = [...first.stdout.trimEnd().split('\n'), ...second.stdout.trimEnd().split('\n')];
    const shown = readmeOutput();
    expect(shown.at(-1)).toBe('…');
    // The README shows the first run and the start of the second.
    expect(printed.slice(0, shown.length - 1)).toEqual(shown.slice(0, -1));
    expect(second.stdout).toMatch(/^trained 0, resumed 8, complete true\n/);
    // The second run prints the same table as the first.
    expect(second.stdout.split('\n').slice(1)).toEqual(first.stdout.split('\n').slice(1));
  });
});
