/** Plain-text rendering of a determination for a compliance officer's file. */
import type { CheckResult } from '../../contracts/check.js';

const VERDICT: Record<CheckResult['authorization'], string> = {
  NLR: 'NO LICENSE REQUIRED (NLR)',
  LICENSE_EXCEPTION: 'LICENSE EXCEPTION',
  VEU: 'AUTHORIZATION VEU',
  LICENSE: 'LICENSE REQUIRED',
  INDETERMINATE: 'INDETERMINATE: an input that decides the answer is missing',
};

export function renderCheck(r: CheckResult, destination: string): string {
  const lines: string[] = [];
  const push = (s = '') => lines.push(s);
  push(`Determination as of ${r.asOf}, destination ${destination}`);
  push(`Verdict: ${VERDICT[r.authorization]}${r.licenseException ? ` ${r.licenseException}` : ''}`);
  push(
    `License requirement before exceptions or VEU: ${r.licenseRequired === null ? 'undetermined' : r.licenseRequired ? 'yes' : 'no'}`,
  );
  if (r.reviewPolicy) push(`Review policy: ${r.reviewPolicy}`);
  if (r.missing.length) {
    push('');
    push('Missing inputs (give them to decide):');
    for (const m of r.missing) push(`  - ${m.input}: ${m.why}`);
  }
  push('');
  push(r.reasons.length ? 'Reasons:' : 'Reasons: none (no license requirement found)');
  r.reasons.forEach((x, i) => {
    const at = [x.item !== null ? `item ${x.item}` : null, x.party !== null ? `party ${x.party}` : null]
      .filter(Boolean)
      .join(', ');
    push(
      `  ${i + 1}. ${x.code}${at ? ` (${at})` : ''}${x.unconfirmed ? ' [relies on unconfirmed data]' : ''}`,
    );
    push(`     ${x.explanation}`);
    push(`     Citation: ${x.citation}`);
  });
  push('');
  push(r.documents.length ? 'Documents:' : 'Documents: none');
  for (const d of r.documents)
    push(`  - ${d.type}${d.unconfirmed ? ' [unconfirmed]' : ''}: ${d.why} (${d.citation})`);
  if (r.screening.some((s) => s.hits.length)) {
    push('');
    push('Screening hits:');
    for (const s of r.screening) {
      for (const h of s.hits)
        push(
          `  - party ${s.party}: ${h.source}: "${h.matchedName}" (${h.name}), score ${h.score.toFixed(2)}${s.applied ? '' : ' [shown for review; not applied]'}`,
        );
    }
  }
  if (r.notes.length) {
    push('');
    push('Notes:');
    for (const n of r.notes) push(`  - ${n}`);
  }
  if (r.unconfirmed.length) {
    push('');
    push('UNCONFIRMED data this answer relies on (verify before relying on it):');
    for (const u of r.unconfirmed) push(`  - ${u.datum} (${u.citation})`);
  }
  push('');
  push(`Stamp: rules ${r.ruleSet}; lists ${r.lists}; what-if overlay ${r.overlayUsed ? 'USED' : 'not used'}`);
  return lines.join('\n');
}
