// Words near a number that tell what it is, in English, Spanish and Swedish.

/** Lower-cased text of up to `width` characters before `start`. */
export function textBefore(text: string, start: number, width = 28): string {
  return text.slice(Math.max(0, start - width), start).toLowerCase();
}

/** Words that announce a reference number (order, invoice, tracking...), not a phone or an ID. */
export const REFERENCE_CONTEXT =
  /(?<![\p{L}])(?:order|orden|pedido|beställning|ordernr|ordernummer|invoice|factura|faktura|ref|referencia|referens|reference|account|cuenta|konto|kundnr|kundnummer|customer(?: number| no\.?| id)?|cliente|ärende(?:nummer|nr)?|ticket|case|caso|tracking|seguimiento|spårning(?:snummer)?|voucher|cupón|cupon|código|code|kod|presentkort(?:skod)?|gift ?card|tarjeta regalo|serial|serie|version|versión|fax|flight|vuelo|flyg|no\.|nº|n°|nr|#)\s*[:.]?\s*$/u;

/** Words that announce a phone number. */
export const PHONE_CONTEXT =
  /(?<![\p{L}])(?:phone|tel|tlf|tfno|teléfono|telefono|telefon|mobile|móvil|movil|mobil|mobilnummer|cell|call|ring|ringa|text|sms(?::a)?|whatsapp|llama\w*|llám\w*|contact\w*|kontakt|reach me|nå mig|når mig|called from|on|al|på)\b[^0-9]{0,14}$/u;

/** Words that announce a national identity number. */
export const NATIONAL_ID_CONTEXT =
  /(?<![\p{L}])(?:person(?:nummer|numret|numren| ?nr)|pnr|samordningsnum(?:mer|ret)|id|dni|nie|nif|documento|identidad|ssn|social security|seguridad social)\b[^0-9]{0,14}$/u;
