import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where a result came from: the command, the code and the machine. */
export interface RunProvenance {
  /** The command line, users and passwords in URLs replaced by `***`. */
  command: string;
  /** Version of the code that ran (e.g. `@snn/experiments`'s). */
  version: string;
  /**
   * Git commit of the code when run from a checkout (`+dirty` with uncommitted changes outside the
   * run's own output folder), else null.
   */
  commit: string | null;
  node: string;
  machine: RunMachine;
}

/** The machine a process runs on, as results record it. */
export interface RunMachine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  platform: string;
}

/**
 * This machine: cores available to the process, CPU model, memory and platform — the one place
 * results take them from (`runProvenance`, each session of `sessions.json`).
 *
 * @example
 * runMachine(); // { cores: 2, cpu: 'AMD EPYC', memoryGiB: 24, platform: 'linux-x64' }
 */
export function runMachine(): RunMachine {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    platform: `${process.platform}-${process.arch}`,
  };
}

/**
 * Replaces the user and the password of every `scheme://user:password@host` in `text` by `***`
 * (an empty one stays empty), so command lines and messages can be logged and stored: a Redis
 * user name is half of a login, and often names the machine or person it belongs to.
 *
 * @example
 * redactUrls('--queue redis://me:s3cret@db:6379'); // '--queue redis://***:***@db:6379'
 * redactUrls('--queue redis://:s3cret@db:6379'); // '--queue redis://:***@db:6379'
 */
export function redactUrls(text: string): string {
  return text.replace(
    /(\b[a-z][\w+.-]*:\/\/)([^\s/@]*)@/gi,
    (_, scheme: string, userinfo: string) => {
      const hide = (part: string) => (part === '' ? '' : '***');
      const colon = userinfo.indexOf(':');
      return colon === -1
        ? `${scheme}${hide(userinfo)}@`
        : `${scheme}${hide(userinfo.slice(0, colon))}:${hide(userinfo.slice(colon + 1))}@`;
    },
  );
}

/**
 * The provenance of a run started by this process: `<program> <arguments>` (`program` replaces a
 * script path ending in `cli.js`, e.g. `snn`), the code version and commit, Node and the machine.
 *
 * @param code.version version of the code that trains, recorded as is.
 * @param code.program name shown for a `…/cli.js` script (default: the script path).
 * @param code.outDir the run's output folder: its files are results, not code, so changes there
 *   (a store being written inside the checkout) do not mark the commit `+dirty`.
 * @example
 * runProvenance({ version: '1.0.0', program: 'snn' }).command; // 'snn uci --datasets small'
 */
export function runProvenance(code: {
  version: string;
  program?: string;
  outDir?: string;
}): RunProvenance {
  const [, script = '', ...args] = process.argv;
  const program =
    code.program !== undefined && /(^|[\\/])cli\.[cm]?js$/.test(script) ? code.program : script;
  return {
    command: redactUrls([program, ...args].join(' ')),
    version: code.version,
    commit: gitCommit(code.outDir === undefined ? {} : { ignore: code.outDir }),
    node: process.version,
    machine: runMachine(),
  };
}

/**
 * The git commit of the checkout holding this code (`+dirty` with uncommitted changes to tracked
 * files), or null for an installed package or without git.
 *
 * @param options.ignore a folder whose changes do not count as dirty (a run's output folder that
 *   lies inside the checkout); ignored when it is outside the checkout.
 * @param options.cwd where to look for the checkout (default: the folder of this code).
 * @example
 * gitCommit(); // '0185d72…' in a checkout
 * gitCommit({ ignore: 'docs/results/uci-small' }); // no '+dirty' while only that run's files changed
 */
export function gitCommit(options: { ignore?: string; cwd?: string } = {}): string | null {
  try {
    // The checkout holding this code (not the working folder); absent in an installed package.
    const cwd = options.cwd ?? dirname(fileURLToPath(import.meta.url));
    const git = (args: string[]) =>
      execFileSync('git', args, {
        cwd,
        encoding: 'utf8',
        timeout: 5000,
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    const commit = git(['rev-parse', 'HEAD']);
    const pathspec = [':/'];
    if (options.ignore !== undefined) {
      const inside = relative(git(['rev-parse', '--show-toplevel']), realPath(options.ignore));
      if (inside !== '' && !inside.startsWith('..') && !isAbsolute(inside)) {
        pathspec.push(`:(top,exclude)${inside.split('\\').join('/')}`);
      }
    }
    const dirty = git(['status', '--porcelain', '--untracked-files=no', '--', ...pathspec]) !== '';
    return dirty ? `${commit}+dirty` : commit;
  } catch {
    return null;
  }
}

/** `path` resolved, through symbolic links where it exists. */
function realPath(path: string): string {
  try {
    return realpathSync(resolve(path));
  } catch {
    return resolve(path);
  }
}
