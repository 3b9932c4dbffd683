import { describe, expect, it } from 'vitest';
import { sharedScreens } from '../lib/desks';
import { invitationLink, invitationToken, isInvitationPath, passwordProblem } from './Account';
import { buildLegalHold, type HoldForm } from './LegalHolds';
import { eventActions } from './Outreach';

describe('the screens every desk adds for its role', () => {
  it('gives outreach to participants, legal holds to BIS/compliance/admin, administration to admins, an account to all', () => {
    expect(sharedScreens('compliance_officer', [])).toEqual(['outreach', 'legal-holds', 'account']);
    expect(sharedScreens('admin', [])).toEqual(['outreach', 'legal-holds', 'admin', 'account']);
    expect(sharedScreens('bis_officer', [])).toEqual(['outreach', 'legal-holds', 'account']);
    expect(sharedScreens('auditor', [])).toEqual(['account']);
    expect(sharedScreens('importer_officer', [])).toEqual(['outreach', 'account']);
    // a desk's own screen of the same id wins (the HTWG desk has its outreach tab)
    expect(sharedScreens('htwg_member', ['dashboard', 'outreach'])).toEqual(['account']);
  });
});

describe('invitations', () => {
  it('carries the token in the fragment of the link and reads it back', () => {
    const link = invitationLink('https://desk.example', 'a+b/c=');
    expect(link).toBe('https://desk.example/accept-invitation#token=a%2Bb%2Fc%3D');
    expect(invitationToken(new URL(link).hash)).toBe('a+b/c=');
    expect(invitationToken('')).toBe('');
    expect(invitationToken('#other=1')).toBe('');
    expect(invitationToken('#token=%E0%A4%A')).toBe(''); // malformed escape: no token, no crash
    expect(isInvitationPath('/accept-invitation')).toBe(true);
    expect(isInvitationPath('/accept-invitation/')).toBe(true);
    expect(isInvitationPath('/exporter/check')).toBe(false);
  });

  it('asks for the new password typed twice, alike', () => {
    expect(passwordProblem('', '')).toEqual({ field: 'next', key: 'account.err.required' });
    expect(passwordProblem('Violet-Harbour-8142', 'Violet-Harbour-814')).toEqual({
      field: 'again',
      key: 'account.err.mismatch',
    });
    expect(passwordProblem('Violet-Harbour-8142', 'Violet-Harbour-8142')).toBeNull();
  });
});

describe('a legal hold', () => {
  const form: HoldForm = {
    target: 'record',
    kind: 'transaction',
    recordId: ' tx-1 ',
    orgId: 'org-exporter',
    basis: 'investigation',
    authority: ' Internal audit ',
    requestReference: '',
    reason: 'Needed for the review.',
  };

  it('names one record or one organisation, never both', () => {
    expect(buildLegalHold(form)).toEqual({
      ok: true,
      body: {
        kind: 'transaction',
        recordId: 'tx-1',
        basis: 'investigation',
        authority: 'Internal audit',
        reason: 'Needed for the review.',
      },
    });
    const org = buildLegalHold({ ...form, target: 'org', requestReference: 'OEE-7' });
    expect(org).toEqual({
      ok: true,
      body: {
        orgId: 'org-exporter',
        basis: 'investigation',
        authority: 'Internal audit',
        reason: 'Needed for the review.',
        requestReference: 'OEE-7',
      },
    });
  });

  it('says which fields are missing', () => {
    const r = buildLegalHold({ ...form, recordId: ' ', basis: '', reason: '' });
    expect(r).toEqual({
      ok: false,
      problems: {
        recordId: 'legalHold.err.required',
        basis: 'legalHold.err.required',
        reason: 'legalHold.err.required',
      },
    });
  });
});

describe('outreach events', () => {
  const names = (state: string, role: string) => eventActions(state, role).map((a) => a.action);
  it('lets participants register and organisers add materials and close a planned event', () => {
    expect(names('planned', 'compliance_officer')).toEqual(['registrations']);
    expect(names('planned', 'htwg_member')).toEqual(['registrations', 'materials', 'held']);
    expect(names('planned', 'auditor')).toEqual([]);
    expect(names('held', 'htwg_member')).toEqual([]);
    expect(eventActions('planned', 'bis_officer').every((a) => a.noDate)).toBe(true);
  });
});
