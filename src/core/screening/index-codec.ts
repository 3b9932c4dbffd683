/**
 * The screening index as bytes: what `buildScreeningIndex` computes (every listed name normalised, weighed
 * and indexed), stored so that a process can screen without normalising a single listed name. Pure
 * functions over a Uint8Array; the file, its hashes and when to rebuild are the adapter's business
 * (src/adapters/lists/screening-index-file.ts).
 *
 * Layout: a sequence of sections, each an 8-byte header (element type, byte length) and a typed array
 * padded to 8 bytes, in a fixed order; integers and floats in the machine's byte order (a byte-order mark
 * in the first section refuses a file from a machine of the other order). Loading makes views onto the
 * buffer, no copies: strings are one UTF-8 blob with offsets, decoded when a query first needs them; the
 * keys (word stems and joined pairs) an open-addressing hash table over their characters, so a lookup
 * decodes nothing; postings, document frequencies, record weights and the typo index's sorted pairs are
 * typed arrays as they were in memory. Records, tokens and entities become objects on first use, so a
 * single query creates a few hundred of them, not 80,000.
 */
import type { Learned, LearnedPhrase, LearnedSynonym } from './learned-synonyms.js';
import type { Lexicon } from './lexicon.js';
import type { NameKind } from './name-parts.js';
import type { TokenClass } from './normalize.js';
import type { WeightedToken } from './scoring.js';
import type { BuiltScreeningIndex, NameRecord, ScreeningIndex } from './screener.js';
import { typoIndexOf } from './typo-index.js';
import type { ListCode, ListedEntity } from './types.js';

/**
 * The layout's version: raise it whenever the sections or their meaning change (the adapter also hashes
 * the code that builds the index, so a change to normalisation invalidates stored indexes by itself).
 */
export const SCREENING_INDEX_FORMAT = 2;

const MAGIC = 0x31585448; // "HTX1" read little-endian
const BYTE_ORDER = 0x01020304;

/** A stored index that cannot be read: the caller rebuilds it. */
export class IndexFormatError extends Error {
  override name = 'IndexFormatError';
}

type Typed = Uint8Array | Uint16Array | Int32Array | Float64Array;
type TypedCtor = typeof Uint8Array | typeof Uint16Array | typeof Int32Array | typeof Float64Array;
const TYPES: TypedCtor[] = [Uint8Array, Uint16Array, Int32Array, Float64Array];

const CLASSES: TokenClass[] = ['distinct', 'sector', 'generic', 'place', 'legal', 'number'];
const FIELDS = 8; // id, list, source, name, type, licenseRequirement, licensePolicy, federalRegister
const TOKEN_FIELDS = 5; // key (key number), norm, word, source, alts (-1 or offset in the alts pool)

/** FNV-1a over UTF-16 code units: the same for a string and for its stored characters. */
function keyHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// ---------------------------------------------------------------------------------------------- writing

class Writer {
  private readonly parts: Typed[] = [];

  add(data: Typed): void {
    this.parts.push(data);
  }

  json(value: unknown): void {
    this.add(new TextEncoder().encode(JSON.stringify(value)));
  }

  finish(): Uint8Array {
    const padded = (n: number) => Math.ceil(n / 8) * 8;
    let size = 0;
    for (const p of this.parts) size += 8 + padded(p.byteLength);
    const out = new Uint8Array(size);
    const head = new Int32Array(2);
    let at = 0;
    for (const p of this.parts) {
      head[0] = TYPES.findIndex((T) => p instanceof T);
      head[1] = p.byteLength;
      out.set(new Uint8Array(head.buffer), at);
      out.set(new Uint8Array(p.buffer, p.byteOffset, p.byteLength), at + 8);
      at += 8 + padded(p.byteLength);
    }
    return out;
  }
}

/** Strings, each stored once. */
class StringsOut {
  private readonly ids = new Map<string, number>();
  private readonly list: string[] = [];

  id(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(s, id);
      this.list.push(s);
    }
    return id;
  }

  optional(s: string | undefined): number {
    return s === undefined ? -1 : this.id(s);
  }

  write(w: Writer): void {
    const offsets = new Int32Array(this.list.length + 1);
    let room = 0;
    for (const s of this.list) room += s.length * 3;
    const blob = new Uint8Array(room);
    const encoder = new TextEncoder();
    let at = 0;
    this.list.forEach((s, i) => {
      offsets[i] = at;
      let c = 0;
      // ASCII byte by byte (most names), anything else through the encoder
      for (; c < s.length; c++) {
        const code = s.charCodeAt(c);
        if (code > 0x7f) break;
        blob[at + c] = code;
      }
      at += c === s.length ? c : encoder.encodeInto(s, blob.subarray(at)).written;
    });
    offsets[this.list.length] = at;
    w.add(blob.subarray(0, at));
    w.add(offsets);
  }
}

/** The stored form of an index built in memory. */
export function encodeScreeningIndex(ix: BuiltScreeningIndex): Uint8Array {
  const b = ix.built;
  const strings = new StringsOut();

  // keys: every document-frequency key, then keys only in postings (joined pairs), then any other
  const keyIds = new Map<string, number>();
  const keys: string[] = [];
  const keyId = (k: string) => {
    let id = keyIds.get(k);
    if (id === undefined) {
      id = keys.length;
      keyIds.set(k, id);
      keys.push(k);
    }
    return id;
  };
  for (const k of b.df.keys()) keyId(k);
  for (const k of b.postings.keys()) keyId(k);

  // entities
  const E = b.entities.length;
  const entityFields = new Int32Array(E * FIELDS);
  const entityListStart = new Int32Array(E + 1);
  const entityLists: number[] = [];
  b.entities.forEach((e, i) => {
    const f = i * FIELDS;
    entityFields[f] = strings.id(e.id);
    entityFields[f + 1] = strings.id(e.list);
    entityFields[f + 2] = strings.id(e.source);
    entityFields[f + 3] = strings.id(e.name);
    entityFields[f + 4] = strings.optional(e.type);
    entityFields[f + 5] = strings.optional(e.licenseRequirement);
    entityFields[f + 6] = strings.optional(e.licensePolicy);
    entityFields[f + 7] = strings.optional(e.federalRegister);
    entityListStart[i] = entityLists.length;
    // names from outside the list (format 2): name and source, in turn
    const origins = (e.nameSources ?? []).flatMap((n) => [n.name, n.source]);
    for (const list of [e.aliases, e.countries, e.addresses, e.programs, origins]) {
      entityLists.push(list.length);
      for (const x of list) entityLists.push(strings.id(x));
    }
  });
  entityListStart[E] = entityLists.length;
  const kinds = Uint8Array.from(b.kinds, (k) => (k === 'person' ? 1 : 0));

  // records and their tokens (a token identical in every field is stored once)
  const R = b.records.length;
  const recordName = new Int32Array(R);
  const recordText = new Int32Array(R);
  const recordNote = new Int32Array(R);
  const recordTokenStart = new Int32Array(R + 1);
  const recordTokens: number[] = [];
  // tokens by key, then compared field by field (cheaper than a string signature per token)
  const tokensByKey = new Map<string, { t: WeightedToken; id: number }[]>();
  const tokenFields: number[] = [];
  const tokenCls: number[] = [];
  const tokenW: number[] = [];
  const alts: number[] = [];
  const same = (a: WeightedToken, b: WeightedToken) =>
    a.norm === b.norm &&
    a.word === b.word &&
    a.source === b.source &&
    a.cls === b.cls &&
    Object.is(a.w, b.w) &&
    (a.alts === undefined
      ? b.alts === undefined
      : b.alts !== undefined && a.alts.length === b.alts.length && a.alts.every((x, i) => x === b.alts![i]));
  const tokenId = (t: WeightedToken) => {
    let known = tokensByKey.get(t.key);
    if (!known) tokensByKey.set(t.key, (known = []));
    for (const k of known) if (same(k.t, t)) return k.id;
    const id = tokenCls.length;
    known.push({ t, id });
    let altsAt = -1;
    if (t.alts) {
      altsAt = alts.length;
      alts.push(t.alts.length, ...t.alts.map((a) => strings.id(a)));
    }
    tokenFields.push(keyId(t.key), strings.id(t.norm), strings.id(t.word), strings.id(t.source), altsAt);
    tokenCls.push(CLASSES.indexOf(t.cls));
    tokenW.push(t.w);
    return id;
  };
  b.records.forEach((rec, r) => {
    recordName[r] = strings.id(rec.name);
    recordText[r] = strings.id(rec.text);
    recordNote[r] = strings.optional(rec.note);
    recordTokenStart[r] = recordTokens.length;
    for (const t of rec.tokens) recordTokens.push(tokenId(t));
  });
  recordTokenStart[R] = recordTokens.length;

  // the typo index's words are keys (distinctive word stems)
  const vocab = Int32Array.from(b.vocab, (w) => keyId(w));

  // keys: characters, hash table, document frequencies, postings
  const K = keys.length;
  const wide = keys.some((k) => {
    for (let c = 0; c < k.length; c++) if (k.charCodeAt(c) > 0xff) return true;
    return false;
  });
  const keyStart = new Int32Array(K + 1);
  let chars = 0;
  keys.forEach((k, i) => {
    keyStart[i] = chars;
    chars += k.length;
  });
  keyStart[K] = chars;
  const keyChars = wide ? new Uint16Array(chars) : new Uint8Array(chars);
  keys.forEach((k, i) => {
    for (let c = 0; c < k.length; c++) keyChars[keyStart[i]! + c] = k.charCodeAt(c);
  });
  let slots = 16;
  while (slots < K * 2) slots *= 2;
  const table = new Int32Array(slots);
  keys.forEach((k, i) => {
    let s = keyHash(k) & (slots - 1);
    while (table[s] !== 0) s = (s + 1) & (slots - 1);
    table[s] = i + 1;
  });
  const df = Int32Array.from(keys, (k) => b.df.get(k) ?? 0);
  const inVocab = new Uint8Array(K);
  for (const v of vocab) inVocab[v] = 1;
  const postStart = new Int32Array(K + 1);
  let total = 0;
  keys.forEach((k, i) => {
    postStart[i] = total;
    const list = b.postings.get(k);
    total += list === undefined ? 0 : typeof list === 'number' ? 1 : list.length;
  });
  postStart[K] = total;
  const posts = new Int32Array(total);
  keys.forEach((k, i) => {
    const list = b.postings.get(k);
    if (list === undefined) return;
    if (typeof list === 'number') posts[postStart[i]!] = list;
    else posts.set(list, postStart[i]!);
  });

  const allNames = Int32Array.from(b.allNames, (n) => strings.id(n));

  const w = new Writer();
  w.add(Int32Array.of(MAGIC, SCREENING_INDEX_FORMAT, BYTE_ORDER, 0));
  w.json({
    snapshot: ix.meta.snapshot,
    snapshotDate: ix.meta.snapshotDate,
    documents: ix.documents,
    entityCount: E,
    nameCount: ix.nameCount,
    recordCount: R,
    tokenCount: tokenCls.length,
    keyCount: K,
    wideKeys: wide,
    lexicon: ix.lexicon ? { source: ix.lexicon.source, maxLength: ix.lexicon.maxLength } : null,
  });
  strings.write(w);
  w.add(entityFields);
  w.add(entityListStart);
  w.add(Int32Array.from(entityLists));
  w.add(kinds);
  w.add(ix.recordEntity);
  w.add(ix.recordWeight);
  w.add(recordName);
  w.add(recordText);
  w.add(recordNote);
  w.add(recordTokenStart);
  w.add(Int32Array.from(recordTokens));
  w.add(Int32Array.from(tokenFields));
  w.add(Uint8Array.from(tokenCls));
  w.add(Float64Array.from(tokenW));
  w.add(Int32Array.from(alts));
  w.add(keyChars);
  w.add(keyStart);
  w.add(table);
  w.add(df);
  w.add(postStart);
  w.add(posts);
  w.add(vocab);
  w.add(inVocab);
  w.add(b.typoPairs);
  w.add(allNames);
  w.json(ix.lexicon ? [...ix.lexicon.entries] : []);
  const learned = b.learned;
  w.json({
    words: [...learned.words],
    phrases: [...learned.phrases],
    contractions: [...learned.contractions],
  });
  return w.finish();
}

// ---------------------------------------------------------------------------------------------- reading

class Reader {
  private at = 0;
  private readonly bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    // typed-array views need an aligned start; a buffer that has none is copied once
    this.bytes = bytes.byteOffset % 8 === 0 ? bytes : bytes.slice();
  }

  next<T extends TypedCtor>(Type: T, count?: number): InstanceType<T> {
    const { bytes } = this;
    if (this.at + 8 > bytes.length) throw new IndexFormatError('the index ends early');
    const [type, length] = new Int32Array(bytes.buffer, bytes.byteOffset + this.at, 2);
    if (TYPES[type!] !== Type) throw new IndexFormatError(`section at byte ${this.at} is of another type`);
    const start = this.at + 8;
    if (length! < 0 || start + length! > bytes.length) throw new IndexFormatError('the index ends early');
    const n = length! / Type.BYTES_PER_ELEMENT;
    if (!Number.isInteger(n) || (count !== undefined && n !== count))
      throw new IndexFormatError(`section at byte ${this.at} has ${n} elements, expected ${count}`);
    this.at = start + Math.ceil(length! / 8) * 8;
    const View = Type as unknown as new (b: ArrayBufferLike, at: number, n: number) => InstanceType<T>;
    return new View(bytes.buffer, bytes.byteOffset + start, n);
  }

  json<V>(): V {
    const raw = this.next(Uint8Array);
    try {
      return JSON.parse(new TextDecoder().decode(raw)) as V;
    } catch (e) {
      throw new IndexFormatError(`malformed section: ${(e as Error).message}`);
    }
  }

  /** A section whose decoding waits for its first use. */
  lazyJson<V>(): () => V {
    const raw = this.next(Uint8Array);
    let value: V | undefined;
    return () => (value ??= JSON.parse(new TextDecoder().decode(raw)) as V);
  }

  end(): void {
    if (this.at !== this.bytes.length) throw new IndexFormatError('bytes after the last section');
  }
}

/** Strings decoded on first use. */
class StringsIn {
  private readonly cache: (string | undefined)[];
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly blob: Uint8Array,
    private readonly offsets: Int32Array,
  ) {
    this.cache = new Array<string | undefined>(offsets.length - 1);
  }

  get(i: number): string {
    let s = this.cache[i];
    if (s === undefined) {
      const a = this.offsets[i]!;
      const b = this.offsets[i + 1]!;
      const bytes = this.blob.subarray(a, b);
      let ascii = b - a <= 1024;
      for (let k = 0; ascii && k < bytes.length; k++) if (bytes[k]! > 0x7f) ascii = false;
      s = ascii ? String.fromCharCode.apply(null, bytes as unknown as number[]) : this.decoder.decode(bytes);
      this.cache[i] = s;
    }
    return s;
  }

  optional(i: number): string | undefined {
    return i < 0 ? undefined : this.get(i);
  }
}

interface StoredMeta {
  snapshot: string;
  snapshotDate: string;
  documents: number;
  entityCount: number;
  nameCount: number;
  recordCount: number;
  tokenCount: number;
  keyCount: number;
  wideKeys: boolean;
  lexicon: { source: string; maxLength: number } | null;
}

/**
 * Read a stored index. Throws IndexFormatError when the bytes are not an index of this format (the caller
 * has checked them against their hash: this is about a version or a machine of another byte order).
 */
export function decodeScreeningIndex(bytes: Uint8Array): ScreeningIndex {
  const rd = new Reader(bytes);
  const head = rd.next(Int32Array, 4);
  if (head[0] !== MAGIC) throw new IndexFormatError('not a screening index');
  if (head[2] !== BYTE_ORDER) throw new IndexFormatError('the index was written with another byte order');
  if (head[1] !== SCREENING_INDEX_FORMAT)
    throw new IndexFormatError(`index format ${head[1]}, this code reads ${SCREENING_INDEX_FORMAT}`);
  const m = rd.json<StoredMeta>();
  const E = m.entityCount;
  const R = m.recordCount;
  const T = m.tokenCount;
  const K = m.keyCount;
  const strings = new StringsIn(rd.next(Uint8Array), rd.next(Int32Array));
  const entityFields = rd.next(Int32Array, E * FIELDS);
  const entityListStart = rd.next(Int32Array, E + 1);
  const entityLists = rd.next(Int32Array);
  const kinds = rd.next(Uint8Array, E);
  const recordEntity = rd.next(Int32Array, R);
  const recordWeight = rd.next(Float64Array, R);
  const recordName = rd.next(Int32Array, R);
  const recordText = rd.next(Int32Array, R);
  const recordNote = rd.next(Int32Array, R);
  const recordTokenStart = rd.next(Int32Array, R + 1);
  const recordTokens = rd.next(Int32Array);
  const tokenFields = rd.next(Int32Array, T * TOKEN_FIELDS);
  const tokenCls = rd.next(Uint8Array, T);
  const tokenW = rd.next(Float64Array, T);
  const alts = rd.next(Int32Array);
  const keyChars = m.wideKeys ? rd.next(Uint16Array) : rd.next(Uint8Array);
  const keyStart = rd.next(Int32Array, K + 1);
  const table = rd.next(Int32Array);
  const df = rd.next(Int32Array, K);
  const postStart = rd.next(Int32Array, K + 1);
  const posts = rd.next(Int32Array);
  const vocab = rd.next(Int32Array);
  const inVocab = rd.next(Uint8Array, K);
  const typoPairs = rd.next(Float64Array);
  const allNames = rd.next(Int32Array, m.nameCount);
  const lexiconEntries = rd.lazyJson<[string, string[]][]>();
  const learnedJson = rd.lazyJson<{
    words: [string, LearnedSynonym[]][];
    phrases: [string, LearnedPhrase[]][];
    contractions: [string, LearnedPhrase[]][];
  }>();
  rd.end();
  const mask = table.length - 1;
  if (table.length < 2 || (table.length & mask) !== 0) throw new IndexFormatError('bad key table');

  // keys
  const keyCache = new Array<string | undefined>(K);
  const keyAt = (i: number): string =>
    (keyCache[i] ??= String.fromCharCode.apply(
      null,
      keyChars.subarray(keyStart[i]!, keyStart[i + 1]!) as unknown as number[],
    ));
  const keyNumber = (s: string): number => {
    for (let slot = keyHash(s) & mask; ; slot = (slot + 1) & mask) {
      const k = table[slot]! - 1;
      if (k < 0) return -1;
      const a = keyStart[k]!;
      if (keyStart[k + 1]! - a !== s.length) continue;
      let c = 0;
      while (c < s.length && keyChars[a + c] === s.charCodeAt(c)) c++;
      if (c === s.length) return k;
    }
  };

  // tokens and records, created on first use
  const tokens = new Array<WeightedToken | undefined>(T);
  const token = (t: number): WeightedToken => {
    let tok = tokens[t];
    if (!tok) {
      const f = t * TOKEN_FIELDS;
      tok = {
        key: keyAt(tokenFields[f]!),
        norm: strings.get(tokenFields[f + 1]!),
        word: strings.get(tokenFields[f + 2]!),
        cls: CLASSES[tokenCls[t]!]!,
        source: strings.get(tokenFields[f + 3]!),
        w: tokenW[t]!,
      };
      const at = tokenFields[f + 4]!;
      if (at >= 0) {
        const list: string[] = [];
        for (let k = 1; k <= alts[at]!; k++) list.push(strings.get(alts[at + k]!));
        tok.alts = list;
      }
      tokens[t] = tok;
    }
    return tok;
  };
  const records = new Array<NameRecord | undefined>(R);
  const record = (r: number): NameRecord => {
    let rec = records[r];
    if (!rec) {
      const list: WeightedToken[] = [];
      for (let k = recordTokenStart[r]!; k < recordTokenStart[r + 1]!; k++)
        list.push(token(recordTokens[k]!));
      const note = strings.optional(recordNote[r]!);
      rec = {
        entity: recordEntity[r]!,
        name: strings.get(recordName[r]!),
        text: strings.get(recordText[r]!),
        tokens: list,
        ...(note ? { note } : {}),
      };
      records[r] = rec;
    }
    return rec;
  };

  // entities, created on first use
  const entities = new Array<ListedEntity | undefined>(E);
  const entity = (i: number): ListedEntity => {
    let e = entities[i];
    if (!e) {
      const f = i * FIELDS;
      let at = entityListStart[i]!;
      const list = () => {
        const n = entityLists[at++]!;
        const out: string[] = [];
        for (let k = 0; k < n; k++) out.push(strings.get(entityLists[at++]!));
        return out;
      };
      const aliases = list();
      const countries = list();
      const addresses = list();
      const programs = list();
      const origins = list();
      const nameSources: NonNullable<ListedEntity['nameSources']> = [];
      for (let k = 0; k + 1 < origins.length; k += 2)
        nameSources.push({ name: origins[k]!, source: origins[k + 1]! });
      const type = strings.optional(entityFields[f + 4]!);
      const licenseRequirement = strings.optional(entityFields[f + 5]!);
      const licensePolicy = strings.optional(entityFields[f + 6]!);
      const federalRegister = strings.optional(entityFields[f + 7]!);
      e = {
        id: strings.get(entityFields[f]!),
        list: strings.get(entityFields[f + 1]!) as ListCode,
        source: strings.get(entityFields[f + 2]!),
        name: strings.get(entityFields[f + 3]!),
        aliases,
        ...(type !== undefined ? { type } : {}),
        countries,
        addresses,
        programs,
        ...(licenseRequirement !== undefined ? { licenseRequirement } : {}),
        ...(licensePolicy !== undefined ? { licensePolicy } : {}),
        ...(federalRegister !== undefined ? { federalRegister } : {}),
        ...(nameSources.length ? { nameSources } : {}),
      };
      entities[i] = e;
    }
    return e;
  };
  let byId: Map<string, number> | undefined;
  const entityNumber = (id: string): number => {
    if (!byId) {
      byId = new Map();
      for (let i = 0; i < E; i++) byId.set(strings.get(entityFields[i * FIELDS]!), i);
    }
    return byId.get(id) ?? -1;
  };

  let lexicon: Lexicon | undefined;
  if (m.lexicon) {
    const { source, maxLength } = m.lexicon;
    let entries: Map<string, string[]> | undefined;
    lexicon = {
      source,
      maxLength,
      get entries() {
        return (entries ??= new Map(lexiconEntries()));
      },
    };
  }
  let learned: Learned | undefined;
  let names: string[] | undefined;

  return {
    meta: { snapshot: m.snapshot, snapshotDate: m.snapshotDate },
    entityCount: E,
    nameCount: m.nameCount,
    documents: m.documents,
    recordCount: R,
    entity,
    entityNumber,
    kind: (i): NameKind => (kinds[i] === 1 ? 'person' : 'organization'),
    recordEntity,
    recordWeight,
    record,
    postings(key) {
      const k = keyNumber(key);
      if (k < 0) return undefined;
      const a = postStart[k]!;
      const n = postStart[k + 1]! - a;
      return n === 0 ? undefined : n === 1 ? posts[a]! : posts.subarray(a, a + n);
    },
    postingCount(key) {
      const k = keyNumber(key);
      return k < 0 ? 0 : postStart[k + 1]! - postStart[k]!;
    },
    df(key) {
      const k = keyNumber(key);
      return k < 0 ? 0 : df[k]!;
    },
    typos: typoIndexOf({
      word: (i) => keyAt(vocab[i]!),
      has: (w) => {
        const k = keyNumber(w);
        return k >= 0 && inVocab[k] === 1;
      },
      pairs: typoPairs,
    }),
    learned: () => {
      if (!learned) {
        const j = learnedJson();
        learned = {
          words: new Map(j.words),
          phrases: new Map(j.phrases),
          contractions: new Map(j.contractions),
        };
      }
      return learned;
    },
    lexicon,
    names: () => (names ??= Array.from(allNames, (n) => strings.get(n))),
  };
}
