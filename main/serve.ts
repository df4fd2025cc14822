/**
 * Headless browser mode: the same core as the Electron app, with the
 * renderer served over loopback HTTP and the AttendantApi carried over a
 * WebSocket. Prints exactly one line on stdout, `Attendant console: <url>`
 * (tests and scripts wait for it); everything else goes to stderr.
 *
 *   npm run serve -- --demo --demo-mode manual --sim-control --port 0
 */
import os from 'node:os';
import path from 'node:path';
import { startBridgeServer, type BridgeServer } from './bridge/ws-server';
import { createRuntime, type ConsoleRuntime } from './runtime/bootstrap';
import { consoleLogger } from './core/log';
import { english } from './core/errors';
import { systemClock } from './core/clock';
import { APP_ID } from './desktop/app-identity';
import { openCredentialStore } from './runtime/credentials';
import { describeLinkOutcome, LinkInbox } from './desktop/link-dialer';
import { parseServeArgs, SERVE_USAGE } from './serve-args';
import { settingsDirFor } from './runtime/user-data-dir';

/** Exit code for a bad command line or configuration. */
const EXIT_USAGE = 2;
/** How long a clean shutdown may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 5000;

/**
 * The built renderer, found from this file rather than the working directory: main/serve.ts (under tsx) and its
 * bundle out/serve.cjs (`npm run serve`, scripts/build-serve.ts) are both one folder below the root.
 */
const WEB_ROOT = path.resolve(__dirname, '..', 'out', 'web');

async function main(argv: readonly string[]): Promise<void> {
  const parsed = parseServeArgs(argv);
  if (parsed.kind === 'help') {
    process.stdout.write(`${SERVE_USAGE}\n`);
    return;
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`serve: ${parsed.message}\nRun with --help for the options.\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  const { args } = parsed;
  const log = consoleLogger('serve');

  // Settings and the journal persist in the user's data folder (the demo in its own profile there) unless --settings-dir says where.
  const settingsDir = settingsDirFor(
    { settingsDir: args.settingsDir, demo: args.configPath === undefined },
    { platform: process.platform, env: process.env, home: os.homedir() },
  );
  let runtime: ConsoleRuntime;
  try {
    const credentials = await openCredentialStore({
      service: APP_ID,
      loadKeytar: async () => (await import('keytar')).default,
      // No Electron safeStorage here: without a keychain, passwords cannot be saved (never in plain text).
      fallbackFile: path.join(settingsDir, 'credentials.json'),
      log: consoleLogger('credentials'),
    });
    const where = { settingsDir, credentials, log, systemLanguages: systemLanguages() };
    runtime = await createRuntime(
      args.configPath !== undefined ? { configPath: args.configPath, ...where } : { demo: args.demo, demoMode: args.demoMode, ...where },
    );
  } catch (error) {
    process.stderr.write(`serve: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  if (args.simControl && !runtime.simControl) {
    await runtime.stop();
    process.stderr.write('serve: --sim-control needs the demo PBX, which this runtime does not run.\n');
    process.exitCode = EXIT_USAGE;
    return;
  }

  // Click-to-dial in a browser: a link (`--open-link`, or the page opened with one) is checked and resolved here, by the same
  // LinkDialer as the desktop app's, and held for the page, which asks the receptionist and sends the dial command.
  const linkLog = consoleLogger('links');
  const links = new LinkInbox({
    service: runtime.service,
    clock: systemClock,
    preferredLineId: () => runtime.preferences.get().defaultLineId,
    domains: () => runtime.settings.pbxDomains,
    nameFor: (number, line) => runtime.service.directory.identify(number, line.connectionId, line.country)?.name,
    // Its own searcher name, so a link's search never replaces a page's.
    searchDirectory: async (number) => (await runtime.service.searchDirectory({ text: number, limit: 20, scope: 'all' }, 'links')).entries,
    report: (outcome) => (outcome.kind === 'refused' ? linkLog.warn : linkLog.info)(`link: ${english(describeLinkOutcome(outcome))}`),
  });

  let bridge: BridgeServer;
  try {
    bridge = await startBridgeServer({
      service: runtime.service,
      staticDir: WEB_ROOT,
      port: args.port,
      simControl: args.simControl ? runtime.simControl : undefined,
      settings: runtime.settings,
      links,
      log: consoleLogger('bridge'),
    });
  } catch (error) {
    links.dispose();
    await runtime.stop();
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EADDRINUSE' ? `port ${args.port} is already in use` : String(error);
    process.stderr.write(`serve: cannot listen on 127.0.0.1: ${reason}\n`);
    process.exitCode = EXIT_USAGE;
    return;
  }
  // start() is idempotent: harmless if createRuntime already started the service.
  runtime.service.start();

  // Only the newest link is held (as in the desktop app); it waits for a line, then for the page to ask.
  for (const link of args.openLinks ?? []) links.open(link);

  process.stdout.write(`Attendant console: ${bridge.url}\n`);
  process.stderr.write(`Connected to ${runtime.description}\n`);
  process.stderr.write(`Settings and journal in ${settingsDir}\n`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`serve: ${signal} again, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    log.info('shutting down', { signal });
    setTimeout(() => {
      process.stderr.write('serve: shutdown took too long, exiting\n');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS).unref();
    links.dispose();
    void Promise.allSettled([bridge.close(), runtime.stop()]).then((results) => {
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) log.error('shutdown failed', { error: String(failed.reason) });
      process.exit(failed ? 1 : 0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** The machine's languages, most preferred first: LANGUAGE, LC_ALL, LC_MESSAGES, LANG (POSIX), then what Intl says. */
function systemLanguages(): string[] {
  const env = process.env;
  const tags = [...(env.LANGUAGE ?? '').split(':'), env.LC_ALL, env.LC_MESSAGES, env.LANG, Intl.DateTimeFormat().resolvedOptions().locale];
  return tags.filter((tag): tag is string => !!tag && tag !== 'C' && tag !== 'POSIX' && !tag.startsWith('C.'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`serve: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
