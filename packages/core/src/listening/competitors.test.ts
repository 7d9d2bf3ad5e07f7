import { describe, expect, it } from 'vitest';
import { compileSubjectMatcher, compileSwitchDetector, isCompetitorPitch } from './competitors.ts';

const KETTLO = { name: 'Kettlo', handles: ['@kettlo', '@kettlo_help'], keywords: ['Kettlo Smart'] };

describe('compileSwitchDetector', () => {
  const detect = compileSwitchDetector([KETTLO]);
  it.each([
    ['3 days and no kettle. switching to Kettlo', 'switching to kettlo'],
    ['honestly might just switch to @kettlo at this point', 'switch to @kettlo'],
    ['cancelling my order and going with Kettlo', 'going with kettlo'],
    ['5 días sin hervidor. Me cambio a Kettlo 😡', 'me cambio a kettlo'],
    ['harta. cancelo el pedido y me voy a Kettlo', 'me voy a kettlo'],
    ['pues me cambio a @kettlo y listo', 'me cambio a @kettlo'],
    ['4 dagar och ingen vattenkokare. Byter till Kettlo', 'byter till kettlo'],
    ['om den inte kommit till fredag byter jag till Kettlo.', 'byter jag till kettlo'],
    ['trött på dem. avbeställer och köper Kettlo istället', 'koper kettlo istallet'],
  ])('finds the switch in %j', (text, evidence) => {
    expect(detect(text)).toEqual({ competitor: 'Kettlo', evidence });
  });
  it.each([
    ['switched from Kettlo to the Nordvik Kettle Pro and not looking back'],
    ['bytte från Kettlo till Nordvik och ångrar inget'],
    ['pasé de Kettlo al Kettle Pro y no vuelvo'],
    ["I'm not switching to Kettlo, just want my order"],
    ['had a Kettlo for years, this one is quieter'],
    ['switching to decaf tomorrow'],
    ['I would buy a Kettlo'],
  ])('finds no switch in %j', (text) => {
    expect(detect(text)).toBeNull();
  });
});

describe('isCompetitorPitch', () => {
  it.each([
    ['sorry to hear! Kettlo ships in 24h, DM us for 20% off', true],
    ['lo sentimos. Kettlo Smart llega mañana, usa el código CAMBIO20', true],
    ['så synd. Kettlo levereras nästa dag, använd koden BYT20 för 20 % rabatt', true],
    ['Kettlo boils faster but is louder', false],
    ['DM us your order number', false],
  ])('%j → %s', (text, pitch) => {
    expect(isCompetitorPitch(text, KETTLO)).toBe(pitch);
  });
});

describe('compileSubjectMatcher', () => {
  const match = compileSubjectMatcher(
    { hashtags: ['#MyNordvikStory'], keywords: ['Nordvik'], handles: ['@nordvik'] },
    [KETTLO],
  );
  it('names brand and competitor mentions with evidence', () => {
    expect(match({ text: 'Nordvik vs Kettlo Smart: looks vs price' })).toMatchObject({
      brand: true,
      competitors: ['Kettlo'],
    });
    expect(match({ text: '@someone DM us', authorHandle: 'kettlo_help' })).toEqual({
      brand: false,
      competitors: ['Kettlo'],
      evidence: { Kettlo: ['author:@kettlo_help'] },
    });
    expect(match({ text: 'nordviking is a word' })).toMatchObject({ brand: false, competitors: [] });
    expect(match({ text: 'Kettlos app är bättre än Nordviks' })).toMatchObject({
      brand: true,
      competitors: ['Kettlo'],
    });
  });
});
