import type { Kysely } from 'kysely';
import type { Drill, DrillInput } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { generateDemoStream } from '../demo/demo-stream.ts';
import { AppError } from '../errors.ts';
import { DEFAULT_FIELD_MAPPING } from '../ingest/field-mapping.ts';
import type { RecordItem } from '../ingest/record-reader.ts';
import { findCampaign, insertCampaign } from '../repositories/campaign.repository.ts';
import { ingestRecords } from './ingest.service.ts';

const DAY_MS = 86_400_000;

/**
 * Starts a drill: a sandbox copy of the campaign (its settings, playbook and brief, but no
 * matching rules, so live posts never join it) receives a replayed crisis through the normal
 * ingestion path; the analysis jobs and the crisis engine then treat it like any other campaign.
 * A generated scenario is the demo generator's rumour, moved by whole days (time of day kept) so
 * it ends `hours` after its onset, before now; a recorded one copies the campaign's own posts of a
 * past window, shifted to end now.
 */
export async function startDrill(
  db: Kysely<Database>,
  options: { workspaceId: string; userId: string | null; input: DrillInput; now: Date },
): Promise<Drill> {
  const { workspaceId, input, now } = options;
  const source = await findCampaign(db, workspaceId, input.campaignId);
  if (!source) throw new AppError('NOT_FOUND', `no campaign ${input.campaignId} in this workspace`);
  const stamp = now.toISOString().slice(0, 16).replace('T', ' ');
  const sandbox = await insertCampaign(db, workspaceId, {
    ...source,
    name: `${source.name} · drill ${stamp}`.slice(0, 200),
    hashtags: [],
    keywords: [],
    handles: [],
  });
  const settings = await db
    .selectFrom('crisis_setting')
    .selectAll()
    .where('campaign_id', '=', source.id)
    .executeTakeFirst();
  if (settings) {
    await db
      .insertInto('crisis_setting')
      .values({
        campaign_id: sandbox.id,
        workspace_id: workspaceId,
        open_at: settings.open_at,
        breaker_pause_publishing: settings.breaker_pause_publishing,
        breaker_pre_moderation: settings.breaker_pre_moderation,
        breaker_persist_minutes: settings.breaker_persist_minutes,
        playbook: settings.playbook === null ? null : JSON.stringify(settings.playbook),
        updated_at: now,
      })
      .execute();
  }

  const { records, onset } =
    input.scenario.kind === 'generated'
      ? generatedScenario(input.scenario, now)
      : await recordedScenario(db, workspaceId, source.id, input.scenario, now);
  const drill = await db
    .insertInto('crisis_drill')
    .values({
      workspace_id: workspaceId,
      source_campaign_id: source.id,
      sandbox_campaign_id: sandbox.id,
      scenario: JSON.stringify(input.scenario),
      onset_at: new Date(onset),
      started_at: now,
      created_by: options.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const summary = await ingestRecords(
    db,
    records.map((fields, index): RecordItem => ({ kind: 'record', line: index + 1, fields })),
    {
      workspaceId,
      campaignIds: [sandbox.id],
      matchCampaigns: false,
      sourceKind: 'import',
      sourceName: `drill ${drill.id}`,
      fileName: `drill ${drill.id}`,
      format: 'drill',
      mapping: DEFAULT_FIELD_MAPPING,
      defaultPlatform: 'drill',
      now,
    },
  );
  await db.updateTable('crisis_drill').set({ posts: summary.accepted }).where('id', '=', drill.id).execute();
  return getDrill(db, workspaceId, drill.id);
}

function generatedScenario(
  scenario: Extract<DrillInput['scenario'], { kind: 'generated' }>,
  now: Date,
): { records: Record<string, unknown>[]; onset: number } {
  // A 14-day window puts the rumour on day 8; start it so that day 8 lies just before now.
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 9 * DAY_MS;
  const stream = generateDemoStream({ seed: scenario.seed, start: new Date(start), days: 14 });
  const crisis = stream.truth.crisis;
  if (!crisis) throw new AppError('CONFLICT', `the generator made no crisis for seed ${scenario.seed}`);
  const originalOnset = Date.parse(crisis.onsetEs);
  const hoursMs = scenario.hours * 3_600_000;
  const shiftDays = Math.floor((now.getTime() - hoursMs - originalOnset) / DAY_MS);
  const shift = shiftDays * DAY_MS;
  const onset = originalOnset + shift;
  const from = onset - scenario.baselineDays * DAY_MS;
  const to = onset + hoursMs;
  const records = stream.posts
    .map((post) => ({ ...post, created_at: new Date(Date.parse(post.created_at) + shift).toISOString() }))
    .filter((post) => {
      const t = Date.parse(post.created_at);
      return t >= from && t < to && t <= now.getTime();
    });
  return { records, onset };
}

async function recordedScenario(
  db: Kysely<Database>,
  workspaceId: string,
  campaignId: string,
  scenario: Extract<DrillInput['scenario'], { kind: 'recorded' }>,
  now: Date,
): Promise<{ records: Record<string, unknown>[]; onset: number }> {
  const from = new Date(scenario.from);
  const to = new Date(scenario.to);
  const onsetAt = Date.parse(scenario.onset);
  if (!(to > from) || onsetAt < from.getTime() || onsetAt >= to.getTime())
    throw new AppError('VALIDATION_FAILED', 'a recorded drill needs from < onset < to');
  if (to.getTime() - from.getTime() > 14 * DAY_MS)
    throw new AppError('VALIDATION_FAILED', 'a recorded drill replays at most 14 days');
  const shift = now.getTime() - to.getTime();
  const rows = await db
    .selectFrom('post as p')
    .innerJoin('post_campaign as pc', 'pc.post_id', 'p.id')
    .innerJoin('author as a', 'a.id', 'p.author_id')
    .select([
      'p.external_id',
      'p.platform',
      'p.text',
      'p.created_at',
      'p.url',
      'p.language',
      'p.market',
      'p.reply_to_external_id',
      'p.metrics',
      'a.handle',
      'a.display_name',
      'a.followers',
      'a.verified',
    ])
    .where('pc.campaign_id', '=', campaignId)
    .where('p.workspace_id', '=', workspaceId)
    .where('p.created_at', '>=', from)
    .where('p.created_at', '<', to)
    .orderBy('p.created_at')
    .limit(200_000)
    .execute();
  if (rows.length === 0) throw new AppError('VALIDATION_FAILED', 'the campaign has no posts in that window');
  const records = rows.map((r) => ({
    id: r.external_id,
    platform: r.platform,
    text: r.text,
    created_at: new Date(r.created_at.getTime() + shift).toISOString(),
    author: r.handle,
    author_name: r.display_name,
    author_followers: r.followers,
    author_verified: r.verified,
    url: r.url,
    lang: r.language,
    market: r.market,
    reply_to: r.reply_to_external_id,
    likes: r.metrics['likes'] ?? 0,
    reposts: r.metrics['reposts'] ?? 0,
    replies: r.metrics['replies'] ?? 0,
  }));
  return { records, onset: onsetAt + shift };
}

async function presentDrill(
  db: Kysely<Database>,
  row: Awaited<ReturnType<typeof loadDrills>>[number],
): Promise<Drill> {
  // The drill's incident: the first one on the sandbox campaign raised at or after the onset.
  const incident = await db
    .selectFrom('incident')
    .select(['id', 'detected_at', 'created_at', 'acknowledged_at', 'first_response_at'])
    .where('campaign_id', '=', row.sandbox_campaign_id)
    .where('detected_at', '>=', row.onset_at)
    .orderBy('detected_at')
    .limit(1)
    .executeTakeFirst();
  const minutes = (a: Date, b: Date | null) =>
    b ? Math.round(((b.getTime() - a.getTime()) / 60_000) * 10) / 10 : null;
  return {
    id: row.id,
    sourceCampaignId: row.source_campaign_id,
    sandboxCampaignId: row.sandbox_campaign_id,
    scenario: row.scenario,
    onsetAt: row.onset_at.toISOString(),
    startedAt: row.started_at.toISOString(),
    posts: row.posts,
    incidentId: incident?.id ?? null,
    minutesToAlert: incident ? minutes(row.onset_at, incident.detected_at) : null,
    minutesToAcknowledge: incident ? minutes(incident.created_at, incident.acknowledged_at) : null,
    minutesToFirstResponse: incident ? minutes(incident.created_at, incident.first_response_at) : null,
  };
}

async function loadDrills(db: Kysely<Database>, workspaceId: string, id?: string) {
  let query = db.selectFrom('crisis_drill').selectAll().where('workspace_id', '=', workspaceId);
  if (id) query = query.where('id', '=', id);
  return query.orderBy('started_at', 'desc').limit(100).execute();
}

export async function getDrill(db: Kysely<Database>, workspaceId: string, id: string): Promise<Drill> {
  const [row] = await loadDrills(db, workspaceId, id);
  if (!row) throw new AppError('NOT_FOUND', `no drill ${id} in this workspace`);
  return presentDrill(db, row);
}

export async function listDrills(db: Kysely<Database>, workspaceId: string): Promise<Drill[]> {
  const rows = await loadDrills(db, workspaceId);
  return Promise.all(rows.map((row) => presentDrill(db, row)));
}
