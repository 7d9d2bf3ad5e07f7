import {
  inboxAgentInputSchema,
  inboxAgentSchema,
  inboxAssignInputSchema,
  inboxCampaignSettingsSchema,
  inboxClusterSchema,
  inboxIdSchema,
  inboxItemDetailSchema,
  inboxItemListQuerySchema,
  inboxItemSchema,
  inboxNoticeSchema,
  inboxOverflowResultSchema,
  inboxPriorityLevelSchema,
  inboxRebalanceResultSchema,
  inboxReplyInputSchema,
  inboxReplyLanguageSchema,
  inboxReplySchema,
  inboxResolveInputSchema,
  inboxSlaPolicyInputSchema,
  inboxSlaPolicySchema,
  inboxSlaReportSchema,
  inboxTemplateInputSchema,
  inboxTemplateSchema,
  needsHumanRulesSchema,
  type Role,
} from '@ombud/contract';
import type { BusinessCalendar } from '@ombud/core';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { actorOf, appendAudit } from '../../services/audit-log.service.ts';
import {
  findItem,
  listClusters,
  listItems,
  listSlaAtRisk,
  slaReport,
} from '../../repositories/inbox.repository.ts';
import { getItemDetail } from '../../services/inbox-item.service.ts';
import {
  evaluateOverflow,
  getCampaignSettings,
  listNotices,
  saveCampaignRules,
} from '../../services/inbox-overflow.service.ts';
import {
  approveReply,
  deleteTemplate,
  listPendingReplies,
  listTemplates,
  rejectReply,
  reopenItem,
  resolveItem,
  saveTemplate,
  sendReply,
} from '../../services/inbox-reply.service.ts';
import {
  assignItemManually,
  assignOpenItems,
  claimItem,
  deleteAgent,
  listAgents,
  nextItemForAgent,
  rebalanceAssignments,
  upsertAgent,
} from '../../services/inbox-routing.service.ts';
import { listSlaPolicies, upsertSlaPolicy } from '../../services/inbox-sla.service.ts';
import { requirePrincipal } from '../access.ts';
import type { HttpApp, RouteDependencies } from '../app.ts';

/** Read the inbox (items contain strangers' posts; advocate managers have no business there). */
const READ: readonly Role[] = ['owner', 'analyst', 'agent', 'viewer'];
/** Work items: take, reply, approve, resolve. */
const WORK: readonly Role[] = ['owner', 'analyst', 'agent'];
/** Manage agents, SLA policies, campaign rules, overflow. */
const MANAGE: readonly Role[] = ['owner', 'analyst'];

const itemParams = z.object({ id: inboxIdSchema });
const uuidParams = z.object({ id: z.uuid() });
const tags = ['inbox'];

export function registerInboxRoutes(app: HttpApp, deps: RouteDependencies): void {
  const { db, clock } = deps;
  const who = (request: { principal: Parameters<typeof requirePrincipal>[0] }) =>
    requirePrincipal(request.principal);

  const audit = (
    principal: ReturnType<typeof who>,
    action: string,
    itemId: string | null,
    details: Record<string, number> = {},
  ) =>
    appendAudit(db, {
      workspaceId: principal.workspaceId,
      actor: actorOf(principal),
      action,
      ...(itemId === null ? {} : { target: { kind: 'inbox_item', id: itemId } }),
      details,
      occurredAt: clock(),
    });

  async function detailOrNull(workspaceId: string, itemId: string | null) {
    return itemId === null ? null : getItemDetail(db, workspaceId, itemId, clock());
  }

  app.get(
    '/api/inbox/next',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags,
        summary:
          "The caller's next item: their most urgent open item, or the most urgent unassigned one they can take",
        response: {
          200: z.object({
            item: inboxItemDetailSchema.nullable(),
            reason: z.string().nullable(),
            pulled: z.boolean(),
          }),
        },
      },
    },
    async (request) => {
      const p = who(request);
      const next = await nextItemForAgent(db, p.workspaceId, p.id, clock());
      return {
        item: await detailOrNull(p.workspaceId, next.itemId),
        reason: next.itemId === null ? next.reason : null,
        pulled: next.itemId !== null && next.pulled,
      };
    },
  );

  app.get(
    '/api/inbox/items',
    {
      config: { access: { roles: READ } },
      schema: { tags, querystring: inboxItemListQuerySchema, response: { 200: z.array(inboxItemSchema) } },
    },
    async (request) => {
      const p = who(request);
      const q = request.query;
      const items = await listItems(db, p.workspaceId, {
        status: q.status,
        campaignId: q.campaignId,
        clusterId: q.clusterId,
        language: q.language,
        assigneeId:
          q.assignee === undefined
            ? undefined
            : q.assignee === 'me'
              ? p.id
              : q.assignee === 'none'
                ? null
                : q.assignee,
        priority: q.priority,
        limit: q.limit,
        offset: q.offset,
      });
      // Items carry strangers' words and handles: who read them is on the audit log.
      await audit(p, 'inbox.items.read', null, { count: items.length });
      return items;
    },
  );

  app.get(
    '/api/inbox/items/:id',
    {
      config: { access: { roles: READ } },
      schema: {
        tags,
        summary: 'An item with its evidence, SLA clocks, history and replies',
        params: itemParams,
        response: { 200: inboxItemDetailSchema },
      },
    },
    async (request) => {
      const p = who(request);
      const detail = await getItemDetail(db, p.workspaceId, request.params.id, clock());
      await audit(p, 'inbox.item.read', request.params.id);
      return detail;
    },
  );

  app.post(
    '/api/inbox/items/:id/claim',
    {
      config: { access: { roles: WORK } },
      schema: { tags, params: itemParams, response: { 200: inboxItemSchema } },
    },
    async (request) => {
      const p = who(request);
      await claimItem(db, p.workspaceId, request.params.id, p.id, clock());
      return (await findItem(db, p.workspaceId, request.params.id))!;
    },
  );

  app.post(
    '/api/inbox/items/:id/assign',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags,
        summary: 'Assign to an agent (within their languages and load) or, with null, back to the queue',
        params: itemParams,
        body: inboxAssignInputSchema,
        response: { 200: inboxItemSchema },
      },
    },
    async (request) => {
      const p = who(request);
      await assignItemManually(db, p.workspaceId, request.params.id, request.body.agentId, p.id, clock());
      return (await findItem(db, p.workspaceId, request.params.id))!;
    },
  );

  app.post(
    '/api/inbox/items/:id/reply',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags,
        params: itemParams,
        body: inboxReplyInputSchema,
        response: { 200: inboxReplySchema, 201: inboxReplySchema, 202: inboxReplySchema },
      },
    },
    async (request, reply) => {
      const p = who(request);
      const sent = await sendReply(
        db,
        { workspaceId: p.workspaceId, userId: p.id },
        { kind: 'item', itemId: request.params.id },
        request.body,
        clock(),
      );
      return reply.status(sent.replayed ? 200 : sent.status === 'pending_approval' ? 202 : 201).send(sent);
    },
  );

  app.post(
    '/api/inbox/items/:id/resolve',
    {
      config: { access: { roles: WORK } },
      schema: { tags, params: itemParams, body: inboxResolveInputSchema, response: { 200: inboxItemSchema } },
    },
    async (request) => {
      const p = who(request);
      const now = clock();
      await resolveItem(
        db,
        p.workspaceId,
        request.params.id,
        request.body.resolution,
        request.body.note ?? null,
        p.id,
        now,
      );
      await assignOpenItems(db, p.workspaceId, now, { limit: 20 });
      return (await findItem(db, p.workspaceId, request.params.id))!;
    },
  );

  app.post(
    '/api/inbox/items/:id/answered-elsewhere',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags,
        summary: 'Record that the person got an answer on another channel',
        params: itemParams,
        body: z.object({ note: z.string().max(500).optional() }),
        response: { 200: inboxItemSchema },
      },
    },
    async (request) => {
      const p = who(request);
      await resolveItem(
        db,
        p.workspaceId,
        request.params.id,
        'answered_elsewhere',
        request.body.note ?? null,
        p.id,
        clock(),
      );
      return (await findItem(db, p.workspaceId, request.params.id))!;
    },
  );

  app.post(
    '/api/inbox/items/:id/reopen',
    {
      config: { access: { roles: WORK } },
      schema: { tags, params: itemParams, response: { 200: inboxItemSchema } },
    },
    async (request) => {
      const p = who(request);
      const now = clock();
      await reopenItem(db, p.workspaceId, request.params.id, p.id, now);
      await assignOpenItems(db, p.workspaceId, now, { itemIds: [request.params.id] });
      return (await findItem(db, p.workspaceId, request.params.id))!;
    },
  );

  app.get(
    '/api/inbox/clusters',
    {
      config: { access: { roles: READ } },
      schema: {
        tags,
        querystring: z.object({
          campaignId: z.uuid().optional(),
          minSize: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.array(inboxClusterSchema) },
      },
    },
    async (request) => listClusters(db, who(request).workspaceId, clock(), request.query),
  );

  app.post(
    '/api/inbox/clusters/:id/reply',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags,
        summary:
          'Reply once to every unanswered member of a cluster, personalised; retries with the same key send nothing twice',
        params: itemParams,
        body: inboxReplyInputSchema,
        response: { 200: inboxReplySchema, 201: inboxReplySchema, 202: inboxReplySchema },
      },
    },
    async (request, reply) => {
      const p = who(request);
      const sent = await sendReply(
        db,
        { workspaceId: p.workspaceId, userId: p.id },
        { kind: 'cluster', clusterId: request.params.id },
        request.body,
        clock(),
      );
      return reply.status(sent.replayed ? 200 : sent.status === 'pending_approval' ? 202 : 201).send(sent);
    },
  );

  app.get(
    '/api/inbox/replies/pending',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags,
        summary: 'Replies waiting for a second person',
        response: { 200: z.array(inboxReplySchema) },
      },
    },
    async (request) => listPendingReplies(db, who(request).workspaceId),
  );

  app.post(
    '/api/inbox/replies/:id/approve',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags,
        summary: 'Approve (and send) a reply written by someone else',
        params: uuidParams,
        response: { 200: inboxReplySchema },
      },
    },
    async (request) => {
      const p = who(request);
      return approveReply(db, p.workspaceId, request.params.id, p.id, clock());
    },
  );

  app.post(
    '/api/inbox/replies/:id/reject',
    {
      config: { access: { roles: WORK } },
      schema: { tags, params: uuidParams, response: { 200: inboxReplySchema } },
    },
    async (request) => {
      const p = who(request);
      return rejectReply(db, p.workspaceId, request.params.id, p.id, clock());
    },
  );

  app.get(
    '/api/inbox/templates',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags,
        summary: "Approved templates and FAQs, and the caller's saved replies",
        querystring: z.object({ language: inboxReplyLanguageSchema.optional() }),
        response: { 200: z.array(inboxTemplateSchema) },
      },
    },
    async (request) => {
      const p = who(request);
      return listTemplates(db, p.workspaceId, p.id, request.query.language);
    },
  );

  app.post(
    '/api/inbox/templates',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags,
        summary: 'Templates and FAQs: owners and analysts; saved replies: anyone who works items',
        body: inboxTemplateInputSchema,
        response: { 201: inboxTemplateSchema },
      },
    },
    async (request, reply) => {
      const p = who(request);
      return reply
        .status(201)
        .send(await saveTemplate(db, p.workspaceId, { id: p.id, role: p.role }, request.body, null, clock()));
    },
  );

  app.put(
    '/api/inbox/templates/:id',
    {
      config: { access: { roles: WORK } },
      schema: {
        tags,
        params: uuidParams,
        body: inboxTemplateInputSchema,
        response: { 200: inboxTemplateSchema },
      },
    },
    async (request) => {
      const p = who(request);
      return saveTemplate(
        db,
        p.workspaceId,
        { id: p.id, role: p.role },
        request.body,
        request.params.id,
        clock(),
      );
    },
  );

  app.delete(
    '/api/inbox/templates/:id',
    { config: { access: { roles: WORK } }, schema: { tags, params: uuidParams } },
    async (request, reply) => {
      const p = who(request);
      await deleteTemplate(db, p.workspaceId, { id: p.id, role: p.role }, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/inbox/agents',
    { config: { access: { roles: READ } }, schema: { tags, response: { 200: z.array(inboxAgentSchema) } } },
    async (request) => listAgents(db, who(request).workspaceId, clock()),
  );

  app.put(
    '/api/inbox/agents/:id',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: "Create or change a user's agent profile: languages, markets, hours, maximum load",
        params: uuidParams,
        body: inboxAgentInputSchema,
        response: { 200: inboxAgentSchema },
      },
    },
    async (request) => upsertAgent(db, who(request).workspaceId, request.params.id, request.body, clock()),
  );

  app.delete(
    '/api/inbox/agents/:id',
    { config: { access: { roles: MANAGE } }, schema: { tags, params: uuidParams } },
    async (request, reply) => {
      if (!(await deleteAgent(db, who(request).workspaceId, request.params.id)))
        throw new AppError('NOT_FOUND', `no agent profile for user ${request.params.id}`);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/inbox/rebalance',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Move work from agents off shift or over their load; hand out the queue',
        response: { 200: inboxRebalanceResultSchema },
      },
    },
    async (request) => {
      const p = who(request);
      return { moves: await rebalanceAssignments(db, p.workspaceId, clock(), p.id) };
    },
  );

  app.get(
    '/api/inbox/sla-policies',
    {
      config: { access: { roles: READ } },
      schema: { tags, response: { 200: z.array(inboxSlaPolicySchema) } },
    },
    async (request) => listSlaPolicies(db, who(request).workspaceId),
  );

  app.put(
    '/api/inbox/sla-policies/:level',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        params: z.object({ level: inboxPriorityLevelSchema }),
        body: inboxSlaPolicyInputSchema,
        response: { 200: z.array(inboxSlaPolicySchema) },
      },
    },
    async (request) => {
      const p = who(request);
      if (request.body.warnBeforeMinutes >= request.body.firstResponseMinutes)
        throw new AppError(
          'VALIDATION_FAILED',
          'body.warnBeforeMinutes: must be less than firstResponseMinutes',
        );
      await upsertSlaPolicy(db, p.workspaceId, request.params.level, {
        ...request.body,
        calendar: request.body.calendar as BusinessCalendar | null,
      });
      return listSlaPolicies(db, p.workspaceId);
    },
  );

  app.get(
    '/api/inbox/sla/at-risk',
    {
      config: { access: { roles: READ } },
      schema: {
        tags,
        summary: 'Open items in their SLA warning window or breached, soonest due first',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.array(inboxItemSchema) },
      },
    },
    async (request) => listSlaAtRisk(db, who(request).workspaceId, clock(), request.query.limit),
  );

  app.get(
    '/api/inbox/reports/sla',
    {
      config: { access: { roles: READ } },
      schema: {
        tags,
        summary:
          'Share of SLAs met, p50/p90 first response (SLA minutes) for items opened in the period; backlog now',
        querystring: z.object({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 200: inboxSlaReportSchema },
      },
    },
    async (request) => {
      const now = clock();
      const to = request.query.to === undefined ? now : new Date(request.query.to);
      const from =
        request.query.from === undefined
          ? new Date(to.getTime() - 7 * 86_400_000)
          : new Date(request.query.from);
      if (from >= to) throw new AppError('VALIDATION_FAILED', 'querystring.from: must be before "to"');
      return slaReport(db, who(request).workspaceId, from, to, now);
    },
  );

  app.get(
    '/api/inbox/campaigns/:id/settings',
    {
      config: { access: { roles: READ } },
      schema: { tags, params: uuidParams, response: { 200: inboxCampaignSettingsSchema } },
    },
    async (request) => getCampaignSettings(db, who(request).workspaceId, request.params.id),
  );

  app.put(
    '/api/inbox/campaigns/:id/rules',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Which posts of the campaign need a person',
        params: uuidParams,
        body: needsHumanRulesSchema,
        response: { 200: inboxCampaignSettingsSchema },
      },
    },
    async (request) => saveCampaignRules(db, who(request).workspaceId, request.params.id, request.body),
  );

  app.post(
    '/api/inbox/campaigns/:id/overflow/evaluate',
    {
      config: { access: { roles: MANAGE } },
      schema: {
        tags,
        summary: 'Forecast the backlog against capacity now and switch overflow mode',
        params: uuidParams,
        response: { 200: inboxOverflowResultSchema },
      },
    },
    async (request) => evaluateOverflow(db, who(request).workspaceId, request.params.id, clock()),
  );

  app.get(
    '/api/inbox/notices',
    {
      config: { access: { roles: READ } },
      schema: {
        tags,
        summary: 'What the inbox told the team (overflow on/off), in en, es and sv',
        response: { 200: z.array(inboxNoticeSchema) },
      },
    },
    async (request) => listNotices(db, who(request).workspaceId, 50),
  );
}
