const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const PAD = 61; // '='
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Base64 of 16-bit values as little-endian bytes (no Buffer/btoa: core runs anywhere). */
export function encodeUint16Base64(values: Uint16Array): string {
  const bytes = new Uint8Array(values.length * 2);
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    bytes[2 * i] = v & 0xff;
    bytes[2 * i + 1] = v >>> 8;
  }
  // Write ASCII codes into a byte array, then turn it into flat strings a chunk at a time: appending
  // characters one by one builds rope strings that cost many times the memory of the result.
  const ascii = new Uint8Array(Math.ceil(bytes.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 3) {
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const n = ((bytes[i] as number) << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    ascii[o++] = ALPHABET.charCodeAt((n >>> 18) & 63);
    ascii[o++] = ALPHABET.charCodeAt((n >>> 12) & 63);
    ascii[o++] = b1 === undefined ? PAD : ALPHABET.charCodeAt((n >>> 6) & 63);
    ascii[o++] = b2 === undefined ? PAD : ALPHABET.charCodeAt(n & 63);
  }
  const parts: string[] = [];
  for (let i = 0; i < ascii.length; i += 0x8000) {
    parts.push(String.fromCharCode(...ascii.subarray(i, i + 0x8000)));
  }
  return parts.join('');
}

/** Inverse of `encodeUint16Base64`; throws on characters outside the base64 alphabet. */
export function decodeUint16Base64(text: string): Uint16Array {
  const clean = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let buffer = 0;
  let out = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const v = code < 128 ? (LOOKUP[code] as number) : -1;
    if (v < 0) throw new Error(`invalid base64 character at ${i}`);
    buffer = ((buffer << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >>> bits) & 0xff;
    }
  }
  const values = new Uint16Array(Math.floor(out / 2));
  for (let i = 0; i < values.length; i++)
    values[i] = (bytes[2 * i] as number) | ((bytes[2 * i + 1] as number) << 8);
  return values;
}
