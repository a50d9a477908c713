/**
 * Every command's `--help` reads as prose: no words glued where two string literals were joined
 * without a space ("smoothedover", "accuracy.Writes", "2014),selects").
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from './program';
import { SNN_COMMANDS } from './snn-commands';

const packagesDir = fileURLToPath(new URL('../../../', import.meta.url));

function everyCommand(command: Command): Command[] {
  return [command, ...command.commands.flatMap(everyCommand)];
}

/** Words as a reader sees them: camelCase split, lower-cased; digits and punctuation separate. */
function words(text: string): string[] {
  return (text.match(/\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})/gu) ?? []).map((w) => w.toLowerCase());
}

function sourceFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Every word written whole somewhere in the packages' sources or in commander (its own help
 * lines). A word produced by gluing two literals appears in neither: in the source its halves sit
 * in different strings.
 */
function vocabulary(): Set<string> {
  const commanderLib = join(dirname(createRequire(import.meta.url).resolve('commander')), 'lib');
  const files = [
    ...readdirSync(packagesDir).flatMap((name) =>
      sourceFiles(join(packagesDir, name, 'src'), /^(?!.*\.test\.ts$).*\.ts$/),
    ),
    ...sourceFiles(commanderLib, /\.js$/),
  ];
  return new Set(files.flatMap((file) => words(readFileSync(file, 'utf8'))));
}

/** The help of `snn` and of every subcommand, without line wrapping. */
function helpTexts(): Array<[string, string]> {
  const program = createProgram(SNN_COMMANDS);
  return everyCommand(program).map((command) => {
    command.configureOutput({ getOutHelpWidth: () => 10_000 });
    const name = command === program ? 'snn' : `snn ${command.name()}`;
    return [name, command.helpInformation()];
  });
}

/** Punctuation directly followed by a word: a sentence or clause glued to the next one. */
function punctuationJoins(help: string): string[] {
  // Quoted defaults such as "snn,msra,batchnorm" are values, not prose.
  const prose = help.replace(/"[^"\n]*"/g, '""');
  const joins = [
    /\p{Ll}{2,}\.\p{Lu}\S*/gu, // "accuracy.Writes"
    /\S*[,;]\p{L}\S*/gu, // "configuration,so"
    /\S*\)\p{L}\S*/gu, // "2014)selects"
  ];
  return joins.flatMap((join) => prose.match(join) ?? []);
}

describe('snn --help texts', () => {
  const helps = helpTexts();
  const known = vocabulary();

  it('cover snn and every subcommand', () => {
    const names = helps.map(([name]) => name);
    for (const command of ['snn', 'snn figure1', 'snn theory', 'snn normalization', 'snn uci']) {
      expect(names).toContain(command);
    }
    expect(names).toEqual(expect.arrayContaining(['snn htru2', 'snn tox21', 'snn merge']));
  });

  it('have a space after every comma, semicolon, closing parenthesis and full stop', () => {
    const glued = helps.flatMap(([name, help]) =>
      punctuationJoins(help).map((j) => `${name}: ${j}`),
    );
    expect(glued).toEqual([]);
  });

  it('contain only words that are written whole in the sources', () => {
    const glued = helps.flatMap(([name, help]) =>
      words(help)
        .filter((word) => !known.has(word))
        .map((word) => `${name}: ${word}`),
    );
    expect(glued).toEqual([]);
  });
});
