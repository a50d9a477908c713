import { registerDashboardCommand } from '../dashboard/dashboard-command';
import { registerDoctorCommand } from '../doctor/doctor-command';
import { registerExportCommand } from '../export/export-command';
import { registerFigure1Command } from '../figure1/figure1-command';
import { registerNormalizationCommand } from '../normalization/normalization-command';
import { registerTabularCommands } from '../tabular/register-commands';
import { registerTheoryCommand } from '../theory/theory-command';
import { registerUciSeedsCommand } from '../uci-seeds/uci-seeds-command';
import type { RegisterCommands } from './program';

/**
 * Every subcommand of `snn`, in the order `snn --help` lists them: each feature folder owns its
 * command (`<feature>/<feature>-command.ts`, a `RegisterCommands`) and adds one line here. The
 * tabular benchmarks come in one line, each a command of its own from `TABULAR_BENCHMARKS`.
 */
export const SNN_COMMANDS: readonly RegisterCommands[] = [
  registerFigure1Command,
  registerTheoryCommand,
  registerNormalizationCommand,
  registerTabularCommands,
  registerUciSeedsCommand,
  registerDashboardCommand,
  registerDoctorCommand,
  registerExportCommand,
];
