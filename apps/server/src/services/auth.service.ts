import {
  createHash,
  randomBytes,
  scrypt,
  timingSafeEqual,
  type BinaryLike,
  type ScryptOptions,
} from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '@ombud/contract';
import type { Database } from '../db/schema.ts';
import { AppError } from '../errors.ts';

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 64 };
export const SESSION_DAYS = 14;

function scryptAsync(
  password: BinaryLike,
  salt: BinaryLike,
  length: number,
  options: ScryptOptions,
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** `scrypt$N$r$p$salt$hash`, so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, SCRYPT.keyLength, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(key, expected);
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export interface Principal {
  kind: 'user' | 'api_key';
  id: string;
  workspaceId: string;
  role: Role | 'ingest';
  email?: string;
  displayName?: string;
  locale?: string;
}

export async function isFirstRun(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

export async function createUser(
  db: Kysely<Database>,
  input: {
    workspaceId: string;
    email: string;
    displayName: string;
    password: string;
    role: Role;
    locale?: string;
  },
): Promise<{ id: string }> {
  const existing = await db
    .selectFrom('app_user')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['email']), '=', input.email.toLowerCase()))
    .executeTakeFirst();
  if (existing) throw new AppError('CONFLICT', `a user with e-mail ${input.email} exists already`);
  return db
    .insertInto('app_user')
    .values({
      workspace_id: input.workspaceId,
      email: input.email,
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      role: input.role,
      locale: input.locale ?? 'en',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Checks a password and opens a session; returns the raw token (only its hash is stored). */
export async function login(
  db: Kysely<Database>,
  email: string,
  password: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'password_hash'])
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .executeTakeFirst();
  // Hash even for unknown users so timing does not reveal which e-mails exist.
  const ok = await verifyPassword(password, user?.password_hash ?? 'scrypt$16384$8$1$AAAA$AAAA');
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS', 'e-mail or password is wrong');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db
    .insertInto('session')
    .values({ token_hash: sha256(token), user_id: user.id, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', sha256(token)).execute();
}

export async function principalFromSession(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<Principal | undefined> {
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'app_user.id',
      'app_user.workspace_id',
      'app_user.role',
      'app_user.email',
      'app_user.display_name',
      'app_user.locale',
    ])
    .where('session.token_hash', '=', sha256(token))
    .where('session.expires_at', '>', now)
    .executeTakeFirst();
  return (
    row && {
      kind: 'user',
      id: row.id,
      workspaceId: row.workspace_id,
      role: row.role as Role,
      email: row.email,
      displayName: row.display_name,
      locale: row.locale,
    }
  );
}

const API_KEY_PREFIX = 'ombud_';

export async function createApiKey(
  db: Kysely<Database>,
  input: { workspaceId: string; name: string; createdBy: string },
): Promise<{ id: string; key: string; prefix: string }> {
  const secret = randomBytes(24).toString('base64url');
  const key = `${API_KEY_PREFIX}${secret}`;
  const prefix = key.slice(0, 12);
  const row = await db
    .insertInto('api_key')
    .values({
      workspace_id: input.workspaceId,
      name: input.name,
      prefix,
      key_hash: sha256(key),
      role: 'ingest',
      created_by: input.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, key, prefix };
}

export async function principalFromApiKey(
  db: Kysely<Database>,
  key: string,
  now: Date,
): Promise<Principal | undefined> {
  if (!key.startsWith(API_KEY_PREFIX)) return undefined;
  const row = await db
    .updateTable('api_key')
    .set({ last_used_at: now })
    .where('key_hash', '=', sha256(key))
    .where('revoked_at', 'is', null)
    .returning(['id', 'workspace_id'])
    .executeTakeFirst();
  return row && { kind: 'api_key', id: row.id, workspaceId: row.workspace_id, role: 'ingest' };
}
