import { join } from 'node:path';
import { type RunProvenance, type RunTiming, runProvenance } from '@snn/sweep';
import { writeFileAtomic, writeJsonAtomic } from '../../../../../internal/atomic-write';
import packageJson from '../../../package.json';
import { writePlot } from '../../common/plot';
import type { RunGridSummary } from './run-grid';
import type { RunInfo } from './run-info';

/** What a benchmark's finish step needs of a grid run (or of merged stores). */
export type GridRunSummary = Pick<
  RunGridSummary,
  'records' | 'complete' | 'trained' | 'resumed' | 'storePath'
> & { timing?: RunTiming };

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
 * {@link RunInfo}. An incomplete grid (a shard before `snn merge`) writes nothing.
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
}): Promise<R & { run: RunInfo }> {
  const { benchmark, result, summary, outDir } = options;
  const files: string[] = [];
  if (summary.complete) {
    const jsonPath = join(outDir, `${benchmark}.json`);
    const markdownPath = join(outDir, `${benchmark}.md`);
    const provenance: ResultProvenance = {
      ...runProvenance({ version: packageJson.version, program: 'snn' }),
      wallSeconds: summary.timing?.wallSeconds ?? null,
      workerSeconds: summary.records.reduce((sum, r) => sum + r.seconds, 0),
    };
    await writeJsonAtomic(jsonPath, { ...result, provenance });
    await writeFileAtomic(
      markdownPath,
      `${options.markdown(result)}\n${provenanceMarkdown(provenance)}`,
    );
    const plot = await writePlot(outDir, options.plotName, options.plot(result));
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
