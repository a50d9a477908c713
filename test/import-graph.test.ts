/**
 * The house's import rules, read from the source of `packages/<name>/src` and `internal/`:
 *
 * - A package reaches another package only through its name (`@snn/selu`), never by a relative
 *   path into the other package's folder.
 * - `internal/` is the one deliberate shared home: every package may import its files by a
 *   relative path and bundles them (`SnnError`, the size limits, the seeded RNG, Theorem 1's
 *   domain…). It stands below every package, so it imports no package and nothing outside itself.
 * - The root `test/` folder (backends to test on, built packages, a Redis server) serves test
 *   files only.
 * - An `@snn/*` import names a package the importer's package.json declares, and a relative
 *   import names a file that exists.
 * - No circle: not between packages (`@snn/*` imports), not between the files of one package,
 *   not inside `internal/`. Type-only imports count.
 *
 * Every folder of `packages/` is read, so a new package is held to the same rules.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type SourceImport, circles, importsOf, sourceFiles } from './import-graph';

const root = fileURLToPath(new URL('../', import.meta.url));

/** Workspace folders with a `package.json`, by folder name, with the name they publish under. */
const packages = readdirSync(join(root, 'packages'))
  .filter((dir) => existsSync(join(root, 'packages', dir, 'package.json')))
  .sort()
  .map((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'));
    const declared = new Set(
      ['dependencies', 'peerDependencies', 'optionalDependencies', 'devDependencies'].flatMap(
        (field) => Object.keys(manifest[field] ?? {}),
      ),
    );
    const files = sourceFiles(root, `packages/${dir}/src`);
    return { dir, name: manifest.name as string, declared, files };
  });
const internalFiles = sourceFiles(root, 'internal');
const imports = new Map<string, SourceImport[]>(
  [...packages.flatMap((p) => p.files), ...internalFiles].map((f) => [f, importsOf(root, f)]),
);

const isTest = (file: string): boolean => /\.test\.tsx?$/.test(file);

/** Why a relative import leaves where it may go, or `undefined` when it stays. */
function strayRelative(own: string, i: SourceImport): string | undefined {
  if (i.target === undefined) return `${i.from}: '${i.specifier}' names no file`;
  if (i.target.startsWith(own)) return undefined;
  if (i.target.startsWith('internal/')) return undefined;
  if (i.target.startsWith('test/') && isTest(i.from)) return undefined;
  const into = /^packages\/([^/]+)\//.exec(i.target)?.[1];
  const fix = into
    ? `; import it from the package (@snn/${into}) or give it a home in internal/`
    : '';
  return `${i.from}: '${i.specifier}' reaches ${i.target} outside ${own}${fix}`;
}

/** Edges between the given files: their relative imports that land on one of them. */
function fileGraph(files: readonly string[]): Map<string, string[]> {
  const inside = new Set(files);
  return new Map(
    files.map((f) => [
      f,
      (imports.get(f) ?? []).flatMap((i) =>
        i.target !== undefined && inside.has(i.target) ? [i.target] : [],
      ),
    ]),
  );
}

const showCircle = (circle: readonly string[]): string => circle.join(' → ');

describe('import graph', () => {
  it('reads every package and internal/', () => {
    expect(packages.find((p) => p.name === '@snn/selu')?.files).toContain(
      'packages/selu/src/index.ts',
    );
    expect(internalFiles).toContain('internal/snn-error.ts');
    expect(imports.get('packages/selu/src/index.ts')).toContainEqual({
      from: 'packages/selu/src/index.ts',
      specifier: '../../../internal/theorem1-domain',
      target: 'internal/theorem1-domain.ts',
    });
  });

  it.each(packages.map((p) => p.dir))(
    'packages/%s reaches other packages only by their names',
    (dir) => {
      const own = `packages/${dir}/`;
      const stray = packages
        .find((p) => p.dir === dir)!
        .files.flatMap((f) => imports.get(f)!)
        .filter((i) => i.specifier.startsWith('.'))
        .flatMap((i) => strayRelative(own, i) ?? []);
      expect(stray).toEqual([]);
    },
  );

  it('internal/ imports nothing but internal/ (and test/ from its tests)', () => {
    const stray = internalFiles
      .flatMap((f) => imports.get(f)!)
      .flatMap((i) =>
        i.snnPackage !== undefined
          ? [`${i.from}: '${i.specifier}' — internal/ stands below every package`]
          : i.specifier.startsWith('.')
            ? (strayRelative('internal/', i) ?? [])
            : [],
      );
    expect(stray).toEqual([]);
  });

  it.each(packages.map((p) => p.dir))(
    'packages/%s imports only @snn/* packages its package.json declares',
    (dir) => {
      const own = packages.find((p) => p.dir === dir)!;
      const known = new Set(packages.map((p) => p.dir));
      const undeclared = own.files
        .flatMap((f) => imports.get(f)!)
        .filter((i) => i.snnPackage !== undefined)
        .flatMap((i) =>
          !known.has(i.snnPackage!)
            ? [`${i.from}: '${i.specifier}' names no workspace package`]
            : !own.declared.has(`@snn/${i.snnPackage}`)
              ? [`${i.from}: '${i.specifier}' is not in ${own.name}'s package.json`]
              : [],
        );
      expect(undeclared).toEqual([]);
    },
  );

  it('the packages import each other without a circle', () => {
    const graph = new Map(
      packages.map((p) => [
        p.name,
        [
          ...new Set(p.files.flatMap((f) => imports.get(f)!).flatMap((i) => i.snnPackage ?? [])),
        ].map((dir) => `@snn/${dir}`),
      ]),
    );
    expect(circles(graph).map(showCircle)).toEqual([]);
  });

  it.each([...packages.map((p) => `packages/${p.dir}`), 'internal'])(
    'no circle between the files of %s',
    (folder) => {
      const files = folder === 'internal' ? internalFiles : imports.keys();
      const own = [...files].filter((f) => f.startsWith(`${folder}/`));
      expect(circles(fileGraph(own)).map(showCircle)).toEqual([]);
    },
  );
});

describe('circles', () => {
  it('finds a two-file circle and a file that imports itself, and passes a tree', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['a', 'c']],
      ['c', []],
      ['d', ['d']],
      ['e', ['a', 'c']],
    ]);
    expect(circles(graph)).toEqual([
      ['a', 'b', 'a'],
      ['d', 'd'],
    ]);
    expect(
      circles(
        new Map([
          ['x', ['y']],
          ['y', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('gives one closed path through a longer circle', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'b']],
    ]);
    expect(circles(graph)).toEqual([['a', 'b', 'c', 'a']]);
  });
});
