import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z
  .object({
    DATABASE_URL: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
        .optional(),
    ),
    OMBUD_DATA_DIR: z.string().min(1).default('./data'),
    OMBUD_HOST: z.string().min(1).default('127.0.0.1'),
    OMBUD_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    OMBUD_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    OMBUD_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
    OMBUD_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    NATS_URL: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(
          /^(nats|tls|wss?):\/\/[^,\s]+(,(nats|tls|wss?):\/\/[^,\s]+)*$/,
          'must be nats:// URLs, comma-separated',
        )
        .optional(),
    ),
    OMBUD_NATS_STREAM: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, "_" and "-" only')
      .default('OMBUD'),
    OMBUD_METRICS_TOKEN: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.string().min(16, 'must be at least 16 characters').optional(),
    ),
    OMBUD_SMTP_URL: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(/^smtps?:\/\/[^\s/]+(:\d+)?\/?$/, 'must be smtp://[user:pass@]host[:port] or smtps://…')
        .optional(),
    ),
    OMBUD_MAIL_FROM: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z.email('must be an e-mail address').optional(),
    ),
    OMBUD_PUBLIC_URL: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(/^https?:\/\/[^\s]+$/, 'must be an http:// or https:// URL')
        .optional(),
    ),
  })
  .refine((e) => !e.NATS_URL || e.DATABASE_URL, {
    path: ['NATS_URL'],
    // Checked even when other variables are invalid, so every problem is listed at once.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    message: 'needs DATABASE_URL too (workers on several machines share one PostgreSQL server)',
  })
  .refine((e) => !e.OMBUD_SMTP_URL || e.OMBUD_MAIL_FROM, {
    path: ['OMBUD_MAIL_FROM'],
    when: (payload) => typeof payload.value === 'object' && payload.value !== null,
    message: 'needed when OMBUD_SMTP_URL is set (the sender of e-mails to advocates)',
  });

export interface AppConfig {
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };
  http: { host: string; port: number; secureCookies: boolean };
  logLevel: z.infer<typeof envSchema>['OMBUD_LOG_LEVEL'];
  workerConcurrency: number;
  /** Embedded: the job table in the database; jetstream: NATS JetStream (needs DATABASE_URL). */
  workStream: { kind: 'embedded' } | { kind: 'jetstream'; servers: string[]; stream: string };
  /** When set, `/metrics` asks for `Authorization: Bearer <token>`; otherwise it is public. */
  metricsToken: string | undefined;
  /**
   * Outgoing e-mail to people outside the team (advocates) and the scheduled listening digests that
   * `ombud start` and `ombud worker` send; undefined: nothing is e-mailed.
   */
  mail: { smtpUrl: string; from: string } | undefined;
  /** Where people outside the team reach the web app (links in e-mails); default http://host:port. */
  publicUrl: string;
}

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';
}

/** Parses the environment once, listing every problem together. The only reader of `process.env`. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: resolve(e.OMBUD_DATA_DIR, 'pg') },
    http: { host: e.OMBUD_HOST, port: e.OMBUD_PORT, secureCookies: e.OMBUD_SECURE_COOKIES === 'true' },
    logLevel: e.OMBUD_LOG_LEVEL,
    workerConcurrency: e.OMBUD_WORKER_CONCURRENCY,
    workStream: e.NATS_URL
      ? { kind: 'jetstream', servers: e.NATS_URL.split(','), stream: e.OMBUD_NATS_STREAM }
      : { kind: 'embedded' },
    metricsToken: e.OMBUD_METRICS_TOKEN,
    mail:
      e.OMBUD_SMTP_URL && e.OMBUD_MAIL_FROM
        ? { smtpUrl: e.OMBUD_SMTP_URL, from: e.OMBUD_MAIL_FROM }
        : undefined,
    publicUrl: (e.OMBUD_PUBLIC_URL ?? `http://${e.OMBUD_HOST}:${e.OMBUD_PORT}`).replace(/\/+$/, ''),
  };
}
