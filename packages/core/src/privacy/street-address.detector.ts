import type { PersonalDataFinding } from './personal-data.types.ts';

const NAME_WORD = String.raw`\p{Lu}[\p{L}'’.-]*`;
const EN_SUFFIX =
  'Street|St\\.?|Road|Rd\\.?|Avenue|Ave\\.?|Lane|Ln\\.?|Drive|Dr\\.?|Boulevard|Blvd\\.?|Way|Place|Pl\\.?|Court|Ct\\.?|Terrace|Close|Crescent|Square|Row|Gardens|Parkway|Highway|Hwy\\.?';
const EN_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])\d{1,5}[A-Za-z]?\s+(?:${NAME_WORD}\s+){1,3}(?:${EN_SUFFIX})(?![\p{L}\p{N}])`,
  'gu',
);

const ES_TYPE =
  'Calle|C/|Avenida|Avda\\.?|Av\\.|Paseo|Pº|Plaza|Pza\\.?|Camino|Carretera|Ctra\\.?|Ronda|Travesía|Rambla|Glorieta|Urbanización|Vía';
const ES_CONNECTOR = "de|del|la|las|los|el|y|d'";
const ES_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:${ES_TYPE})\s+(?:(?:${ES_CONNECTOR})\s+|${NAME_WORD}\s*){1,6}|Gran Vía\s*),?\s*(?:n[º°o]\.?\s*)?\d{1,3}(?:[A-Za-z]| [A-Z])?(?![\p{L}\p{N}])`,
  'gu',
);

const SV_SUFFIX =
  'gatan|vägen|gränd|gränden|torget|torg|stigen|allén|backen|gata|väg|leden|esplanaden|kajen|promenaden|stråket';
const SV_ADDRESS = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:(?:Östra|Västra|Norra|Södra|Stora|Lilla|Nya|Gamla|Övre|Nedre)\s+)?\p{Lu}[\p{Ll}-]*(?:${SV_SUFFIX})\s+\d{1,3}(?:[A-Za-z]| [A-Z])?(?![\p{L}\p{N}])`,
  'gu',
);
const TRIGGER = new RegExp(
  `(?:${EN_SUFFIX}|Calle|C/|Avenida|Avda|Av\\.|Paseo|Pº|Plaza|Pza|Camino|Carretera|Ctra|Ronda|Travesía|Rambla|Glorieta|Urbanización|Vía|${SV_SUFFIX})`,
  'u',
);

/** Finds street addresses written the English ("221B Baker Street"), Spanish ("Calle Mayor 12") or Swedish ("Storgatan 5") way. */
export function detectStreetAddresses(text: string): PersonalDataFinding[] {
  if (!TRIGGER.test(text)) return [];
  const found: PersonalDataFinding[] = [];
  const add = (re: RegExp, style: string) => {
    for (const m of text.matchAll(re)) {
      const raw = m[0].replace(/[\s,]+$/u, '');
      found.push({
        type: 'STREET_ADDRESS',
        start: m.index,
        end: m.index + raw.length,
        confidence: 0.75,
        text: raw,
        evidence: `address: ${style} street pattern`,
      });
    }
  };
  add(EN_ADDRESS, 'English number + name + street type');
  add(ES_ADDRESS, 'Spanish street type + name + number');
  add(SV_ADDRESS, 'Swedish street name + number');
  return found;
}
