/**
 * Composition root of the `htt` command line. Each adapter module registers its own commands.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { exitCodeFor, processIo, type CliIo } from '../adapters/cli/io.js';
import { registerCommands } from '../adapters/cli/commands.js';
import type { Services } from '../app/services.js';
import { HttError } from '../core/errors.js';
import type { CliManifest } from '../adapters/cli/cli-manifest.js';
import { defaultServices, prepareServices } from './services.js';

/**
 * The CLI's view of the operation table: written by `npm run build` beside the compiled code (so that the
 * command tree needs neither zod nor the table), computed from the table when running from the sources.
 */
async function cliManifest(): Promise<CliManifest> {
  if (import.meta.url.endsWith('.js')) {
    try {
      return JSON.parse(
        readFileSync(new URL('../cli-manifest.json', import.meta.url), 'utf8'),
      ) as CliManifest;
    } catch {
      // not built by npm run build (tsc alone): compute it
    }
  }
  const [{ manifestOf }, { operations }] = await Promise.all([
    import('../adapters/cli/cli-manifest.js'),
    import('../app/operations/index.js'),
  ]);
  return manifestOf(operations);
}

/** The whole command tree; `setExit` raises the exit code a command ends with. */
export function buildProgram(
  io: CliIo,
  services: Services,
  manifest: CliManifest,
  setExit: (code: number) => void = () => {},
): Command {
  const program = new Command('htt')
    .description('U.S.–China high-technology trade: EAR determinations, screening and records')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerCommands(program, io, setExit, services, manifest);
  // the loaders of the rules and the lists are imported before an action runs, never for --help
  program.hook('preAction', () => prepareServices());
  program
    .command('serve')
    .description(
      'start the server: the API (and the web desk) on the embedded SQLite, or PostgreSQL with DATABASE_URL',
    )
    .option('--port <port>', 'port (default: PORT or 8080)')
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option('--demo', 'seed the demonstration workspace first if the database is empty (htt demo seed)')
    .option('--workers <n>', 'server processes sharing the port (default: HTT_WORKERS or 1)')
    .action(async (o: { port?: string; host?: string; demo?: boolean; workers?: string }) => {
      const { isClusterWorker, startCluster } = await import('./cluster.js');
      const workers = Number(o.workers ?? process.env.HTT_WORKERS ?? 1);
      if (!Number.isInteger(workers) || workers < 1 || workers > 64)
        throw new HttError({
          code: 'INPUT.INVALID',
          message: '--workers must be a whole number from 1 to 64',
          field: 'workers',
        });
      const where = { ...(o.port ? { port: Number(o.port) } : {}), ...(o.host ? { host: o.host } : {}) };
      const { startServer } = await import('./server.js');
      const running =
        workers > 1 && !isClusterWorker()
          ? await startCluster({ workers, ...where, ...(o.demo ? { demo: true } : {}) }, (line) =>
              io.out(line),
            )
          : isClusterWorker()
            ? await startServer({ ...where, banner: false })
            : await startServer({ ...where, ...(o.demo ? { demo: true } : {}) });
      await new Promise<void>((done) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          process.once(signal, () => {
            io.out(`${signal}: finishing requests in flight, then stopping`);
            // a worker of --workers N then lets go of its channel to the primary, and so ends
            void running.close().then(() => {
              if (isClusterWorker()) process.disconnect?.();
              done();
            });
          });
        }
      });
    });
  program
    .command('worker')
    .description(
      "do jobs' chunks (batch screens, re-screening, case files, audit verification) until SIGINT/SIGTERM; any number may run on one database",
    )
    .option('--concurrency <n>', 'chunks at a time in this process (default 1)')
    .action(async (o: { concurrency?: string }) => {
      const { startWorker } = await import('./worker.js');
      const running = await startWorker(o.concurrency ? { concurrency: Number(o.concurrency) } : {});
      io.out(`htt worker ${running.id} started`);
      await new Promise<void>((done) => {
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
          process.once(signal, () => {
            io.out(`${signal}: finishing the chunk in hand, then stopping`);
            void running.close().then(done);
          });
        }
      });
    });
  return program;
}

export async function main(
  argv: string[],
  io: CliIo = processIo,
  services: Services = defaultServices,
): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(io, services, await cliManifest(), (code) => {
    exitCode = Math.max(exitCode, code);
  });
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // help and version are "errors" in commander's model but exit 0
      return e.exitCode === 0 ? 0 : 64;
    }
    return exitCodeFor(e, io);
  }
  return exitCode;
}
