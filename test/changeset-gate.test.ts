import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { FIX_COMMAND, checkChangesets, isReleasedSource } from '../scripts/changeset-gate.mjs';

const work = mkdtempSync(join(tmpdir(), 'snn-changesets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** A two-package repository whose second commit is a version commit (it writes the changelogs). */
function repository(name: string): string {
  const root = join(work, name);
  mkdirSync(root);
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.email', 'test@example.com');
  git(root, 'config', 'user.name', 'test');
  for (const pkg of ['alpha', 'beta']) {
    write(root, `packages/${pkg}/package.json`, JSON.stringify({ name: `@snn/${pkg}` }));
    write(root, `packages/${pkg}/src/index.ts`, 'export const x = 1;\n');
  }
  write(root, '.changeset/README.md', '# Changesets\n');
  git(root, 'add', '.');
  git(root, 'commit', '-qm', 'packages');
  for (const pkg of ['alpha', 'beta']) write(root, `packages/${pkg}/CHANGELOG.md`, '## 0.1.0\n');
  git(root, 'add', '.');
  git(root, 'commit', '-qm', 'version packages');
  return root;
}

describe('the changeset gate', () => {
  it('passes right after the version commit', () => {
    const root = repository('clean');
    expect(checkChangesets(root).ok).toBe(true);
  });

  it('fails for a source change without a changeset, naming the package and the fix', () => {
    const root = repository('missing');
    write(root, 'packages/beta/src/index.ts', 'export const x = 2;\n');
    git(root, 'commit', '-qam', 'beta: x = 2');
    const { ok, lines } = checkChangesets(root);
    expect(ok).toBe(false);
    expect(lines.join('\n')).toContain('@snn/beta changed since');
    expect(lines.join('\n')).toContain('packages/beta/src/index.ts');
    expect(lines.join('\n')).not.toContain('@snn/alpha');
    expect(lines.at(-1)).toContain(FIX_COMMAND);
  });

  it('counts uncommitted and new files too', () => {
    const root = repository('uncommitted');
    write(root, 'packages/alpha/src/new-thing.ts', 'export const y = 1;\n');
    const { ok, lines } = checkChangesets(root);
    expect(ok).toBe(false);
    expect(lines[0]).toContain('packages/alpha/src/new-thing.ts');
  });

  it('passes once a changeset names the package', () => {
    const root = repository('covered');
    write(root, 'packages/beta/src/index.ts', 'export const x = 2;\n');
    write(root, '.changeset/beta-x.md', "---\n'@snn/beta': patch\n---\n\nx is 2.\n");
    expect(checkChangesets(root).ok).toBe(true);
  });

  it('ignores tests and their fixtures', () => {
    const root = repository('tests');
    write(root, 'packages/alpha/src/index.test.ts', 'it.todo("x");\n');
    write(root, 'packages/alpha/src/fixtures/values.json', '[1]\n');
    expect(checkChangesets(root).ok).toBe(true);
    expect(isReleasedSource('packages/alpha/src/layers/a.ts')).toBe(true);
    expect(isReleasedSource('packages/alpha/README.md')).toBe(false);
  });

  it('skips with the command to run in a shallow clone that lacks the version commit', () => {
    const root = repository('deep');
    write(root, 'packages/alpha/src/index.ts', 'export const x = 3;\n');
    git(root, 'commit', '-qam', 'alpha: x = 3');
    const shallow = join(work, 'shallow');
    git(work, 'clone', '-q', '--depth', '1', `file://${root}`, shallow);
    const { ok, lines } = checkChangesets(shallow);
    expect(ok).toBe(true);
    expect(lines[0]).toMatch(/shallow clone.*git fetch --unshallow/);
  });
});
