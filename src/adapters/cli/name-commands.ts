/**
 * `htt lists import-names`, `htt lists names`, `htt lists remove-names`: names of listed parties from open
 * data (docs/SCREENING.md, "Names from open data"). They call the operations lists.import_names,
 * lists.names and lists.remove_names of the table; import-names reads the file in its format first.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import type { NameImportResult, Services } from '../../app/services.js';
import { importFormats, type ImportFormat } from '../../contracts/names.js';
import { HttError } from '../../core/errors.js';
import type { CliIo } from './io.js';
import { runOperation } from './operation-commands.js';

async function operation(id: string) {
  const { operationById } = await import('../../app/operations/index.js');
  return operationById(id)!;
}

interface Described {
  location: string;
  listedEntities: number;
  shipped: {
    file: string;
    source: string;
    names: number;
    entriesGaining: number;
    chinaEntriesGaining: number;
  }[];
  imports: {
    id: string;
    format: string;
    file: string;
    importedAt: string;
    licence: string;
    records: number;
    names: number;
    entriesGaining: number;
    chinaEntriesGaining: number;
  }[];
}

export function registerNameCommands(program: Command, io: CliIo, services: Services): void {
  const lists = program.commands.find((c) => c.name() === 'lists') ?? program.command('lists');
  lists
    .command('import-names')
    .description(
      'import Chinese names and aliases of listed parties from a file you downloaded (OpenSanctions, Wikidata, GLEIF); kept in your data directory, never shipped',
    )
    .argument(
      '<file>',
      'the file: FollowTheMoney JSON lines or targets.simple.csv; Wikidata JSON; GLEIF CSV or JSON',
    )
    .addOption(
      new Option('--format <format>', 'the file format').choices([...importFormats]).makeOptionMandatory(),
    )
    .option('--as <user>', 'the acting user (default: the local operator), recorded in the audit log')
    .option('--json', 'print the result as JSON')
    .action(async (file: string, _own: unknown, cmd: Command) => {
      // --json is also an option of `htt lists`, which commander gives the parent
      const flags = cmd.optsWithGlobals<{ format: ImportFormat; as?: string; json?: boolean }>();
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        throw new HttError({
          code: 'INPUT.FILE_NOT_FOUND',
          message: `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
        });
      }
      const { readNameFile } = await import('../lists/name-import-readers.js');
      const records = readNameFile(flags.format, bytes.toString('utf8'), basename(file));
      if (!records.length)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: `${file} holds no ${flags.format} record with a Chinese-script name to import`,
          field: 'file',
        });
      const input = {
        source: flags.format,
        file: basename(file),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        records,
      };
      const r = (await runOperation(
        await operation('lists.import_names'),
        services,
        flags,
        input,
      )) as NameImportResult;
      if (flags.json) return io.out(JSON.stringify(r, null, 2));
      io.out(
        [
          `imported ${r.id}: ${r.names} names of ${r.records} ${r.format} records from ${r.file} (${r.licence})`,
          `matched    ${r.matchedRecords} records to listed entries (by identifier, or exact Latin name and country)`,
          `gaining    ${r.entriesGaining} listed entries gain a name, ${r.chinaEntriesGaining} of them located in China`,
          `kept in    ${services.names?.().location ?? '?'} (not in the repository; htt lists remove-names ${r.id} removes them)`,
        ].join('\n'),
      );
    });
  lists
    .command('names')
    .description(
      'the names from open data: shipped sources and your imports, with how many listed entries each names',
    )
    .option('--json', 'print the result as JSON')
    .action(async (_own: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<{ json?: boolean }>();
      const d = (await runOperation(await operation('lists.names'), services, flags, {})) as Described;
      if (flags.json) return io.out(JSON.stringify(d, null, 2));
      io.out(
        [
          `listed entries  ${d.listedEntities}`,
          ...d.shipped.map(
            (s) =>
              `shipped  ${s.file}: ${s.names} names, ${s.entriesGaining} listed entries gain one (${s.chinaEntriesGaining} located in China); "${s.source}"`,
          ),
          ...(d.imports.length
            ? d.imports.map(
                (b) =>
                  `import   ${b.id}: ${b.format} ${b.file} (${b.licence}), ${b.importedAt}: ${b.names} names of ${b.records} records, ${b.entriesGaining} listed entries gain one (${b.chinaEntriesGaining} located in China)`,
              )
            : [`imports  none (in ${d.location})`]),
        ].join('\n'),
      );
    });
  lists
    .command('remove-names')
    .description('remove imported names (the next screening index is built without them)')
    .argument('<id>', 'the import, as htt lists names shows it')
    .option('--reason <text>', 'why, recorded in the audit log')
    .option('--as <user>', 'the acting user (default: the local operator), recorded in the audit log')
    .option('--json', 'print the result as JSON')
    .action(async (id: string, _own: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<{ reason?: string; as?: string; json?: boolean }>();
      const r = await runOperation(await operation('lists.remove_names'), services, flags, {
        id,
        ...(flags.reason ? { reason: flags.reason } : {}),
      });
      io.out(flags.json ? JSON.stringify(r, null, 2) : `removed imported names ${id}`);
    });
}
