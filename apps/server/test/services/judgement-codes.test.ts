import { JUDGEMENT_CODES, readJudgement } from '@ombud/contract';
import {
  assessReplyRisk,
  checkBrandPost,
  chooseAssignee,
  compileBrandBrief,
  needsHuman,
  scoreInboxPriority,
  type BrandBrief,
} from '@ombud/core';
import { describe, expect, it } from 'vitest';

// Core is pure and cannot import the contract; this checks that every code it emits is one the
// contract (and so every web catalogue) knows, with parameters of the declared names and types.
const brief: BrandBrief = {
  brand: 'Nordvik',
  languages: ['en', 'es', 'sv'],
  hashtags: ['#MyNordvikStory'],
  defaultMarkets: { en: 'US', es: 'ES', sv: 'SE' },
  keyMessages: [],
  keyMessagesPerPost: 0,
  facts: [
    {
      id: 'warranty',
      subject: 'warranty',
      kind: 'warranty',
      text: { en: '2-year warranty.' },
      keywords: { en: ['warrant*'] },
      quantities: [{ value: 2, unit: 'year', markets: [] }],
      contradictions: {},
    },
    {
      id: 'safety',
      subject: 'lid safety',
      kind: 'safety',
      text: { en: 'The lid does not explode.' },
      keywords: { en: ['safe'] },
      quantities: [],
      contradictions: { en: ['explode*'] },
    },
  ],
  bannedClaims: [
    { id: 'never-breaks', phrases: { en: ['never breaks'] } },
    { id: 'cures', phrases: { en: ['cures colds'] }, reason: 'health claim' },
  ],
  bannedPhrases: { en: ['cheap'] },
  tone: {
    formality: 'neutral',
    profanity: 'allow',
    aggressiveLanguage: 'allow',
    extraProfanity: {},
    extraAggressive: {},
  },
  competitors: [],
  disclosure: { useDefaults: true, rules: [] },
};

/** The issues' message codes; every on-message and banned-claim issue must carry one. */
function issueCodes(
  issues: readonly { code: string; messageCode?: string; messageParams?: unknown }[],
): { code: string; params: unknown }[] {
  return issues
    .filter((issue) => issue.code !== 'DISCLOSURE_MISSING' && issue.code !== 'DISCLOSURE_MISPLACED')
    .filter((issue) => !issue.code.startsWith('CLAIM_'))
    .map((issue) => ({
      code: issue.messageCode ?? `missing for ${issue.code}`,
      params: issue.messageParams,
    }));
}

function collect(entries: readonly { code: string; params: unknown }[], into: Map<string, unknown>): void {
  for (const entry of entries) into.set(`${entry.code} ${JSON.stringify(entry.params)}`, entry);
}

describe('codes emitted by core judgements', () => {
  it('are all known to the contract, with well-typed parameters', () => {
    const seen = new Map<string, unknown>();
    const compiled = compileBrandBrief(brief);
    for (const [text, advocate] of [
      ['It has a 5-year warranty and the lid explodes.', true],
      ['The lid does not explode, it has a 2-year warranty. #ad', true],
      ['It never breaks! The best kettle ever made.', false],
      ['Great kettle, the warranty is 2 years.', true],
      ['Sponsored: this kettle is safe.', true],
      ['Love it, lasts 10 years and never breaks', true],
      ['This kettle cures colds.', false],
    ] as const) {
      const check = checkBrandPost(compiled, { text, language: 'en', advocate });
      collect(
        check.claims.map((c) => ({ code: c.evidence.reasonCode, params: c.evidence.reasonParams })),
        seen,
      );
      collect(
        [{ code: check.disclosure.evidence.reasonCode, params: check.disclosure.evidence.reasonParams }],
        seen,
      );
      collect(issueCodes(check.issues), seen);
    }
    // Key messages, tone and competitors: a brief that asks for them all.
    const strict = compileBrandBrief({
      ...brief,
      keyMessages: [{ id: 'quiet', text: { en: 'Quiet.' }, keywords: { en: ['quiet'] } }],
      keyMessagesPerPost: 1,
      tone: { ...brief.tone, formality: 'formal', profanity: 'forbid', aggressiveLanguage: 'forbid' },
      competitors: [{ name: 'Kettlo', handles: [], keywords: [] }],
    });
    for (const formality of ['formal', 'neutral'] as const) {
      const check = checkBrandPost(
        formality === 'formal'
          ? strict
          : compileBrandBrief({ ...strict.brief, tone: { ...strict.brief.tone, formality } }),
        {
          text: 'OMG this is damn cheap, way better than Kettlo, shut up haters!!! LOL WOW YES',
          language: 'en',
          advocate: false,
        },
      );
      collect(issueCodes(check.issues), seen);
      collect(issueCodes(check.onMessage.issues), seen);
    }
    const priority = scoreInboxPriority({
      followers: 50_000,
      verified: true,
      sentimentScore: -0.7,
      intents: [{ label: 'complaint', confidence: 0.8 }],
      riskFlags: ['toxicity_threat', 'personal_data'],
      ageMinutes: 90,
      slaFirstResponseMinutes: 60,
      clusterSize: 4,
    });
    collect(priority.evidence, seen);
    // A threat on a quiet post: the flag lifts the level above what the points give.
    collect(
      scoreInboxPriority({
        followers: null,
        verified: false,
        sentimentScore: 0,
        intents: [],
        riskFlags: ['toxicity_threat'],
        ageMinutes: 0,
        slaFirstResponseMinutes: null,
        clusterSize: 1,
      }).evidence,
      seen,
    );
    collect(
      needsHuman({
        intents: [{ label: 'question', confidence: 0.9 }],
        sentimentScore: -0.8,
        followers: 5000,
        riskFlags: ['crisis_cluster'],
      }).reasons,
      seen,
    );
    collect(
      assessReplyRisk({
        riskFlags: ['personal_data'],
        level: 'urgent',
        recipients: 60,
        fromApprovedTemplate: false,
      }).reasons,
      seen,
    );
    collect(
      assessReplyRisk({ riskFlags: [], level: 'low', recipients: 3, fromApprovedTemplate: false }).reasons,
      seen,
    );
    const agent = { id: 'a', languages: ['en'], markets: ['US'], maxLoad: 2, currentLoad: 1, onShift: true };
    for (const [item, agents] of [
      [{ language: 'en', market: 'US' }, [agent]],
      [{ language: 'en', market: 'GB' }, [{ ...agent, markets: [] }]],
      [{ language: 'en', market: 'GB' }, [agent]],
      [{ language: 'sv', market: null }, [agent]],
      [{ language: 'en', market: null }, [{ ...agent, currentLoad: 2 }]],
      [{ language: 'en', market: null }, [{ ...agent, onShift: false }]],
    ] as const)
      collect(chooseAssignee(item, agents).evidence, seen);

    const bad = [...seen.entries()].filter(([, entry]) => {
      const { code, params } = entry as { code: string; params: unknown };
      return readJudgement(code, params) === undefined;
    });
    expect(bad.map(([key]) => key)).toEqual([]);
    const codes = new Set([...seen.values()].map((entry) => (entry as { code: string }).code));
    // The inputs above reach most codes; the rest are checked by type (every emitter is typed as string).
    for (const code of [
      'claim.figureDiffers',
      'claim.ruledOut',
      'claim.banned',
      'disclosure.missing',
      'priority.levelFloor',
      'priority.slaBreached',
      'needsHuman.negativeWithReach',
      'replyRisk.broadcast',
      'replyRisk.freeTextBroadcast',
      'routing.marketAnyCover',
      'routing.marketOutside',
      'routing.noSpeaker',
      'routing.allAtCapacity',
      'routing.noAgentOnShift',
      'brand.bannedClaim',
      'brand.bannedClaimBecause',
      'onMessage.keyMessageMissing',
      'onMessage.bannedPhrase',
      'onMessage.profanity',
      'onMessage.aggressive',
      'onMessage.competitor',
      'onMessage.informalFormal',
      'onMessage.informalNeutral',
    ])
      expect(codes, code).toContain(code);
    expect(Object.keys(JUDGEMENT_CODES).length).toBeGreaterThan(codes.size);
  });
});
