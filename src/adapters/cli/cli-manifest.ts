/**
 * The CLI's view of the operation table as plain data: each operation's verb, arguments and flags, read off
 * its input schema. `npm run build` writes it to dist/cli-manifest.json so that the compiled CLI builds its
 * command tree (and prints `htt --help`) without loading zod or the table; running from the sources, the
 * manifest is computed from the table at start-up. The table stays the one declaration either way.
 */
import { z } from 'zod';
import type { Operation } from '../../app/operation.js';
import { kebab } from '../../app/operations/common.js';

export type FieldKind = 'value' | 'number' | 'flag' | 'list' | 'file';

export interface CliOption {
  field: string;
  flag: string;
  kind: FieldKind;
  required: boolean;
  choices?: string[];
  description?: string;
}

export interface CliEntry {
  id: string;
  scope: Operation['scope'];
  summary: string;
  command: string;
  /** The API's name of the verb where it differs (request_info), accepted as an alias. */
  alias?: string;
  args: string[];
  /** Flags, or null when the whole input comes from `--file`. */
  options: CliOption[] | null;
  bootstrap: boolean;
  custom: boolean;
  html: boolean;
  pdf: boolean;
}

export interface CliManifest {
  version: 1;
  entries: CliEntry[];
}

/** The schema under optional/default/effects wrappers. */
function base(schema: z.ZodTypeAny): z.ZodTypeAny {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodDefault) s = s.removeDefault();
    else if (s instanceof z.ZodEffects) s = s.innerType();
    else return s;
  }
}

function kindOf(schema: z.ZodTypeAny): FieldKind {
  const b = base(schema);
  if (b instanceof z.ZodBoolean) return 'flag';
  if (b instanceof z.ZodNumber) return 'number';
  if (b instanceof z.ZodArray) {
    const el = base(b.element);
    return el instanceof z.ZodString || el instanceof z.ZodEnum ? 'list' : 'file';
  }
  if (b instanceof z.ZodString || b instanceof z.ZodEnum || b instanceof z.ZodLiteral) return 'value';
  return 'file';
}

export function manifestOf(operations: readonly Operation[]): CliManifest {
  return {
    version: 1,
    entries: operations.map((op) => {
      const args = [...(op.cli.args ?? [])];
      const files = new Set(op.cli.files ?? []);
      const verb = op.cli.command.split(' ').at(-1)!;
      const apiName = op.http.path.split('/').at(-1)!;
      const options = files.has('.')
        ? null
        : Object.entries(op.input.shape as Record<string, z.ZodTypeAny>)
            .filter(([field]) => !args.includes(field))
            .map(([field, schema]): CliOption => {
              const b = base(schema);
              return {
                field,
                flag: op.cli.flags?.[field] ?? kebab(field),
                kind: files.has(field) ? 'file' : kindOf(schema),
                required: !schema.isOptional(),
                ...(b instanceof z.ZodEnum ? { choices: [...(b.options as string[])] } : {}),
                ...(schema.description ? { description: schema.description } : {}),
              };
            });
      return {
        id: op.id,
        scope: op.scope,
        summary: op.summary,
        command: op.cli.command,
        ...(apiName.includes('_') && kebab(apiName) === verb ? { alias: apiName } : {}),
        args,
        options,
        bootstrap: !!op.cli.bootstrap,
        custom: !!op.cli.custom,
        html: !!op.formats?.html,
        pdf: !!op.formats?.pdf,
      };
    }),
  };
}
