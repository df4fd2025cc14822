/**
 * From "demo" or a config file to a running core. Shared by `serve` (browser
 * mode) and the Electron shell, so both run exactly the same thing.
 */
import { ConsoleError } from '../core/errors';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_COUNTRY, type ConsoleConfig } from '../../app/config';
import { resolveLanguage } from '../../app/i18n/languages';
import { msg } from '../../app/i18n/message';
import { createTranslator } from '../../app/i18n/translator';
import type { BaseConnectionConfig, Vendor } from '../../app/vendors';
import type { ConnectorFactory } from '../core/connector';
import { ConsoleService } from '../core/console-service';
import { systemClock } from '../core/clock';
import { consoleLogger, type Logger } from '../core/log';
import { loadConfig } from './config-file';
import { CONTACTS_FILE, ContactsFile } from './contacts-file';
import { UnavailableCredentialStore, type CredentialStore } from './credentials';
import { demoControl, type SimControl } from './demo-control';
import { openJournal, type RuntimeJournal } from './journal';
import { DEMO_PROFILE_FOLDER } from './user-data-dir';
import { PreferencesFile } from './preferences';
import { SettingsService } from './settings-service';
import { CONNECTORS, type ConnectorRegistry } from './vendors';

export type { SimControl } from './demo-control';

export interface ConsoleRuntime {
  service: ConsoleService;
  /** The settings view's counterpart: saved connections, passwords, preferences. */
  settings: SettingsService;
  preferences: PreferencesFile;
  /** The journal of finished calls (settingsDir/journal.sqlite). */
  journal: RuntimeJournal;
  /** Present in demo mode: drives the demo PBX (tests, `--sim-control`). */
  simControl?: SimControl;
  /** One line, e.g. 'demo PBX (TelServer on 127.0.0.1:40123)'. */
  description: string;
  stop(): Promise<void>;
}

export interface RuntimeOptions {
  /** Run on the demo PBX through this vendor's protocol (default telserver). */
  demo?: Vendor;
  /** live: callers arrive by themselves; manual: only what a test asks for. */
  demoMode?: 'live' | 'manual';
  configPath?: string;
  log?: Logger;
  /**
   * Where settings live: preferences.json, and connections.json unless a
   * configuration file is given (then connections are saved to it). Without
   * one, a temporary folder removed on stop.
   */
  settingsDir?: string;
  /** Stored passwords; without one, passwords cannot be saved (passwordEnv still works). */
  credentials?: CredentialStore;
  /** The preferences file when the caller already holds it (the desktop app); else settingsDir/preferences.json. */
  preferences?: PreferencesFile;
  /** Running inside the Electron app (tray, login item, global shortcuts exist). */
  desktop?: boolean;
  /** The system's preferred languages (the demo names its connection and line in the first the console speaks). */
  systemLanguages?: readonly string[];
  /** The vendors to run; default the product's (tests add a throw-away one). */
  connectors?: ConnectorRegistry;
  /**
   * Where the journal (journal.sqlite) lives; default settingsDir, except the
   * desktop app's demo, which keeps it in settingsDir/demo so demo calls never
   * mix with a real PBX's (serve already runs the demo in its own profile).
   */
  journalDir?: string;
}

/** The file connections are saved to in demo mode (the demo PBX's own connection is never saved). */
export const SAVED_CONNECTIONS_FILE = 'connections.json';

export async function createRuntime(options: RuntimeOptions): Promise<ConsoleRuntime> {
  const log = options.log ?? consoleLogger('core');
  const folder = options.settingsDir ? { dir: options.settingsDir, dispose: async () => {} } : await temporaryFolder();
  try {
    return await createRuntimeIn(folder.dir, options, log, folder.dispose);
  } catch (error) {
    await folder.dispose();
    throw error;
  }
}

async function createRuntimeIn(
  dir: string,
  options: RuntimeOptions,
  log: Logger,
  disposeFolder: () => Promise<void>,
): Promise<ConsoleRuntime> {
  const connectors = options.connectors ?? CONNECTORS;
  const preferences = options.preferences ?? new PreferencesFile(path.join(dir, 'preferences.json'), log);
  if (!options.preferences) await preferences.load();
  const credentials = options.credentials ?? new UnavailableCredentialStore('no credential store was opened');
  const configFile = options.configPath ?? path.join(dir, SAVED_CONNECTIONS_FILE);
  const saved: ConsoleConfig<BaseConnectionConfig> =
    options.configPath || (await exists(configFile))
      ? await loadConfig(configFile, connectors.vendors)
      : { defaultCountry: DEFAULT_COUNTRY, connections: [] };

  let demo: Awaited<ReturnType<typeof startDemo>> | undefined;
  if (!options.configPath) {
    const language = resolveLanguage(preferences.get().language, options.systemLanguages ?? []);
    demo = await startDemo(connectors, options.demo ?? 'telserver', options.demoMode ?? 'live', createTranslator(language), log);
  }

  const journalDir = options.journalDir ?? (demo && options.desktop ? path.join(dir, DEMO_PROFILE_FOLDER) : dir);
  const journal = openJournal(journalDir, preferences, systemClock, log);
  let settings: SettingsService | undefined;
  const initial: ConnectorFactory[] = saved.connections.map((c) => connectors.connectorFor(c, saved.defaultCountry));
  if (demo) initial.unshift(connectors.connectorFor(demo.connection, DEFAULT_COUNTRY));
  let service: ConsoleService;
  try {
    service = new ConsoleService({
      connectors: initial,
      // Built when settings add, replace or test a connection: with the default country as it is then.
      buildConnector: (connection) => connectors.connectorFor(connection, settings?.defaultCountry ?? saved.defaultCountry),
      secrets: credentials,
      log,
      journal: journal.store,
      contacts: new ContactsFile(path.join(dir, CONTACTS_FILE)),
      defaultCountry: () => settings?.defaultCountry ?? saved.defaultCountry,
    });
  } catch (error) {
    journal.close();
    await demo?.pbx.stop();
    throw error;
  }
  settings = new SettingsService({
    service,
    config: saved,
    configFile,
    credentials,
    preferences,
    desktop: options.desktop ?? false,
    vendors: connectors.vendors,
    log,
  });
  service.start();

  const stop = async () => {
    await service.stop();
    journal.close();
    await demo?.pbx.stop();
    await disposeFolder();
  };
  if (!demo) {
    return { service, settings, preferences, journal, description: `${saved.connections.length} connection(s) from ${configFile}`, stop };
  }
  const savedToo = saved.connections.length ? `, plus ${saved.connections.length} saved connection(s)` : '';
  return {
    service,
    settings,
    preferences,
    journal,
    simControl: demoControl(demo.pbx, demo.faults, demo.connection),
    description: `demo PBX (${demo.name} protocol, ${demo.mode} mode)${savedToo}`,
    stop,
  };
}

/** The demo PBX with the front end of one vendor, and the connection that reaches it. */
async function startDemo(
  connectors: ConnectorRegistry,
  vendor: Vendor,
  mode: 'live' | 'manual',
  t: ReturnType<typeof createTranslator>,
  log: Logger,
) {
  const module = connectors.module(vendor);
  const demoConnection = module?.demo;
  if (!module || !demoConnection) {
    const choices = connectors.modules.filter((m) => m.demo).map((m) => m.definition.vendor);
    throw new ConsoleError(msg('demo.unknownVendor', { vendor, choices: choices.join(', ') }));
  }
  // Loaded only for the demo: a console on a configured PBX never holds the simulator's four front ends.
  const { startDemoPbx } = await import('../sim');
  const pbx = await startDemoPbx({ vendors: [vendor], mode, log });
  try {
    const labels = { connection: t(msg('demo.connectionLabel', { vendor: module.definition.name })), reception: t(msg('demo.reception')) };
    return {
      pbx,
      mode,
      name: module.definition.name,
      connection: demoConnection.connection(pbx, labels),
      faults: demoConnection.faults(pbx),
    };
  } catch (error) {
    await pbx.stop();
    throw error;
  }
}

async function temporaryFolder(): Promise<{ dir: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'attendant-settings-'));
  return { dir, dispose: () => rm(dir, { recursive: true, force: true }) };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}
