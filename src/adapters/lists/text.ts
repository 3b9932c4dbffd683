import { HttError } from '../../core/errors.js';

/** Decode a list file: UTF-8 (BOM and a trailing DOS end-of-file mark removed), else Latin-1; never binary. */
export function decodeListFile(bytes: Uint8Array, file: string): string {
  const sample = bytes.subarray(0, 65536);
  if (sample.includes(0)) {
    throw new HttError({
      code: 'LISTS.INVALID',
      message: `${file} is a binary file, not a list in a known text format`,
    });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('latin1').decode(bytes);
  }
  // eslint-disable-next-line no-control-regex
  return text.replace(/^\uFEFF/, '').replace(/\u001a+\s*$/, '');
}

/** OFAC's legacy files write "-0-" for an empty field. */
export const ofacValue = (v: string | undefined): string => {
  const s = (v ?? '').trim();
  return s === '-0-' ? '' : s;
};
