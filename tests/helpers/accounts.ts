import type { Db } from '../../server/db.js';
import { issueAccessToken } from '../../server/modules/accounts/access-token.js';
import type { AdminRole, UserRole } from '../../server/modules/accounts/actor.js';
import { hashPassword } from '../../server/modules/accounts/password.js';
import { newId } from '../../server/shared/ids.js';
import type { TestApp } from './app.js';

export const TEST_PASSWORD = 'correct horse battery';
// Hashing costs ~50 ms at the OWASP parameters; every fixture user shares one hash.
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: UserRole;
  adminRole: AdminRole | null;
  /** A fresh 15-minute access token for `Authorization: Bearer`. */
  token: string;
}

let counter = 0;

/** A verified, active user inserted directly (no e-mail round trip), with an access token. */
export async function createUser(
  testApp: TestApp,
  db: Db,
  role: UserRole,
  options: { adminRole?: AdminRole; email?: string; label?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  counter += 1;
  const now = testApp.clock.now();
  const id = newId('usr', now.getTime());
  const email = options.email ?? `${options.label ?? role.toLowerCase()}-${counter}-${id.slice(-6)}@example.test`;
  const adminRole = role === 'ADMIN' ? (options.adminRole ?? 'SUPERADMIN') : null;
  await db.user.create({
    data: { id, email, passwordHash: await passwordHash, role, adminRole, emailVerifiedAt: now, createdAt: now },
  });
  const { token } = await issueAccessToken(testApp.config, testApp.clock, { id, role, adminRole });
  return { id, email, role, adminRole, token };
}

export const bearer = (user: { token: string }) => ({ Authorization: `Bearer ${user.token}` });

/** The six-digit code in the newest development-mailbox message to `to`, once mail in flight has landed. */
export async function lastMailedCode(testApp: TestApp, to: string): Promise<string> {
  await testApp.services.mailer.drain();
  const mail = await testApp.services.db.devMail.findFirst({ where: { to }, orderBy: { id: 'desc' } });
  const code = mail?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code mailed to ${to}`);
  return code;
}
