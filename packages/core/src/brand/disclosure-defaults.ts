import type { DisclosureRule } from './brief.types.ts';

// Researched defaults, documented with sources in docs/brief.md. A brief's own rule for a market
// replaces the default for that market; `useDefaults: false` drops them all.
const INSTAGRAM_VISIBLE_CHARS = 125;

/** Built-in disclosure rules per market (ISO 3166-1 alpha-2). */
export const DEFAULT_DISCLOSURE_RULES: readonly DisclosureRule[] = [
  {
    market: 'US',
    tags: [
      '#ad',
      '#sponsored',
      '#advertisement',
      'Advertisement',
      'Sponsored',
      'Paid partnership',
      '#paidpartnership',
    ],
    placement: 'first_chars',
    firstChars: INSTAGRAM_VISIBLE_CHARS,
    note: 'FTC Endorsement Guides / "Disclosures 101": clear, hard to miss, before the "more" cut.',
  },
  {
    market: 'CA',
    tags: ['#ad', '#sponsored', 'Sponsored', 'Advertisement'],
    placement: 'first_chars',
    firstChars: INSTAGRAM_VISIBLE_CHARS,
    note: 'Ad Standards Canada influencer disclosure guidelines.',
  },
  {
    market: 'GB',
    tags: ['#ad', 'Ad', 'Advert', '#advert', 'Advertisement', '#advertisement'],
    placement: 'start',
    note: 'CMA/ASA "Influencers\' guide": "#ad" upfront, before people engage.',
  },
  {
    market: 'IE',
    tags: ['#ad', 'Ad', 'Advert', '#advert', 'Advertisement'],
    placement: 'start',
    note: 'CCPC/ASAI influencer marketing guidance: "#ad" upfront.',
  },
  {
    market: 'ES',
    tags: ['Publicidad', '#publicidad', 'Publi', '#publi', 'Patrocinado', '#patrocinado', '#ad'],
    placement: 'first_chars',
    firstChars: INSTAGRAM_VISIBLE_CHARS,
    note: 'Autocontrol Código de conducta sobre el uso de influencers: identifiable without clicking.',
  },
  {
    market: 'SE',
    tags: ['Reklam', '#reklam', 'Annons', '#annons'],
    placement: 'start',
    note: 'Konsumentverket / Patent- och marknadsöverdomstolen: "Reklam" at the start; "#samarbete" or "#ad" is not enough.',
  },
  {
    market: 'NO',
    tags: ['Reklame', '#reklame', 'Annonse', '#annonse'],
    placement: 'start',
    note: 'Forbrukertilsynet guide to labelling advertising in social media: at the start.',
  },
  {
    market: 'DK',
    tags: ['Reklame', '#reklame', 'Annonce', '#annonce'],
    placement: 'start',
    note: 'Forbrugerombudsmanden guidance for influencers: at the start.',
  },
  {
    market: 'FI',
    tags: ['Mainos', '#mainos', 'Reklam', '#reklam', 'Kaupallinen yhteistyö'],
    placement: 'start',
    note: 'KKV influencer marketing guideline (2025): at the very beginning of the text field.',
  },
  {
    market: 'DE',
    tags: ['Werbung', '#werbung', 'Anzeige', '#anzeige'],
    placement: 'start',
    note: 'Die Medienanstalten Leitfaden Werbekennzeichnung: "Werbung"/"Anzeige" at the beginning.',
  },
  {
    market: 'AT',
    tags: ['Werbung', '#werbung', 'Anzeige', '#anzeige', 'Entgeltliche Einschaltung'],
    placement: 'start',
    note: 'KommAustria / Werberat: "Werbung" or "Anzeige" at the beginning.',
  },
  {
    market: 'FR',
    tags: [
      'Publicité',
      '#publicité',
      'Collaboration commerciale',
      '#collaborationcommerciale',
      '#sponsorisé',
    ],
    placement: 'first_chars',
    firstChars: INSTAGRAM_VISIBLE_CHARS,
    note: 'Loi n° 2023-451 (influencers): "Publicité" or "Collaboration commerciale", clear and legible.',
  },
  {
    market: 'NL',
    tags: ['#ad', '#reclame', '#spon', '#sponsored', 'Reclame', 'Advertentie'],
    placement: 'first_chars',
    firstChars: INSTAGRAM_VISIBLE_CHARS,
    note: 'Reclamecode Social Media & Influencer Marketing (RSM).',
  },
  {
    market: 'IT',
    tags: ['#adv', '#ad', 'Pubblicità', '#pubblicità', '#sponsorizzato'],
    placement: 'first_chars',
    firstChars: INSTAGRAM_VISIBLE_CHARS,
    note: 'IAP Digital Chart / AGCOM influencer guidelines.',
  },
];

/** Used for a market with no rule: any common label within the visible part of a caption. */
export const FALLBACK_DISCLOSURE_RULE: DisclosureRule = {
  market: 'default',
  tags: [
    '#ad',
    '#sponsored',
    'Advertisement',
    'Sponsored',
    'Publicidad',
    '#publicidad',
    '#publi',
    'Reklam',
    '#reklam',
  ],
  placement: 'first_chars',
  firstChars: INSTAGRAM_VISIBLE_CHARS,
  note: 'No rule for this market: any common label, visible before the caption is cut.',
};
