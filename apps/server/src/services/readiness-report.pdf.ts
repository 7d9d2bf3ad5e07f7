import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's Chromium; never a browser downloaded at install or run time. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--disable-default-apps',
  '--no-first-run',
  '--no-default-browser-check',
];

// One Chromium at a time per process: a browser costs ~150 MB and a core while it prints.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Prints a self-contained HTML document to an A4 PDF with Chromium. Every network request the page
 * tries is refused, so the PDF can only show what the HTML carries inline. Prints are serialised.
 */
export function printHtmlToPdf(html: string): Promise<Buffer> {
  const result = queue.then(() => print(html));
  queue = result.catch(() => undefined);
  return result;
}

async function print(html: string): Promise<Buffer> {
  // Loaded on first print: importing playwright-core costs ~0.5 s of CPU, which every CLI command
  // and server start would pay otherwise.
  const { chromium } = await import('playwright-core');
  const profile = await mkdtemp(join(tmpdir(), 'ombud-readiness-pdf-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    offline: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}
