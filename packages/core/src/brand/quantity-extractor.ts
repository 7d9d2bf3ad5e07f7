import type { QuantityUnit } from './brief.types.ts';
import { findWordNumbers } from './number-words.ts';

export type Comparator = 'eq' | 'ge' | 'gt' | 'lt' | 'le';

/** A figure found in a post: "60-day", "about 80 €", "between 70 and 80 euros", "not 100 %". */
export interface Quantity {
  start: number;
  end: number;
  text: string;
  /** Lower bound; equal to `high` unless the post gives a range. */
  low: number;
  high: number;
  unit: QuantityUnit;
  comparator: Comparator;
  approximate: boolean;
}

export type Dimension =
  'duration' | 'percent' | 'mass' | 'volume' | 'power' | 'temperature' | 'length' | `money:${string}`;

const TO_BASE: Readonly<Record<QuantityUnit, readonly [Dimension, number]>> = {
  second: ['duration', 1 / 86400],
  minute: ['duration', 1 / 1440],
  hour: ['duration', 1 / 24],
  day: ['duration', 1],
  week: ['duration', 7],
  month: ['duration', 365.25 / 12],
  year: ['duration', 365.25],
  percent: ['percent', 1],
  EUR: ['money:EUR', 1],
  SEK: ['money:SEK', 1],
  USD: ['money:USD', 1],
  GBP: ['money:GBP', 1],
  NOK: ['money:NOK', 1],
  DKK: ['money:DKK', 1],
  litre: ['volume', 1],
  millilitre: ['volume', 0.001],
  watt: ['power', 1],
  kilogram: ['mass', 1000],
  gram: ['mass', 1],
  degree_c: ['temperature', 1],
  millimetre: ['length', 1],
  kilometre: ['length', 1_000_000],
};

/** The dimension and factor to a common base (days, grams, litres…), so "24 months" equals "2 years". */
export function toBase(value: number, unit: QuantityUnit): { dimension: Dimension; value: number } {
  const [dimension, factor] = TO_BASE[unit];
  return { dimension, value: value * factor };
}

// Unit words after a number, on folded text. Swedish genitive compounds ("30-dagars", "5-arsgaranti")
// may run on into the next word.
const UNIT_AFTER: readonly (readonly [RegExp, QuantityUnit | 'kr'])[] = [
  [/^(?:days?|dias?|dygn)(?![\p{L}])/u, 'day'],
  [/^dagars[\p{L}]*|^dagar(?![\p{L}])|^dag(?![\p{L}])/u, 'day'],
  [/^(?:weeks?|semanas?|veckor|vecka)(?![\p{L}])|^veckors[\p{L}]*/u, 'week'],
  [/^(?:months?|mes|meses|manader|manad)(?![\p{L}])|^manaders[\p{L}]*/u, 'month'],
  [/^(?:years?|yrs?|anos?|ar)(?![\p{L}])|^ars[\p{L}]*/u, 'year'],
  [/^(?:hours?|hrs?|h|horas?|timmar|timme)(?![\p{L}])/u, 'hour'],
  [/^(?:minutes?|mins?|minutos?|minuter|minut)(?![\p{L}])/u, 'minute'],
  [/^(?:seconds?|secs?|segundos?|sekunder|sekund)(?![\p{L}])/u, 'second'],
  [/^(?:%|percent|per cent|por ciento|procent|pct)(?![\p{L}])/u, 'percent'],
  [/^(?:€|eur|euros?)(?![\p{L}])/u, 'EUR'],
  [/^(?::-|sek|kronor|krona)(?![\p{L}])/u, 'SEK'],
  [/^kr(?![\p{L}])\.?/u, 'kr'],
  [/^(?:usd|us\$|dollars?|dolares|dolar|bucks)(?![\p{L}])/u, 'USD'],
  [/^(?:£|gbp|pounds?|libras?|pund)(?![\p{L}])/u, 'GBP'],
  [/^nok(?![\p{L}])/u, 'NOK'],
  [/^dkk(?![\p{L}])/u, 'DKK'],
  [/^(?:ml|millilit(?:er|re)s?|mililitros?)(?![\p{L}])/u, 'millilitre'],
  [/^(?:l|lit(?:er|re)s?|litros?|litern)(?![\p{L}])/u, 'litre'],
  [/^(?:w|watts?|vatios?)(?![\p{L}])/u, 'watt'],
  [/^(?:kg|kilos?|kilograms?|kilogramos?|kilogram)(?![\p{L}])/u, 'kilogram'],
  [/^(?:g|gr|grams?|gramos?|gram)(?![\p{L}])/u, 'gram'],
  [/^(?:°c|°|grados|grader|degrees)(?![\p{L}])/u, 'degree_c'],
  [/^(?:mm|millimet(?:er|re)s?|milimetros?)(?![\p{L}])/u, 'millimetre'],
  [/^(?:km|kilomet(?:er|re)s?|kilometros?)(?![\p{L}])/u, 'kilometre'],
];

const UNIT_BEFORE: readonly (readonly [RegExp, QuantityUnit | 'kr'])[] = [
  [/(?:us\$|\$|usd)\s?$/u, 'USD'],
  [/(?:€|eur)\s?$/u, 'EUR'],
  [/(?:£|gbp)\s?$/u, 'GBP'],
  [/(?<![\p{L}])(?:sek)\s?$/u, 'SEK'],
];

// Words that make a figure a bound or an approximation, just before it (folded text).
const BEFORE_MODIFIERS: readonly (readonly [RegExp, Comparator, boolean])[] = [
  [
    /(?:at least|no less than|minimum|min\.?|al menos|por lo menos|como minimo|minst|atminstone|som minst)\s*$/u,
    'ge',
    false,
  ],
  [/(?:more than|over|above|mas de|mas que|over|mer an|fler an|langre an)\s*$/u, 'gt', false],
  [
    /(?:less than|under|below|fewer than|menos de|menos que|por debajo de|mindre an|kortare an)\s*$/u,
    'lt',
    false,
  ],
  [/(?:at most|no more than|maximum|max\.?|como maximo|hogst|som mest)\s*$/u, 'le', false],
  [
    /(?:about|around|roughly|approximately|approx\.?|nearly|almost|circa|ca\.?|~|some|unos|unas|alrededor de(?:l)?|aproximadamente|cerca de(?:l)?|casi|ungefar|runt|cirka|nastan|typ|omkring|kring)\s*$/u,
    'eq',
    true,
  ],
];
const AFTER_APPROXIMATE = /^\s*(?:or so|ish|mas o menos|o asi|aprox\.?|ungefar|eller sa)(?![\p{L}])/u;
const RANGE_JOINER = /^\s*(?:-|–|—|to|a|till|and|y|och)\s*$/u;
const RANGE_OPENER = /(?:between|from|entre|de|mellan|fran)\s*$/u;
// Durations that have no digits: "lifetime warranty", "garantía de por vida", "livstidsgaranti".
const FOREVER =
  /(?<![\p{L}])(?:lifetime|for life|forever|de por vida|vitalici[ao]|para siempre|para toda la vida|livstid[\p{L}]*|livslang[\p{L}]*|for evigt|for livet)(?![\p{L}])/gu;
const HALF_YEAR = /(?<![\p{L}])(?:halvar[\p{L}]*|medio ano|half a year|half-year)(?![\p{L}])/gu;

const DIGITS =
  /(?<![\p{L}\p{N}])(\d{1,3}(?:(?:[ \u00a0\u202f]|[.,](?=\d{3}(?!\d)))\d{3})+|\d+(?:[.,]\d+)?)(k(?![\p{L}]))?/gu;

function parseDigits(raw: string, thousands: boolean): number {
  if (thousands) return Number(raw.replace(/[\s\u00a0\u202f.,]/g, ''));
  return Number(raw.replace(',', '.'));
}

function resolveKr(unit: QuantityUnit | 'kr', market: string | undefined): QuantityUnit {
  if (unit !== 'kr') return unit;
  if (market === 'NO') return 'NOK';
  if (market === 'DK') return 'DKK';
  return 'SEK';
}

interface RawNumber {
  start: number;
  end: number;
  value: number;
  articleOnly: boolean;
}

function numbersIn(folded: string): RawNumber[] {
  const numbers: RawNumber[] = [];
  for (const match of folded.matchAll(DIGITS)) {
    const raw = match[1]!;
    const thousands = /^\d{1,3}(?:[\s\u00a0\u202f.,]\d{3})+$/.test(raw);
    let value = parseDigits(raw, thousands);
    if (match[2] !== undefined) value *= 1000;
    numbers.push({ start: match.index, end: match.index + match[0].length, value, articleOnly: false });
  }
  for (const word of findWordNumbers(folded)) {
    if (numbers.some((n) => word.start < n.end && n.start < word.end)) continue;
    numbers.push(word);
  }
  return numbers.sort((a, b) => a.start - b.start);
}

const FILLER_BEFORE_UNIT =
  /^[\s\-\u2010\u2011\u2013]*(?:(?:whole|full|entire|hel|hela|helt|full|completo|entero|extra)\s+)?/u;

/** Figures with units in a post. `folded` is `foldKeepingOffsets(text)`; `market` decides what "kr" is. */
export function extractQuantities(text: string, folded: string, market?: string): Quantity[] {
  const numbers = numbersIn(folded);
  const singles: Quantity[] = [];
  const unitless: RawNumber[] = [];
  for (const number of numbers) {
    const rest = folded.slice(number.end);
    const filler = FILLER_BEFORE_UNIT.exec(rest)?.[0] ?? '';
    const afterFiller = rest.slice(filler.length);
    let unit: QuantityUnit | undefined;
    let end = number.end;
    let start = number.start;
    for (const [pattern, candidate] of UNIT_AFTER) {
      const match = pattern.exec(afterFiller);
      if (match === null) continue;
      // Single-letter units ("l", "g", "w", "h") only right after a written figure.
      if (match[0].length === 1 && /\p{L}/u.test(match[0]) && (number.articleOnly || filler.trim() !== ''))
        continue;
      unit = resolveKr(candidate, market);
      end = number.end + filler.length + match[0].length;
      break;
    }
    if (unit === undefined && !number.articleOnly) {
      const head = folded.slice(Math.max(0, number.start - 4), number.start);
      for (const [pattern, candidate] of UNIT_BEFORE) {
        const match = pattern.exec(head);
        if (match === null) continue;
        unit = resolveKr(candidate, market);
        start = number.start - match[0].length;
        break;
      }
    }
    if (unit === undefined) {
      if (!number.articleOnly) unitless.push(number);
      continue;
    }
    singles.push({
      start,
      end,
      text: '',
      low: number.value,
      high: number.value,
      unit,
      comparator: 'eq',
      approximate: false,
    });
  }
  for (const pattern of [FOREVER, HALF_YEAR]) {
    pattern.lastIndex = 0;
    for (const match of folded.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (singles.some((q) => start < q.end && q.start < end)) continue;
      const value = pattern === FOREVER ? Number.POSITIVE_INFINITY : 0.5;
      singles.push({
        start,
        end,
        text: '',
        low: value,
        high: value,
        unit: 'year',
        comparator: 'eq',
        approximate: false,
      });
    }
  }
  singles.sort((a, b) => a.start - b.start);
  const quantities: Quantity[] = [];
  for (const quantity of singles) {
    // Ranges: "14-30 days", "between 70 and 80 euros", "30–45 dagar", "20 to 30 days".
    const previous = quantities[quantities.length - 1];
    const lowNumber = [...unitless].reverse().find((n) => n.end <= quantity.start);
    if (
      previous !== undefined &&
      previous.unit === quantity.unit &&
      RANGE_JOINER.test(folded.slice(previous.end, quantity.start))
    ) {
      previous.low = Math.min(previous.low, quantity.low);
      previous.high = Math.max(previous.high, quantity.high);
      previous.end = quantity.end;
      continue;
    }
    if (
      lowNumber !== undefined &&
      RANGE_JOINER.test(folded.slice(lowNumber.end, quantity.start)) &&
      lowNumber.value < quantity.low
    ) {
      quantity.low = lowNumber.value;
      quantity.start = lowNumber.start;
    }
    quantities.push(quantity);
  }
  for (const quantity of quantities) {
    const before = folded.slice(Math.max(0, quantity.start - 40), quantity.start);
    const opener = RANGE_OPENER.exec(before);
    if (opener !== null && quantity.low !== quantity.high) quantity.start -= opener[0].length;
    else {
      for (const [pattern, comparator, approximate] of BEFORE_MODIFIERS) {
        const match = pattern.exec(before);
        if (match === null || (match.index > 0 && /[\p{L}]/u.test(before[match.index - 1]!))) continue;
        quantity.comparator = comparator;
        quantity.approximate = approximate;
        quantity.start -= match[0].length;
        break;
      }
    }
    const after = AFTER_APPROXIMATE.exec(folded.slice(quantity.end));
    if (after !== null) {
      quantity.approximate = true;
      quantity.end += after[0].length;
    }
    quantity.text = text.slice(quantity.start, quantity.end).trim();
  }
  return quantities;
}
