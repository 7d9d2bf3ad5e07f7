/** Built-in kinds of personal data the detector reports. */
export type BuiltInPersonalDataType =
  | 'EMAIL'
  | 'PHONE'
  | 'CREDIT_CARD'
  | 'IBAN'
  | 'SE_PERSONNUMMER'
  | 'ES_DNI'
  | 'ES_NIE'
  | 'US_SSN'
  | 'IP_ADDRESS'
  | 'STREET_ADDRESS'
  | 'PERSON';

export const BUILT_IN_PERSONAL_DATA_TYPES: readonly BuiltInPersonalDataType[] = [
  'EMAIL',
  'PHONE',
  'CREDIT_CARD',
  'IBAN',
  'SE_PERSONNUMMER',
  'ES_DNI',
  'ES_NIE',
  'US_SSN',
  'IP_ADDRESS',
  'STREET_ADDRESS',
  'PERSON',
];

/** A built-in type, or a workspace's own upper-case type name (e.g. `ORDER_NUMBER`). */
export type PersonalDataType = BuiltInPersonalDataType | (string & {});

/** Regions whose national phone formats are tried when a number has no `+` prefix. */
export type PhoneRegion =
  'ES' | 'SE' | 'US' | 'GB' | 'DE' | 'FR' | 'IT' | 'PT' | 'NL' | 'NO' | 'DK' | 'FI' | 'IE';

/** One piece of personal data found in a text. `start`/`end` are JavaScript string indices (end exclusive). */
export type PersonalDataFinding = {
  type: PersonalDataType;
  start: number;
  end: number;
  /** 0..1: how sure the rule is; validated checksums score high, context-free guesses low. */
  confidence: number;
  text: string;
  /** The rule and checks that produced the finding, so a person can see why. */
  evidence: string;
};

/** A workspace-defined pattern, e.g. `{ type: 'ORDER_NUMBER', pattern: /ORD-\d{8}/ }`. */
export type CustomPattern = {
  type: string;
  pattern: RegExp;
  confidence?: number;
};

export type DetectPersonalDataOptions = {
  customPatterns?: readonly CustomPattern[];
  /** Tried first for national phone numbers; ES, SE, US and GB are always tried after it. */
  defaultRegion?: PhoneRegion;
  /** Findings below this confidence are dropped (default 0.5). */
  minConfidence?: number;
  /** Restrict detection to these types (custom types always run). */
  types?: readonly BuiltInPersonalDataType[];
};
