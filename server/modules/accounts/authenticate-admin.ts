import type { Db } from '../../db.js';
import { spendDecoyVerification, verifyPassword } from './password.js';

export interface AdminIdentity {
  id: string;
  email: string;
  adminRole: 'MODERATOR' | 'FINANCE' | 'SUPERADMIN';
}

/** Checks back-office credentials: an ACTIVE user with role ADMIN and the right password, else null. */
export async function authenticateAdmin(db: Db, email: string, password: string): Promise<AdminIdentity | null> {
  const user = await db.user.findUnique({
    where: { email: email.trim().toLowerCase() },
    select: { id: true, email: true, role: true, adminRole: true, status: true, passwordHash: true },
  });
  if (!user) {
    await spendDecoyVerification(password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, password);
  if (!ok || user.role !== 'ADMIN' || user.status !== 'ACTIVE' || !user.adminRole) return null;
  return { id: user.id, email: user.email, adminRole: user.adminRole };
}
