import type { DbClient } from '../../db.js';
import { AppError } from '../../shared/errors.js';
import { lockUser } from './sessions.js';

/** What a right password proved, and since when: the write it allows checks it again (passwordStillHolds). */
export interface PasswordProof {
  userId: string;
  /** The hash the password was checked against. */
  passwordHash: string;
  /** App-clock time noted before the check: anything that ends credentials at or after it may have been missed. */
  checkedAt: Date;
}

/**
 * Takes the user's row lock and tells whether a password check still holds: the account is active and has the
 * same password hash (a change or reset always writes a new, freshly salted hash). A logout elsewhere is no reason
 * to refuse: it ends sessions, not the password. Call it first in the transaction that writes what the password
 * allowed (a session, an API token, a new password): a reset committing between the check and the write would
 * otherwise not end what is written after it.
 */
export async function passwordStillHolds(tx: DbClient, proof: PasswordProof): Promise<boolean> {
  await lockUser(tx, proof.userId);
  const user = await tx.user.findUnique({
    where: { id: proof.userId },
    select: { status: true, passwordHash: true },
  });
  return user?.status === 'ACTIVE' && user.passwordHash === proof.passwordHash;
}

/** passwordStillHolds for a re-authentication (current password): refuses as a wrong password would. */
export async function requirePasswordStillHolds(tx: DbClient, proof: PasswordProof): Promise<void> {
  if (!(await passwordStillHolds(tx, proof))) throw wrongCurrentPassword();
}

export const wrongCurrentPassword = () => new AppError('INVALID_CREDENTIALS', 'The current password is wrong.');
