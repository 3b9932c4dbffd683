/**
 * Organisations and the roles of their users. An organisation's type limits the roles its users may hold.
 */
export const orgTypes = [
  'exporter',
  'importer',
  'end_user',
  'bis',
  'mofcom',
  'erc',
  'agency',
  'htwg',
  'auditor',
] as const;
export type OrgType = (typeof orgTypes)[number];

export const roles = [
  'compliance_officer', // an exporter's compliance staff
  'importer_officer', // a Chinese importer preparing End-User Statement requests
  'mofcom_officer', // MOFCOM, Export Control Division I
  'bis_officer', // BIS licensing officer
  'agency_reviewer', // reviewing agencies on referral (Defense, State, Energy)
  'erc_member', // End-User Review Committee
  'htwg_member', // High Technology and Strategic Trade Working Group
  'auditor', // reads, never writes
  'admin', // manages organisations and users
] as const;
export type Role = (typeof roles)[number];

/** Who organises HTWG outreach: creates events, adds materials, marks them held, answers questions. */
export const outreachOrganisers: readonly Role[] = ['htwg_member', 'bis_officer', 'mofcom_officer'];
/** Who may register for outreach events and ask questions: every role but the auditor's, who only reads. */
export const outreachParticipants: readonly Role[] = roles.filter((r) => r !== 'auditor');

export const rolesForOrgType: Record<OrgType, readonly Role[]> = {
  exporter: ['compliance_officer', 'admin'],
  importer: ['importer_officer', 'admin'],
  end_user: ['importer_officer', 'admin'],
  bis: ['bis_officer', 'admin'],
  mofcom: ['mofcom_officer', 'admin'],
  erc: ['erc_member', 'admin'],
  agency: ['agency_reviewer', 'erc_member', 'admin'],
  htwg: ['htwg_member', 'admin'],
  auditor: ['auditor'],
};
