/**
 * The dependency rule (docs/ARCHITECTURE.md): the core imports nothing from the edge and does no I/O;
 * contracts and use cases do not reach into adapters; there are no import cycles.
 */
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { beforeAll, describe, expect, it } from 'vitest';

let result: ICruiseResult;

beforeAll(async () => {
  const out = await cruise(['src'], {
    exclude: { path: '\\.test\\.ts$' },
    tsPreCompilationDeps: true,
    // the rules are about our code: do not descend into packages (kysely has import cycles of its own)
    doNotFollow: { path: 'node_modules' },
    validate: true,
    ruleSet: {
      forbidden: [
        {
          name: 'core-imports-no-edge',
          severity: 'error',
          from: { path: '^src/core' },
          to: { path: '^src/(adapters|main|app)/' },
        },
        {
          name: 'core-does-no-io',
          severity: 'error',
          from: { path: '^src/core' },
          to: {
            dependencyTypes: ['core'],
            path: '^(node:)?(fs|fs/promises|net|http|https|http2|child_process|dgram|worker_threads|cluster|os|readline|tls)$',
          },
        },
        {
          name: 'contracts-import-no-edge',
          severity: 'error',
          from: { path: '^src/contracts' },
          to: { path: '^src/(adapters|main|app)/' },
        },
        {
          name: 'app-imports-no-adapters',
          severity: 'error',
          from: { path: '^src/app' },
          to: { path: '^src/(adapters|main)/' },
        },
        {
          name: 'adapters-import-no-main',
          severity: 'error',
          from: { path: '^src/adapters' },
          to: { path: '^src/main/' },
        },
        {
          // the adapters reach use cases only through the operation table (src/app/operations)
          name: 'adapters-use-the-operation-table',
          severity: 'error',
          from: { path: '^src/adapters/(http|cli)/' },
          to: {
            path: '^src/app/(check|eccn|records/(applications|transactions|outreach-and-metrics|case-file))\\.ts$',
          },
        },
        { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
      ],
    },
  } as never);
  result = out.output as ICruiseResult;
}, 60_000);

describe('architecture', () => {
  it('cruised the source tree', () => {
    expect(result.modules.filter((m) => m.source.startsWith('src/core/')).length).toBeGreaterThan(10);
  });
  it('has no dependency-rule violations', () => {
    const violations = result.summary.violations.map(
      (v) =>
        `${v.rule.name}: ${v.from} -> ${v.to}${v.cycle ? ` (cycle ${v.cycle.map((c) => (typeof c === 'string' ? c : c.name)).join(' -> ')})` : ''}`,
    );
    expect(violations).toEqual([]);
  });
});
