/**
 * The demonstration workspace (`htt demo seed`, `htt serve --demo`): an exporter, a Chinese importer and end
 * user, BIS, MOFCOM, the End-User Review Committee with one voting member per agency (Commerce, the chair;
 * State, Defense, Energy), three reviewing agencies, the HTWG and an auditor, with a few records in progress
 * so that every desk has something to show.
 */
import { randomBytes } from 'node:crypto';
import { setPassword } from './accounts.js';
import { actOnEusRequest, createEusRequest } from './eus-requests.js';
import { actOnLicense, createLicenseApplication } from './license-applications.js';
import { actOnVeu, createVeuApplication } from './veu.js';
import { SYSTEM, type CaseServices } from './context.js';
import { actorFor, addUser, createOrganisation } from './organisations.js';
import { askQuestion, createEvent } from './outreach-and-metrics.js';
import { addCounterparty, createTransaction } from './transactions.js';

export interface DemoSignIn {
  role: string;
  organisation: string;
  email: string;
  password: string;
}

const ORGS = [
  {
    id: 'org-exporter',
    name: 'Pacific Semiconductor Equipment Inc.',
    type: 'exporter',
    country: 'US',
    users: [
      ['compliance_officer', 'Dana Whitfield', 'exporter@demo.htt'],
      ['admin', 'Sam Ortiz', 'exporter-admin@demo.htt'],
    ],
  },
  {
    id: 'org-importer',
    name: 'Shanghai Hengtong Trading Co., Ltd.',
    type: 'importer',
    country: 'CN',
    users: [['importer_officer', 'Li Wei', 'importer@demo.htt']],
  },
  {
    id: 'org-enduser',
    name: 'Example Semiconductor (Shanghai) Co., Ltd.',
    type: 'end_user',
    country: 'CN',
    users: [['importer_officer', 'Zhang Min', 'enduser@demo.htt']],
  },
  {
    id: 'org-bis',
    name: 'Bureau of Industry and Security',
    type: 'bis',
    country: 'US',
    users: [
      ['bis_officer', 'Jordan Lee', 'bis@demo.htt'],
      ['admin', 'Operator', 'admin@demo.htt'],
    ],
  },
  {
    id: 'org-mofcom',
    name: 'MOFCOM Export Control Division I',
    type: 'mofcom',
    country: 'CN',
    users: [['mofcom_officer', 'Wang Fang', 'mofcom@demo.htt']],
  },
  {
    id: 'org-erc',
    name: 'End-User Review Committee (Commerce, chair)',
    type: 'erc',
    country: 'US',
    ercAgency: 'Commerce',
    users: [['erc_member', 'Chris Park', 'erc@demo.htt']],
  },
  {
    id: 'org-dod',
    name: 'DoD',
    type: 'agency',
    country: 'US',
    ercAgency: 'Defense',
    users: [
      ['agency_reviewer', 'Alex Morgan', 'dod@demo.htt'],
      ['erc_member', 'Robin Diaz', 'erc-defense@demo.htt'],
    ],
  },
  {
    id: 'org-state',
    name: 'State',
    type: 'agency',
    country: 'US',
    ercAgency: 'State',
    users: [
      ['agency_reviewer', 'Sam Ito', 'state@demo.htt'],
      ['erc_member', 'Kim Novak', 'erc-state@demo.htt'],
    ],
  },
  {
    id: 'org-energy',
    name: 'Energy',
    type: 'agency',
    country: 'US',
    ercAgency: 'Energy',
    users: [
      ['agency_reviewer', 'Lee Brandt', 'energy@demo.htt'],
      ['erc_member', 'Ari Cohen', 'erc-energy@demo.htt'],
    ],
  },
  {
    id: 'org-htwg',
    name: 'U.S.-China High Technology and Strategic Trade Working Group',
    type: 'htwg',
    users: [['htwg_member', 'Morgan Chen', 'htwg@demo.htt']],
  },
  {
    id: 'org-auditor',
    name: 'Independent Audit LLP',
    type: 'auditor',
    country: 'US',
    users: [['auditor', 'Pat Quinn', 'auditor@demo.htt']],
  },
] as const;

const civil = {
  military: false,
  militaryEndUser: false,
  militaryIntelligence: false,
  supercomputer: false,
  advancedNodeFab: false,
  wmd: false,
};

/** Seed the workspace if the store has no organisation yet. Returns the sign-ins, or null if it was seeded before. */
export async function seedDemo(s: CaseServices, password?: string): Promise<DemoSignIn[] | null> {
  if ((await s.store.list('organisation', { limit: 1 })).length) return null;
  const signIns: DemoSignIn[] = [];
  for (const org of ORGS) {
    await createOrganisation(
      s,
      SYSTEM,
      {
        name: org.name,
        type: org.type,
        ...('country' in org ? { country: org.country } : {}),
        ...('ercAgency' in org ? { ercAgency: org.ercAgency } : {}),
      },
      org.id,
    );
    for (const [role, name, email] of org.users) {
      const user = await addUser(s, SYSTEM, { name, email, orgId: org.id, role });
      const pw = password ?? randomBytes(9).toString('base64url');
      await setPassword(s, SYSTEM, user.id, pw);
      signIns.push({ role, organisation: org.name, email, password: pw });
    }
  }
  const as = (email: string) => actorFor(s, email);
  const exporter = await as('exporter@demo.htt');
  const importer = await as('importer@demo.htt');
  const today = s.now().slice(0, 10);
  // the records in progress were submitted some days ago, so that the clocks and the metrics show days;
  // back-dated like any event: within the window, with a reason kept in the audit log
  const daysAgo = (n: number) => ({
    on: new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10),
    backdateReason: 'demonstration workspace: a request submitted before the demonstration starts',
  });

  const cp = await addCounterparty(s, exporter, {
    name: 'Example Semiconductor (Shanghai) Co., Ltd.',
    country: 'CN',
    address: 'No. 1 Example Road, Pudong, Shanghai',
  });
  await createTransaction(s, exporter, {
    reference: 'PO-DEMO-001',
    counterpartyIds: [cp.id],
    check: {
      asOf: today,
      destination: 'CN',
      items: [
        { eccn: '3B001.e', description: 'automatic wafer handling system', quantity: 1, valueUsd: 2_000_000 },
      ],
      parties: [
        { role: 'end_user', name: 'Example Semiconductor (Shanghai) Co., Ltd.', country: 'CN', lists: [] },
      ],
      endUse: { ...civil, description: 'civil IC production at Facility A (mature nodes)' },
    },
  });
  const eus = await createEusRequest(s, importer, {
    exporterOrgId: 'org-exporter',
    exporterName: 'Pacific Semiconductor Equipment Inc.',
    importerName: 'Shanghai Hengtong Trading Co., Ltd.',
    endUser: {
      name: 'Example Semiconductor (Shanghai) Co., Ltd.',
      address: 'No. 1 Example Road, Pudong, Shanghai',
    },
    endUse: 'civil IC production at Facility A',
    contract: { title: 'Equipment purchase', number: 'HT-2026-118' },
    items: [
      { description: 'automatic wafer handling system', eccn: '3B001.e', quantity: 1, valueUsd: 2_000_000 },
    ],
    language: 'zh',
    importerSignature: { signatory: 'Zhang Wei', title: 'General Manager', signedOn: daysAgo(10).on },
    englishTranslation: {
      text: 'End-User Statement: the importer certifies that the automatic wafer handling system will be used by Example Semiconductor (Shanghai) Co., Ltd. for civil IC production at Facility A and will not be re-exported or transferred.',
      madeBy: 'certified_by_applicant',
      translator: 'Pacific Semiconductor Equipment Inc., export compliance',
    },
  });
  await actOnEusRequest(s, importer, eus.id, 'submit', daysAgo(9));
  const app = await createLicenseApplication(s, exporter, {
    destination: 'CN',
    parties: [{ role: 'end_user', name: 'Example Semiconductor (Shanghai) Co., Ltd.', country: 'CN' }],
    items: [{ eccn: '1A001.a', description: 'fluorinated seals', quantity: 400, valueUsd: 40_000 }],
    endUse: 'maintenance of civil production tools',
  });
  await actOnLicense(s, exporter, app.id, 'submit', daysAgo(22));
  await actOnLicense(s, await as('bis@demo.htt'), app.id, 'register', daysAgo(21));
  const veu = await createVeuApplication(s, exporter, {
    candidate: {
      name: 'Example Semiconductor (Shanghai) Co., Ltd.',
      address: 'No. 1 Example Road, Pudong, Shanghai',
    },
    facilities: [{ name: 'Facility A', address: 'No. 1 Example Road, Pudong, Shanghai' }],
    items: ['3B001.e', '3C002'],
    civilEndUses: 'civil integrated-circuit production at mature nodes',
    complianceProgram: 'Internal compliance program with technology control plan, audited yearly',
    consentToOnSiteReviews: true,
  });
  await actOnVeu(s, exporter, veu.id, 'submit', daysAgo(17));
  const htwg = await as('htwg@demo.htt');
  const event = await createEvent(s, htwg, {
    title: 'Public-private dialogue: End-User Statements and VEU',
    date: today,
    agenda: ['MOFCOM review times', 'Validated End-User program'],
  });
  await askQuestion(s, exporter, 'Can one End-User Statement cover several license applications?', event.id);
  return signIns;
}
