// Texts the server itself shows or sends to advocates (people outside the team), in every language
// the product supports; anything else falls back to English.

export type PortalLanguage = 'en' | 'es' | 'sv';

export const portalLanguage = (language: string | null | undefined): PortalLanguage =>
  language === 'es' || language === 'sv' ? language : 'en';

/** The programme terms a self-joining advocate agrees to; `{brand}` is replaced. */
export const PROGRAMME_TERMS: Record<PortalLanguage, string> = {
  en:
    'I join the {brand} advocate programme. I will disclose every post about {brand} as an advertisement ' +
    'as the rules of my market require, submit each draft for review and publish only approved wording. ' +
    '{brand} may process my handles and my public posts about the campaign to check them against the ' +
    'brief and to send me corrections. I can leave and withdraw this consent at any time.',
  es:
    'Me uno al programa de embajadores de {brand}. Indicaré que cada publicación sobre {brand} es ' +
    'publicidad, como exigen las normas de mi mercado, enviaré cada borrador a revisión y publicaré solo ' +
    'textos aprobados. {brand} puede tratar mis cuentas y mis publicaciones públicas sobre la campaña para ' +
    'comprobarlas con el briefing y enviarme correcciones. Puedo salir y retirar este consentimiento en ' +
    'cualquier momento.',
  sv:
    'Jag går med i {brand}s ambassadörsprogram. Jag märker varje inlägg om {brand} som reklam så som ' +
    'reglerna på min marknad kräver, skickar varje utkast för granskning och publicerar bara godkända ' +
    'formuleringar. {brand} får behandla mina konton och mina offentliga inlägg om kampanjen för att ' +
    'kontrollera dem mot briefen och skicka rättelser till mig. Jag kan när som helst lämna programmet ' +
    'och återkalla detta samtycke.',
};

/** What a correction e-mail adds to the notice: the portal link and why the advocate receives it. */
export const NOTICE_EMAIL: Record<
  PortalLanguage,
  { portal: (url: string) => string; footer: (brand: string) => string }
> = {
  en: {
    portal: (url) =>
      `Open your advocate portal to see the correction, acknowledge it and tell us when your post is corrected:\n${url}`,
    footer: (brand) =>
      `You receive this because you joined the ${brand} advocate programme and agreed to be contacted by e-mail.`,
  },
  es: {
    portal: (url) =>
      `Abre tu portal de embajador para ver la corrección, confirmarla y avisarnos cuando hayas corregido tu publicación:\n${url}`,
    footer: (brand) =>
      `Recibes este mensaje porque te uniste al programa de embajadores de ${brand} y aceptaste que te contactemos por correo electrónico.`,
  },
  sv: {
    portal: (url) =>
      `Öppna din ambassadörsportal för att se rättelsen, bekräfta den och berätta när du har rättat ditt inlägg:\n${url}`,
    footer: (brand) =>
      `Du får detta eftersom du gick med i ${brand}s ambassadörsprogram och godkände att bli kontaktad via e-post.`,
  },
};
