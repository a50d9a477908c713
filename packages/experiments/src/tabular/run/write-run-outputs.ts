import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../common/atomic-write';
import { writePlot } from '../../common/plot';
import type { RunGridSummary } from './run-grid';
import type { RunInfo } from './run-info';

/** What a benchmark's finish step needs of a grid run (or of merged stores). */
export type GridRunSummary = Pick<
  RunGridSummary,
  'records' | 'complete' | 'trained' | 'resumed' | 'storePath'
>;

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
    await writeJsonAtomic(jsonPath, result);
    await writeFileAtomic(markdownPath, options.markdown(result));
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
