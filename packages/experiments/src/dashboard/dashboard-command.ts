import type { StoreHeader } from '@snn/sweep';
import { type Command, Option } from 'commander';
import { parseInteger } from '../common/shared-flags';
import { findTabularBenchmark } from '../tabular/benchmarks';
import { planTasks } from '../tabular/run/plan-tasks';
import type { TabularHeader } from '../tabular/store/result-record';
import { DASHBOARD_PORT, serveDashboard } from './serve-dashboard';

/**
 * The (data set, network) of every configuration a tabular run's header plans, for the
 * dashboard's totals; null for a store of another kind.
 *
 * @example
 * tabularPlan(readStore('runs/uci/store.jsonl').header)?.length; // configurations planned
 */
export function tabularPlan(header: StoreHeader): Array<{ dataset: string; arch: string }> | null {
  const benchmark = findTabularBenchmark(header.benchmark);
  if (benchmark === undefined) return null;
  return planTasks(benchmark, header as TabularHeader).map((t) => ({
    dataset: t.dataset,
    arch: t.config.arch,
  }));
}

/**
 * Registers `snn dashboard <out-folder> [--port P] [--host H]`.
 *
 * @example
 * registerDashboardCommand(new Command('snn'));
 */
export function registerDashboardCommand(program: Command): void {
  program
    .command('dashboard')
    .summary('a live page of a run folder: progress, learning curves, pruned trials, the report')
    .description(
      [
        'Serves a page for the --out folder of snn uci|htru2|tox21 (running or finished): progress per data set × network, the validation curves of the best and the pruned trials, and the rank plot and report once the run is complete. It updates while the run writes, and only ever reads the folder.',
        'Listens on 127.0.0.1 (this machine only) unless --host names another interface; stop it with Ctrl-C.',
      ].join('\n\n'),
    )
    .argument('<out-folder>', 'the run folder (it holds store.jsonl)')
    .addOption(new Option('--port <n>', `TCP port, 0 for any free one (default ${DASHBOARD_PORT})`))
    .addOption(
      new Option(
        '--host <address>',
        'interface to listen on (default 127.0.0.1; 0.0.0.0 exposes the page to the network)',
      ),
    )
    .action(async (folder: string, raw: Record<string, unknown>) => {
      const port =
        raw.port === undefined
          ? DASHBOARD_PORT
          : parseInteger('--port', raw.port, { min: 0, max: 65535 });
      const dashboard = await serveDashboard({
        outDir: folder,
        port,
        host: raw.host === undefined ? '127.0.0.1' : String(raw.host),
        plan: tabularPlan,
      });
      process.stdout.write(
        `snn dashboard: ${dashboard.url} (read-only view of ${folder}; Ctrl-C stops it)\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await dashboard.close();
    });
}
