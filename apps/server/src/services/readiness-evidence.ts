import { sql, type Kysely } from 'kysely';
import type { Campaign } from '@ombud/contract';
import type { AnswerStatus, CheckAnswer, Finding, QuestionId } from '@ombud/core';
import type { Database } from '../db/schema.ts';

/**
 * Evidence collectors: one small function per readiness question, each reading the workspace's
 * actual configuration. Other capabilities own the tables read here; a table that does not exist
 * (capability not built or not migrated) or cannot be read yields `not_configured`, never a pass.
 */
export interface EvidenceContext {
  readonly db: Kysely<Database>;
  readonly workspaceId: string;
  readonly campaign: Campaign;
  readonly now: Date;
}

type Capability = 'inbox' | 'crisis' | 'alerts' | 'advocates' | 'privacy' | 'listening';

/** Rows from another capability's table, or the finding that says why there are none to read. */
type Probe<T> = { readonly rows: T[] } | { readonly missing: Finding };

const answer = (questionId: QuestionId, status: AnswerStatus, evidence: Finding[]): CheckAnswer => ({
  questionId,
  status,
  evidence,
});

const list = (values: readonly string[]): string => (values.length === 0 ? '—' : values.join(', '));

async function tableExists(db: Kysely<Database>, table: string): Promise<boolean> {
  const result = await sql<{
    found: string | null;
  }>`SELECT to_regclass(${table}::text)::text AS found`.execute(db);
  return (result.rows[0]?.found ?? null) !== null;
}

/** Runs `query` when every table exists; otherwise (or when it fails) says the capability is not configured. */
async function probe<T>(
  db: Kysely<Database>,
  capability: Capability,
  tables: readonly string[],
  query: () => Promise<T[]>,
): Promise<Probe<T>> {
  for (const table of tables) {
    if (!(await tableExists(db, table))) {
      return { missing: { code: 'capability_not_configured', values: { capability, table } } };
    }
  }
  try {
    return { rows: await query() };
  } catch (error) {
    const reason = (error as Error).message.slice(0, 200);
    return { missing: { code: 'capability_unreadable', values: { table: tables.join(', '), reason } } };
  }
}

function missingLanguages(languages: readonly string[], present: Iterable<string>): string[] {
  const have = new Set(present);
  return languages.filter((language) => !have.has(language));
}

/** message_control: every key message in every campaign language. */
export function checkKeyMessages(campaign: Campaign): CheckAnswer {
  const id = 'key_messages_translated';
  if (campaign.keyMessages.length === 0) return answer(id, 'fail', [{ code: 'key_messages_none' }]);
  const gaps: Finding[] = campaign.keyMessages.flatMap((message) => {
    const missing = missingLanguages(campaign.languages, Object.keys(message.text));
    return missing.length === 0
      ? []
      : [{ code: 'key_message_missing_languages', values: { id: message.id, languages: list(missing) } }];
  });
  if (gaps.length > 0) return answer(id, 'partial', gaps);
  return answer(id, 'pass', [
    {
      code: 'key_messages_complete',
      values: { count: campaign.keyMessages.length, languages: list(campaign.languages) },
    },
  ]);
}

/** message_control: the fact sheet in every campaign language. */
export function checkFactSheet(campaign: Campaign): CheckAnswer {
  const id = 'fact_sheet_translated';
  if (campaign.factSheet.length === 0) return answer(id, 'fail', [{ code: 'facts_none' }]);
  const gaps: Finding[] = campaign.factSheet.flatMap((fact) => {
    const missing = missingLanguages(campaign.languages, Object.keys(fact.text));
    return missing.length === 0
      ? []
      : [{ code: 'fact_missing_languages', values: { id: fact.id, languages: list(missing) } }];
  });
  if (gaps.length > 0) return answer(id, 'partial', gaps);
  return answer(id, 'pass', [
    {
      code: 'facts_complete',
      values: { count: campaign.factSheet.length, languages: list(campaign.languages) },
    },
  ]);
}

/** message_control: banned claims listed. */
export function checkBannedClaims(campaign: Campaign): CheckAnswer {
  const count = campaign.bannedClaims.length;
  return count === 0
    ? answer('banned_claims_listed', 'fail', [{ code: 'banned_claims_none' }])
    : answer('banned_claims_listed', 'pass', [{ code: 'banned_claims_count', values: { count } }]);
}

/** misinformed_advocates: a brief attached, and the workspace's active advocates trained on it. */
export async function checkAdvocateBrief(ctx: EvidenceContext): Promise<CheckAnswer> {
  const id = 'advocate_brief_ready';
  const advocates = await probe(ctx.db, 'advocates', ['advocate'], async () => {
    const result = await sql<{ active: number; trained: number }>`
      SELECT count(*)::int AS active,
             count(*) FILTER (WHERE training_status = 'completed')::int AS trained
      FROM advocate WHERE workspace_id = ${ctx.workspaceId} AND status = 'active'`.execute(ctx.db);
    return result.rows;
  });
  if ('missing' in advocates) return answer(id, 'not_configured', [advocates.missing]);
  if (ctx.campaign.brief === null) return answer(id, 'fail', [{ code: 'advocate_brief_none' }]);
  const { active, trained } = advocates.rows[0] ?? { active: 0, trained: 0 };
  return answer(id, active > 0 && trained < active ? 'partial' : 'pass', [
    { code: 'advocate_brief_found', values: { trained, active } },
  ]);
}

/** misinformed_advocates: a disclosure rule for every market the campaign runs in. */
export function checkDisclosures(campaign: Campaign): CheckAnswer {
  const id = 'disclosures_every_market';
  if (campaign.markets.length === 0) return answer(id, 'fail', [{ code: 'markets_none' }]);
  const covered = new Set(campaign.requiredDisclosures.map((rule) => rule.market));
  const missing = campaign.markets.filter((market) => !covered.has(market));
  if (missing.length > 0) {
    return answer(id, missing.length === campaign.markets.length ? 'fail' : 'partial', [
      { code: 'disclosure_missing_markets', values: { markets: list(missing) } },
    ]);
  }
  return answer(id, 'pass', [{ code: 'disclosure_complete', values: { markets: list(campaign.markets) } }]);
}

export interface AgentRow {
  user_id: string;
  languages: string[];
  time_zone: string;
  working_hours: Record<string, { start: string; end: string }[]> | null;
  items_per_hour: number;
  available: boolean;
}

/** The inbox's agents (available ones only), or why there are none to read. */
export function loadAgents(ctx: EvidenceContext): Promise<Probe<AgentRow>> {
  return probe(ctx.db, 'inbox', ['inbox_agent'], async () => {
    const result = await sql<AgentRow>`
      SELECT user_id, languages, time_zone, working_hours, items_per_hour, available
      FROM inbox_agent WHERE workspace_id = ${ctx.workspaceId} AND available
      ORDER BY user_id`.execute(ctx.db);
    return result.rows;
  });
}

/** resources: some agent speaks each campaign language. */
export function checkAgentLanguages(campaign: Campaign, agents: Probe<AgentRow>): CheckAnswer {
  const id = 'agents_cover_languages';
  if ('missing' in agents) return answer(id, 'not_configured', [agents.missing]);
  if (agents.rows.length === 0) return answer(id, 'fail', [{ code: 'agents_none' }]);
  const missing = missingLanguages(
    campaign.languages,
    agents.rows.flatMap((agent) => agent.languages),
  );
  if (missing.length > 0) {
    return answer(id, missing.length === campaign.languages.length ? 'fail' : 'partial', [
      { code: 'agents_missing_languages', values: { languages: list(missing) } },
    ]);
  }
  return answer(id, 'pass', [
    {
      code: 'agents_languages_ok',
      values: { agents: agents.rows.length, languages: list(campaign.languages) },
    },
  ]);
}

export interface SlaPolicyRow {
  priority_level: string;
  first_response_minutes: number;
}

export function loadSlaPolicies(ctx: EvidenceContext): Promise<Probe<SlaPolicyRow>> {
  return probe(ctx.db, 'inbox', ['inbox_sla_policy'], async () => {
    const result = await sql<SlaPolicyRow>`
      SELECT priority_level, first_response_minutes FROM inbox_sla_policy
      WHERE workspace_id = ${ctx.workspaceId} ORDER BY first_response_minutes`.execute(ctx.db);
    return result.rows;
  });
}

/** resources: an SLA policy exists. */
export function checkSlaPolicy(policies: Probe<SlaPolicyRow>): CheckAnswer {
  const id = 'sla_policy_set';
  if ('missing' in policies) return answer(id, 'not_configured', [policies.missing]);
  if (policies.rows.length === 0) return answer(id, 'fail', [{ code: 'sla_policy_none' }]);
  const names = policies.rows.map((p) => `${p.priority_level} ${p.first_response_minutes} min`);
  return answer(id, 'pass', [
    { code: 'sla_policy_found', values: { count: names.length, names: list(names) } },
  ]);
}

/**
 * crisis_management: approved holding statements in every campaign language, from the campaign's
 * incidents or from crisis drills run for it (the crisis capability drafts them per incident).
 */
export async function checkHoldingStatements(ctx: EvidenceContext): Promise<CheckAnswer> {
  const id = 'holding_statements_translated';
  const statements = await probe(
    ctx.db,
    'crisis',
    ['holding_statement', 'incident', 'crisis_drill'],
    async () => {
      const result = await sql<{ language: string; count: number }>`
        SELECT h.language, count(*)::int AS count
        FROM holding_statement h JOIN incident i ON i.id = h.incident_id
        WHERE i.workspace_id = ${ctx.workspaceId} AND h.status = 'approved'
          AND (i.campaign_id = ${ctx.campaign.id}
               OR i.id IN (SELECT incident_id FROM crisis_drill
                           WHERE workspace_id = ${ctx.workspaceId} AND source_campaign_id = ${ctx.campaign.id}))
        GROUP BY h.language ORDER BY h.language`.execute(ctx.db);
      return result.rows;
    },
  );
  if ('missing' in statements) return answer(id, 'not_configured', [statements.missing]);
  if (statements.rows.length === 0) return answer(id, 'fail', [{ code: 'holding_none' }]);
  const present = statements.rows.map((row) => row.language);
  const missing = missingLanguages(ctx.campaign.languages, present);
  if (missing.length > 0) {
    return answer(id, 'partial', [
      { code: 'holding_missing_languages', values: { languages: list(missing), present: list(present) } },
    ]);
  }
  const count = statements.rows.reduce((sum, row) => sum + row.count, 0);
  return answer(id, 'pass', [
    { code: 'holding_complete', values: { count, languages: list(ctx.campaign.languages) } },
  ]);
}

/**
 * crisis_management: the campaign's playbook has an owner (named in the readiness plan) and an
 * escalation contact (an alert route for the campaign that escalates to a second channel).
 */
export async function checkPlaybook(ctx: EvidenceContext, ownerId: string | null): Promise<CheckAnswer> {
  const id = 'playbook_owner_escalation';
  const playbooks = await probe(ctx.db, 'crisis', ['crisis_setting'], async () => {
    const result = await sql<{ steps: number | null }>`
      SELECT jsonb_array_length(playbook)::int AS steps FROM crisis_setting
      WHERE workspace_id = ${ctx.workspaceId} AND campaign_id = ${ctx.campaign.id}`.execute(ctx.db);
    return result.rows;
  });
  if ('missing' in playbooks) return answer(id, 'not_configured', [playbooks.missing]);
  const escalations = await probe(ctx.db, 'alerts', ['alert_route', 'alert_channel'], async () => {
    const result = await sql<{ channel: string; minutes: number | null }>`
      SELECT c.name AS channel, r.escalate_after_minutes AS minutes
      FROM alert_route r JOIN alert_channel c ON c.id = r.escalation_channel_id
      WHERE r.workspace_id = ${ctx.workspaceId} AND c.enabled
        AND (r.campaign_id IS NULL OR r.campaign_id = ${ctx.campaign.id})
      ORDER BY (r.campaign_id IS NULL), c.name`.execute(ctx.db);
    return result.rows;
  });
  if ('missing' in escalations) return answer(id, 'not_configured', [escalations.missing]);
  const steps = playbooks.rows[0]?.steps ?? null;
  const playbook = steps === null ? 'default' : `custom, ${steps} steps`;
  const owner =
    ownerId === null
      ? undefined
      : (
          await sql<{ name: string }>`
            SELECT display_name AS name FROM app_user
            WHERE workspace_id = ${ctx.workspaceId} AND id = ${ownerId}`.execute(ctx.db)
        ).rows[0]?.name;
  const escalation = escalations.rows[0];
  if (owner !== undefined && escalation !== undefined) {
    const after = escalation.minutes === null ? '' : ` after ${escalation.minutes} min`;
    return answer(id, 'pass', [
      { code: 'playbook_ok', values: { playbook, owner, escalation: `${escalation.channel}${after}` } },
    ]);
  }
  const findings: Finding[] = [];
  if (owner === undefined) findings.push({ code: 'playbook_owner_missing', values: { playbook } });
  if (escalation === undefined) findings.push({ code: 'playbook_escalation_missing', values: { playbook } });
  return answer(id, findings.length === 2 ? 'fail' : 'partial', findings);
}

const TEST_PING_MAX_AGE_MS = 30 * 86_400_000;

/** crisis_management: an enabled alert channel that answered a test ping in the last 30 days. */
export async function checkAlertChannel(ctx: EvidenceContext): Promise<CheckAnswer> {
  const id = 'alert_channel_tested';
  const channels = await probe(ctx.db, 'alerts', ['alert_channel'], async () => {
    const result = await sql<{ name: string; tested_at: Date | null; ok_at: Date | null }>`
      SELECT name, last_test_at AS tested_at, last_test_ok_at AS ok_at FROM alert_channel
      WHERE workspace_id = ${ctx.workspaceId} AND enabled
      ORDER BY last_test_ok_at DESC NULLS LAST, name`.execute(ctx.db);
    return result.rows;
  });
  if ('missing' in channels) return answer(id, 'not_configured', [channels.missing]);
  if (channels.rows.length === 0) return answer(id, 'fail', [{ code: 'alert_channel_none' }]);
  const day = (date: Date) => new Date(date).toISOString().slice(0, 10);
  const recent = channels.rows.find(
    (c) => c.ok_at !== null && ctx.now.getTime() - new Date(c.ok_at).getTime() <= TEST_PING_MAX_AGE_MS,
  );
  if (recent?.ok_at) {
    return answer(id, 'pass', [
      { code: 'alert_channel_ok', values: { channel: recent.name, when: day(recent.ok_at) } },
    ]);
  }
  return answer(
    id,
    'fail',
    channels.rows.map((c): Finding => {
      if (c.tested_at === null) return { code: 'alert_channel_untested', values: { channel: c.name } };
      if (c.ok_at === null || new Date(c.ok_at) < new Date(c.tested_at)) {
        return { code: 'alert_channel_test_failed', values: { channel: c.name, when: day(c.tested_at) } };
      }
      return { code: 'alert_channel_test_stale', values: { channel: c.name, when: day(c.ok_at) } };
    }),
  );
}

/** brand_consistency: reply templates in every campaign language. */
export async function checkReplyTemplates(ctx: EvidenceContext): Promise<CheckAnswer> {
  const id = 'reply_templates_translated';
  const templates = await probe(ctx.db, 'inbox', ['inbox_reply_template'], async () => {
    const result = await sql<{ language: string; count: number }>`
      SELECT language, count(*)::int AS count FROM inbox_reply_template
      WHERE workspace_id = ${ctx.workspaceId} GROUP BY language ORDER BY language`.execute(ctx.db);
    return result.rows;
  });
  if ('missing' in templates) return answer(id, 'not_configured', [templates.missing]);
  if (templates.rows.length === 0) return answer(id, 'fail', [{ code: 'templates_none' }]);
  const missing = missingLanguages(
    ctx.campaign.languages,
    templates.rows.map((row) => row.language),
  );
  if (missing.length > 0) {
    return answer(id, 'partial', [
      { code: 'templates_missing_languages', values: { languages: list(missing) } },
    ]);
  }
  const count = templates.rows.reduce((sum, row) => sum + row.count, 0);
  return answer(id, 'pass', [
    { code: 'templates_complete', values: { count, languages: list(ctx.campaign.languages) } },
  ]);
}

/** brand_consistency: the brand brief attached to the campaign. */
export function checkBrandBrief(campaign: Campaign): CheckAnswer {
  return campaign.brief === null
    ? answer('brand_brief_attached', 'fail', [{ code: 'brand_brief_missing' }])
    : answer('brand_brief_attached', 'pass', [{ code: 'brand_brief_attached' }]);
}

/** competitors: named, with the handles or words that find them. */
export function checkCompetitors(campaign: Campaign): CheckAnswer {
  const id = 'competitors_listed';
  if (campaign.competitors.length === 0) return answer(id, 'fail', [{ code: 'competitors_none' }]);
  const bare = campaign.competitors.filter((c) => c.handles.length === 0 && c.keywords.length === 0);
  if (bare.length > 0) {
    return answer(id, 'partial', [
      { code: 'competitors_without_terms', values: { names: list(bare.map((c) => c.name)) } },
    ]);
  }
  return answer(id, 'pass', [
    { code: 'competitors_complete', values: { names: list(campaign.competitors.map((c) => c.name)) } },
  ]);
}

/** competitors: listening running for the campaign's competitors. */
export async function checkCompetitorListening(ctx: EvidenceContext): Promise<CheckAnswer> {
  const id = 'competitor_listening';
  const mentions = await probe(ctx.db, 'listening', ['listening_mention'], async () => {
    const result = await sql<{ subject: string; posts: number }>`
      SELECT subject, count(*)::int AS posts FROM listening_mention
      WHERE campaign_id = ${ctx.campaign.id} AND subject <> ''
      GROUP BY subject ORDER BY subject`.execute(ctx.db);
    return result.rows;
  });
  if ('missing' in mentions) return answer(id, 'not_configured', [mentions.missing]);
  if (ctx.campaign.competitors.length === 0) return answer(id, 'fail', [{ code: 'listening_none' }]);
  const counted = new Map(mentions.rows.map((row) => [row.subject, row.posts]));
  const names = ctx.campaign.competitors.map((c) => `${c.name} (${counted.get(c.name) ?? 0})`);
  return answer(id, 'pass', [
    { code: 'listening_found', values: { count: ctx.campaign.competitors.length, names: list(names) } },
  ]);
}

/** privacy: a redaction policy that actually redacts. */
export async function checkRedactionPolicy(ctx: EvidenceContext): Promise<CheckAnswer> {
  const id = 'redaction_policy_set';
  const policies = await probe(ctx.db, 'privacy', ['privacy_policy'], async () => {
    const result = await sql<{ redaction: string; keep_original: boolean; retention_days: number | null }>`
      SELECT redaction, keep_original, retention_days FROM privacy_policy
      WHERE workspace_id = ${ctx.workspaceId}`.execute(ctx.db);
    return result.rows;
  });
  if ('missing' in policies) return answer(id, 'not_configured', [policies.missing]);
  const policy = policies.rows[0];
  if (!policy || policy.redaction === 'keep') {
    return answer(id, 'fail', [
      policy
        ? { code: 'redaction_found', values: { detail: 'keep (personal data stored as posted)' } }
        : { code: 'redaction_none' },
    ]);
  }
  const detail =
    `${policy.redaction}` +
    (policy.keep_original ? ', originals kept apart' : '') +
    (policy.retention_days === null ? '' : `, retention ${policy.retention_days} d`);
  return answer(id, 'pass', [{ code: 'redaction_found', values: { detail } }]);
}

/** privacy: a consent request text in every campaign language. */
export async function checkConsentText(ctx: EvidenceContext): Promise<CheckAnswer> {
  const id = 'consent_text_translated';
  const texts = await probe(ctx.db, 'privacy', ['privacy_consent_text'], async () => {
    const result = await sql<{ language: string }>`
      SELECT DISTINCT language FROM privacy_consent_text
      WHERE workspace_id = ${ctx.workspaceId} ORDER BY language`.execute(ctx.db);
    return result.rows;
  });
  if ('missing' in texts) return answer(id, 'not_configured', [texts.missing]);
  if (texts.rows.length === 0) return answer(id, 'fail', [{ code: 'consent_none' }]);
  const missing = missingLanguages(
    ctx.campaign.languages,
    texts.rows.map((row) => row.language),
  );
  return missing.length > 0
    ? answer(id, 'partial', [{ code: 'consent_missing_languages', values: { languages: list(missing) } }])
    : answer(id, 'pass', [{ code: 'consent_complete', values: { languages: list(ctx.campaign.languages) } }]);
}
