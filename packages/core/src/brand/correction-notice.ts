// The notice an advocate receives when a post of theirs repeats a claim found wrong, in their
// language. Texts exist in every language the product supports (en, es, sv); others fall back to en.

export type NoticeLanguage = 'en' | 'es' | 'sv';
export const NOTICE_LANGUAGES: readonly NoticeLanguage[] = ['en', 'es', 'sv'];

export interface CorrectionNoticeInput {
  brand: string;
  advocateName: string;
  /** How many of the advocate's posts repeat the claim. */
  posts: number;
  /** The approved correction in the notice's language. */
  correction: string;
  /** The wrong claim in a few words, when the manager gave one. */
  claim?: string | undefined;
}

export interface CorrectionNotice {
  language: NoticeLanguage;
  subject: string;
  body: string;
}

const TEMPLATES: Record<NoticeLanguage, (input: CorrectionNoticeInput) => { subject: string; body: string }> =
  {
    en: (n) => ({
      subject: `${n.brand}: a correction to one of your posts`,
      body: [
        `Hi ${n.advocateName},`,
        `${n.posts === 1 ? 'One of your posts repeats' : `${n.posts} of your posts repeat`} a claim that turned out to be wrong${n.claim !== undefined ? `: "${n.claim}"` : ''}.`,
        `The approved wording is: "${n.correction}"`,
        'Please edit the post (or add a comment with the correction) and keep the disclosure as it is. Thank you!',
      ].join('\n\n'),
    }),
    es: (n) => ({
      subject: `${n.brand}: una corrección en una de tus publicaciones`,
      body: [
        `Hola, ${n.advocateName}:`,
        `${n.posts === 1 ? 'Una de tus publicaciones repite' : `${n.posts} de tus publicaciones repiten`} una afirmación que resultó ser incorrecta${n.claim !== undefined ? `: «${n.claim}»` : ''}.`,
        `El texto aprobado es: «${n.correction}»`,
        'Por favor, edita la publicación (o añade un comentario con la corrección) y mantén la indicación de publicidad tal como está. ¡Gracias!',
      ].join('\n\n'),
    }),
    sv: (n) => ({
      subject: `${n.brand}: en rättelse i ett av dina inlägg`,
      body: [
        `Hej ${n.advocateName}!`,
        `${n.posts === 1 ? 'Ett av dina inlägg upprepar' : `${n.posts} av dina inlägg upprepar`} ett påstående som visade sig vara fel${n.claim !== undefined ? `: ”${n.claim}”` : ''}.`,
        `Den godkända formuleringen är: ”${n.correction}”`,
        'Redigera gärna inlägget (eller lägg till en kommentar med rättelsen) och behåll reklammärkningen som den är. Tack!',
      ].join('\n\n'),
    }),
  };

/** The notice language for an advocate: their own when supported, else English. */
export function noticeLanguage(language: string | null | undefined): NoticeLanguage {
  return NOTICE_LANGUAGES.includes(language as NoticeLanguage) ? (language as NoticeLanguage) : 'en';
}

/** Renders a correction notice in the given language (en, es or sv; anything else gets en). */
export function renderCorrectionNotice(language: string, input: CorrectionNoticeInput): CorrectionNotice {
  const lang = noticeLanguage(language);
  return { language: lang, ...TEMPLATES[lang](input) };
}
