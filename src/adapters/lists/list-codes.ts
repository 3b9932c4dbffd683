import { createHash } from 'node:crypto';
import type { ListCode } from '../../core/screening/types.js';

/** Map a Consolidated Screening List source name (or code) to the ListCode the determination engine knows. */
export function listCodeOf(source: string): ListCode {
  const s = source.toLowerCase();
  if (/entity list|\(el\)|^el$/.test(s)) return 'ENTITY_LIST';
  if (/military end user|\(meu\)|^meu$/.test(s)) return 'MEU';
  if (/unverified|\(uvl\)|^uvl$/.test(s)) return 'UVL';
  if (/denied persons|\(dpl\)|^dpl$/.test(s)) return 'DPL';
  if (/chinese military-industrial|\(cmic\)|^cmic$/.test(s)) return 'CMIC';
  if (/specially designated nationals|\(sdn\)|^sdn$/.test(s)) return 'SDN';
  return 'OTHER';
}

/** Short id prefix of a source: "el", "meu", "sdn", or the code in parentheses ("dtc", "ssi"). */
export function idPrefixOf(source: string): string {
  const code = listCodeOf(source);
  if (code === 'ENTITY_LIST') return 'el';
  if (code !== 'OTHER') return code.toLowerCase();
  const m = /\(([^)]+)\)/.exec(source);
  return (m?.[1] ?? source).toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Stable ids: the source's own entity number when there is one, else a hash of the record's content. */
export class IdAllocator {
  private used = new Set<string>();
  allocate(prefix: string, natural: string | undefined, content: unknown): string {
    const base = natural
      ? `${prefix}-${natural}`
      : `${prefix}-${createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 10)}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return id;
  }
}
