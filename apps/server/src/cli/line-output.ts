import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';

/** Where a command's result lines go: a file (`--output`) or stdout, with back-pressure. */
export interface LineOutput {
  write(line: string): Promise<void>;
  /** Flushes and closes a file output; leaves stdout open. */
  close(): Promise<void>;
}

export function openLineOutput(path: string | undefined): LineOutput {
  const stream: Writable = path ? createWriteStream(path) : process.stdout;
  return {
    async write(line) {
      if (!stream.write(`${line}\n`)) await once(stream, 'drain');
    },
    async close() {
      if (stream === process.stdout) return;
      stream.end();
      await once(stream, 'finish');
    },
  };
}
