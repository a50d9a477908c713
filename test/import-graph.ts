import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ts from 'typescript';

/** One import of a source file: what it names and, for a relative one, the file it reaches. */
export interface SourceImport {
  /** The importing file, relative to the repository root with `/` separators. */
  from: string;
  /** The module specifier as written: `./snn-block`, `@snn/selu`, `../../../internal/rng`. */
  specifier: string;
  /** The file a relative specifier resolves to (root-relative), `undefined` when none exists. */
  target?: string;
  /** The workspace folder an `@snn/<name>` specifier names (`selu` for `@snn/selu/sub`). */
  snnPackage?: string;
}

const SOURCE = /\.(ts|tsx|mts|cts)$/;
const CANDIDATES = ['', '.ts', '.tsx', '.mts', '.cts', '/index.ts', '.json', '.js', '.mjs', '.cjs'];

/** `a/b/c` for any platform's path. */
const slash = (path: string): string => path.split(sep).join('/');

/** Every `.ts` source below `dir` (test files included), root-relative. */
export function sourceFiles(root: string, dir: string): string[] {
  if (!existsSync(join(root, dir))) return [];
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => slash(relative(root, join(entry.parentPath, entry.name))))
    .filter((path) => !path.split('/').includes('node_modules'))
    .sort();
}

/**
 * The file a relative specifier names, as the bundler resolves it: the path itself, with a source
 * extension, as a folder's `index.ts`, or a `.js` specifier standing for its `.ts` source.
 */
function resolveRelative(root: string, from: string, specifier: string): string | undefined {
  const base = join(root, dirname(from), specifier);
  const stems = [base, base.replace(/\.(m|c)?js$/, '')];
  for (const stem of stems) {
    for (const ending of CANDIDATES) {
      const path = stem + ending;
      if (existsSync(path) && statSync(path).isFile()) return slash(relative(root, path));
    }
  }
  return undefined;
}

/**
 * The static imports of one file: `import`, `import type`, `export … from`, `import x = require`
 * and `import('…')` with a literal — read by TypeScript's scanner, so imports in comments and
 * strings do not count. Type-only imports count: a circle of types is still a circle a reader
 * has to untangle.
 *
 * @example
 * importsOf(root, 'packages/init/src/index.ts').map((i) => i.specifier); // ['./lecun-normal', …]
 */
export function importsOf(root: string, file: string): SourceImport[] {
  const text = readFileSync(join(root, file), 'utf8');
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: specifier }) => {
    if (specifier.startsWith('.')) {
      return { from: file, specifier, target: resolveRelative(root, file, specifier) };
    }
    const snn = /^@snn\/([^/]+)/.exec(specifier);
    return snn ? { from: file, specifier, snnPackage: snn[1] } : { from: file, specifier };
  });
}

/**
 * The circles of a directed graph: its strongly connected components with more than one node, or
 * one node that imports itself (Tarjan's algorithm), each given as one closed path through the
 * component, e.g. `['a.ts', 'b.ts', 'a.ts']`.
 *
 * @example
 * circles(new Map([['a', ['b']], ['b', ['a']], ['c', ['a']]])); // [['a', 'b', 'a']]
 */
export function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) components.push(component);
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components.map((component) => closedPath(graph, new Set(component)));
}

/** A shortest closed path through the first (sorted) node of a strongly connected component. */
function closedPath(graph: ReadonlyMap<string, readonly string[]>, members: Set<string>): string[] {
  const start = [...members].sort()[0]!;
  const parent = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node) ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const path = [start];
        for (let at = node; at !== start; at = parent.get(at)!) path.splice(1, 0, at);
        return [...path, start];
      }
      if (!parent.has(next)) {
        parent.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start, start];
}
