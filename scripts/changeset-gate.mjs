// The changeset gate: every package whose source changed since the last release carries a
// changeset. "Since the last release" means since the newest commit that touched a package's
// CHANGELOG.md — `changeset version` writes the changelogs and consumes the changesets, so that
// commit is the last version commit. Tests (`*.test.ts`) and their fixtures are not releases.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The command that adds a changeset, printed with every failure. */
export const FIX_COMMAND = 'pnpm changeset';

const git = (cwd, args) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

/** Whether `path` (relative to the root) is shipped source, not a test or test data. */
export function isReleasedSource(path) {
  return (
    /^packages\/[^/]+\/src\//.test(path) &&
    !/\.test\.ts$/.test(path) &&
    !/\/(fixtures|__fixtures__)\//.test(path)
  );
}

/** The packages named in the pending changesets of `.changeset/` (frontmatter keys). */
export function pendingChangesetPackages(root) {
  const dir = join(root, '.changeset');
  const named = new Set();
  if (!existsSync(dir)) return named;
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.md') || file === 'README.md') continue;
    const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(dir, file), 'utf8'));
    for (const line of frontmatter?.[1].split(/\r?\n/) ?? []) {
      const name = /^\s*["']?(@[^"':\s]+)["']?\s*:/.exec(line)?.[1];
      if (name) named.add(name);
    }
  }
  return named;
}

/** Maps a package folder under packages/ to its npm name. */
function packageNames(root) {
  const names = new Map();
  for (const dir of readdirSync(join(root, 'packages'))) {
    const manifest = join(root, 'packages', dir, 'package.json');
    if (existsSync(manifest)) names.set(dir, JSON.parse(readFileSync(manifest, 'utf8')).name);
  }
  return names;
}

/**
 * Checks the working tree at `root`. Returns `{ ok, lines }`: `lines` explain the outcome, and on
 * failure name each package and the command that fixes it.
 */
export function checkChangesets(root) {
  let base;
  try {
    git(root, ['rev-parse', '--git-dir']);
  } catch {
    return { ok: true, lines: ['changesets: not a git checkout, nothing to compare; skipped'] };
  }
  try {
    base = git(root, ['log', '-1', '--format=%H', '--', 'packages/*/CHANGELOG.md']);
  } catch {
    base = '';
  }
  const shallow = git(root, ['rev-parse', '--is-shallow-repository']) === 'true';
  const boundary = shallow
    ? new Set(
        readFileSync(
          resolve(root, git(root, ['rev-parse', '--git-path', 'shallow'])),
          'utf8',
        ).split('\n'),
      )
    : new Set();
  if (base === '' || boundary.has(base)) {
    // In a shallow clone the newest commit we see may only look like it added the changelogs.
    const why = shallow
      ? 'this is a shallow clone and the last version commit is not in it'
      : 'no commit has touched a CHANGELOG.md yet';
    return {
      ok: true,
      lines: [
        `changesets: ${why}; skipped (run \`git fetch --unshallow\` to check against the full history)`,
      ],
    };
  }
  const changed = new Set(
    [
      ...git(root, ['diff', '--name-only', base]).split('\n'),
      ...git(root, ['ls-files', '--others', '--exclude-standard']).split('\n'),
    ].filter(isReleasedSource),
  );
  const names = packageNames(root);
  const pending = pendingChangesetPackages(root);
  const missing = new Map();
  for (const path of changed) {
    const name = names.get(path.split('/')[1]);
    if (name === undefined || pending.has(name)) continue;
    missing.set(name, [...(missing.get(name) ?? []), path]);
  }
  const since = `since ${base.slice(0, 10)} (the last version commit)`;
  if (missing.size === 0) {
    return {
      ok: true,
      lines: [`changesets: every package changed ${since} has a changeset`],
    };
  }
  const lines = [...missing].map(
    ([name, paths]) =>
      `changesets: ${name} changed ${since} (${paths.slice(0, 3).join(', ')}${paths.length > 3 ? `, … ${paths.length} files` : ''}) but no changeset in .changeset/ names it`,
  );
  lines.push(
    `changesets: run \`${FIX_COMMAND}\`, pick ${[...missing.keys()].join(', ')} and describe the change for the changelog`,
  );
  return { ok: false, lines };
}
