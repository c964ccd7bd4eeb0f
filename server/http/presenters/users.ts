import type { ApiToken, Directorate, User } from '../../records';
import { conflictPresenter, formatDate } from './format';
import type { TableSpec } from '../../io/write-table';
import { col } from './view-downloads';

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Administrator',
  finance: 'Finance partner',
  project_manager: 'Project manager',
  scrutiny: 'Scrutiny (read only)',
};

export const ROLE_HINTS: Record<string, string> = {
  admin: 'Manages users and settings, and can change everything',
  finance: 'Records projects, costs, benefits and profiles',
  project_manager: 'Records realised benefits on the projects they manage',
  scrutiny: 'Reads dashboards, reports and the audit trail',
};

function when(iso: string | null): string {
  return iso ? formatDate(iso.slice(0, 10)) : '—';
}

export function presentTokens(tokens: ApiToken[]) {
  const now = new Date();
  return tokens.map((t) => {
    const expired = t.expiresAt !== null && new Date(t.expiresAt) <= now;
    return {
      id: t.id,
      name: t.name,
      prefix: `${t.prefix}…`,
      created: when(t.createdAt),
      expires: t.expiresAt ? when(t.expiresAt) : 'Never',
      lastUsed: when(t.lastUsedAt),
      state: t.revokedAt ? 'Revoked' : expired ? 'Expired' : 'Active',
      active: !t.revokedAt && !expired,
    };
  });
}

export function presentUserRow(u: User, directorates: Directorate[]) {
  const names = directorates.filter((d) => u.directorateIds.includes(d.id)).map((d) => d.code);
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    role: ROLE_LABELS[u.role],
    scope: u.role === 'finance' ? (names.length ? names.join(', ') : 'All directorates') : '',
    state: u.isDisabled ? 'Disabled' : u.lockedUntil && new Date(u.lockedUntil) > new Date() ? 'Locked' : 'Active',
    lastSignIn: when(u.lastSignInAt),
  };
}

export function userFormValues(u: User, directorates: Directorate[]) {
  return {
    name: u.name,
    role: u.role,
    isDisabled: u.isDisabled ? 'on' : '',
    directorates: directorates.filter((d) => u.directorateIds.includes(d.id)).map((d) => d.code),
    version: String(u.version),
  };
}

export const presentUserConflict = conflictPresenter<User>((u) => ({
  Name: u.name,
  Role: ROLE_LABELS[u.role],
  Disabled: u.isDisabled ? 'Yes' : 'No',
}));

/** "Download this view" of the users list (issue 19): its rows, readable headings. */
export function usersTable(rows: ReturnType<typeof presentUserRow>[]): TableSpec {
  return {
    name: 'Users',
    columns: ['Name', 'Email', 'Role', 'Directorates', 'State', 'Last sign-in'].map((h) => col(h)),
    rows: [rows.map((u) => [u.name, u.email, u.role, u.scope, u.state, u.lastSignIn])],
  };
}
