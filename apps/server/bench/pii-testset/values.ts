// Value generators for the PII test set. Check digits are computed here independently of the
// detector's validators (packages/core/src/privacy), so a bug in one is not hidden by the other.

export type Split = 'dev' | 'test';
export type Language = 'en' | 'es' | 'sv';
export type Rng = () => number;

/** Seeded PRNG (mulberry32): the same seed always yields the same test set. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error('pick from empty list');
  return item;
}

function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(int(rng, 0, 9));
  return s;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

// Pools are split so TEST values (names, streets, domains) are never seen while developing.
const pools = {
  dev: {
    firstEn: ['Emily', 'James', 'Olivia', 'Michael', 'Sophie', 'Daniel', 'Grace', 'Thomas'],
    lastEn: ['Carter', 'Hughes', 'Bennett', 'Morgan', 'Fletcher', 'Reynolds'],
    firstEs: ['Lucía', 'Javier', 'Carmen', 'Álvaro', 'Marta', 'Sergio', 'Nuria', 'Pablo'],
    lastEs: ['Fernández', 'García Ruiz', 'Moreno', 'Jiménez', 'Navarro', 'Ortega'],
    firstSv: ['Åsa', 'Erik', 'Linnea', 'Johan', 'Maja', 'Oskar', 'Ingrid', 'Nils'],
    lastSv: ['Lindqvist', 'Andersson', 'Sjöberg', 'Nyström', 'Holm', 'Ekström'],
    streetEn: ['Baker Street', 'Oxford Road', 'Maple Avenue', 'Elm Street', 'Church Lane', 'Park Drive'],
    streetEs: ['Calle Mayor', 'Calle de Alcalá', 'Avenida de América', 'Paseo de Gracia', 'Calle Sierpes'],
    streetSv: ['Storgatan', 'Drottninggatan', 'Kungsvägen', 'Sveavägen', 'Köpmangatan'],
    domains: ['gmail.com', 'outlook.com', 'example.org', 'correo.es', 'telia.se'],
  },
  test: {
    firstEn: ['Hannah', 'Robert', 'Chloe', 'William', 'Megan', 'Andrew', 'Laura', 'Peter'],
    lastEn: ['Whitfield', 'Donovan', 'Sutton', 'Palmer', 'Gallagher', 'Kensington'],
    firstEs: ['Inés', 'Raúl', 'Pilar', 'Íñigo', 'Rocío', 'Andrés', 'Begoña', 'Tomás'],
    lastEs: ['Martín', 'López Sánchez', 'Castillo', 'Romero', 'Gutiérrez', 'Vázquez'],
    firstSv: ['Göran', 'Karin', 'Björn', 'Elin', 'Sven', 'Frida', 'Märta', 'Anders'],
    lastSv: ['Bergström', 'Karlsson', 'Wikström', 'Dahl', 'Öberg', 'Lundgren'],
    streetEn: ['Victoria Road', 'High Street', 'Oak Avenue', 'Mill Lane', 'Sunset Boulevard', 'King Street'],
    streetEs: ['Calle Real', 'Gran Vía', 'Avenida de la Constitución', 'Calle San Fernando', 'Plaza Mayor'],
    streetSv: ['Hamngatan', 'Vasagatan', 'Linnégatan', 'Järnvägsgatan', 'Östra Långgatan'],
    domains: ['yahoo.com', 'hotmail.com', 'proton.me', 'empresa.com.es', 'bredband.net'],
  },
} as const;

export function personName(rng: Rng, split: Split, lang: Language): string {
  const p = pools[split];
  const first = lang === 'en' ? p.firstEn : lang === 'es' ? p.firstEs : p.firstSv;
  const last = lang === 'en' ? p.lastEn : lang === 'es' ? p.lastEs : p.lastSv;
  return rng() < 0.8 ? `${pick(rng, first)} ${pick(rng, last)}` : pick(rng, first);
}

export function streetAddress(rng: Rng, split: Split, lang: Language): string {
  const p = pools[split];
  if (lang === 'en') {
    const n = `${int(rng, 1, 999)}${rng() < 0.15 ? 'B' : ''}`;
    return `${n} ${pick(rng, p.streetEn)}`;
  }
  if (lang === 'es') {
    const street = pick(rng, p.streetEs);
    const n = int(rng, 1, 180);
    return rng() < 0.3 ? `${street}, ${n}` : `${street} ${n}`;
  }
  return `${pick(rng, p.streetSv)} ${int(rng, 1, 90)}${rng() < 0.2 ? 'A' : ''}`;
}

export function email(rng: Rng, split: Split, lang: Language): string {
  const name = personName(rng, split, lang)
    .split(' ')[0]!
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
  const style = int(rng, 0, 4);
  const local =
    style === 0
      ? name
      : style === 1
        ? `${name}.${digits(rng, 2)}`
        : style === 2
          ? `${name}+soporte`
          : style === 3
            ? `${name}_${pick(rng, ['k', 'm', 'x'])}${digits(rng, 3)}`
            : name.toUpperCase();
  return `${local}@${pick(rng, pools[split].domains)}`;
}

type PhoneCountry = 'ES' | 'SE' | 'US' | 'GB';

export function phone(rng: Rng, country: PhoneCountry): string {
  switch (country) {
    case 'ES': {
      const first = pick(rng, ['6', '6', '7', '9']);
      const second =
        first === '9'
          ? pick(rng, ['1', '3', '5', '6'])
          : first === '7'
            ? pick(rng, ['1', '2', '3', '4'])
            : String(int(rng, 0, 9));
      const n = first + second + digits(rng, 7);
      const f = int(rng, 0, 3);
      if (f === 0) return `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
      if (f === 1) return `+34 ${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}`;
      if (f === 2) return `${n.slice(0, 3)} ${n.slice(3, 5)} ${n.slice(5, 7)} ${n.slice(7)}`;
      return `+34${n}`;
    }
    case 'SE': {
      const mobile = rng() < 0.7;
      if (mobile) {
        const n = pick(rng, ['70', '72', '73', '76', '79']) + digits(rng, 7);
        const f = int(rng, 0, 3);
        if (f === 0) return `0${n.slice(0, 2)}-${n.slice(2, 5)} ${n.slice(5, 7)} ${n.slice(7)}`;
        if (f === 1) return `+46 ${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5, 7)} ${n.slice(7)}`;
        if (f === 2) return `0${n}`;
        return `0${n.slice(0, 2)} ${n.slice(2, 5)} ${n.slice(5)}`;
      }
      const area = pick(rng, ['8', '31', '40', '18']);
      const rest =
        area === '8' ? String(int(rng, 2, 7)) + digits(rng, 7) : String(int(rng, 2, 7)) + digits(rng, 5);
      return rng() < 0.5
        ? `0${area}-${rest.slice(0, 3)} ${rest.slice(3)}`
        : `+46 ${area} ${rest.slice(0, 3)} ${rest.slice(3)}`;
    }
    case 'US': {
      const area = pick(rng, ['212', '415', '312', '617', '206', '303', '512', '646']);
      const exchange = String(int(rng, 2, 9)) + digits(rng, 2);
      const line = digits(rng, 4);
      const f = int(rng, 0, 3);
      if (f === 0) return `(${area}) ${exchange}-${line}`;
      if (f === 1) return `${area}-${exchange}-${line}`;
      if (f === 2) return `+1 ${area} ${exchange} ${line}`;
      return `${area}.${exchange}.${line}`;
    }
    case 'GB': {
      const mobile = rng() < 0.6;
      if (mobile) {
        const n = `7${pick(rng, ['4', '5', '7', '8', '9'])}${digits(rng, 8)}`;
        return rng() < 0.5 ? `0${n.slice(0, 4)} ${n.slice(4)}` : `+44 ${n.slice(0, 4)} ${n.slice(4)}`;
      }
      const n = `20${pick(rng, ['7', '8'])}${digits(rng, 7)}`;
      return rng() < 0.5 ? `020 ${n.slice(2, 6)} ${n.slice(6)}` : `+44 20 ${n.slice(2, 6)} ${n.slice(6)}`;
    }
  }
}

export function phoneFor(rng: Rng, lang: Language): string {
  if (rng() < 0.15) return phone(rng, pick(rng, ['ES', 'SE', 'US', 'GB'] as const));
  if (lang === 'es') return phone(rng, 'ES');
  if (lang === 'sv') return phone(rng, 'SE');
  return phone(rng, rng() < 0.5 ? 'US' : 'GB');
}

function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function groupCard(n: string, rng: Rng): string {
  const sep = pick(rng, [' ', ' ', '-', '']);
  if (n.length === 15) return [n.slice(0, 4), n.slice(4, 10), n.slice(10)].join(sep);
  return (n.match(/.{1,4}/g) ?? []).join(sep);
}

export function creditCard(rng: Rng): string {
  const kind = int(rng, 0, 3);
  const prefix =
    kind === 0 ? '4' : kind === 1 ? `5${int(rng, 1, 5)}` : kind === 2 ? pick(rng, ['34', '37']) : '6011';
  const length = kind === 2 ? 15 : 16;
  const body = prefix + digits(rng, length - 1 - prefix.length);
  return groupCard(body + String(luhnCheckDigit(body)), rng);
}

/** A 16-digit number that fails Luhn: a gift-card or voucher code, not a payment card. */
export function badCard(rng: Rng): string {
  const body = `4${digits(rng, 14)}`;
  const wrong = (luhnCheckDigit(body) + int(rng, 1, 9)) % 10;
  return groupCard(body + String(wrong), rng);
}

function ibanBban(rng: Rng, country: string): string {
  switch (country) {
    case 'ES':
      return digits(rng, 20);
    case 'SE':
      return digits(rng, 20);
    case 'DE':
      return digits(rng, 18);
    case 'FR':
      return digits(rng, 23);
    case 'NL':
      return `${pick(rng, ['ABNA', 'INGB', 'RABO'])}${digits(rng, 10)}`;
    default:
      return `${pick(rng, ['NWBK', 'BARC', 'LOYD'])}${digits(rng, 14)}`;
  }
}

function mod97(numeric: string): number {
  let r = 0;
  for (const ch of numeric) r = (r * 10 + Number(ch)) % 97;
  return r;
}

function lettersToDigits(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
}

export function iban(rng: Rng, lang: Language): string {
  const country =
    rng() < 0.6
      ? lang === 'es'
        ? 'ES'
        : lang === 'sv'
          ? 'SE'
          : 'GB'
      : pick(rng, ['DE', 'FR', 'NL', 'ES', 'SE', 'GB']);
  const bban = ibanBban(rng, country);
  const check = 98 - mod97(lettersToDigits(`${bban}${country}00`));
  const compact = `${country}${pad(check, 2)}${bban}`;
  return rng() < 0.6 ? (compact.match(/.{1,4}/g) ?? []).join(' ') : compact;
}

/** An IBAN-shaped string whose check digits are wrong. */
export function badIban(rng: Rng, lang: Language): string {
  const good = iban(rng, lang).replace(/ /g, '');
  const check = Number(good.slice(2, 4));
  const wrong = pad(((check + int(rng, 1, 50) - 2) % 97) + 2, 2);
  return `${good.slice(0, 2)}${wrong === good.slice(2, 4) ? pad(((check + 1 - 2) % 97) + 2, 2) : wrong}${good.slice(4)}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function personnummer(rng: Rng, options: { valid: boolean } = { valid: true }): string {
  const year = int(rng, 1940, 2008);
  const month = int(rng, 1, 12);
  const day = int(rng, 1, daysIn(year, month));
  const samordning = rng() < 0.15;
  const yymmdd = `${pad(year % 100, 2)}${pad(month, 2)}${pad(samordning ? day + 60 : day, 2)}`;
  const serial = digits(rng, 3);
  let check = luhnCheckDigit(yymmdd + serial);
  if (!options.valid) check = (check + int(rng, 1, 9)) % 10;
  const f = int(rng, 0, 3);
  if (f === 0) return `${yymmdd}-${serial}${check}`;
  if (f === 1) return `${year}${yymmdd.slice(2)}${serial}${check}`;
  if (f === 2) return `${year}${yymmdd.slice(2)}-${serial}${check}`;
  return `${yymmdd}${serial}${check}`;
}

const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

export function dni(rng: Rng, options: { valid: boolean } = { valid: true }): string {
  const n = int(rng, 1_000_000, 99_999_999);
  let letter = DNI_LETTERS[n % 23]!;
  if (!options.valid) letter = DNI_LETTERS[(n + int(rng, 1, 22)) % 23]!;
  const num = pad(n, 8);
  return rng() < 0.3 ? `${num}-${letter}` : `${num}${letter}`;
}

export function nie(rng: Rng): string {
  const leadIndex = int(rng, 0, 2);
  const lead = 'XYZ'[leadIndex]!;
  const n = pad(int(rng, 0, 9_999_999), 7);
  const letter = DNI_LETTERS[Number(`${leadIndex}${n}`) % 23]!;
  return rng() < 0.3 ? `${lead}-${n}-${letter}` : `${lead}${n}${letter}`;
}

export function ssn(rng: Rng): string {
  let area = int(rng, 1, 899);
  if (area === 666) area = 665;
  const group = int(rng, 1, 99);
  const serial = int(rng, 1, 9999);
  const sep = rng() < 0.8 ? '-' : ' ';
  return `${pad(area, 3)}${sep}${pad(group, 2)}${sep}${pad(serial, 4)}`;
}

export function ipAddress(rng: Rng): string {
  if (rng() < 0.7) {
    const net = pick(rng, ['192.0.2', '198.51.100', '203.0.113']);
    return `${net}.${int(rng, 1, 254)}`;
  }
  const hex = () => int(rng, 0, 0xffff).toString(16);
  return rng() < 0.5
    ? `2001:db8::${hex()}:${hex()}`
    : `2001:db8:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}:${hex()}`;
}

export function orderNumber(rng: Rng): string {
  return `ORD-${digits(rng, 8)}`;
}

// ---- distractors: realistic numbers that are NOT personal data ----

export function price(rng: Rng, lang: Language): string {
  const whole = int(rng, 1, 4999);
  const cents = pad(int(rng, 0, 99), 2);
  if (lang === 'en')
    return pick(rng, [
      `$${whole.toLocaleString('en-US')}.${cents}`,
      `£${whole}`,
      `USD ${whole.toLocaleString('en-US')}`,
    ]);
  if (lang === 'es')
    return pick(rng, [`${whole.toLocaleString('de-DE')},${cents} €`, `${whole} euros`, `€${whole}`]);
  return pick(rng, [
    `${whole.toLocaleString('sv-SE').replace(/\u00a0/g, ' ')} kr`,
    `${whole}:-`,
    `${whole},${cents} SEK`,
  ]);
}

export function amount(rng: Rng, lang: Language): string {
  const n = int(rng, 10_000, 9_999_999);
  if (lang === 'en') return n.toLocaleString('en-US');
  if (lang === 'es') return n.toLocaleString('de-DE');
  return n.toLocaleString('sv-SE').replace(/\u00a0/g, ' ');
}

export function date(rng: Rng, lang: Language): string {
  const y = int(rng, 2019, 2026);
  const m = int(rng, 1, 12);
  const d = int(rng, 1, 28);
  if (lang === 'en')
    return pick(rng, [`${pad(m, 2)}/${pad(d, 2)}/${y}`, `${y}-${pad(m, 2)}-${pad(d, 2)}`, `${d} March ${y}`]);
  if (lang === 'es')
    return pick(rng, [`${pad(d, 2)}/${pad(m, 2)}/${y}`, `${d}-${m}-${y}`, `${y}-${pad(m, 2)}-${pad(d, 2)}`]);
  return pick(rng, [
    `${y}-${pad(m, 2)}-${pad(d, 2)}`,
    `${d}/${m} ${y}`,
    `${pad(d, 2)}.${pad(m, 2)}.${y}`,
    `${y}${pad(m, 2)}${pad(d, 2)}`,
  ]);
}

export function time(rng: Rng, lang: Language): string {
  const h = int(rng, 0, 23);
  const min = pad(int(rng, 0, 59), 2);
  return lang === 'sv'
    ? pick(rng, [`${pad(h, 2)}:${min}`, `kl. ${pad(h, 2)}.${min}`])
    : `${pad(h, 2)}:${min}`;
}

export function otherOrder(rng: Rng): string {
  return pick(rng, [
    `#${digits(rng, 8)}`,
    `${int(rng, 4, 9)}${digits(rng, 9)}`,
    `A${digits(rng, 9)}`,
    `${digits(rng, 3)}-${digits(rng, 7)}-${digits(rng, 7)}`,
  ]);
}

export function flight(rng: Rng): string {
  return `${pick(rng, ['IB', 'SK', 'BA', 'VY', 'DY', 'UA', 'LH', 'FR'])}${pick(rng, ['', ' '])}${int(rng, 10, 9999)}`;
}

export function tracking(rng: Rng): string {
  return pick(rng, [
    `1Z${digits(rng, 3)}AA${digits(rng, 10)}`,
    `JJD${digits(rng, 18)}`,
    `RR${digits(rng, 9)}SE`,
    `${digits(rng, 12)}`,
    `PQ${digits(rng, 3)}${String.fromCharCode(65 + int(rng, 0, 25))}${digits(rng, 10)}`,
  ]);
}

export function version(rng: Rng): string {
  return pick(rng, [
    `v${int(rng, 1, 20)}.${int(rng, 0, 30)}.${int(rng, 0, 99)}`,
    `${int(rng, 1, 20)}.${int(rng, 0, 9)}.${int(rng, 0, 9)}.${int(rng, 1000, 30000)}`,
    `${int(rng, 1, 20)}.${int(rng, 0, 30)}`,
  ]);
}
