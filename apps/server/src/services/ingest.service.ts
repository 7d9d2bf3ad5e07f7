import type { Kysely } from 'kysely';
import type { ImportSummary } from '@ombud/contract';
import { compileCampaignMatcher } from '@ombud/core';
import type { Database } from '../db/schema.ts';
import { mapRecord, type FieldMapping } from '../ingest/field-mapping.ts';
import type { RecordItem } from '../ingest/record-reader.ts';
import { listCampaigns } from '../repositories/campaign.repository.ts';
import {
  finishImportBatch,
  recordImportProblems,
  startImportBatch,
  type ImportProblemRow,
} from '../repositories/import-batch.repository.ts';
import {
  insertPosts,
  linkPostsToCampaigns,
  upsertAuthors,
  type PostToInsert,
} from '../repositories/post.repository.ts';
import { ensureSource, type SourceKind } from '../repositories/source.repository.ts';
import { enqueueJobs } from '../repositories/job.repository.ts';
import { loadIngestPrivacy } from './privacy-ingest.service.ts';

export interface IngestOptions {
  workspaceId: string;
  /** Campaigns every post joins regardless of matching (`ombud import --campaign`). */
  campaignIds?: readonly string[];
  /** Match posts against the workspace's campaigns (default true); off for a drill's sandbox replay. */
  matchCampaigns?: boolean;
  sourceKind: SourceKind;
  /** Fixed source name; otherwise each post's platform names its source, so ids stay unique per network. */
  sourceName?: string;
  fileName: string | null;
  format: string;
  mapping: FieldMapping;
  defaultPlatform: string;
  now: Date;
  /** Records without a creation time get this one (webhooks); files must carry theirs. */
  fallbackCreatedAt?: string;
  batchSize?: number;
  /** A batch is also written once its posts hold about this many characters (default 4 MiB): large records must not pile up. */
  maxBatchChars?: number;
  /** Batches written at once; more than one only helps on a PostgreSQL server. */
  parallelBatches?: number;
  /** Keep the fields no mapping read (default true). */
  keepRaw?: boolean;
  /** At most this many problems are stored with the batch; all are passed to `onProblem`. */
  storedProblemLimit?: number;
  onProblem?: (problem: ImportProblemRow) => void;
  onProgress?: (counts: IngestCounts) => void;
}

export interface IngestCounts {
  accepted: number;
  duplicate: number;
  rejected: number;
}

/** Problems held while a batch waits for its tombstone look-up, at most (then the batch is written). */
const MAX_HELD_PROBLEMS = 10_000;

/** Accepts a little clock skew from senders before calling a post "in the future". */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * Validates, maps and stores a stream of records in batches. Each batch is one transaction that
 * writes posts, campaign links and the follow-up jobs together (the post is written before it is
 * announced). Bad records are counted and reported; good ones are never lost because of them.
 */
export async function ingestRecords(
  db: Kysely<Database>,
  items: AsyncIterable<RecordItem> | Iterable<RecordItem>,
  options: IngestOptions,
): Promise<ImportSummary> {
  const batchSize = options.batchSize ?? 2000;
  const maxBatchChars = options.maxBatchChars ?? 4 * 1024 * 1024;
  const storedProblemLimit = options.storedProblemLimit ?? 10_000;
  const campaigns = await listCampaigns(db, options.workspaceId);
  const matchCampaigns = compileCampaignMatcher(campaigns);
  const assignedCampaigns = [...new Set(options.campaignIds ?? [])];
  // Redaction policy and erasure tombstones (issue #7) apply before anything is stored.
  const privacy = await loadIngestPrivacy(db, options.workspaceId);
  const sourceIds = new Map<string, string>();
  const sourceFor = async (platform: string) => {
    const name = options.sourceName ?? platform;
    let id = sourceIds.get(name);
    if (!id) {
      id = await ensureSource(db, options.workspaceId, options.sourceKind, name);
      sourceIds.set(name, id);
    }
    return id;
  };
  const batchSource = await sourceFor(options.sourceName ?? options.defaultPlatform);
  const batchId = await startImportBatch(db, {
    workspaceId: options.workspaceId,
    sourceId: batchSource,
    fileName: options.fileName,
    format: options.format,
  });

  const counts: IngestCounts = { accepted: 0, duplicate: 0, rejected: 0 };
  const problems: ImportProblemRow[] = [];
  let storedProblems = 0;
  let pendingProblems: ImportProblemRow[] = [];
  const report = (problem: ImportProblemRow) => {
    counts.rejected += 1;
    options.onProblem?.(problem);
    if (storedProblems < storedProblemLimit) {
      storedProblems += 1;
      pendingProblems.push(problem);
      if (problems.length < 100) problems.push(problem);
    }
  };

  const context = {
    defaultPlatform: options.defaultPlatform,
    latestAcceptedTime: options.now.getTime() + FUTURE_TOLERANCE_MS,
    ...(options.fallbackCreatedAt ? { fallbackCreatedAt: options.fallbackCreatedAt } : {}),
  };

  const flush = async (batch: PostToInsert[]) => {
    // Authors are committed on their own, before the posts: the post transaction stays short and an
    // author row without posts is harmless (the next attempt or import reuses it).
    const authorIds = await retryOnDeadlock(() => upsertAuthors(db, options.workspaceId, batch));
    const inserted = await retryOnDeadlock(() =>
      db.transaction().execute(async (trx) => {
        const rows = await insertPosts(trx, options.workspaceId, batchId, batch, authorIds);
        await privacy.storeOriginals(trx, rows, batch);
        const links: { postId: string; campaignId: string; assigned?: boolean }[] = [];
        for (const row of rows) {
          const item = batch[row.index];
          if (!item) continue;
          // Campaigns named by the import are assigned (an edit keeps them); matched ones are not.
          const joined = new Set(assignedCampaigns);
          for (const campaignId of assignedCampaigns)
            links.push({ postId: row.id, campaignId, assigned: true });
          const matches =
            options.matchCampaigns === false
              ? []
              : matchCampaigns({ text: item.post.text, authorHandle: item.post.author.handle });
          for (const match of matches) {
            if (joined.has(match.campaignId)) continue;
            joined.add(match.campaignId);
            links.push({ postId: row.id, campaignId: match.campaignId });
          }
        }
        await linkPostsToCampaigns(trx, links);
        if (rows.length > 0)
          await enqueueJobs(trx, [{ name: 'post.ingested', payload: { postIds: rows.map((r) => r.id) } }]);
        return rows.length;
      }),
    );
    counts.accepted += inserted;
    counts.duplicate += batch.length - inserted;
    if (pendingProblems.length > 0) {
      const toStore = pendingProblems;
      pendingProblems = [];
      await recordImportProblems(db, batchId, toStore);
    }
    options.onProgress?.({ ...counts });
  };

  // One batch is written while the next is parsed: the database and the parser work at the same time.
  const maxInFlight = options.parallelBatches ?? 2;
  const inFlightSet = new Set<Promise<void>>();
  // The (source, external id) keys of the batches being written. A key repeated in the file keeps its
  // first copy: a later copy in the same batch, or in a batch written while an earlier one holding the
  // key is still in flight, is a duplicate before it reaches the database (otherwise whichever
  // transaction got there first would win). Batches that finished are committed, so the database
  // itself reports a later copy of their keys as a duplicate.
  const inFlightKeys = new Set<ReadonlySet<string>>();
  let failure: Error | undefined;
  const submit = async (batch: PostToInsert[]) => {
    while (inFlightSet.size >= maxInFlight) await Promise.race(inFlightSet);
    if (failure) throw failure;
    const keys = new Set<string>();
    const unique: PostToInsert[] = [];
    for (const item of batch) {
      const key = `${item.sourceId}\u0000${item.post.externalId}`;
      let seen = keys.has(key);
      for (const earlier of inFlightKeys) seen ||= earlier.has(key);
      if (seen) {
        counts.duplicate += 1;
        continue;
      }
      keys.add(key);
      unique.push(item);
    }
    inFlightKeys.add(keys);
    const running: Promise<void> = flush(unique).then(
      () => {
        inFlightKeys.delete(keys);
        inFlightSet.delete(running);
      },
      (error: unknown) => {
        failure ??= error instanceof Error ? error : new Error(String(error));
        inFlightKeys.delete(keys);
        inFlightSet.delete(running);
      },
    );
    inFlightSet.add(running);
  };
  const settle = async () => {
    await Promise.all(inFlightSet);
    if (failure) throw failure;
  };
  // Erasure tombstones are looked up once per batch, so the problems of the records read meanwhile
  // are held and reported with the batch's refusals, in line order, as if checked record by record.
  let held: ImportProblemRow[] = [];
  let screening: { line: number; sourceName: string }[] = [];
  const reportHeld = (refusals: readonly ImportProblemRow[] = []) => {
    const all = refusals.length === 0 ? held : [...held, ...refusals].sort((a, b) => a.line - b.line);
    held = [];
    for (const problem of all) report(problem);
  };
  const screen = async (batch: PostToInsert[]): Promise<PostToInsert[]> => {
    const lines = screening;
    screening = [];
    const refused = await privacy.refused(
      db,
      batch.map((item, i) => ({ post: item.post, sourceName: lines[i]?.sourceName ?? '' })),
    );
    if (refused.size === 0) {
      reportHeld();
      return batch;
    }
    const refusals: ImportProblemRow[] = [...refused].map((i) => ({
      line: lines[i]?.line ?? 0,
      field: 'author',
      code: 'ERASED_PERSON',
      reason: 'this author asked to be erased, or the post was deleted on its network; not stored again',
    }));
    reportHeld(refusals);
    return batch.filter((_, i) => !refused.has(i));
  };
  let batch: PostToInsert[] = [];
  let batchChars = 0;
  const writeBatch = async () => {
    await submit(await screen(batch));
    batch = [];
    batchChars = 0;
  };
  // A problem waits only for the refusals of earlier records; past MAX_HELD_PROBLEMS the batch is
  // written early (a file of mostly bad lines must not pile its problems up in memory).
  const hold = async (problem: ImportProblemRow) => {
    held.push(problem);
    if (batch.length === 0) reportHeld();
    else if (held.length >= MAX_HELD_PROBLEMS) await writeBatch();
  };
  try {
    for await (const item of items) {
      if (item.kind === 'problem') {
        await hold({
          line: item.line,
          ...(item.field ? { field: item.field } : {}),
          code: item.code,
          reason: item.reason,
        });
        continue;
      }
      const mapped = mapRecord(item.fields, options.mapping, context);
      if (!mapped.ok) {
        const [first, ...rest] = mapped.problems;
        if (first && rest.length === 0) {
          await hold({ line: item.line, field: first.field, code: first.code, reason: first.reason });
        } else {
          const reason = mapped.problems.map((p) => `${p.field}: ${p.reason}`).join('; ');
          await hold({ line: item.line, code: first?.code ?? 'FIELD_INVALID', reason });
        }
        continue;
      }
      const prepared = privacy.prepare(mapped.post, options.keepRaw === false ? null : mapped.extra);
      const sourceName = options.sourceName ?? mapped.post.platform;
      // Known sources are looked up without an await: this runs for every record.
      const sourceId = sourceIds.get(sourceName) ?? (await sourceFor(mapped.post.platform));
      batch.push({ sourceId, post: prepared.post, raw: prepared.raw });
      screening.push({ line: item.line, sourceName });
      batchChars += prepared.post.text.length + approximateChars(prepared.raw);
      if (batch.length >= batchSize || batchChars >= maxBatchChars) await writeBatch();
    }
    await writeBatch();
    await settle();
  } catch (error) {
    reportHeld();
    await Promise.all(inFlightSet);
    await finishImportBatch(db, batchId, { ...counts, status: 'failed' });
    throw error;
  }
  await finishImportBatch(db, batchId, { ...counts, status: 'done' });
  return { batchId, ...counts, problems, problemsTruncated: counts.rejected > problems.length };
}

/** Roughly how many characters a JSON value takes: enough to bound a batch's memory, cheap to compute. */
export function approximateChars(value: unknown, depth = 0): number {
  if (typeof value === 'string') return value.length + 2;
  if (value === null || typeof value !== 'object') return 8;
  if (depth > 8) return 64;
  let chars = 2;
  if (Array.isArray(value)) {
    for (const item of value) chars += approximateChars(item, depth + 1) + 1;
  } else {
    for (const key in value)
      chars += key.length + 4 + approximateChars((value as Record<string, unknown>)[key], depth + 1);
  }
  return chars;
}

const DEADLOCK = '40P01';
const SERIALIZATION_FAILURE = '40001';

/** Re-runs a transaction the server aborted to break a deadlock; every step in it is idempotent. */
async function retryOnDeadlock<T>(work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= attempts || (code !== DEADLOCK && code !== SERIALIZATION_FAILURE)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt));
    }
  }
}
