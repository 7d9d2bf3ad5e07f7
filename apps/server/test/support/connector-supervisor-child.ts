// A separate process running a connector supervisor against DATABASE_URL, for the test that kills
// a lease holder with SIGKILL (nothing of it runs on exit).
import { openDatabase } from '../../src/db/database.ts';
import { startConnectorSupervisor } from '../../src/services/connector-supervisor.service.ts';

const url = process.env['DATABASE_URL'];
if (!url) throw new Error('DATABASE_URL is required');
const handle = await openDatabase({ kind: 'postgres', url });
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
startConnectorSupervisor({
  db: handle.db,
  log: silent,
  owner: process.env['SUPERVISOR_OWNER'] ?? 'child',
  scanMillis: 50,
  leaseMillis: 1500,
});
