import type { CampaignInput } from '@ombud/contract';

/** The demo campaign: the Nordvik Kettle Pro launch in English, Spanish and Swedish. */
export const DEMO_CAMPAIGN = {
  name: 'Nordvik Kettle Pro launch — #MyNordvikStory',
  hashtags: ['#MyNordvikStory', '#MiHistoriaNordvik', '#MinNordvikBerättelse'],
  keywords: ['Nordvik', 'Kettle Pro'],
  handles: ['@nordvik', '@nordvik_es', '@nordvik_se'],
  languages: ['en', 'es', 'sv'],
  markets: ['US', 'GB', 'ES', 'SE'],
  startsAt: null,
  endsAt: null,
  keyMessages: [
    {
      id: 'km-design',
      text: {
        en: 'Designed in Sweden, built to last.',
        es: 'Diseñado en Suecia, hecho para durar.',
        sv: 'Designad i Sverige, byggd för att hålla.',
      },
    },
    {
      id: 'km-temperature',
      text: {
        en: 'Five temperature presets: the right water for every tea and coffee.',
        es: 'Cinco temperaturas: el agua justa para cada té y cada café.',
        sv: 'Fem temperaturlägen: rätt vatten till varje te och kaffe.',
      },
    },
    {
      id: 'km-sustainability',
      text: {
        en: 'Made with 80% recycled steel.',
        es: 'Hecho con un 80 % de acero reciclado.',
        sv: 'Tillverkad av 80 % återvunnet stål.',
      },
    },
    {
      id: 'km-story',
      text: {
        en: 'Share your morning ritual with #MyNordvikStory.',
        es: 'Comparte tu ritual de cada mañana con #MiHistoriaNordvik.',
        sv: 'Dela din morgonrutin med #MinNordvikBerättelse.',
      },
    },
  ],
  factSheet: [
    {
      id: 'fact-returns',
      subject: 'returns',
      text: {
        en: '30-day free returns.',
        es: 'Devolución gratuita en 30 días.',
        sv: '30 dagars fri retur.',
      },
    },
    {
      id: 'fact-recycled',
      subject: 'recycled material',
      text: {
        en: 'The body is made with 80% recycled stainless steel.',
        es: 'El cuerpo está hecho con un 80 % de acero inoxidable reciclado.',
        sv: 'Stommen är tillverkad av 80 % återvunnet rostfritt stål.',
      },
    },
    {
      id: 'fact-warranty',
      subject: 'warranty',
      text: {
        en: '2-year warranty.',
        es: '2 años de garantía.',
        sv: '2 års garanti.',
      },
    },
    {
      id: 'fact-presets',
      subject: 'temperature presets',
      text: {
        en: 'Five temperature presets: 40, 70, 80, 90 and 100 °C; keeps warm for 30 minutes.',
        es: 'Cinco temperaturas: 40, 70, 80, 90 y 100 °C; mantiene el calor 30 minutos.',
        sv: 'Fem temperaturlägen: 40, 70, 80, 90 och 100 °C; håller varmt i 30 minuter.',
      },
    },
    {
      id: 'fact-price',
      subject: 'price',
      text: {
        en: 'Nordvik Kettle Pro costs 69 USD (79 EUR in Europe).',
        es: 'El Nordvik Kettle Pro cuesta 79 EUR.',
        sv: 'Nordvik Kettle Pro kostar 899 kr.',
      },
    },
    {
      id: 'fact-capacity',
      subject: 'capacity',
      text: { en: '1.7 litre capacity.', es: 'Capacidad de 1,7 litros.', sv: 'Rymmer 1,7 liter.' },
    },
    {
      id: 'fact-safety',
      subject: 'safety',
      text: {
        en: 'Certified to EN 60335: the lid locks and the kettle switches off when it boils or runs dry; it does not overheat or explode.',
        es: 'Certificado EN 60335: la tapa se bloquea y el hervidor se apaga al hervir o si se queda sin agua; no se sobrecalienta ni explota.',
        sv: 'Certifierad enligt EN 60335: locket låses och vattenkokaren stängs av när vattnet kokar eller den är tom; den överhettas inte och exploderar inte.',
      },
    },
  ],
  bannedClaims: [
    '100% recycled',
    '100 % reciclado',
    '100% reciclado',
    '100 % återvunnet',
    '100% återvunnet',
    '5-year warranty',
    '5 años de garantía',
    '5 års garanti',
    '60-day returns',
    '60 días para devolverlo',
    '60 dagars öppet köp',
    'never breaks',
    'no se rompe nunca',
    'går aldrig sönder',
    'explosion-proof',
    'a prueba de explosiones',
    'explosionssäker',
  ],
  requiredDisclosures: [
    { market: 'US', tags: ['#ad', '#sponsored'], placement: 'first_chars', firstChars: 100 },
    { market: 'GB', tags: ['#ad'], placement: 'start' },
    { market: 'ES', tags: ['#publicidad', '#publi'], placement: 'anywhere' },
    { market: 'SE', tags: ['#reklam', '#annons'], placement: 'start' },
  ],
  competitors: [{ name: 'Kettlo', handles: ['@kettlo', '@kettlo_help'], keywords: ['Kettlo'] }],
  brief: null,
} satisfies CampaignInput;

/** The demo campaign with its dates set to a generated stream's window. */
export function demoCampaignFor(start: Date, days: number): CampaignInput {
  return {
    ...DEMO_CAMPAIGN,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + days * 86_400_000).toISOString(),
  };
}
