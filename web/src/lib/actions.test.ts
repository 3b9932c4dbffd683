import { describe, expect, it } from 'vitest';
import { actionBody, missingFields } from '../components/DecisionForm';
import { deskFor } from './desks';
import {
  dated,
  eusActions,
  issuedLicenseActions,
  licenseActions,
  recordEarliest,
  veuActions,
} from './actions';

const names = (xs: { action: string }[]) => xs.map((x) => x.action);
const noRecs = { agencies: [], recommendations: [] };

describe('what each desk may do', () => {
  it('MOFCOM issues, asks or refuses a submitted request (the statement needs its number and seal), and may cancel an issued one with a reason', () => {
    const acts = eusActions('submitted', 'mofcom_officer');
    expect(names(acts)).toEqual(['issue', 'request_info', 'refuse']);
    const issue = acts[0]!;
    expect(missingFields(issue, {})).toEqual(['statementNumber', 'sealReference']);
    const cancel = eusActions('issued', 'mofcom_officer');
    expect(names(cancel)).toEqual(['cancel']);
    expect(missingFields(cancel[0]!, {})).toEqual(['text']);
    expect(eusActions('cancelled', 'mofcom_officer')).toEqual([]);
    expect(eusActions('submitted', 'compliance_officer')).toEqual([]);
    expect(names(eusActions('info_requested', 'importer_officer'))).toEqual(['provide_info', 'withdraw']);
  });

  it('BIS walks a license application through register, refer and decide', () => {
    expect(names(licenseActions('submitted', 'bis_officer', noRecs))).toEqual(['register', 'return']);
    expect(names(licenseActions('registered', 'bis_officer', noRecs))).toEqual([
      'refer',
      'approve',
      'intent_to_deny',
      'request_info',
      'return',
    ]);
    expect(names(licenseActions('referred', 'bis_officer', noRecs))).toEqual([
      'approve',
      'intent_to_deny',
      'escalate',
      'request_info',
    ]);
    expect(licenseActions('approved', 'bis_officer', noRecs)).toEqual([]);
  });

  it('a denial starts with a notice of intent to deny (750.6); appeals are decided only while pending', () => {
    const itd = licenseActions('registered', 'bis_officer', noRecs)[2]!;
    expect(missingFields(itd, {})).toEqual(['text']);
    expect(names(licenseActions('intent_to_deny', 'bis_officer', noRecs))).toEqual(['deny', 'reconsider']);
    expect(names(licenseActions('intent_to_deny', 'compliance_officer', noRecs))).toEqual([
      'respond',
      'withdraw',
    ]);
    expect(names(licenseActions('denied', 'compliance_officer', noRecs))).toEqual(['appeal']);
    expect(licenseActions('denied', 'bis_officer', noRecs)).toEqual([]);
    const appealed = { ...noRecs, appeal: {} };
    expect(names(licenseActions('denied', 'bis_officer', appealed))).toEqual(['uphold', 'reverse']);
    expect(licenseActions('denied', 'compliance_officer', appealed)).toEqual([]);
    expect(names(licenseActions('escalated', 'bis_officer', noRecs))).toEqual([
      'escalation_decision',
      'approve',
      'intent_to_deny',
    ]);
    const dod = { agencies: ['DoD'], recommendations: [] };
    expect(names(licenseActions('escalated', 'agency_reviewer', dod, 'DoD'))).toEqual(['escalation_appeal']);
    expect(licenseActions('escalated', 'agency_reviewer', dod, 'Energy')).toEqual([]);
  });

  it('a reviewing agency recommends once, only on applications referred to it', () => {
    const data = { agencies: ['DoD'], recommendations: [] as { agency: string }[] };
    expect(names(licenseActions('referred', 'agency_reviewer', data, 'DoD'))).toEqual(['recommend']);
    expect(licenseActions('referred', 'agency_reviewer', data, 'Energy')).toEqual([]);
    expect(
      licenseActions('referred', 'agency_reviewer', { ...data, recommendations: [{ agency: 'DoD' }] }, 'DoD'),
    ).toEqual([]);
  });

  it('the ERC votes member by member and may approve only when the vote is unanimous', () => {
    const members = ['Commerce', 'State', 'Defense', 'Energy'];
    expect(names(veuActions('submitted', 'erc_member', { members, votes: [] }))).toEqual(['circulate']);
    // BIS records the Federal Register publication of an approved request (748.15(a)(1)), and nothing else
    const publish = veuActions('approved', 'bis_officer', { members, votes: [] });
    expect(names(publish)).toEqual(['publish']);
    expect(missingFields(publish[0]!, {})).toEqual(['citation', 'effectiveOn']);
    expect(veuActions('under_review', 'bis_officer', { members, votes: [] })).toEqual([]);
    const some = veuActions('under_review', 'erc_member', {
      members,
      votes: [{ agency: 'State', vote: 'approve' }],
    });
    expect(names(some)).toEqual(['vote', 'request_info']);
    // the member votes for its own organisation's agency: the form names none
    expect(some[0]!.fields.map((f) => f.name)).toEqual(['vote', 'text']);
    const all = members.map((agency) => ({ agency, vote: 'approve' }));
    expect(names(veuActions('under_review', 'erc_member', { members, votes: all }))).toEqual([
      'approve',
      'request_info',
    ]);
    const split = all.map((v, i) => (i === 0 ? { ...v, vote: 'deny' } : v));
    expect(names(veuActions('under_review', 'erc_member', { members, votes: split }))).toEqual([
      'deny',
      'request_info',
    ]);
  });

  it('a decision’s body carries its date and reasons, lines as lists, empty fields left out', () => {
    const approve = licenseActions('referred', 'bis_officer', noRecs)[0]!;
    expect(
      actionBody(approve, { licenseNumber: ' D1 ', conditions: 'a\n\n b \n', text: '' }, '2026-03-01'),
    ).toEqual({
      licenseNumber: 'D1',
      conditions: ['a', 'b'],
      on: '2026-03-01',
    });
    expect(
      actionBody(
        { action: 'release', noDate: true, fields: [{ name: 'reason', kind: 'textarea' }] },
        { reason: 'ok' },
        '2026-03-01',
      ),
    ).toEqual({ reason: 'ok' });
    const refer = licenseActions('registered', 'bis_officer', noRecs, undefined, [
      'DoD',
      'State',
      'Energy',
    ])[0]!;
    expect(refer.fields[0]!.options).toEqual(['DoD', 'State', 'Energy']);
    expect(missingFields(refer, { agencies: [] })).toEqual(['agencies']);
    expect(actionBody(refer, { agencies: ['DoD'] }, '')).toEqual({ agencies: ['DoD'] });
  });

  it('sends each user to the desk of their role, administrators to their organisation’s', () => {
    expect(deskFor({ role: 'compliance_officer', orgType: 'exporter' })).toBe('exporter');
    expect(deskFor({ role: 'admin', orgType: 'bis' })).toBe('bis');
    expect(deskFor({ role: 'erc_member', orgType: 'agency' })).toBe('erc');
    expect(deskFor({ role: 'agency_reviewer', orgType: 'agency' })).toBe('agency');
    expect(deskFor({ role: 'importer_officer', orgType: 'end_user' })).toBe('importer');
  });

  it('an issued license: BIS suspends, revokes in whole or by line and decides extensions and appeals; the licensee asks', () => {
    const items = [{ eccn: '1A001.a' }, { eccn: '3B001.e' }];
    expect(names(issuedLicenseActions('valid', 'bis_officer', { items }))).toEqual([
      'suspend',
      'revoke',
      'revoke_in_part',
    ]);
    const part = issuedLicenseActions('valid', 'bis_officer', { items, revokedItems: [{ item: 0 }] })[2]!;
    expect(part.fields[0]).toMatchObject({ name: 'lines', options: ['3B001.e'] });
    expect(
      names(issuedLicenseActions('valid', 'bis_officer', { items, extensionRequest: {} })).slice(-2),
    ).toEqual(['extend', 'refuse_extension']);
    expect(names(issuedLicenseActions('suspended', 'bis_officer', { items }))).toEqual([
      'reinstate',
      'revoke',
    ]);
    expect(names(issuedLicenseActions('revoked', 'bis_officer', { items, appeal: {} }))).toEqual([
      'uphold',
      'reverse',
    ]);
    expect(names(issuedLicenseActions('valid', 'compliance_officer', { items }))).toEqual([
      'request_extension',
      'record_change',
    ]);
    expect(names(issuedLicenseActions('revoked', 'compliance_officer', { items }))).toEqual(['appeal']);
    expect(issuedLicenseActions('revoked', 'compliance_officer', { items, appeal: {} })).toEqual([]);
    expect(issuedLicenseActions('replaced', 'bis_officer', { items })).toEqual([]);
    expect(issuedLicenseActions('valid', 'auditor', { items })).toEqual([]);
  });
});

describe('the earliest date of an action on a record', () => {
  it('is the latest of its clock events, messages, votes and …On fields', () => {
    const data = {
      clock: [{ type: 'start', on: '2026-11-01' }],
      messages: [{ on: '2026-11-05', from: 'x', text: 'y' }],
      votes: [{ agency: 'DoD', vote: 'approve', on: '2026-11-09' }],
      registeredOn: '2026-11-07',
      endUse: 'civil 2026-12-31 not a date field',
    };
    expect(recordEarliest(data)).toBe('2026-11-09');
    expect(dated([{ action: 'approve', fields: [] }], data)[0]?.earliest).toBe('2026-11-09');
    expect(dated([{ action: 'clear', fields: [], noDate: true }], data)[0]?.earliest).toBeUndefined();
    expect(recordEarliest({})).toBeUndefined();
  });
});

describe('dated actions', () => {
  it('sends the back-dating reason with an earlier date, but never for a reported fact (a reexport)', () => {
    const past = '2020-01-01';
    expect(actionBody({ action: 'approve', fields: [] }, {}, past, 'paper file')).toEqual({
      on: past,
      backdateReason: 'paper file',
    });
    expect(
      actionBody({ action: 'reexport', reportedDate: true, fields: [] }, {}, past, 'paper file'),
    ).toEqual({ on: past });
  });
});
