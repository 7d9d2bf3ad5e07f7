import { loadConfig } from '../../config.ts';
import { migrateToLatest, openDatabase } from '../../db/database.ts';
import type { CommandRegistration } from '../command.ts';
import { mkdir } from 'node:fs/promises';

export const registerMigrateCommand: CommandRegistration = (program) => {
  program
    .command('migrate')
    .description('bring the database schema up to date (embedded PGlite, or DATABASE_URL)')
    .action(async () => {
      const config = loadConfig();
      if (config.database.kind === 'pglite') await mkdir(config.database.dataDir, { recursive: true });
      const handle = await openDatabase(config.database);
      try {
        const applied = await migrateToLatest(handle.db);
        console.log(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      } finally {
        await handle.close();
      }
    });
};
