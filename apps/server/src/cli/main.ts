import { Command } from 'commander';
import type { CommandRegistration } from './command.ts';
import { registerAnalyzeCommand } from './commands/analyze.command.ts';
import { registerImportCommand } from './commands/import.command.ts';
import { registerStartCommand } from './commands/start.command.ts';
import { registerWorkerCommand } from './commands/worker.command.ts';
import { registerDemoCommand } from './commands/demo.command.ts';
import { registerReanalyzeCommand } from './commands/reanalyze.command.ts';
import { registerMigrateCommand } from './commands/migrate.command.ts';
import { registerDetectCommand } from './commands/detect.command.ts';
import { registerPlanCommand } from './commands/plan.command.ts';
import { registerCheckCommand } from './commands/check.command.ts';
import { registerPrivacyCommands } from './commands/privacy.command.ts';
import { registerCrisisCommands } from './commands/crisis.command.ts';
import { registerAlertsCommands } from './commands/alerts.command.ts';
import { registerInboxCommands } from './commands/inbox.command.ts';
import { registerAdvocatesCommands } from './commands/advocates.command.ts';
import { registerListeningCommands } from './commands/listening.command.ts';
import { registerReadinessCommands } from './commands/readiness.command.ts';
import { registerStreamCommands } from './commands/stream.command.ts';
import { registerConnectorsCommands } from './commands/connectors.command.ts';

// Every command is listed here explicitly: no folder scanning.
const commands: CommandRegistration[] = [
  registerStartCommand,
  registerWorkerCommand,
  registerDemoCommand,
  registerAnalyzeCommand,
  registerReanalyzeCommand,
  registerMigrateCommand,
  registerImportCommand,
  registerDetectCommand,
  registerPlanCommand,
  registerCheckCommand,
  registerPrivacyCommands,
  registerCrisisCommands,
  registerAlertsCommands,
  registerInboxCommands,
  registerAdvocatesCommands,
  registerListeningCommands,
  registerReadinessCommands,
  registerStreamCommands,
  registerConnectorsCommands,
];

const program = new Command('ombud').description('Ombud: command centre for customer-empowerment campaigns');
for (const register of commands) register(program);
await program.parseAsync(process.argv);
