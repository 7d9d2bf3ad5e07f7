import { decodeHTML, decodeXML } from 'entities';

/** XML character data with only the five predefined entities and numeric references decoded. */
export const decodeXmlText = (text: string) => decodeXML(text);

const DROPPED_ELEMENTS = /<(script|style|template|iframe|object|noscript)\b[\s\S]*?<\/\1\s*>/gi;
const BLOCK_BREAK = /<\/?(p|div|br|li|ul|ol|h[1-6]|blockquote|pre|tr|table|section|article)\b[^>]*>/gi;

/**
 * HTML (as feeds put it in descriptions and summaries) to plain text: scripts and styles dropped
 * with their content, tags removed, entities decoded. The result is text, shown as text.
 */
export function htmlToText(html: string): string {
  const withoutCode = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(DROPPED_ELEMENTS, ' ')
    .replace(/<(script|style)\b[\s\S]*$/gi, ' ');
  const text = decodeHTML(withoutCode.replace(BLOCK_BREAK, '\n').replace(/<[^>]*>/g, ' '));
  return text
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n[\s]*/g, '\n')
    .trim();
}
