import { createHash } from 'node:crypto';
import { sql, type Kysely, type Transaction } from 'kysely';
import type {
  ConsentPurpose,
  ConsentReceipt,
  ConsentRecord,
  LawfulBasis,
  SubjectIdentityInput,
} from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { appendAudit, canonicalJson, type AuditActor } from './audit-log.service.ts';
import { normaliseHandle } from './privacy-subject.ts';

type Executor = Kysely<Database> | Transaction<Database>;

type ConsentRow = {
  id: string;
  author_id: string;
  purpose: string;
  lawful_basis: string;
  source: string;
  evidence: string | null;
  given_at: Date;
  expires_at: Date | null;
  withdrawn_at: Date | null;
  withdrawal_source: string | null;
  recorded_by: string | null;
  recorded_at: Date;
};

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

function isValidAt(row: Pick<ConsentRow, 'given_at' | 'expires_at' | 'withdrawn_at'>, now: Date): boolean {
  const t = now.getTime();
  return (
    new Date(row.given_at).getTime() <= t &&
    (row.expires_at === null || new Date(row.expires_at).getTime() > t) &&
    (row.withdrawn_at === null || new Date(row.withdrawn_at).getTime() > t)
  );
}

const toRecord = (row: ConsentRow, now: Date): ConsentRecord => ({
  id: row.id,
  authorId: String(row.author_id),
  purpose: row.purpose as ConsentPurpose,
  lawfulBasis: row.lawful_basis as LawfulBasis,
  source: row.source,
  evidence: row.evidence,
  givenAt: new Date(row.given_at).toISOString(),
  expiresAt: iso(row.expires_at),
  withdrawnAt: iso(row.withdrawn_at),
  withdrawalSource: row.withdrawal_source,
  recordedBy: row.recorded_by,
  recordedAt: new Date(row.recorded_at).toISOString(),
  valid: isValidAt(row, now),
});

const consentColumns = [
  'id',
  sql<string>`author_id::text`.as('author_id'),
  'purpose',
  'lawful_basis',
  'source',
  'evidence',
  'given_at',
  'expires_at',
  'withdrawn_at',
  'withdrawal_source',
  'recorded_by',
  'recorded_at',
] as const;

/**
 * Whether the person has a consent (or another lawful basis) on record for this purpose that is in
 * force at `now`: given on or before it, not expired and not withdrawn. Other capabilities call
 * this before contacting a person or reusing their content.
 */
export async function hasValidConsent(
  db: Executor,
  authorId: string,
  purpose: ConsentPurpose,
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('consent_record')
    .select('id')
    .where('author_id', '=', authorId)
    .where('purpose', '=', purpose)
    .where('given_at', '<=', now)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .where((eb) => eb.or([eb('withdrawn_at', 'is', null), eb('withdrawn_at', '>', now)]))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The author id for a person named by platform and handle, created if Ombud has not seen them post yet. */
export async function resolveAuthor(
  db: Executor,
  workspaceId: string,
  subject: SubjectIdentityInput,
  create: boolean,
): Promise<string | undefined> {
  const found = await db
    .selectFrom('author')
    .select(sql<string>`id::text`.as('id'))
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`lower(platform) = ${subject.platform.trim().toLowerCase()}`)
    .where(sql<boolean>`lower(handle) = ${normaliseHandle(subject.handle)}`)
    .orderBy('id')
    .executeTakeFirst();
  if (found || !create) return found?.id;
  const row = await db
    .insertInto('author')
    .values({
      workspace_id: workspaceId,
      platform: subject.platform.trim(),
      handle: subject.handle.trim().replace(/^@+/, ''),
      display_name: null,
      followers: null,
      verified: false,
    })
    .onConflict((conflict) =>
      conflict
        .columns(['workspace_id', 'platform', 'handle'])
        .doUpdateSet({ verified: sql`author.verified` }),
    )
    .returning(sql<string>`id::text`.as('id'))
    .executeTakeFirstOrThrow();
  return row.id;
}

async function requireAuthor(db: Executor, workspaceId: string, authorId: string): Promise<void> {
  const row = await db
    .selectFrom('author')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', authorId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no author ${authorId} in this workspace`);
}

export interface RecordConsentInput {
  workspaceId: string;
  authorId?: string | undefined;
  subject?: SubjectIdentityInput | undefined;
  purpose: ConsentPurpose;
  lawfulBasis: LawfulBasis;
  source: string;
  evidence?: string | undefined;
  givenAt?: Date | undefined;
  expiresAt?: Date | undefined;
  actor: AuditActor;
  now: Date;
}

export async function recordConsent(db: Kysely<Database>, input: RecordConsentInput): Promise<ConsentRecord> {
  const givenAt = input.givenAt ?? input.now;
  if (input.expiresAt && input.expiresAt <= givenAt)
    throw new AppError('VALIDATION_FAILED', 'expiresAt must be after givenAt');
  return db.transaction().execute(async (trx) => {
    let authorId = input.authorId;
    if (authorId) await requireAuthor(trx, input.workspaceId, authorId);
    else if (input.subject) authorId = await resolveAuthor(trx, input.workspaceId, input.subject, true);
    if (!authorId) throw new AppError('VALIDATION_FAILED', 'name the person with authorId or subject');
    const row = await trx
      .insertInto('consent_record')
      .values({
        workspace_id: input.workspaceId,
        author_id: authorId,
        purpose: input.purpose,
        lawful_basis: input.lawfulBasis,
        source: input.source,
        evidence: input.evidence ?? null,
        given_at: givenAt,
        expires_at: input.expiresAt ?? null,
        recorded_by: input.actor.kind === 'user' ? input.actor.id : null,
      })
      .returning(consentColumns)
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'consent.recorded',
      target: { kind: 'consent', id: row.id },
      details: { authorId, purpose: input.purpose, lawfulBasis: input.lawfulBasis },
      occurredAt: input.now,
    });
    return toRecord(row, input.now);
  });
}

export async function withdrawConsent(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    consentId: string;
    source: string;
    withdrawnAt?: Date | undefined;
    actor: AuditActor;
    now: Date;
  },
): Promise<ConsentRecord> {
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('consent_record')
      .select(['given_at', 'withdrawn_at'])
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', input.consentId)
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', `no consent record ${input.consentId}`);
    if (current.withdrawn_at)
      throw new AppError('CONFLICT', `consent ${input.consentId} was withdrawn already`);
    const at = input.withdrawnAt ?? input.now;
    const withdrawnAt = at < new Date(current.given_at) ? new Date(current.given_at) : at;
    const row = await trx
      .updateTable('consent_record')
      .set({ withdrawn_at: withdrawnAt, withdrawal_source: input.source })
      .where('id', '=', input.consentId)
      .returning(consentColumns)
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'consent.withdrawn',
      target: { kind: 'consent', id: input.consentId },
      details: { authorId: row.author_id, purpose: row.purpose },
      occurredAt: input.now,
    });
    return toRecord(row, input.now);
  });
}

export async function listConsents(
  db: Executor,
  workspaceId: string,
  filter: { authorId?: string | undefined; purpose?: ConsentPurpose | undefined },
  now: Date,
): Promise<ConsentRecord[]> {
  let query = db.selectFrom('consent_record').select(consentColumns).where('workspace_id', '=', workspaceId);
  if (filter.authorId) query = query.where('author_id', '=', filter.authorId);
  if (filter.purpose) query = query.where('purpose', '=', filter.purpose);
  const rows = await query.orderBy('recorded_at', 'desc').limit(1000).execute();
  return rows.map((row) => toRecord(row, now));
}

/** Consent receipts (JSON) for one record or every record of a person. */
export async function consentReceipts(
  db: Executor,
  workspaceId: string,
  filter: { consentId?: string | undefined; authorId?: string | undefined },
  now: Date,
): Promise<ConsentReceipt[]> {
  let query = db
    .selectFrom('consent_record as c')
    .innerJoin('author as a', 'a.id', 'c.author_id')
    .innerJoin('workspace as w', 'w.id', 'c.workspace_id')
    .select([
      'c.id',
      sql<string>`c.author_id::text`.as('author_id'),
      'c.purpose',
      'c.lawful_basis',
      'c.source',
      'c.evidence',
      'c.given_at',
      'c.expires_at',
      'c.withdrawn_at',
      'c.withdrawal_source',
      'a.platform',
      'a.handle',
      'w.name as workspace_name',
    ])
    .where('c.workspace_id', '=', workspaceId);
  if (filter.consentId) query = query.where('c.id', '=', filter.consentId);
  if (filter.authorId) query = query.where('c.author_id', '=', filter.authorId);
  const rows = await query.orderBy('c.given_at').execute();
  return rows.map((row) => {
    const status: ConsentReceipt['status'] = row.withdrawn_at
      ? 'withdrawn'
      : row.expires_at && new Date(row.expires_at) <= now
        ? 'expired'
        : 'active';
    const body = {
      receiptVersion: 'ombud-consent-receipt/1' as const,
      receiptId: row.id,
      issuedAt: now.toISOString(),
      controller: { workspaceId, workspaceName: row.workspace_name },
      subject: { authorId: row.author_id, platform: row.platform, handle: row.handle },
      purpose: row.purpose as ConsentPurpose,
      lawfulBasis: row.lawful_basis as LawfulBasis,
      source: row.source,
      evidence: row.evidence,
      givenAt: new Date(row.given_at).toISOString(),
      expiresAt: iso(row.expires_at),
      withdrawnAt: iso(row.withdrawn_at),
      withdrawalSource: row.withdrawal_source,
      status,
    };
    return { ...body, digest: createHash('sha256').update(canonicalJson(body)).digest('hex') };
  });
}

/**
 * Approves a post for reuse (marketing, the advocate programme…). Refused with CONSENT_REQUIRED
 * unless its author has a valid consent for that purpose right now.
 */
export async function approveContentReuse(
  db: Kysely<Database>,
  input: { workspaceId: string; postId: string; purpose: ConsentPurpose; actor: AuditActor; now: Date },
) {
  return db.transaction().execute(async (trx) => {
    const post = await trx
      .selectFrom('post')
      .select(sql<string>`author_id::text`.as('author_id'))
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', input.postId)
      .executeTakeFirst();
    if (!post) throw new AppError('NOT_FOUND', `no post ${input.postId} in this workspace`);
    const consent = await trx
      .selectFrom('consent_record')
      .select('id')
      .where('author_id', '=', post.author_id)
      .where('purpose', '=', input.purpose)
      .where('given_at', '<=', input.now)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', input.now)]))
      .where((eb) => eb.or([eb('withdrawn_at', 'is', null), eb('withdrawn_at', '>', input.now)]))
      .orderBy('given_at', 'desc')
      .executeTakeFirst();
    if (!consent) {
      throw new AppError(
        'CONSENT_REQUIRED',
        `post ${input.postId} cannot be reused for ${input.purpose}: its author (author ${post.author_id}) has no valid consent for that purpose; record one first`,
      );
    }
    const row = await trx
      .insertInto('content_reuse')
      .values({
        workspace_id: input.workspaceId,
        post_id: input.postId,
        purpose: input.purpose,
        consent_id: consent.id,
        approved_by: input.actor.kind === 'user' ? input.actor.id : null,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['post_id', 'purpose'])
          .doUpdateSet({ consent_id: consent.id, approved_at: input.now } as never),
      )
      .returning(['id', 'approved_at'])
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'content.reuse.approved',
      target: { kind: 'post', id: input.postId },
      details: { purpose: input.purpose, consentId: consent.id },
      occurredAt: input.now,
    });
    return {
      id: row.id,
      postId: input.postId,
      purpose: input.purpose,
      consentId: consent.id,
      approvedAt: new Date(row.approved_at).toISOString(),
      stillAllowed: true,
    };
  });
}

export async function listContentReuse(db: Executor, workspaceId: string, now: Date) {
  const rows = await db
    .selectFrom('content_reuse as r')
    .innerJoin('consent_record as c', 'c.id', 'r.consent_id')
    .select([
      'r.id',
      sql<string>`r.post_id::text`.as('post_id'),
      'r.purpose',
      'r.consent_id',
      'r.approved_at',
      'c.given_at',
      'c.expires_at',
      'c.withdrawn_at',
    ])
    .where('r.workspace_id', '=', workspaceId)
    .orderBy('r.approved_at', 'desc')
    .limit(1000)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    postId: row.post_id,
    purpose: row.purpose as ConsentPurpose,
    consentId: row.consent_id,
    approvedAt: new Date(row.approved_at).toISOString(),
    stillAllowed: isValidAt(row, now),
  }));
}
