/**
 * Imported names (docs/SCREENING.md, "Names from open data"): the operator imports Chinese names and
 * aliases from files the user downloads (OpenSanctions, Wikidata, GLEIF); they change the screening of
 * every organisation of the installation, so only the operator (an administrator of BIS, or the local
 * operator on the command line) imports or removes them. The names themselves are kept by the NameImports
 * port in the user's data directory; each import or removal is a `name_import` record (what was imported,
 * from which file, what it matched: never the names) whose audit entry records who, when and why.
 */
import type { NameImportInput } from '../../contracts/names.js';
import { HttError } from '../../core/errors.js';
import type { NameImports } from '../services.js';
import { audit, newId, SYSTEM, type Actor, type CaseServices } from './context.js';

function operatorOnly(actor: Actor, what: string): void {
  if (actor !== SYSTEM && !(actor.role === 'admin' && actor.orgType === 'bis'))
    throw new HttError({
      code: 'CASE.FORBIDDEN',
      message: `only the operator (a BIS administrator) ${what}: imported names change every organisation's screening`,
    });
}

function port(s: CaseServices): NameImports {
  const names = s.checks.names?.();
  if (!names)
    throw new HttError({ code: 'LISTS.NOT_LOADED', message: 'this process keeps no imported names' });
  return names;
}

export async function importNames(s: CaseServices, actor: Actor, input: NameImportInput) {
  operatorOnly(actor, 'imports names');
  const names = port(s);
  const id = newId('names');
  const at = s.now();
  return s.store.transaction(async (tx) => {
    try {
      const result = names.save({ ...input, id, importedAt: at, importedBy: actor.userId });
      await tx.insert(
        { kind: 'name_import', id, orgIds: [actor.orgId], state: 'active', data: result, retainUntil: null },
        audit(
          actor,
          'lists.import_names',
          at,
          `${result.names} names of ${result.records} ${input.source} records from ${input.file} (${result.licence}); ${result.entriesGaining} listed entries gain a name`,
        ),
      );
      return result;
    } catch (e) {
      // the record with its audit entry and the names, or neither: names stored before the failure go again
      try {
        names.remove(id);
      } catch {
        /* nothing was stored */
      }
      throw e;
    }
  });
}

export async function removeNames(s: CaseServices, actor: Actor, id: string, reason?: string) {
  operatorOnly(actor, 'removes imported names');
  const names = port(s);
  return s.store.transaction(async (tx) => {
    const rec = await tx.get<Record<string, unknown>>('name_import', id);
    if (!rec || rec.state !== 'active')
      throw new HttError({ code: 'CASE.NOT_FOUND', message: `no imported names ${id}` });
    const updated = await tx.update(
      { ...rec, state: 'removed' },
      rec.version,
      audit(actor, 'lists.remove_names', s.now(), reason),
    );
    names.remove(id);
    return updated;
  });
}
