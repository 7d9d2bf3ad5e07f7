/** One physical line of an input file, or the fact that a line was too long to keep. */
export type PhysicalLine =
  | { kind: 'line'; line: number; text: string; validUtf8: boolean }
  | { kind: 'too-long'; line: number; bytes: number };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenientDecoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Splits a byte stream into lines without ever holding more than `maxLineBytes` of one line:
 * an over-long line is skipped to its end and reported, so a 10 MB line costs no memory.
 */
export async function* splitLines(
  chunks: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  maxLineBytes: number,
): AsyncGenerator<PhysicalLine> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let skippingBytes = -1; // ≥ 0 while discarding the rest of an over-long line
  let lineNumber = 0;

  const finishLine = (tail: Buffer): PhysicalLine => {
    lineNumber += 1;
    if (skippingBytes >= 0) {
      const bytes = skippingBytes + tail.length;
      skippingBytes = -1;
      return { kind: 'too-long', line: lineNumber, bytes };
    }
    let bytes = pendingBytes === 0 ? tail : Buffer.concat([...pending, tail], pendingBytes + tail.length);
    pending = [];
    pendingBytes = 0;
    if (bytes.length > 0 && bytes[bytes.length - 1] === CARRIAGE_RETURN) bytes = bytes.subarray(0, -1);
    if (bytes.length > maxLineBytes) return { kind: 'too-long', line: lineNumber, bytes: bytes.length };
    return decodeLine(bytes, lineNumber);
  };

  for await (const chunk of chunks) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (;;) {
      const newline = buffer.indexOf(NEWLINE, start);
      if (newline === -1) break;
      yield finishLine(buffer.subarray(start, newline));
      start = newline + 1;
    }
    if (start < buffer.length) {
      const rest = buffer.subarray(start);
      if (skippingBytes >= 0) skippingBytes += rest.length;
      else if (pendingBytes + rest.length > maxLineBytes + 1) {
        skippingBytes = pendingBytes + rest.length;
        pending = [];
        pendingBytes = 0;
      } else {
        // Copy: the caller may reuse its chunk buffer.
        pending.push(Buffer.from(rest));
        pendingBytes += rest.length;
      }
    }
  }
  if (pendingBytes > 0 || skippingBytes >= 0) yield finishLine(Buffer.alloc(0));
}

function decodeLine(bytes: Buffer, line: number): PhysicalLine {
  try {
    return { kind: 'line', line, text: strictDecoder.decode(bytes), validUtf8: true };
  } catch {
    return { kind: 'line', line, text: lenientDecoder.decode(bytes), validUtf8: false };
  }
}
