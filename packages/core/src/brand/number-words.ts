// Spelled-out numbers in English, Spanish and Swedish ("thirty", "treinta y cinco", "trettiofem"),
// read from folded text (no accents: "två" → "tva", "dieciséis" → "dieciseis").

const SMALL: Readonly<Record<string, number>> = {
  // en
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  dozen: 12,
  // es
  cero: 0,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiuno: 21,
  veintiuna: 21,
  veintidos: 22,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
  sesenta: 60,
  setenta: 70,
  ochenta: 80,
  noventa: 90,
  cien: 100,
  ciento: 100,
  doscientos: 200,
  doscientas: 200,
  trescientos: 300,
  cuatrocientos: 400,
  quinientos: 500,
  seiscientos: 600,
  setecientos: 700,
  ochocientos: 800,
  novecientos: 900,
  // sv
  noll: 0,
  tva: 2,
  tre: 3,
  fyra: 4,
  fem: 5,
  sex: 6,
  sju: 7,
  atta: 8,
  nio: 9,
  tio: 10,
  elva: 11,
  tolv: 12,
  tretton: 13,
  fjorton: 14,
  femton: 15,
  sexton: 16,
  sjutton: 17,
  arton: 18,
  nitton: 19,
  tjugo: 20,
  trettio: 30,
  fyrtio: 40,
  femtio: 50,
  sextio: 60,
  sjuttio: 70,
  attio: 80,
  nittio: 90,
};

const HUNDRED = new Set(['hundred', 'hundra']);
const THOUSAND = new Set(['thousand', 'mil', 'tusen']);
const JOINERS = new Set(['and', 'y']);
/** Only a number right before a unit ("a month", "un año", "ett år", "en månad"). */
const ARTICLES: Readonly<Record<string, number>> = { a: 1, an: 1, un: 1, en: 1, ett: 1 };
const HALVES: Readonly<Record<string, number>> = { half: 0.5, medio: 0.5, media: 0.5, halvt: 0.5, halv: 0.5 };
const SV_TENS = ['tjugo', 'trettio', 'fyrtio', 'femtio', 'sextio', 'sjuttio', 'attio', 'nittio'];
const SV_UNITS = ['ett', 'en', 'tva', 'tre', 'fyra', 'fem', 'sex', 'sju', 'atta', 'nio'];

/** Value of one spelled-out number word, including Swedish compounds ("trettiofem", "tvahundra"). */
export function numberWordValue(word: string): number | undefined {
  const direct = SMALL[word];
  if (direct !== undefined) return direct;
  const hyphen = word.split('-');
  if (hyphen.length === 2) {
    const [tens, unit] = hyphen.map((w) => SMALL[w]);
    if (tens !== undefined && unit !== undefined && tens >= 20 && tens % 10 === 0 && unit < 10)
      return tens + unit;
  }
  for (const tens of SV_TENS) {
    if (!word.startsWith(tens) || word === tens) continue;
    const rest = word.slice(tens.length);
    const unit = SV_UNITS.indexOf(rest);
    if (unit >= 0) return (SMALL[tens] ?? 0) + (rest === 'en' || rest === 'ett' ? 1 : unit);
  }
  const hundra = word.indexOf('hundra');
  if (hundra > 0) {
    const head = numberWordValue(word.slice(0, hundra)) ?? (word.slice(0, hundra) === 'ett' ? 1 : undefined);
    const tail = word.slice(hundra + 'hundra'.length);
    const tailValue = tail === '' ? 0 : numberWordValue(tail);
    if (head !== undefined && tailValue !== undefined) return head * 100 + tailValue;
  }
  return undefined;
}

export interface WordNumber {
  value: number;
  start: number;
  end: number;
  /** "a"/"un"/"ett"-style: a number only when a unit follows directly. */
  articleOnly: boolean;
}

const WORD = /[\p{L}]+(?:-[\p{L}]+)?/gu;

/** Spelled-out numbers in folded text, longest sequences first ("treinta y cinco" → 35). */
export function findWordNumbers(folded: string): WordNumber[] {
  const words = [...folded.matchAll(WORD)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
  const found: WordNumber[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const article = ARTICLES[word.text];
    const half = HALVES[word.text];
    if (half !== undefined) {
      found.push({ value: half, start: word.start, end: word.end, articleOnly: true });
      continue;
    }
    let value = numberWordValue(word.text);
    if (value === undefined) {
      // "a hundred", "ett halvt"
      const next = words[i + 1];
      if (
        article !== undefined &&
        next !== undefined &&
        HALVES[next.text] !== undefined &&
        next.start - word.end <= 1
      ) {
        found.push({ value: HALVES[next.text]!, start: word.start, end: next.end, articleOnly: true });
        i++;
        continue;
      }
      if (article !== undefined)
        found.push({ value: article, start: word.start, end: word.end, articleOnly: true });
      continue;
    }
    let end = word.end;
    let j = i + 1;
    while (j < words.length) {
      const next = words[j]!;
      if (next.start - end > 1) break;
      if (HUNDRED.has(next.text)) {
        value = (value === 0 ? 1 : value) * 100;
        end = next.end;
        j++;
        continue;
      }
      if (THOUSAND.has(next.text)) {
        value = (value === 0 ? 1 : value) * 1000;
        end = next.end;
        j++;
        continue;
      }
      const joined = JOINERS.has(next.text) ? words[j + 1] : next;
      const add = joined === undefined ? undefined : numberWordValue(joined.text);
      if (
        joined !== undefined &&
        add !== undefined &&
        add < value &&
        (value % 10 === 0 || value >= 100) &&
        add < 100
      ) {
        if (joined !== next && joined.start - next.end > 1) break;
        value += add;
        end = joined.end;
        j = joined === next ? j + 1 : j + 2;
        continue;
      }
      break;
    }
    found.push({ value, start: word.start, end, articleOnly: false });
    i = j - 1;
  }
  return found;
}
