import { join } from 'node:path';
import { type FailedRecord, type RunProvenance, type RunTiming, runProvenance } from '@snn/sweep';
import { writeFileAtomic, writeJsonAtomic } from '../../../../../internal/atomic-write';
import packageJson from '../../../package.json';
import { explainDiskError } from '../../common/explain-disk-error';
import { writePlot } from '../../common/plot';
import type { RunGridSummary } from './run-grid';
import type { RunInfo } from './run-info';

/** What a benchmark's finish step needs of a grid run (or of merged stores). */
export type GridRunSummary = Pick<
  RunGridSummary,
  'records' | 'complete' | 'trained' | 'resumed' | 'storePath'
> & { timing?: RunTiming; failed?: FailedRecord[] };

/** How a result file was made: command, code, machine and time (`provenance` in the JSON). */
export interface ResultProvenance extends RunProvenance {
  /** Wall time over the run's invocations; null for merged stores (each part timed its own). */
  wallSeconds: number | null;
  /** Training time summed over the configurations (each one worker on one core). */
  workerSeconds: number;
}

/**
 * The files every tabular benchmark writes once its grid is complete — `<benchmark>.json`,
 * `<benchmark>.md` and the plot `<plotName>.svg`/`.png`, each atomically — and the run's
 * {@link RunInfo}. An incomplete grid (a shard before `snn merge`) writes nothing, unless
 * `interim` asks for the report of what is stored so far (`snn merge --partial`): then the
 * Markdown opens with how many of the planned configurations it covers.
 */
export async function writeRunOutputs<R>(options: {
  benchmark: string;
  plotName: string;
  result: R;
  summary: GridRunSummary;
  outDir: string;
  log: (line: string) => void;
  markdown: (result: R) => string;
  plot: (result: R) => Parameters<typeof writePlot>[2];
  /** Write the report although configurations are missing: `planned` of them in the grid. */
  interim?: { planned: number };
}): Promise<R & { run: RunInfo }> {
  const { benchmark, result, summary, outDir } = options;
  const files: string[] = [];
  if (summary.complete || options.interim !== undefined) {
    const interim =
      summary.complete || options.interim === undefined
        ? ''
        : `> **Interim report**: ${summary.records.length} of ${options.interim.planned} configurations stored. Data sets or folds without all their configurations are left out of the tables (listed below); the run is still going or was stopped — rerun its command to finish it.\n\n`;
    const jsonPath = join(outDir, `${benchmark}.json`);
    const markdownPath = join(outDir, `${benchmark}.md`);
    const provenance: ResultProvenance = {
      ...runProvenance({ version: packageJson.version, program: 'snn', outDir }),
      wallSeconds: summary.timing?.wallSeconds ?? null,
      workerSeconds: summary.records.reduce((sum, r) => sum + r.seconds, 0),
    };
    const failed = summary.failed ?? [];
    // A full disk names the file and the configurations the store keeps: rerunning rewrites these.
    const guarded = (path: string, write: () => Promise<void>) =>
      explainDiskError(path, summary.records.length, summary.storePath, write);
    await guarded(jsonPath, () => writeJsonAtomic(jsonPath, { ...result, failed, provenance }));
    await guarded(markdownPath, () =>
      writeFileAtomic(
        markdownPath,
        `${interim}${options.markdown(result)}\n${failedMarkdown(failed)}${provenanceMarkdown(provenance)}`,
      ),
    );
    if (failed.length > 0) {
      options.log(
        `${benchmark}: ${failed.length} configuration(s) failed and are left out of the tables (listed in ${markdownPath}); rerun the same command to try them again`,
      );
    }
    const plotPaths = join(outDir, `${options.plotName}.svg/.png`);
    const plot = await explainDiskError(plotPaths, summary.records.length, summary.storePath, () =>
      writePlot(outDir, options.plotName, options.plot(result)),
    );
    files.push(jsonPath, markdownPath, plot.svg, plot.png);
    options.log(`${benchmark}: wrote ${files.join(', ')}`);
  }
  return {
    ...result,
    run: {
      outDir,
      storePath: summary.storePath,
      complete: summary.complete,
      trained: summary.trained,
      resumed: summary.resumed,
      files,
    },
  };
}

/**
 * The section listing configurations that failed (queue runs: after their last attempt), with
 * their errors; empty when none failed.
 */
export function failedMarkdown(failed: readonly FailedRecord[]): string {
  if (failed.length === 0) return '';
  const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  return [
    '## Failed configurations',
    '',
    'Left out of the tables above; rerunning the same command tries them again.',
    '',
    '| configuration | attempts | error |',
    '| --- | --- | --- |',
    ...failed.map((f) => `| ${cell(f.key)} | ${f.attempts} | ${cell(f.error)} |`),
    '',
    '',
  ].join('\n');
}

/** The closing section of a result's Markdown: how it was made. */
export function provenanceMarkdown(p: ResultProvenance): string {
  const hours = (seconds: number) => `${(seconds / 3600).toFixed(2)} h`;
  const m = p.machine;
  return [
    '## How this was made',
    '',
    `- command: \`${p.command}\``,
    `- code: @snn/experiments ${p.version}${p.commit ? `, commit ${p.commit}` : ''}; Node ${p.node}`,
    `- machine: ${m.cores} cores (${m.cpu}), ${m.memoryGiB} GiB, ${m.platform}`,
    `- time: ${p.wallSeconds === null ? 'wall time not recorded (merged stores)' : `${hours(p.wallSeconds)} wall`}, ${hours(p.workerSeconds)} of training summed over the configurations`,
    '',
  ].join('\n');
}

/** The line a shard prints when its part of the grid is done but the whole grid is not. */
export function logShardDone(
  benchmark: string,
  summary: GridRunSummary,
  log: (line: string) => void,
): void {
  if (!summary.complete) {
    log(
      `${benchmark}: this shard is done (${summary.trained} trained, ${summary.resumed} already stored); combine the shards' stores with \`snn merge\``,
    );
  }
}
