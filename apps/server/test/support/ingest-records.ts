import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.ts';
import { DEFAULT_FIELD_MAPPING } from '../../src/ingest/field-mapping.ts';
import type { RecordItem } from '../../src/ingest/record-reader.ts';
import { ingestRecords } from '../../src/services/ingest.service.ts';

/** Imports plain records (one per line, default field names) as a JSON Lines file would be. */
export async function ingestPlainRecords(
  db: Kysely<Database>,
  workspaceId: string,
  records: readonly Record<string, unknown>[],
  options: { now?: Date; fileName?: string | null } = {},
) {
  const items: RecordItem[] = records.map((fields, index) => ({ kind: 'record', line: index + 1, fields }));
  return ingestRecords(db, items, {
    workspaceId,
    sourceKind: 'import',
    fileName: options.fileName ?? null,
    format: 'jsonl',
    mapping: DEFAULT_FIELD_MAPPING,
    defaultPlatform: 'twitter',
    now: options.now ?? new Date(),
  });
}
