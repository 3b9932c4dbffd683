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
