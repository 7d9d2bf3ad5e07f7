import type { BrowserContext, Page } from 'playwright-core';
import type { HttpApp } from '../../../server/src/http/app.ts';
import type { TestDatabase } from '../../../server/test/support/test-database.ts';

/** What the dashboard test shares with each screen's scenarios. */
export interface DashboardContext {
  page: Page;
  browser: BrowserContext;
  /** `http://127.0.0.1:PORT` of the real API serving the built dashboard. */
  base: string;
  app: HttpApp;
  database: TestDatabase;
  demo: { campaignName: string; posts: number };
  expectNoSeriousAxeViolations: (page: Page, screen: string) => Promise<void>;
  /** Saves `docs/screenshots/<name>.png`. */
  screenshot: (name: string) => Promise<void>;
}
