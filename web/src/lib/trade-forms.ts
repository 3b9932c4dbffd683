/**
 * The forms that create records of a trade — a license application from a saved transaction, a VEU
 * application, an End-User Statement request, an outreach event — as the user fills them (strings), checked
 * at the field in the user's language (i18n keys) before the request body the API takes is built. The server
 * checks again (src/contracts/records.ts); these only say early and next to the field what it would refuse.
 */
import { actionDateProblem, type DateProblem } from './dates';
import type { CheckInput, CheckOutput, EusRequest } from '../types';

export interface Problem extends DateProblem {
  field: string;
}
export type Built<T> = { ok: true; body: T } | { ok: false; problems: Problem[] };

const num = (s: string): number | undefined => {
  const t = s.replace(/[,\s$]/g, '');
  if (!t) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : NaN;
};
const ISO = /^\d{4}-\d{2}-\d{2}$/;

export interface LineForm {
  eccn: string;
  description: string;
  quantity: string;
  valueUsd: string;
}

function lines(
  items: readonly LineForm[],
  problems: Problem[],
  opts: { eccnRequired: boolean },
): { eccn?: string; description: string; quantity: number; valueUsd: number }[] {
  if (!items.length) problems.push({ field: 'items', key: 'form.err.noItems' });
  return items.map((it, i) => {
    const eccn = it.eccn.trim();
    if (opts.eccnRequired && !eccn) problems.push({ field: `items.${i}.eccn`, key: 'check.err.eccn' });
    if (!it.description.trim())
      problems.push({ field: `items.${i}.description`, key: 'form.err.description' });
    const q = num(it.quantity);
    if (q === undefined || Number.isNaN(q) || q <= 0)
      problems.push({ field: `items.${i}.quantity`, key: 'check.err.quantity' });
    const v = num(it.valueUsd);
    if (v === undefined || Number.isNaN(v) || v < 0)
      problems.push({ field: `items.${i}.valueUsd`, key: 'check.err.value' });
    return {
      ...(eccn ? { eccn } : {}),
      description: it.description.trim(),
      quantity: q ?? 0,
      valueUsd: v ?? 0,
    };
  });
}

// ------------------------------------------------------------------------------------ license application

export interface LicenseForm {
  transactionId: string;
  destination: string;
  parties: { role: string; name: string; country: string; address: string }[];
  items: LineForm[];
  endUse: string;
  /** the End-User Statement request attached (its statement number is the support document) */
  eusRequestId: string;
  additionalInformation: string;
}

/** The form prefilled from a saved transaction's frozen check. */
export function licenseFormFrom(transactionId: string, input: CheckInput): LicenseForm {
  return {
    transactionId,
    destination: input.destination,
    parties: input.parties.map((p) => ({
      role: p.role,
      name: p.name,
      country: p.country ?? '',
      address: p.address ?? '',
    })),
    items: input.items.map((i) => ({
      eccn: i.eccn,
      description: i.description ?? '',
      quantity: i.quantity === undefined ? '1' : String(i.quantity),
      valueUsd: i.valueUsd === undefined ? '' : String(i.valueUsd),
    })),
    endUse: input.endUse.description ?? '',
    eusRequestId: '',
    additionalInformation: '',
  };
}

/** Does the determination ask for a PRC End-User Statement (15 CFR 748.10)? */
export const needsStatement = (result: CheckOutput | undefined): boolean =>
  !!result?.documents.some((d) => d.type === 'PRC_END_USER_STATEMENT');

export function buildLicenseApplication(
  f: LicenseForm,
  statements: readonly { id: string; statementNumber?: string }[],
): Built<Record<string, unknown>> {
  const problems: Problem[] = [];
  const parties = f.parties.map((p, i) => {
    if (!p.name.trim()) problems.push({ field: `parties.${i}.name`, key: 'form.err.partyName' });
    return {
      role: p.role,
      name: p.name.trim(),
      ...(p.country.trim() ? { country: p.country.trim().toUpperCase() } : {}),
      ...(p.address.trim() ? { address: p.address.trim() } : {}),
    };
  });
  if (!parties.some((p) => p.role === 'end_user'))
    problems.push({ field: 'parties', key: 'form.err.endUserRequired' });
  const items = lines(f.items, problems, { eccnRequired: true });
  if (!f.endUse.trim()) problems.push({ field: 'endUse', key: 'form.err.endUse' });
  const supportDocuments: { type: string; number: string }[] = [];
  if (f.eusRequestId) {
    const s = statements.find((x) => x.id === f.eusRequestId);
    if (!s?.statementNumber) problems.push({ field: 'eusRequestId', key: 'form.err.statementNotIssued' });
    else supportDocuments.push({ type: 'PRC_END_USER_STATEMENT', number: s.statementNumber });
  }
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    body: {
      ...(f.transactionId ? { transactionId: f.transactionId } : {}),
      destination: f.destination,
      parties,
      items,
      endUse: f.endUse.trim(),
      supportDocuments,
      ...(f.additionalInformation.trim() ? { additionalInformation: f.additionalInformation.trim() } : {}),
    },
  };
}

// ------------------------------------------------------------------------------------ VEU application

export interface VeuForm {
  candidateName: string;
  candidateAddress: string;
  ownership: string;
  facilityName: string;
  facilityAddress: string;
  items: string;
  civilEndUses: string;
  customers: string;
  complianceProgram: string;
  consent: boolean;
}

export const emptyVeuForm = (): VeuForm => ({
  candidateName: '',
  candidateAddress: '',
  ownership: '',
  facilityName: '',
  facilityAddress: '',
  items: '',
  civilEndUses: '',
  customers: '',
  complianceProgram: '',
  consent: false,
});

export function buildVeuApplication(f: VeuForm): Built<Record<string, unknown>> {
  const problems: Problem[] = [];
  const need = (field: keyof VeuForm, key: string) => {
    if (!String(f[field]).trim()) problems.push({ field, key });
  };
  need('candidateName', 'form.err.required');
  need('candidateAddress', 'form.err.required');
  need('facilityName', 'form.err.required');
  need('facilityAddress', 'form.err.required');
  need('civilEndUses', 'form.err.required');
  need('complianceProgram', 'form.err.required');
  const items = f.items
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (!items.length) problems.push({ field: 'items', key: 'form.err.eccns' });
  if (!f.consent) problems.push({ field: 'consent', key: 'form.err.consent' });
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    body: {
      candidate: {
        name: f.candidateName.trim(),
        address: f.candidateAddress.trim(),
        ...(f.ownership.trim() ? { ownership: f.ownership.trim() } : {}),
      },
      facilities: [{ name: f.facilityName.trim(), address: f.facilityAddress.trim() }],
      items,
      civilEndUses: f.civilEndUses.trim(),
      ...(f.customers.trim() ? { customers: f.customers.trim() } : {}),
      complianceProgram: f.complianceProgram.trim(),
      consentToOnSiteReviews: true,
    },
  };
}

// ------------------------------------------------------------------------------------ End-User Statement

export interface EusForm {
  exporterOrgId: string;
  importerName: string;
  endUser: string;
  address: string;
  endUse: string;
  contractTitle: string;
  contractNumber: string;
  items: LineForm[];
  language: string;
  signatory: string;
  signatoryTitle: string;
  signedOn: string;
  translation: string;
  madeBy: '' | 'translating_service' | 'certified_by_applicant';
  translator: string;
}

export const emptyLine = (): LineForm => ({ eccn: '', description: '', quantity: '1', valueUsd: '' });

export const emptyEusForm = (): EusForm => ({
  exporterOrgId: '',
  importerName: '',
  endUser: '',
  address: '',
  endUse: '',
  contractTitle: '',
  contractNumber: '',
  items: [emptyLine()],
  language: 'zh',
  signatory: '',
  signatoryTitle: '',
  signedOn: '',
  translation: '',
  madeBy: '',
  translator: '',
});

/**
 * The request body of an End-User Statement request. The signature (§748.10(c)(2)(v)) and, for a Statement
 * not in English, the translation (§748.9(d)(1)) may be completed later but are needed to submit; what is
 * given must be whole.
 */
export function buildEusRequest(
  f: EusForm,
  exporters: readonly { id: string; name: string }[],
  today: string,
): Built<Record<string, unknown>> {
  const problems: Problem[] = [];
  const exporter = exporters.find((x) => x.id === f.exporterOrgId);
  if (!exporter) problems.push({ field: 'exporterOrgId', key: 'form.err.exporter' });
  if (!f.importerName.trim()) problems.push({ field: 'importerName', key: 'form.err.required' });
  if (!f.endUser.trim()) problems.push({ field: 'endUser', key: 'form.err.partyName' });
  if (!f.endUse.trim()) problems.push({ field: 'endUse', key: 'form.err.endUse' });
  const items = lines(f.items, problems, { eccnRequired: false });
  const language = f.language.trim().toLowerCase();
  if (language && !/^[a-z]{2}(-[a-z0-9]+)*$/.test(language))
    problems.push({ field: 'language', key: 'form.err.language' });
  const signing = f.signatory.trim() || f.signedOn;
  if (signing) {
    if (!f.signatory.trim()) problems.push({ field: 'signatory', key: 'form.err.signatory' });
    if (!f.signedOn) problems.push({ field: 'signedOn', key: 'form.err.signedOn' });
    else {
      const p = ISO.test(f.signedOn) ? actionDateProblem(f.signedOn, today, { backdateDays: 366 }) : null;
      if (!ISO.test(f.signedOn)) problems.push({ field: 'signedOn', key: 'date.err.format' });
      else if (p) problems.push({ field: 'signedOn', ...p });
    }
  }
  const translating = f.translation.trim() || f.madeBy || f.translator.trim();
  if (translating) {
    if (!f.translation.trim()) problems.push({ field: 'translation', key: 'form.err.required' });
    if (!f.madeBy) problems.push({ field: 'madeBy', key: 'form.err.required' });
    if (!f.translator.trim()) problems.push({ field: 'translator', key: 'form.err.required' });
  }
  if (problems.length) return { ok: false, problems };
  const contract = {
    ...(f.contractTitle.trim() ? { title: f.contractTitle.trim() } : {}),
    ...(f.contractNumber.trim() ? { number: f.contractNumber.trim() } : {}),
  };
  return {
    ok: true,
    body: {
      exporterOrgId: exporter!.id,
      exporterName: exporter!.name,
      importerName: f.importerName.trim(),
      endUser: { name: f.endUser.trim(), ...(f.address.trim() ? { address: f.address.trim() } : {}) },
      endUse: f.endUse.trim(),
      ...(Object.keys(contract).length ? { contract } : {}),
      items,
      ...(language ? { language } : {}),
      ...(signing
        ? {
            importerSignature: {
              signatory: f.signatory.trim(),
              ...(f.signatoryTitle.trim() ? { title: f.signatoryTitle.trim() } : {}),
              signedOn: f.signedOn,
            },
          }
        : {}),
      ...(translating
        ? {
            englishTranslation: {
              text: f.translation.trim(),
              madeBy: f.madeBy,
              translator: f.translator.trim(),
            },
          }
        : {}),
    },
  };
}

/** The form of a stored request, for the importer to edit a draft or a request MOFCOM asked more of. */
export function eusFormFrom(
  d: Pick<
    EusRequest,
    | 'exporterOrgId'
    | 'importerName'
    | 'endUser'
    | 'endUse'
    | 'contract'
    | 'items'
    | 'language'
    | 'importerSignature'
    | 'englishTranslation'
  >,
): EusForm {
  return {
    exporterOrgId: d.exporterOrgId ?? '',
    importerName: d.importerName,
    endUser: d.endUser.name,
    address: d.endUser.address ?? '',
    endUse: d.endUse,
    contractTitle: d.contract?.title ?? '',
    contractNumber: d.contract?.number ?? '',
    items: d.items.length
      ? d.items.map((i) => ({
          eccn: i.eccn ?? '',
          description: i.description,
          quantity: String(i.quantity),
          valueUsd: String(i.valueUsd),
        }))
      : [emptyLine()],
    language: d.language ?? '',
    signatory: d.importerSignature?.signatory ?? '',
    signatoryTitle: d.importerSignature?.title ?? '',
    signedOn: d.importerSignature?.signedOn ?? '',
    translation: d.englishTranslation?.text ?? '',
    madeBy: d.englishTranslation?.madeBy ?? '',
    translator: d.englishTranslation?.translator ?? '',
  };
}

/** A Statement not in English needs its English translation to be submitted (§748.9(d)(1)). */
export const needsTranslation = (f: Pick<EusForm, 'language' | 'translation'>): boolean =>
  !!f.language.trim() && !/^en\b/i.test(f.language.trim()) && !f.translation.trim();

// ------------------------------------------------------------------------------------ outreach event

export interface OutreachForm {
  title: string;
  date: string;
  location: string;
  agenda: string;
  kind: 'public_private_dialogue' | 'joint_outreach' | 'seminar';
}

export const emptyOutreachForm = (): OutreachForm => ({
  title: '',
  date: '',
  location: '',
  agenda: '',
  kind: 'public_private_dialogue',
});

/** An event is planned: its date may be ahead, within two years, or back within a year (a record of one held). */
export function buildOutreachEvent(f: OutreachForm, today: string): Built<Record<string, unknown>> {
  const problems: Problem[] = [];
  if (!f.title.trim()) problems.push({ field: 'title', key: 'form.err.required' });
  if (!f.date) problems.push({ field: 'date', key: 'form.err.required' });
  else if (!ISO.test(f.date) || Number.isNaN(Date.parse(`${f.date}T00:00:00Z`)))
    problems.push({ field: 'date', key: 'date.err.format' });
  else {
    const days = (Date.parse(`${f.date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
    if (days > 731) problems.push({ field: 'date', key: 'date.err.tooFarAhead', values: { days: 731 } });
    if (days < -366) problems.push({ field: 'date', key: 'date.err.tooFarBack', values: { days: 366 } });
  }
  const agenda = f.agenda
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    body: {
      title: f.title.trim(),
      date: f.date,
      ...(f.location.trim() ? { location: f.location.trim() } : {}),
      agenda,
      kind: f.kind,
    },
  };
}
