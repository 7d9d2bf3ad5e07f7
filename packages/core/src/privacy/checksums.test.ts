import { describe, expect, it } from 'vitest';
import {
  cardScheme,
  checkPersonnummer,
  isDniValid,
  isIbanValid,
  isIpv4Valid,
  isIpv6Valid,
  isLuhnValid,
  isNieValid,
  isSsnValid,
} from './checksums.ts';

describe('isLuhnValid', () => {
  it.each([
    ['4111111111111111', true],
    ['4111111111111112', false],
    ['79927398713', true],
    ['378282246310005', true],
    ['', false],
    ['12a4', false],
  ])('%s -> %s', (digits, expected) => expect(isLuhnValid(digits)).toBe(expected));
});

describe('cardScheme', () => {
  it.each([
    ['4111111111111111', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['1234567812345670', undefined],
  ])('%s -> %s', (digits, expected) => expect(cardScheme(digits)).toBe(expected));
});

describe('isIbanValid', () => {
  it.each([
    ['GB82WEST12345698765432', true],
    ['ES9121000418450200051332', true],
    ['SE4550000000058398257466', true],
    ['DE89370400440532013000', true],
    ['NL91ABNA0417164300', true],
    ['GB82WEST12345698765433', false], // one digit changed
    ['ES91210004184502000513', false], // too short for ES
    ['XX82WEST12345698765432', false], // unknown country
  ])('%s -> %s', (iban, expected) => expect(isIbanValid(iban)).toBe(expected));
});

describe('checkPersonnummer', () => {
  it.each([
    ['8112189876', { valid: true, coordination: false }], // Skatteverket's example
    ['198112189876', { valid: true, coordination: false }],
    ['8112189875', { valid: false }], // wrong check digit
    ['8113189874', { valid: false }], // month 13
    ['7010632391', { valid: true, coordination: true }], // samordningsnummer, day 63 = 3rd
    ['0002292381', { valid: true, coordination: false }], // 29 Feb 2000
    ['9902291237', { valid: false }], // 29 Feb in a non-leap year (1999 and 2099)
    ['208112189876', { valid: true, coordination: false }],
    ['218112189876', { valid: false }], // 21 is not a century of living people
    ['12345', { valid: false }],
  ])('%s', (digits, expected) => expect(checkPersonnummer(digits)).toEqual(expected));
});

describe('Spanish DNI and NIE', () => {
  it.each([
    ['12345678', 'Z', true],
    ['12345678', 'z', true],
    ['12345678', 'A', false],
    ['00000000', 'T', true],
    ['1234567', 'Z', false],
  ])('DNI %s%s -> %s', (n, l, expected) => expect(isDniValid(n, l)).toBe(expected));
  it.each([
    ['X', '1234567', 'L', true],
    ['Y', '1234567', 'X', true],
    ['Z', '1234567', 'R', true],
    ['X', '1234567', 'M', false],
    ['W', '1234567', 'L', false],
  ])('NIE %s%s%s -> %s', (a, n, l, expected) => expect(isNieValid(a, n, l)).toBe(expected));
});

describe('isSsnValid', () => {
  it.each([
    ['536', '22', '1234', true],
    ['000', '12', '3456', false],
    ['666', '12', '3456', false],
    ['900', '12', '3456', false],
    ['536', '00', '1234', false],
    ['536', '22', '0000', false],
    ['078', '05', '1120', false], // the Woolworth wallet number
  ])('%s-%s-%s -> %s', (a, g, s, expected) => expect(isSsnValid(a, g, s)).toBe(expected));
});

describe('IP validators', () => {
  it.each([
    ['192.0.2.1', true],
    ['255.255.255.255', true],
    ['256.1.1.1', false],
    ['01.2.3.4', false],
    ['1.2.3', false],
  ])('v4 %s -> %s', (ip, expected) => expect(isIpv4Valid(ip)).toBe(expected));
  it.each([
    ['2001:db8::1', true],
    ['::1', true],
    ['2001:db8:0:0:0:0:2:1', true],
    ['::ffff:192.0.2.128', true],
    ['2001:db8::1::2', false],
    ['2001:db8:0:0:0:0:2', false],
    ['12345::1', false],
    ['2001:db8::g1', false],
  ])('v6 %s -> %s', (ip, expected) => expect(isIpv6Valid(ip)).toBe(expected));
});
