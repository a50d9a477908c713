import { registerDoctorCommand } from '../commands/doctor-command';
import { registerFigure1Command } from '../commands/figure1-command';
import { registerNormalizationCommand } from '../commands/normalization-command';
import { registerTheoryCommand } from '../commands/theory-command';
import { registerExportCommand } from '../export/export-command';
import { registerTabularCommands } from '../tabular/register-commands';
import type { RegisterCommands } from './program';

/** Every subcommand of `snn`, in the order `snn --help` lists them. */
export const SNN_COMMANDS: readonly RegisterCommands[] = [
  registerFigure1Command,
  registerTheoryCommand,
  registerNormalizationCommand,
  registerTabularCommands,
  registerDoctorCommand,
  registerExportCommand,
];
