import { describe, expect, it } from 'vitest';
import { detectPersonalData, resolvePersonalDataOverlaps } from './detect-personal-data.ts';
import type { PersonalDataFinding } from './personal-data.types.ts';

const found = (text: string) =>
  detectPersonalData(text, { customPatterns: [{ type: 'ORDER_NUMBER', pattern: /\bORD-\d{8}\b/ }] }).map(
    (f) => [f.type, f.text],
  );

describe('detectPersonalData finds personal data', () => {
  it.each([
    ['Write to ana.lopez+shop@correo.es please', [['EMAIL', 'ana.lopez+shop@correo.es']]],
    ['Mejla Åsa på åsa@exempel.se', [['EMAIL', 'åsa@exempel.se']]],
    ['Call me on +34 612 345 678', [['PHONE', '+34 612 345 678']]],
    ['Llámame al 612 34 56 78 mañana', [['PHONE', '612 34 56 78']]],
    ['Ring mig på 070-123 45 67', [['PHONE', '070-123 45 67']]],
    ['Ring 08-123 456 78 efter lunch', [['PHONE', '08-123 456 78']]],
    ['Call (415) 555-0132 today', [['PHONE', '(415) 555-0132']]],
    ['Ring me on 020 7946 0958', [['PHONE', '020 7946 0958']]],
    ['text +44 7911 123456', [['PHONE', '+44 7911 123456']]],
    ['My card 4111 1111 1111 1111 was charged', [['CREDIT_CARD', '4111 1111 1111 1111']]],
    ['amex 3782-822463-10005', [['CREDIT_CARD', '3782-822463-10005']]],
    ['IBAN ES91 2100 0418 4502 0005 1332 please', [['IBAN', 'ES91 2100 0418 4502 0005 1332']]],
    ['till SE4550000000058398257466 tack', [['IBAN', 'SE4550000000058398257466']]],
    ['Mitt personnummer är 811218-9876', [['SE_PERSONNUMMER', '811218-9876']]],
    ['pnr 198112189876', [['SE_PERSONNUMMER', '198112189876']]],
    ['samordningsnummer 701063-2391', [['SE_PERSONNUMMER', '701063-2391']]],
    ['Mi DNI es 12345678Z', [['ES_DNI', '12345678Z']]],
    ['NIE X-1234567-L caducado', [['ES_NIE', 'X-1234567-L']]],
    ['my SSN is 536-22-1234', [['US_SSN', '536-22-1234']]],
    ['login from 203.0.113.9 at night', [['IP_ADDRESS', '203.0.113.9']]],
    ['v6 host 2001:db8::8a2e:370:7334 down', [['IP_ADDRESS', '2001:db8::8a2e:370:7334']]],
    ['I live at 221B Baker Street, London', [['STREET_ADDRESS', '221B Baker Street']]],
    ['Vivo en Calle Mayor 12, Madrid', [['STREET_ADDRESS', 'Calle Mayor 12']]],
    ['Jag bor på Storgatan 5 i Umeå', [['STREET_ADDRESS', 'Storgatan 5']]],
    ['Hola, me llamo Lucía Fernández y estoy harta', [['PERSON', 'Lucía Fernández']]],
    ['Hej, jag heter Åsa Lindqvist', [['PERSON', 'Åsa Lindqvist']]],
    ['my name is Emily and I want a refund', [['PERSON', 'Emily']]],
    ["I'm Robert Palmer, a customer since 2019", [['PERSON', 'Robert Palmer']]],
    ['Pedido ORD-12345678 sin enviar', [['ORDER_NUMBER', 'ORD-12345678']]],
  ])('%s', (text, expected) => expect(found(text)).toEqual(expected));
});

describe('detectPersonalData ignores look-alikes', () => {
  it.each([
    'Paid $1,299.99 on 2024-05-12 at 14:30',
    'Pris 1 299 kr, leverans 12.05.2024 kl. 08.15',
    'Ya somos 1.250.000 firmas',
    'order #48213395 and invoice 4821937560',
    'Pedido 4500123456 pendiente',
    'Ordernummer 8169885239, summa 3 415 kr',
    'Flight IB 3456 and SK1423 delayed',
    'tracking 1Z999AA10123456784 and JJD000390007123456789',
    'updated to version 10.0.19045.3570 and v1.2.3.4',
    'gift card 4111 1111 1111 1112 rejected',
    'IBAN GB82 WEST 1234 5698 7654 33 is wrong',
    'personnummer 811218-9875 is mistyped',
    'DNI 12345678A is wrong',
    'SSN 666-12-3456 is not issued',
    'meet at 12:30:45 in room 10.1.2',
    'tweet 502047519967174656 went viral',
    "I'm Sorry but I'm Not happy",
    'Soy Cliente desde hace años',
    'Opening hours 08.30-11.00',
    'Personnumret 4808797225 blev fel',
  ])('%s', (text) => expect(found(text)).toEqual([]));
});

describe('overlaps and options', () => {
  it('keeps a card rather than a phone read inside it', () => {
    const f = detectPersonalData('card 4111 1111 1111 1111');
    expect(f.map((x) => x.type)).toEqual(['CREDIT_CARD']);
  });

  it('gives evidence and a confidence for every finding', () => {
    for (const f of detectPersonalData('Ring 070-123 45 67 eller mejla a@b.se, pnr 811218-9876')) {
      expect(f.evidence.length).toBeGreaterThan(5);
      expect(f.confidence).toBeGreaterThan(0.5);
      expect(f.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('tries the default region first for national numbers', () => {
    const [f] = detectPersonalData('ring 0612 345 678', { defaultRegion: 'NL' });
    expect(f?.evidence).toContain('NL');
  });

  it('restricts detection to the requested types', () => {
    const f = detectPersonalData('a@b.se 070-123 45 67', { types: ['EMAIL'] });
    expect(f.map((x) => x.type)).toEqual(['EMAIL']);
  });

  it('resolvePersonalDataOverlaps prefers the higher-priority type, then confidence', () => {
    const mk = (type: string, start: number, end: number, confidence: number): PersonalDataFinding => ({
      type,
      start,
      end,
      confidence,
      text: '',
      evidence: '',
    });
    const kept = resolvePersonalDataOverlaps([
      mk('PHONE', 0, 10, 0.9),
      mk('SE_PERSONNUMMER', 0, 11, 0.8),
      mk('EMAIL', 20, 30, 0.9),
    ]);
    expect(kept.map((k) => k.type)).toEqual(['SE_PERSONNUMMER', 'EMAIL']);
  });
});
