// Builds the labelled PII test set (dev.jsonl, test.jsonl) from templates and seeded value
// generators. Run: npx tsx apps/server/bench/pii-testset/generate.ts
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { devTemplates } from './templates.dev.ts';
import { testTemplates } from './templates.test.ts';
import * as v from './values.ts';
import type { Language, Rng, Split } from './values.ts';

export type LabelledEntity = { type: string; start: number; end: number; value: string };
export type LabelledSentence = {
  id: string;
  split: Split;
  lang: Language;
  text: string;
  entities: LabelledEntity[];
};

const SENTENCES_PER_LANGUAGE = 200;
const SEEDS: Record<Split, number> = { dev: 20240611, test: 77031999 };

function fillSlot(slot: string, rng: Rng, split: Split, lang: Language): string {
  switch (slot) {
    case 'EMAIL':
      return v.email(rng, split, lang);
    case 'PHONE':
      return v.phoneFor(rng, lang);
    case 'CREDIT_CARD':
      return v.creditCard(rng);
    case 'IBAN':
      return v.iban(rng, lang);
    case 'SE_PERSONNUMMER':
      return v.personnummer(rng);
    case 'ES_DNI':
      return v.dni(rng);
    case 'ES_NIE':
      return v.nie(rng);
    case 'US_SSN':
      return v.ssn(rng);
    case 'IP_ADDRESS':
      return v.ipAddress(rng);
    case 'STREET_ADDRESS':
      return v.streetAddress(rng, split, lang);
    case 'PERSON':
      return v.personName(rng, split, lang);
    case 'ORDER_NUMBER':
      return v.orderNumber(rng);
    case 'price':
      return v.price(rng, lang);
    case 'amount':
      return v.amount(rng, lang);
    case 'date':
      return v.date(rng, lang);
    case 'time':
      return v.time(rng, lang);
    case 'order':
      return v.otherOrder(rng);
    case 'flight':
      return v.flight(rng);
    case 'tracking':
      return v.tracking(rng);
    case 'version':
      return v.version(rng);
    case 'badcard':
      return v.badCard(rng);
    case 'badiban':
      return v.badIban(rng, lang);
    case 'badpnr':
      return v.personnummer(rng, { valid: false });
    case 'baddni':
      return v.dni(rng, { valid: false });
    default:
      throw new Error(`unknown slot {${slot}}`);
  }
}

/** Fills one template; upper-case slots become labelled entities with exact spans. */
export function instantiate(
  template: string,
  rng: Rng,
  split: Split,
  lang: Language,
): { text: string; entities: LabelledEntity[] } {
  let text = '';
  const entities: LabelledEntity[] = [];
  let last = 0;
  for (const m of template.matchAll(/\{([A-Za-z_]+)\}/g)) {
    text += template.slice(last, m.index);
    const slot = m[1]!;
    const value = fillSlot(slot, rng, split, lang);
    if (slot === slot.toUpperCase())
      entities.push({ type: slot, start: text.length, end: text.length + value.length, value });
    text += value;
    last = m.index + m[0].length;
  }
  text += template.slice(last);
  return { text, entities };
}

export function buildSplit(split: Split): LabelledSentence[] {
  const templates = split === 'dev' ? devTemplates : testTemplates;
  const rng = v.createRng(SEEDS[split]);
  const out: LabelledSentence[] = [];
  for (const lang of ['en', 'es', 'sv'] as const) {
    const list = templates[lang];
    for (let i = 0; i < SENTENCES_PER_LANGUAGE; i++) {
      const { text, entities } = instantiate(list[i % list.length]!, rng, split, lang);
      out.push({ id: `${split}-${lang}-${String(i).padStart(3, '0')}`, split, lang, text, entities });
    }
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = dirname(fileURLToPath(import.meta.url));
  for (const split of ['dev', 'test'] as const) {
    const rows = buildSplit(split);
    writeFileSync(join(dir, `${split}.jsonl`), rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    console.log(
      `${split}: ${rows.length} sentences, ${rows.reduce((n, r) => n + r.entities.length, 0)} entities`,
    );
  }
}
