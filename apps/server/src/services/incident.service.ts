import { sql, type Kysely } from 'kysely';
import type {
  CrisisSettings,
  IncidentDetail,
  IncidentStatus,
  IncidentSummary,
  PlaybookStep,
} from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import type { IncidentTable } from '../db/tables/crisis.tables.ts';
import { AppError } from '../errors.ts';
import { addEvent, loadSettings } from './crisis-engine.service.ts';
import { DEFAULT_PLAYBOOK, incidentTitles } from './crisis-texts.ts';
import type { Selectable } from 'kysely';

/** Who did something: a signed-in user (their id) or an API key (no user). */
export interface Actor {
  workspaceId: string;
  userId: string | null;
}

type IncidentRow = Selectable<IncidentTable>;

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function present(row: IncidentRow, campaignName: string): IncidentSummary {
  const firstEvidence = (row.evidence[0] ?? {}) as { drivers?: string[] };
  const categories = Object.entries(row.story)
    .filter(([k]) => k.startsWith('risk:'))
    .sort((a, b) => b[1] - a[1])
    .map(([k]) => k.slice(5));
  return {
    id: row.id,
    campaignId: row.campaign_id,
    title: row.title,
    titles: incidentTitles({
      campaignName,
      rule: firstEvidence.drivers?.[0] ?? 'volume-spike',
      languages: row.languages,
      categories,
    }),
    status: row.status,
    severity: row.severity,
    languages: row.languages,
    markets: row.markets,
    ownerId: row.owner_id,
    startedAt: row.started_at.toISOString(),
    detectedAt: row.detected_at.toISOString(),
    lastSignalAt: row.last_signal_at.toISOString(),
    acknowledgedAt: iso(row.acknowledged_at),
    firstResponseAt: iso(row.first_response_at),
    resolvedAt: iso(row.resolved_at),
  };
}

export async function listIncidents(
  db: Kysely<Database>,
  workspaceId: string,
  filter: { campaignId?: string | undefined; status?: IncidentStatus | undefined; limit: number },
): Promise<IncidentSummary[]> {
  let query = db
    .selectFrom('incident as i')
    .innerJoin('campaign as c', 'c.id', 'i.campaign_id')
    .selectAll('i')
    .select('c.name as campaign_name')
    .where('i.workspace_id', '=', workspaceId);
  if (filter.campaignId) query = query.where('i.campaign_id', '=', filter.campaignId);
  if (filter.status) query = query.where('i.status', '=', filter.status);
  const rows = await query.orderBy('i.detected_at', 'desc').limit(filter.limit).execute();
  return rows.map((r) => present(r, r.campaign_name));
}

async function loadIncident(db: Kysely<Database>, workspaceId: string, id: string) {
  const row = await db
    .selectFrom('incident as i')
    .innerJoin('campaign as c', 'c.id', 'i.campaign_id')
    .selectAll('i')
    .select('c.name as campaign_name')
    .where('i.workspace_id', '=', workspaceId)
    .where('i.id', '=', id)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no incident ${id} in this workspace`);
  return row;
}

/** The crisis room: the incident with its episodes, driving posts, playbook, statements and timeline. */
export async function getIncident(
  db: Kysely<Database>,
  workspaceId: string,
  id: string,
): Promise<IncidentDetail> {
  const row = await loadIncident(db, workspaceId, id);
  const [episodes, posts, steps, statements, events] = await Promise.all([
    db
      .selectFrom('incident_language')
      .selectAll()
      .where('incident_id', '=', id)
      .orderBy('detected_at')
      .execute(),
    db
      .selectFrom('incident_post')
      .selectAll()
      .where('incident_id', '=', id)
      .orderBy('score', 'desc')
      .orderBy('post_id')
      .execute(),
    db.selectFrom('incident_step').selectAll().where('incident_id', '=', id).orderBy('position').execute(),
    db
      .selectFrom('holding_statement')
      .selectAll()
      .where('incident_id', '=', id)
      .orderBy('language')
      .execute(),
    db
      .selectFrom('incident_event')
      .selectAll()
      .where('incident_id', '=', id)
      .orderBy('at')
      .orderBy('id')
      .limit(2000)
      .execute(),
  ]);
  return {
    ...present(row, row.campaign_name),
    story: row.story,
    evidence: row.evidence,
    episodes: episodes.map((e) => ({
      language: e.language,
      detectedAt: e.detected_at.toISOString(),
      episodeStartedAt: e.episode_started_at.toISOString(),
      peak: e.peak,
      joinedBy: e.joined_by,
    })),
    posts: posts.map((p) => ({
      postId: String(p.post_id),
      language: p.language,
      score: p.score,
      reasons: p.reasons,
    })),
    playbook: steps.map((s) => ({
      key: s.step_key,
      position: s.position,
      title: s.title,
      doneAt: iso(s.done_at),
      doneBy: s.done_by,
    })),
    statements: statements.map((s) => ({
      id: s.id,
      language: s.language,
      text: s.text,
      status: s.status,
      draftedBy: s.drafted_by,
      approvedBy: s.approved_by,
      approvedAt: iso(s.approved_at),
      updatedAt: s.updated_at.toISOString(),
    })),
    timeline: events.map((e) => ({
      id: String(e.id),
      at: e.at.toISOString(),
      kind: e.kind,
      actorId: e.actor_id,
      language: e.language,
      severity: e.severity,
      data: e.data,
    })),
  };
}

/** Changes status and/or owner, or adds a note; every change goes to the incident's log. */
export async function updateIncident(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  change: {
    status?: IncidentStatus | undefined;
    ownerId?: string | null | undefined;
    note?: string | undefined;
  },
  now: Date,
): Promise<IncidentDetail> {
  await db.transaction().execute(async (trx) => {
    const row = await loadIncident(trx, actor.workspaceId, id);
    if (change.ownerId) {
      const owner = await trx
        .selectFrom('app_user')
        .select('id')
        .where('id', '=', change.ownerId)
        .where('workspace_id', '=', actor.workspaceId)
        .executeTakeFirst();
      if (!owner)
        throw new AppError('VALIDATION_FAILED', `ownerId ${change.ownerId} is not a user of this workspace`);
    }
    if (change.ownerId !== undefined && change.ownerId !== row.owner_id) {
      await trx.updateTable('incident').set({ owner_id: change.ownerId }).where('id', '=', id).execute();
      await addEvent(
        trx,
        id,
        now,
        'owner_changed',
        null,
        null,
        { from: row.owner_id, to: change.ownerId },
        actor.userId,
      );
    }
    if (change.status && change.status !== row.status) {
      const patch: Partial<Record<'acknowledged_at' | 'resolved_at', Date | null>> = {};
      if (change.status !== 'open' && !row.acknowledged_at) patch.acknowledged_at = now;
      patch.resolved_at = change.status === 'resolved' ? now : null;
      await trx
        .updateTable('incident')
        .set({ status: change.status, ...patch })
        .where('id', '=', id)
        .execute();
      await addEvent(
        trx,
        id,
        now,
        'status_changed',
        null,
        null,
        { from: row.status, to: change.status },
        actor.userId,
      );
    }
    if (change.note) await addEvent(trx, id, now, 'note', null, null, { note: change.note }, actor.userId);
  });
  return getIncident(db, actor.workspaceId, id);
}

export async function setStepDone(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  stepKey: string,
  done: boolean,
  now: Date,
): Promise<IncidentDetail> {
  await db.transaction().execute(async (trx) => {
    await loadIncident(trx, actor.workspaceId, id);
    const updated = await trx
      .updateTable('incident_step')
      .set({ done_at: done ? now : null, done_by: done ? actor.userId : null })
      .where('incident_id', '=', id)
      .where('step_key', '=', stepKey)
      .returning('step_key')
      .executeTakeFirst();
    if (!updated) throw new AppError('NOT_FOUND', `incident ${id} has no playbook step "${stepKey}"`);
    await addEvent(trx, id, now, 'playbook_step', null, null, { step: stepKey, done }, actor.userId);
  });
  return getIncident(db, actor.workspaceId, id);
}

/** Writes (or rewrites) the holding statement of one language; an edit needs approval again. */
export async function saveStatement(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  language: string,
  text: string,
  now: Date,
): Promise<IncidentDetail> {
  await db.transaction().execute(async (trx) => {
    await loadIncident(trx, actor.workspaceId, id);
    await trx
      .insertInto('holding_statement')
      .values({ incident_id: id, language, text, drafted_by: actor.userId, updated_at: now })
      .onConflict((c) =>
        c.columns(['incident_id', 'language']).doUpdateSet({
          text,
          status: 'draft',
          drafted_by: actor.userId,
          approved_by: null,
          approved_at: null,
          updated_at: now,
        }),
      )
      .execute();
    await addEvent(trx, id, now, 'statement_drafted', language, null, { chars: text.length }, actor.userId);
  });
  return getIncident(db, actor.workspaceId, id);
}

/**
 * Approves a holding statement. Four eyes: whoever wrote the current text cannot approve it. The
 * first approval counts as the incident's first response.
 */
export async function approveStatement(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  language: string,
  now: Date,
): Promise<IncidentDetail> {
  await db.transaction().execute(async (trx) => {
    await loadIncident(trx, actor.workspaceId, id);
    const statement = await trx
      .selectFrom('holding_statement')
      .selectAll()
      .where('incident_id', '=', id)
      .where('language', '=', language)
      .forUpdate()
      .executeTakeFirst();
    if (!statement)
      throw new AppError('NOT_FOUND', `incident ${id} has no holding statement in "${language}"`);
    if (statement.status === 'approved') return;
    if (actor.userId === null)
      throw new AppError(
        'FORBIDDEN',
        'a holding statement is approved by a signed-in person, not an API key',
      );
    if (statement.drafted_by !== null && statement.drafted_by === actor.userId)
      throw new AppError(
        'CONFLICT',
        `the "${language}" statement needs approval by someone other than its author`,
      );
    await trx
      .updateTable('holding_statement')
      .set({ status: 'approved', approved_by: actor.userId, approved_at: now })
      .where('id', '=', statement.id)
      .execute();
    await addEvent(
      trx,
      id,
      now,
      'statement_approved',
      language,
      null,
      { statementId: statement.id },
      actor.userId,
    );
    await markFirstResponse(trx, id, now);
  });
  return getIncident(db, actor.workspaceId, id);
}

/** Logs a response made outside Ombud's statements (a reply sent, a post published). */
export async function recordResponse(
  db: Kysely<Database>,
  actor: Actor,
  id: string,
  note: string,
  now: Date,
): Promise<IncidentDetail> {
  await db.transaction().execute(async (trx) => {
    await loadIncident(trx, actor.workspaceId, id);
    await addEvent(trx, id, now, 'response', null, null, { note }, actor.userId);
    await markFirstResponse(trx, id, now);
  });
  return getIncident(db, actor.workspaceId, id);
}

async function markFirstResponse(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db
    .updateTable('incident')
    .set({ first_response_at: sql`COALESCE(first_response_at, ${now})` })
    .where('id', '=', id)
    .execute();
}

async function requireCampaign(db: Kysely<Database>, workspaceId: string, campaignId: string): Promise<void> {
  const found = await db
    .selectFrom('campaign')
    .select('id')
    .where('id', '=', campaignId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND', `no campaign ${campaignId} in this workspace`);
}

export async function getPlaybook(db: Kysely<Database>, workspaceId: string, campaignId: string) {
  await requireCampaign(db, workspaceId, campaignId);
  const settings = await loadSettings(db, campaignId);
  return {
    campaignId,
    custom: settings.playbook !== null,
    steps: settings.playbook ?? [...DEFAULT_PLAYBOOK],
  };
}

/** Sets a campaign's playbook (used by incidents opened from now on); an empty body restores the default. */
export async function savePlaybook(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  steps: PlaybookStep[] | null,
  now: Date,
) {
  await requireCampaign(db, workspaceId, campaignId);
  const playbook = steps === null ? null : JSON.stringify(steps);
  await db
    .insertInto('crisis_setting')
    .values({ campaign_id: campaignId, workspace_id: workspaceId, playbook, updated_at: now })
    .onConflict((c) => c.column('campaign_id').doUpdateSet({ playbook, updated_at: now }))
    .execute();
  return getPlaybook(db, workspaceId, campaignId);
}

export async function getCrisisSettings(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
): Promise<CrisisSettings> {
  await requireCampaign(db, workspaceId, campaignId);
  const s = await loadSettings(db, campaignId);
  return {
    campaignId,
    openAt: s.openAt,
    breakerPausePublishing: s.breakerPausePublishing,
    breakerPreModeration: s.breakerPreModeration,
    breakerPersistMinutes: s.breakerPersistMinutes,
  };
}

export async function saveCrisisSettings(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  input: Omit<CrisisSettings, 'campaignId'>,
  now: Date,
): Promise<CrisisSettings> {
  await requireCampaign(db, workspaceId, campaignId);
  const values = {
    open_at: input.openAt,
    breaker_pause_publishing: input.breakerPausePublishing,
    breaker_pre_moderation: input.breakerPreModeration,
    breaker_persist_minutes: input.breakerPersistMinutes,
    updated_at: now,
  };
  await db
    .insertInto('crisis_setting')
    .values({ campaign_id: campaignId, workspace_id: workspaceId, ...values })
    .onConflict((c) => c.column('campaign_id').doUpdateSet(values))
    .execute();
  return getCrisisSettings(db, workspaceId, campaignId);
}

/** Current level of every campaign language monitor (the signal board). */
export async function listMonitors(db: Kysely<Database>, workspaceId: string, campaignId?: string) {
  let query = db
    .selectFrom('crisis_monitor')
    .select(['campaign_id', 'language', 'level', 'processed_until', 'critical_since'])
    .where('workspace_id', '=', workspaceId);
  if (campaignId) query = query.where('campaign_id', '=', campaignId);
  const rows = await query.orderBy('campaign_id').orderBy('language').execute();
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    language: r.language,
    level: r.level as 'normal' | 'watch' | 'warning' | 'critical',
    processedUntil: r.processed_until.toISOString(),
    criticalSince: iso(r.critical_since),
  }));
}
