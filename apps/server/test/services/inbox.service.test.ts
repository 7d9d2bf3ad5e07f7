import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxReplyInputSchema, inboxTemplateInputSchema } from '@ombud/contract';
import { getItemDetail } from '../../src/services/inbox-item.service.ts';
import { evaluateOverflow } from '../../src/services/inbox-overflow.service.ts';
import {
  approveReply,
  reopenItem,
  resolveItem,
  saveTemplate,
  sendReply,
} from '../../src/services/inbox-reply.service.ts';
import {
  assignItemManually,
  assignOpenItems,
  claimItem,
  nextItemForAgent,
  rebalanceAssignments,
  upsertAgent,
} from '../../src/services/inbox-routing.service.ts';
import { upsertSlaPolicy } from '../../src/services/inbox-sla.service.ts';
import { listClusters, listSlaAtRisk, slaReport } from '../../src/repositories/inbox.repository.ts';
import {
  createInboxWorld,
  createUser,
  ingestPosts,
  itemIdsOf,
  runIntake,
  type InboxWorld,
} from '../support/inbox-fixtures.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/test-database.ts';
import demoBrief from '../../src/demo/demo-brief.json' with { type: 'json' };

const NOW = new Date('2026-03-02T12:00:00Z');
const refundQuestion = (n: number) => `My Nordvik kettle leaks after ${n} days, how do I get a refund?`;

describe.each(DATABASE_KINDS)('inbox on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database.close();
  });

  const db = () => database.db;
  const reply = (fields: Record<string, unknown>) =>
    inboxReplyInputSchema.parse({ resolve: true, ...fields });

  async function approvedTemplate(
    world: InboxWorld,
    ownerId: string,
    body: string,
    kind: 'template' | 'faq' = 'template',
    matchTerms: string[] = [],
  ) {
    return saveTemplate(
      db(),
      world.workspaceId,
      { id: ownerId, role: 'owner' },
      inboxTemplateInputSchema.parse({ kind, name: `t-${Math.random()}`, language: 'en', body, matchTerms }),
      null,
      NOW,
    );
  }

  it('makes one item per post that needs a person, even when the job runs twice at once, and clusters near-duplicates', async () => {
    const world = await createInboxWorld(db());
    const postIds = await ingestPosts(db(), world, [
      { text: refundQuestion(2), author: 'ana', createdAt: '2026-03-02T11:05:00Z' },
      { text: `RT @ana: ${refundQuestion(2)}`, author: 'bo', createdAt: '2026-03-02T11:10:00Z' },
      { text: refundQuestion(3), author: 'cy', createdAt: '2026-03-02T11:20:00Z' },
      {
        text: 'Mi hervidor Nordvik gotea después de dos días, ¿cómo consigo un reembolso?',
        author: 'dia',
        createdAt: '2026-03-02T11:30:00Z',
      },
      {
        text: 'Love my Nordvik kettle, best purchase this year',
        author: 'eve',
        createdAt: '2026-03-02T11:40:00Z',
      },
      {
        text: 'When do you ship the Nordvik kettle to Norway?',
        author: 'fay',
        createdAt: '2026-03-02T11:50:00Z',
      },
    ]);
    await Promise.all([runIntake(db(), postIds, NOW), runIntake(db(), postIds, NOW)]);
    await runIntake(db(), postIds, NOW);

    const items = await sql<{
      post_id: string;
      cluster_id: string;
      language: string;
      reasons: unknown[];
      priority_evidence: unknown[];
    }>`
      SELECT post_id::text AS post_id, cluster_id::text AS cluster_id, language, reasons, priority_evidence
      FROM inbox_item WHERE workspace_id = ${world.workspaceId} ORDER BY inbox_item.post_id
    `.execute(db());
    expect(items.rows.map((r) => r.post_id)).toEqual([
      postIds[0],
      postIds[1],
      postIds[2],
      postIds[3],
      postIds[5],
    ]);
    for (const item of items.rows) {
      expect(item.reasons.length).toBeGreaterThan(0);
      expect(item.priority_evidence.length).toBeGreaterThan(0);
    }
    const [a, b, c, d, f] = items.rows;
    expect(b?.cluster_id).toBe(a?.cluster_id);
    expect(c?.cluster_id).toBe(a?.cluster_id);
    expect(d?.cluster_id).not.toBe(a?.cluster_id);
    expect(d?.language).toBe('es');
    expect(f?.cluster_id).not.toBe(a?.cluster_id);
    const opened = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM inbox_item_event e JOIN inbox_item i ON i.id = e.item_id
      WHERE i.workspace_id = ${world.workspaceId} AND e.type = 'opened'`.execute(db());
    expect(opened.rows[0]?.n).toBe(5);

    const clusters = await listClusters(db(), world.workspaceId, NOW, { limit: 10 });
    expect(clusters[0]).toMatchObject({
      id: a?.cluster_id,
      size: 3,
      openItems: 3,
      languages: ['en'],
      representativePostId: postIds[0],
    });
    expect(clusters[0]?.representativeText).toBe(refundQuestion(2));
    expect(clusters[0]?.growth.lastHour).toBe(3);

    const detail = await getItemDetail(
      db(),
      world.workspaceId,
      (await itemIdsOf(db(), [postIds[2] as string]))[0] as string,
      NOW,
    );
    expect(detail.reasons.map((r) => r.rule)).toContain('intent:question');
    expect(detail.cluster).toMatchObject({ id: a?.cluster_id, size: 3 });
    expect(detail.cluster?.similarity).toBeGreaterThanOrEqual(0.6);
    expect(detail.currentPriority.evidence.map((e) => e.rule)).toContain('cluster');
  });

  it('a cluster reply reaches every member exactly once under retries and concurrent agents', async () => {
    const world = await createInboxWorld(db());
    const owner = await createUser(db(), world, 'Olga', 'owner');
    const members = 12;
    const postIds = await ingestPosts(
      db(),
      world,
      Array.from({ length: members }, (_, i) => ({
        text: i % 2 === 0 ? refundQuestion(2) : `RT @user${i}: ${refundQuestion(2)}`,
        author: `member${i}`,
        createdAt: `2026-03-02T10:${String(10 + i).padStart(2, '0')}:00Z`,
      })),
    );
    await runIntake(db(), postIds, NOW);
    const [cluster] = await listClusters(db(), world.workspaceId, NOW, { limit: 1 });
    expect(cluster?.size).toBe(members);
    const clusterId = cluster?.id as string;
    const agentA = await createUser(db(), world, 'Ana', 'agent', { languages: ['en'], maxLoad: 20 });
    const agentB = await createUser(db(), world, 'Bo', 'agent', { languages: ['en'], maxLoad: 20 });
    const template = await approvedTemplate(
      world,
      owner,
      'Hi {{author}}, sorry about the leak! {{agent}} will send a return label.',
    );

    // Conversations stay open after the reply, so only "already answered" protects a member from the other agent.
    const send = (userId: string, key: string, resolve = false) =>
      sendReply(
        db(),
        { workspaceId: world.workspaceId, userId },
        { kind: 'cluster', clusterId },
        reply({ idempotencyKey: key, templateId: template.id, resolve }),
        NOW,
      );
    // Agent A's client retries three times; agent B answers the same cluster at the same moment.
    const results = await Promise.allSettled([
      send(agentA, 'agent-a-reply-1'),
      send(agentA, 'agent-a-reply-1'),
      send(agentB, 'agent-b-reply-1'),
      send(agentA, 'agent-a-reply-1'),
      send(agentB, 'agent-b-reply-1'),
      send(agentB, 'agent-b-reply-2'),
    ]);
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    const replies = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof send>>>).value);
    expect(new Set(replies.filter((r) => r.authorId === agentA).map((r) => r.id)).size).toBe(1);
    expect(replies.every((r) => r.status === 'sent')).toBe(true);
    // Retry after everything settled: nothing new.
    const late = await send(agentA, 'agent-a-reply-1');
    expect(late.replayed).toBe(true);

    const outbox = await sql<{ item_id: string; post_id: string; body: string; n: number }>`
      SELECT o.item_id::text AS item_id, o.post_id::text AS post_id, min(o.body) AS body, count(*)::int AS n
      FROM inbox_outbox o JOIN inbox_item i ON i.id = o.item_id
      WHERE i.cluster_id = ${clusterId} GROUP BY o.item_id, o.post_id ORDER BY o.item_id
    `.execute(db());
    expect(outbox.rows).toHaveLength(members);
    expect(outbox.rows.every((r) => r.n === 1)).toBe(true);
    const handles = await sql<{ post_id: string; handle: string }>`
      SELECT p.id::text AS post_id, a.handle FROM post p JOIN author a ON a.id = p.author_id WHERE p.id = ANY(${postIds}::bigint[])
    `.execute(db());
    const handleOf = new Map(handles.rows.map((h) => [h.post_id, h.handle]));
    for (const row of outbox.rows) expect(row.body).toContain(`Hi @${handleOf.get(row.post_id)}, sorry`);
    const sentTotal = replies
      .filter((r, i, all) => all.findIndex((x) => x.id === r.id) === i)
      .reduce((s, r) => s + r.recipients, 0);
    expect(sentTotal).toBe(members);

    const items = await sql<{ status: string; first_response_at: Date | null }>`
      SELECT status, first_response_at FROM inbox_item WHERE cluster_id = ${clusterId}`.execute(db());
    expect(items.rows.every((r) => r.first_response_at !== null)).toBe(true);
    expect(items.rows.every((r) => r.status === 'open')).toBe(true);
    const responses = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM inbox_item_event e JOIN inbox_item i ON i.id = e.item_id
      WHERE i.cluster_id = ${clusterId} AND e.type = 'first_response'`.execute(db());
    expect(responses.rows[0]?.n).toBe(members);
  });

  it('never assigns anyone more than their maximum load, nor a language they do not speak, under concurrent assignment', async () => {
    const world = await createInboxWorld(db());
    const texts = [
      (i: number) => `${refundQuestion(i)} order ${i * 7919}`,
      (i: number) => `Mi hervidor Nordvik número ${i * 7919} gotea, ¿cómo consigo un reembolso?`,
      (i: number) => `Min Nordvik vattenkokare nummer ${i * 7919} läcker, hur får jag pengarna tillbaka?`,
    ];
    const posts = Array.from({ length: 45 }, (_, i) => ({
      text: (texts[i % 3] as (n: number) => string)(i + 1),
      author: `p${i}`,
      createdAt: '2026-03-02T11:00:00Z',
    }));
    await runIntake(db(), await ingestPosts(db(), world, posts), NOW);
    const en = await createUser(db(), world, 'En', 'agent', { languages: ['en'], maxLoad: 3 });
    const enEs = await createUser(db(), world, 'EnEs', 'agent', { languages: ['en', 'es'], maxLoad: 5 });
    const es = await createUser(db(), world, 'Es', 'agent', { languages: ['es'], maxLoad: 4 });
    const de = await createUser(db(), world, 'De', 'agent', { languages: ['de'], maxLoad: 10 });
    const agents = { [en]: ['en', 3], [enEs]: ['en|es', 5], [es]: ['es', 4], [de]: ['de', 10] } as Record<
      string,
      [string, number]
    >;

    const queue = await sql<{ id: string; language: string }>`
      SELECT id::text AS id, language FROM inbox_item WHERE workspace_id = ${world.workspaceId} AND status = 'open' ORDER BY id`.execute(
      db(),
    );
    const enItem = queue.rows.find((r) => r.language === 'en')?.id as string;
    const esItem = queue.rows.find((r) => r.language === 'es')?.id as string;
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 4; i++) work.push(assignOpenItems(db(), world.workspaceId, NOW));
    for (const agent of [en, enEs, es, de])
      for (let i = 0; i < 6; i++) work.push(nextItemForAgent(db(), world.workspaceId, agent, NOW));
    for (const row of queue.rows.slice(0, 12))
      for (const agent of [en, es])
        work.push(claimItem(db(), world.workspaceId, row.id, agent, NOW).catch(() => undefined));
    await Promise.all(work);

    const assigned = await sql<{ assignee_id: string; language: string }>`
      SELECT assignee_id, language FROM inbox_item WHERE workspace_id = ${world.workspaceId} AND assignee_id IS NOT NULL AND status = 'open'`.execute(
      db(),
    );
    const load = new Map<string, number>();
    for (const row of assigned.rows) {
      load.set(row.assignee_id, (load.get(row.assignee_id) ?? 0) + 1);
      const [languages] = agents[row.assignee_id] as [string, number];
      expect(languages.split('|')).toContain(row.language);
    }
    for (const [agent, [, max]] of Object.entries(agents))
      expect(load.get(agent) ?? 0).toBeLessThanOrEqual(max);
    // The queue had plenty of en and es work: everyone who speaks those is full.
    expect(load.get(en)).toBe(3);
    expect(load.get(enEs)).toBe(5);
    expect(load.get(es)).toBe(4);
    expect(load.get(de) ?? 0).toBe(0);

    await expect(assignItemManually(db(), world.workspaceId, esItem, de, en, NOW)).rejects.toThrow(
      /does not speak/,
    );
    await expect(claimItem(db(), world.workspaceId, enItem, de, NOW)).rejects.toThrow(
      /does not speak|assigned to someone else/,
    );
    const next = await nextItemForAgent(db(), world.workspaceId, de, NOW);
    expect(next.itemId).toBeNull();
  });

  it('spreads work evenly and moves it away from an agent who goes off shift', async () => {
    const world = await createInboxWorld(db());
    const posts = Array.from({ length: 12 }, (_, i) => ({
      text: `${refundQuestion(i + 1)} ticket ${i * 104729}`,
      author: `q${i}`,
      createdAt: '2026-03-02T11:00:00Z',
    }));
    await runIntake(db(), await ingestPosts(db(), world, posts), NOW);
    const one = await createUser(db(), world, 'One', 'agent', { languages: ['en'], maxLoad: 6 });
    const two = await createUser(db(), world, 'Two', 'agent', { languages: ['en'], maxLoad: 6 });
    // Three works Monday–Friday 08:00–10:00 in Stockholm: off shift at 13:00 local.
    const three = await createUser(db(), world, 'Three', 'agent', {
      languages: ['en'],
      maxLoad: 6,
      timeZone: 'Europe/Stockholm',
      workingHours: { mon: [{ start: '08:00', end: '10:00' }] },
    });
    expect(await assignOpenItems(db(), world.workspaceId, NOW, { limit: 8 })).toBe(8);
    const loads = async () => {
      const rows = await sql<{ assignee_id: string; n: number }>`
        SELECT assignee_id, count(*)::int AS n FROM inbox_item WHERE workspace_id = ${world.workspaceId} AND status = 'open' AND assignee_id IS NOT NULL GROUP BY assignee_id`.execute(
        db(),
      );
      return new Map(rows.rows.map((r) => [r.assignee_id, r.n]));
    };
    expect(await loads()).toEqual(
      new Map([
        [one, 4],
        [two, 4],
      ]),
    );

    await upsertAgent(
      db(),
      world.workspaceId,
      two,
      {
        languages: ['en'],
        markets: [],
        timeZone: 'UTC',
        workingHours: null,
        maxLoad: 6,
        itemsPerHour: 6,
        available: false,
      },
      NOW,
    );
    const moves = await rebalanceAssignments(db(), world.workspaceId, NOW, null);
    expect(moves.filter((m) => m.from === two && m.reason === 'agent_off_shift')).toHaveLength(4);
    const after = await loads();
    expect(after.get(two)).toBeUndefined();
    expect(after.get(three)).toBeUndefined();
    expect(after.get(one)).toBe(6);
    const monday9 = new Date('2026-03-02T08:00:00Z');
    const next = await nextItemForAgent(db(), world.workspaceId, three, monday9);
    expect(next.itemId).not.toBeNull();
  });

  it('SLA clocks run in business hours, stop when resolved and carry on when reopened', async () => {
    const world = await createInboxWorld(db());
    const actor = await createUser(db(), world, 'Sam', 'agent');
    const calendar = {
      timeZone: 'Europe/Stockholm',
      hours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]),
      ),
    };
    for (const level of ['low', 'normal', 'high', 'urgent'] as const)
      await upsertSlaPolicy(db(), world.workspaceId, level, {
        firstResponseMinutes: 120,
        resolutionMinutes: 480,
        warnBeforeMinutes: 30,
        calendar,
      });
    // Friday 6 March 2026, 16:00 in Stockholm (CET, UTC+1).
    const friday16 = new Date('2026-03-06T15:00:00Z');
    const [postId] = await ingestPosts(db(), world, [
      { text: refundQuestion(2), createdAt: friday16.toISOString() },
    ]);
    await runIntake(db(), [postId as string], friday16);
    const [itemId] = await itemIdsOf(db(), [postId as string]);
    const id = itemId as string;

    // 60 business minutes on Friday, the other 60 on Monday: due Monday 10:00 local.
    const opened = await getItemDetail(db(), world.workspaceId, id, friday16);
    expect(opened.slaDueAt).toBe('2026-03-09T09:00:00.000Z');
    expect(opened.sla.resolution.dueAt).toBe('2026-03-09T15:00:00.000Z'); // 60 Fri + 420 Mon → Mon 16:00
    // Saturday: the clock does not count.
    const saturday = await getItemDetail(db(), world.workspaceId, id, new Date('2026-03-07T12:00:00Z'));
    expect(saturday.sla.firstResponse.elapsedMinutes).toBe(60);
    expect(saturday.sla.firstResponse.state).toBe('running');

    // At risk from Monday 09:30 local (30 minutes before the first-response target).
    expect(
      (await listSlaAtRisk(db(), world.workspaceId, new Date('2026-03-09T08:20:00Z'), 10)).map((i) => i.id),
    ).not.toContain(id);
    expect(
      (await listSlaAtRisk(db(), world.workspaceId, new Date('2026-03-09T08:31:00Z'), 10)).map((i) => i.id),
    ).toContain(id);

    // Answered elsewhere Monday 09:30 local: first response met after 90 business minutes, clock stopped.
    const monday0930 = new Date('2026-03-09T08:30:00Z');
    await resolveItem(
      db(),
      world.workspaceId,
      id,
      'answered_elsewhere',
      'phoned the customer',
      actor,
      monday0930,
    );
    const resolved = await getItemDetail(db(), world.workspaceId, id, new Date('2026-03-09T15:00:00Z'));
    expect(resolved.status).toBe('resolved');
    expect(resolved.sla.firstResponse).toMatchObject({ state: 'met', elapsedMinutes: 90 });
    expect(resolved.sla.resolution).toMatchObject({ state: 'met', elapsedMinutes: 90 });
    expect(resolved.slaDueAt).toBeNull();

    // Reopened Monday 16:30 local: 390 minutes left → 30 on Monday, 360 on Tuesday → Tuesday 15:00 local.
    const monday1630 = new Date('2026-03-09T15:30:00Z');
    await reopenItem(db(), world.workspaceId, id, actor, monday1630);
    const reopened = await getItemDetail(db(), world.workspaceId, id, monday1630);
    expect(reopened.status).toBe('open');
    expect(reopened.sla.resolution).toMatchObject({
      state: 'running',
      elapsedMinutes: 90,
      dueAt: '2026-03-10T14:00:00.000Z',
    });
    expect(reopened.sla.firstResponse.state).toBe('met');
    expect(reopened.slaDueAt).toBe('2026-03-10T14:00:00.000Z');

    // Resolved for good on Tuesday 10:00 local: 90 + 30 + 60 = 180 minutes, within 480.
    await resolveItem(
      db(),
      world.workspaceId,
      id,
      'dismissed',
      null,
      actor,
      new Date('2026-03-10T09:00:00Z'),
    );
    const done = await getItemDetail(db(), world.workspaceId, id, new Date('2026-03-12T09:00:00Z'));
    expect(done.sla.resolution).toMatchObject({ state: 'met', elapsedMinutes: 180 });

    const report = await slaReport(
      db(),
      world.workspaceId,
      new Date('2026-03-01T00:00:00Z'),
      new Date('2026-03-08T00:00:00Z'),
      new Date('2026-03-12T09:00:00Z'),
    );
    expect(report).toMatchObject({
      items: 1,
      firstResponse: { responded: 1, metShare: 1, p50Minutes: 90, p90Minutes: 90 },
      resolution: { resolved: 1, metShare: 1 },
    });
  });

  it('holds a high-risk reply until someone other than its author approves it', async () => {
    const world = await createInboxWorld(db());
    const [postId] = await ingestPosts(db(), world, [
      { text: 'Nordvik I will find you and kill you', author: 'angry', createdAt: '2026-03-02T11:00:00Z' },
    ]);
    await runIntake(db(), [postId as string], NOW);
    const [itemId] = await itemIdsOf(db(), [postId as string]);
    const author = await createUser(db(), world, 'Writer', 'agent', { languages: ['en'], maxLoad: 5 });
    const second = await createUser(db(), world, 'Checker', 'analyst');
    const detail = await getItemDetail(db(), world.workspaceId, itemId as string, NOW);
    expect(detail.riskFlags).toContain('toxicity_threat');

    const draft = await sendReply(
      db(),
      { workspaceId: world.workspaceId, userId: author },
      { kind: 'item', itemId: itemId as string },
      reply({ idempotencyKey: 'threat-reply-1', body: 'We have passed this on.' }),
      NOW,
    );
    expect(draft.status).toBe('pending_approval');
    expect(draft.riskReasons.map((r) => r.rule)).toContain('risk:toxicity_threat');
    const outboxCount = async () =>
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM inbox_outbox WHERE item_id = ${itemId}`.execute(db())
      ).rows[0]?.n;
    expect(await outboxCount()).toBe(0);
    await expect(approveReply(db(), world.workspaceId, draft.id, author, NOW)).rejects.toThrow(
      /two-person rule/,
    );
    expect(await outboxCount()).toBe(0);
    const [approved, again] = await Promise.all([
      approveReply(db(), world.workspaceId, draft.id, second, NOW),
      approveReply(db(), world.workspaceId, draft.id, second, NOW),
    ]);
    expect([approved.status, again.status]).toEqual(['sent', 'sent']);
    expect(await outboxCount()).toBe(1);
  });

  it('overflow mode answers FAQ clusters automatically, holds low-priority items, tells the team, and ends', async () => {
    const world = await createInboxWorld(db());
    const owner = await createUser(db(), world, 'Owner', 'owner');
    await createUser(db(), world, 'Solo', 'agent', {
      languages: ['en', 'es', 'sv'],
      maxLoad: 2,
      itemsPerHour: 2,
    });
    const faq = await approvedTemplate(world, owner, 'Hi {{author}}! We ship to Norway from April.', 'faq', [
      'ship',
      'norway',
    ]);
    const posts = [
      ...Array.from({ length: 8 }, (_, i) => ({
        text: `When do you ship the Nordvik kettle to Norway? ${'?'.repeat(i)}`,
        author: `faq${i}`,
        createdAt: '2026-03-02T11:30:00Z',
      })),
      ...Array.from({ length: 6 }, (_, i) => ({
        text: `Does the Nordvik kettle come in colour number ${i * 977}?`,
        author: `low${i}`,
        createdAt: '2026-03-02T11:40:00Z',
      })),
    ];
    const postIds = await ingestPosts(db(), world, posts);
    await runIntake(db(), postIds, NOW);

    const settings = await sql<{ overflow_active: boolean }>`
      SELECT overflow_active FROM inbox_campaign_settings WHERE campaign_id = ${world.campaignId}`.execute(
      db(),
    );
    expect(settings.rows[0]?.overflow_active).toBe(true);
    const faqItems = await itemIdsOf(db(), postIds.slice(0, 8));
    const faqOutbox = await sql<{ n: number; bodies: string[] }>`
      SELECT count(*)::int AS n, array_agg(body) AS bodies FROM inbox_outbox WHERE item_id = ANY(${faqItems}::bigint[])`.execute(
      db(),
    );
    expect(faqOutbox.rows[0]?.n).toBe(8);
    expect(faqOutbox.rows[0]?.bodies.every((b) => b.endsWith('We ship to Norway from April.'))).toBe(true);
    const automatic = await sql<{ automatic: boolean; template_id: string }>`
      SELECT automatic, template_id FROM inbox_reply WHERE workspace_id = ${world.workspaceId}`.execute(db());
    expect(automatic.rows).toEqual([{ automatic: true, template_id: faq.id }]);
    const held = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM inbox_item WHERE campaign_id = ${world.campaignId} AND status = 'held'`.execute(
      db(),
    );
    expect(held.rows[0]?.n).toBeGreaterThan(0);
    const notices = await sql<{ kind: string; title: Record<string, string> }>`
      SELECT kind, title FROM inbox_notice WHERE workspace_id = ${world.workspaceId}`.execute(db());
    expect(notices.rows).toHaveLength(1);
    expect(Object.keys(notices.rows[0]?.title ?? {}).sort()).toEqual(['en', 'es', 'sv']);
    const alerts = await sql<{
      kind: string;
    }>`SELECT kind FROM alert WHERE workspace_id = ${world.workspaceId}`.execute(db());
    expect(alerts.rows.map((a) => a.kind)).toEqual(['inbox_overflow']);

    // Evaluating again sends nothing twice.
    const again = await evaluateOverflow(db(), world.workspaceId, world.campaignId, NOW);
    expect(again).toMatchObject({ overflow: true, changed: false, autoReplies: 0 });

    // The flood is dealt with: the backlog falls, overflow ends and held items come back.
    const open = await sql<{ id: string }>`
      SELECT id::text AS id FROM inbox_item WHERE campaign_id = ${world.campaignId} AND status <> 'resolved'`.execute(
      db(),
    );
    for (const row of open.rows)
      await resolveItem(db(), world.workspaceId, row.id, 'dismissed', null, owner, NOW);
    const calm = await evaluateOverflow(
      db(),
      world.workspaceId,
      world.campaignId,
      new Date(NOW.getTime() + 2 * 3_600_000),
    );
    expect(calm).toMatchObject({ overflow: false, changed: true });
    expect(
      (
        await sql<{
          kind: string;
        }>`SELECT kind FROM inbox_notice WHERE workspace_id = ${world.workspaceId} ORDER BY id`.execute(db())
      ).rows.map((r) => r.kind),
    ).toEqual(['overflow_on', 'overflow_off']);
  });

  it('crisis pre-moderation holds every reply, automatic overflow replies too, until a person approves', async () => {
    const world = await createInboxWorld(db());
    const owner = await createUser(db(), world, 'Owner', 'owner');
    await createUser(db(), world, 'Solo', 'agent', { languages: ['en'], maxLoad: 1, itemsPerHour: 1 });
    await approvedTemplate(world, owner, 'Hi {{author}}! We ship to Norway from April.', 'faq', [
      'ship',
      'norway',
    ]);
    await sql`INSERT INTO circuit_breaker (campaign_id, workspace_id, pre_moderation)
      VALUES (${world.campaignId}, ${world.workspaceId}, true)`.execute(db());
    const postIds = await ingestPosts(
      db(),
      world,
      Array.from({ length: 6 }, (_, i) => ({
        text: `When do you ship the Nordvik kettle to Norway?${'!'.repeat(i)}`,
        author: `pm${i}`,
        createdAt: '2026-03-02T11:30:00Z',
      })),
    );
    await runIntake(db(), postIds, NOW);
    const pending = await sql<{
      id: string;
      status: string;
      automatic: boolean;
      risk_reasons: { rule: string }[];
    }>`
      SELECT id, status, automatic, risk_reasons FROM inbox_reply WHERE workspace_id = ${world.workspaceId}`.execute(
      db(),
    );
    expect(pending.rows).toHaveLength(1);
    expect(pending.rows[0]).toMatchObject({ status: 'pending_approval', automatic: true });
    expect(pending.rows[0]?.risk_reasons.map((r) => r.rule)).toContain('pre-moderation');
    const [itemId] = await itemIdsOf(db(), postIds);
    const manual = await sendReply(
      db(),
      { workspaceId: world.workspaceId, userId: owner },
      { kind: 'item', itemId: itemId as string },
      reply({ idempotencyKey: 'pre-moderated-1', body: 'Thanks {{author}}' }),
      NOW,
    );
    expect(manual.status).toBe('pending_approval');
    const outbox = async () =>
      (
        await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM inbox_outbox WHERE workspace_id = ${world.workspaceId}`.execute(
          db(),
        )
      ).rows[0]?.n;
    expect(await outbox()).toBe(0);
    const approved = await approveReply(db(), world.workspaceId, pending.rows[0]?.id as string, owner, NOW);
    expect(approved).toMatchObject({ status: 'sent', recipients: 6 });
    expect(await outbox()).toBe(6);
  });

  it('flags contradicted and banned claims against the campaign brief, and personal data, in the same run as plain questions', async () => {
    const world = await createInboxWorld(db());
    await sql`UPDATE campaign SET brief = ${JSON.stringify(demoBrief)}::jsonb WHERE id = ${world.campaignId}`.execute(
      db(),
    );
    const texts = [
      'My Nordvik kettle never switches off, it kept boiling until I pulled the plug.',
      'The Nordvik kettle is indestructible, best buy ever, I have a complaint about the lid though.',
      'Where can I buy the Nordvik kettle in Madrid?',
      'Call me on +46 70 123 45 67 about my broken Nordvik kettle, I want a replacement',
      'Where can I buy the Nordvik kettle in Madrid?',
    ];
    const postIds = await ingestPosts(
      db(),
      world,
      texts.map((text, i) => ({ text, author: `claims${i}`, createdAt: `2026-03-02T11:0${i}:00Z` })),
    );
    await runIntake(db(), postIds, NOW);
    const items = await sql<{ post_id: string; risk_flags: string[] }>`
      SELECT post_id::text AS post_id, risk_flags FROM inbox_item WHERE workspace_id = ${world.workspaceId}
    `.execute(db());
    const flags = new Map(items.rows.map((r) => [r.post_id, r.risk_flags]));
    expect(flags.get(postIds[0] as string)).toContain('contradicted_claim');
    expect(flags.get(postIds[1] as string)).toContain('contradicted_claim');
    expect(flags.get(postIds[2] as string)).toEqual([]);
    expect(flags.get(postIds[3] as string)).toContain('personal_data');
    expect(flags.get(postIds[3] as string)).not.toContain('contradicted_claim');
    expect(flags.get(postIds[4] as string)).toEqual([]);
  });

  it('erasing a post removes its item, cluster entry and queued replies', async () => {
    const world = await createInboxWorld(db());
    const owner = await createUser(db(), world, 'Eraser', 'owner');
    const [postId] = await ingestPosts(db(), world, [
      { text: refundQuestion(9), author: 'gone', createdAt: '2026-03-02T11:00:00Z' },
    ]);
    await runIntake(db(), [postId as string], NOW);
    const [itemId] = await itemIdsOf(db(), [postId as string]);
    await sendReply(
      db(),
      { workspaceId: world.workspaceId, userId: owner },
      { kind: 'item', itemId: itemId as string },
      reply({ idempotencyKey: 'erase-me-1', body: 'Sorry {{author}}' }),
      NOW,
    );
    await sql`DELETE FROM post WHERE id = ${postId}`.execute(db());
    const left = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM inbox_item WHERE post_id = ${postId})::int + (SELECT count(*) FROM inbox_outbox WHERE post_id = ${postId})::int
           + (SELECT count(*) FROM inbox_cluster_entry WHERE post_id = ${postId})::int + (SELECT count(*) FROM inbox_cluster_band WHERE post_id = ${postId})::int AS n`.execute(
      db(),
    );
    expect(left.rows[0]?.n).toBe(0);
  });
});
