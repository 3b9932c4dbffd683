/** Plain-text rendering of a determination for a compliance officer's file. */
import type { CheckResult } from '../../contracts/check.js';
import { messageOf, render, type Lang, type Message } from '../../core/messages/messages.js';

const VERDICT: Record<CheckResult['authorization'], string> = {
  NLR: 'NO LICENSE REQUIRED (NLR)',
  LICENSE_EXCEPTION: 'LICENSE EXCEPTION',
  VEU: 'AUTHORIZATION VEU',
  LICENSE: 'LICENSE REQUIRED',
  INDETERMINATE: 'INDETERMINATE: an input that decides the answer is missing',
};

const VERDICT_ZH: Record<CheckResult['authorization'], string> = {
  NLR: '无需许可证（NLR）',
  LICENSE_EXCEPTION: '许可证例外',
  VEU: '经验证最终用户（VEU）授权',
  LICENSE: '需要许可证',
  INDETERMINATE: '无法确定：缺少决定结论的输入',
};

/** The fixed labels of the text rendering, in English and Simplified Chinese. */
const LABELS = {
  en: {
    determination: (asOf: string, d: string) => `Determination as of ${asOf}, destination ${d}`,
    verdict: 'Verdict',
    requirement: 'License requirement before exceptions or VEU',
    undetermined: 'undetermined',
    yes: 'yes',
    no: 'no',
    policy: 'Review policy',
    missing: 'Missing inputs (give them to decide):',
    reasons: 'Reasons:',
    noReasons: 'Reasons: none (no license requirement found)',
    item: 'item',
    party: 'party',
    reasonUnconfirmed: ' [relies on unconfirmed data]',
    citation: 'Citation',
    documents: 'Documents:',
    noDocuments: 'Documents: none',
    unconfirmed: ' [unconfirmed]',
    notes: 'Notes:',
  },
  zh: {
    determination: (asOf: string, d: string) => `截至 ${asOf} 的判定，目的地 ${d}`,
    verdict: '结论',
    requirement: '适用例外或 VEU 之前的许可证要求',
    undetermined: '无法确定',
    yes: '是',
    no: '否',
    policy: '审查政策（英文原文）',
    missing: '缺少的输入（提供后即可判定）：',
    reasons: '理由：',
    noReasons: '理由：无（未发现许可证要求）',
    item: '物项',
    party: '当事方',
    reasonUnconfirmed: ' [依赖未经确认的数据]',
    citation: '引文',
    documents: '单证：',
    noDocuments: '单证：无',
    unconfirmed: ' [未经确认]',
    notes: '说明：',
  },
} as const;

/**
 * The text rendering in English (default) or Simplified Chinese (`lang: 'zh'`, `htt check --lang zh`): the
 * reasons, documents, missing inputs and notes come from their messages; codes, citations, list entries,
 * screening hits, unconfirmed data and the stamp stay in English.
 */
export function renderCheck(r: CheckResult, destination: string, lang: Lang = 'en'): string {
  if (lang === 'zh') return renderCheckZh(r, destination);
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

function renderCheckZh(r: CheckResult, destination: string): string {
  const L = LABELS.zh;
  const text = (m: Message | undefined, english: string) => render(m ?? messageOf(english), 'zh');
  const lines: string[] = [];
  const push = (s = '') => lines.push(s);
  push(L.determination(r.asOf, destination));
  push(`${L.verdict}：${VERDICT_ZH[r.authorization]}${r.licenseException ? ` ${r.licenseException}` : ''}`);
  push(`${L.requirement}：${r.licenseRequired === null ? L.undetermined : r.licenseRequired ? L.yes : L.no}`);
  if (r.reviewPolicy) push(`${L.policy}：${r.reviewPolicy}`);
  if (r.missing.length) {
    push('');
    push(L.missing);
    for (const m of r.missing) push(`  - ${m.input}：${text(m.message, m.why)}`);
  }
  push('');
  push(r.reasons.length ? L.reasons : L.noReasons);
  r.reasons.forEach((x, i) => {
    const at = [
      x.item !== null ? `${L.item} ${x.item}` : null,
      x.party !== null ? `${L.party} ${x.party}` : null,
    ]
      .filter(Boolean)
      .join('，');
    push(`  ${i + 1}. ${x.code}${at ? `（${at}）` : ''}${x.unconfirmed ? L.reasonUnconfirmed : ''}`);
    push(`     ${text(x.message, x.explanation)}`);
    push(`     ${L.citation}：${x.citation}`);
  });
  push('');
  push(r.documents.length ? L.documents : L.noDocuments);
  for (const d of r.documents)
    push(`  - ${d.type}${d.unconfirmed ? L.unconfirmed : ''}：${text(d.message, d.why)}（${d.citation}）`);
  if (r.screening.some((s) => s.hits.length)) {
    push('');
    push('筛查命中（英文原文）：');
    for (const s of r.screening) {
      for (const h of s.hits)
        push(
          `  - ${L.party} ${s.party}: ${h.source}: "${h.matchedName}" (${h.name}), score ${h.score.toFixed(2)}${s.applied ? '' : ' [仅供审查；未适用]'}`,
        );
    }
  }
  if (r.notes.length) {
    push('');
    push(L.notes);
    r.notes.forEach((n, i) => push(`  - ${text(r.noteMessages?.[i], n)}`));
  }
  if (r.unconfirmed.length) {
    push('');
    push('本结论所依赖的未经确认数据（英文原文；依赖前请核实）：');
    for (const u of r.unconfirmed) push(`  - ${u.datum} (${u.citation})`);
  }
  push('');
  push(`Stamp: rules ${r.ruleSet}; lists ${r.lists}; what-if overlay ${r.overlayUsed ? 'USED' : 'not used'}`);
  return lines.join('\n');
}
