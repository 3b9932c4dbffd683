/** Structured messages on a check answer: each reason, document, missing input and note gets its message. */
import type { CheckResult } from '../../contracts/check.js';
import { messageOf, render, type Lang, type Message } from './messages.js';

/** The answer with `message` beside every reason, document and missing input, and `noteMessages`. */
export function withMessages(r: CheckResult): CheckResult {
  return {
    ...r,
    reasons: r.reasons.map((x) => ({ ...x, message: messageOf(x.explanation) })),
    documents: r.documents.map((x) => ({ ...x, message: messageOf(x.why) })),
    missing: r.missing.map((x) => ({ ...x, message: messageOf(x.why) })),
    noteMessages: r.notes.map(messageOf),
  };
}

const rendered = (m: Message | undefined, fallback: string, lang: Lang) => ({
  ...(m ?? messageOf(fallback)),
  text: render(m ?? messageOf(fallback), lang),
});

/**
 * The answer for a reader of `lang`: every message carries its `text` in that language, `lang` says which.
 * The English fields (explanation, why, notes), codes, citations and list entries stay as they are.
 */
export function localized(r: CheckResult, lang: Lang): CheckResult {
  return {
    ...r,
    lang,
    reasons: r.reasons.map((x) => ({ ...x, message: rendered(x.message, x.explanation, lang) })),
    documents: r.documents.map((x) => ({ ...x, message: rendered(x.message, x.why, lang) })),
    missing: r.missing.map((x) => ({ ...x, message: rendered(x.message, x.why, lang) })),
    noteMessages: r.notes.map((n, i) => rendered(r.noteMessages?.[i], n, lang)),
  };
}
