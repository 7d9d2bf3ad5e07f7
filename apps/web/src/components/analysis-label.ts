import { CATALOGUES, type Translator } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.en.ts';

/**
 * A translated name for an analysis code (`intent.complaint`, `aspect.price`, `toxicity.high`);
 * a code the catalogue does not know yet is shown as it is rather than hidden.
 */
export function analysisLabel(
  translator: Translator,
  kind: 'intent' | 'aspect' | 'toxicity' | 'sentiment',
  code: string,
): string {
  const key = `${kind}.${code}`;
  return key in CATALOGUES.en ? translator.t(key as MessageKey) : code.replaceAll('_', ' ');
}
