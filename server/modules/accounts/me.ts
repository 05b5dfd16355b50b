import type { AdminRole, UserRole } from './actor.js';

export const ME_SELECT = {
  id: true,
  email: true,
  role: true,
  adminRole: true,
  status: true,
  emailVerifiedAt: true,
  createdAt: true,
} as const;

/** The signed-in user's own view of their account. */
export interface Me {
  id: string;
  email: string;
  role: UserRole;
  adminRole: AdminRole | null;
  status: 'ACTIVE' | 'SUSPENDED';
  emailVerifiedAt: Date | null;
  createdAt: Date;
}

export function toMe(row: Me): Me {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    adminRole: row.adminRole,
    status: row.status,
    emailVerifiedAt: row.emailVerifiedAt,
    createdAt: row.createdAt,
  };
}
