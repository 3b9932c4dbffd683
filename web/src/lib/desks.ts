/** Which desk a user works at: by role, and for administrators by their organisation's type. */
import type { User } from '../types';

export type DeskId = 'exporter' | 'importer' | 'mofcom' | 'bis' | 'agency' | 'erc' | 'htwg' | 'auditor';

const byRole: Record<string, DeskId> = {
  compliance_officer: 'exporter',
  importer_officer: 'importer',
  mofcom_officer: 'mofcom',
  bis_officer: 'bis',
  agency_reviewer: 'agency',
  erc_member: 'erc',
  htwg_member: 'htwg',
  auditor: 'auditor',
};

const byOrgType: Record<string, DeskId> = {
  exporter: 'exporter',
  importer: 'importer',
  end_user: 'importer',
  bis: 'bis',
  mofcom: 'mofcom',
  erc: 'erc',
  agency: 'agency',
  htwg: 'htwg',
  auditor: 'auditor',
};

export function deskFor(user: Pick<User, 'role' | 'orgType'>): DeskId {
  if (user.role === 'erc_member') return 'erc';
  return byRole[user.role] ?? byOrgType[user.orgType] ?? 'auditor';
}

/** Screens every desk adds for its user's role (issue 15), after its own; a desk's own screen of the same id wins. */
export function sharedScreens(role: string, own: readonly string[]): string[] {
  const ids: string[] = [];
  if (role !== 'auditor') ids.push('outreach');
  if (['bis_officer', 'compliance_officer', 'admin'].includes(role)) ids.push('legal-holds');
  if (role === 'admin') ids.push('admin');
  ids.push('account');
  return ids.filter((id) => !own.includes(id));
}
