/**
 * From "demo" or a config file to a running core. Shared by `serve` (browser
 * mode) and the Electron shell, so both run exactly the same thing.
 */
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Vendor } from '../../app/model';
import { bool, object, optional, str, ValidationError } from '../../app/validate';
import { startDemoPbx, type DemoPbx } from '../sim';
import { UnavailableCredentialStore, type CredentialStore } from '../desktop/credentials';
import { PreferencesFile } from '../desktop/preferences';
import { loadConfig, type ConnectionConfig } from './config';
import type { ConnectorFactory, Logger } from './connector';
import { connectorFor } from './connectors';
import { ConsoleService } from './console-service';
import { DEMO_RECEPTION_DEVICE, DEMO_VENDORS, demoDevice, simAction, type DemoVendor, type SimAction } from './demo-vendors';
import { consoleLogger } from './log';
import { SettingsService } from './settings-service';

export type SimControl = (action: string, args: unknown) => Promise<unknown>;

export interface ConsoleRuntime {
  service: ConsoleService;
  /** The settings view's counterpart: saved connections, passwords, preferences. */
  settings: SettingsService;
  preferences: PreferencesFile;
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
  const preferences = options.preferences ?? new PreferencesFile(path.join(dir, 'preferences.json'), log);
  if (!options.preferences) await preferences.load();
  const credentials = options.credentials ?? new UnavailableCredentialStore('no credential store was opened');
  const configFile = options.configPath ?? path.join(dir, SAVED_CONNECTIONS_FILE);
  const saved = options.configPath || (await exists(configFile)) ? await loadConfig(configFile) : { defaultCountry: 'EE', connections: [] };

  let demo: { pbx: DemoPbx; vendor: DemoVendor; connection: ConnectionConfig; mode: 'live' | 'manual' } | undefined;
  if (!options.configPath) {
    const vendor = options.demo ?? 'telserver';
    const demoVendor = DEMO_VENDORS[vendor];
    if (!demoVendor) throw new Error(`There is no ${vendor} demo yet; choose one of: ${Object.keys(DEMO_VENDORS).join(', ')}.`);
    const mode = options.demoMode ?? 'live';
    const pbx = await startDemoPbx({ vendors: [vendor], mode, log });
    demo = { pbx, vendor: demoVendor, connection: demoVendor.connection(pbx), mode };
  }

  let settings: SettingsService | undefined;
  const initial: ConnectorFactory[] = saved.connections.map((c) => connectorFor(c, saved.defaultCountry));
  if (demo) initial.unshift(connectorFor(demo.connection, 'EE'));
  let service: ConsoleService;
  try {
    service = new ConsoleService({
      connectors: initial,
      // Built when settings add, replace or test a connection: with the default country as it is then.
      buildConnector: (connection) => connectorFor(connection, settings?.defaultCountry ?? saved.defaultCountry),
      secrets: credentials,
      log,
    });
  } catch (error) {
    await demo?.pbx.stop();
    throw error;
  }
  settings = new SettingsService({ service, config: saved, configFile, credentials, preferences, desktop: options.desktop ?? false, log });
  service.start();

  const stop = async () => {
    await service.stop();
    await demo?.pbx.stop();
    await disposeFolder();
  };
  if (!demo) {
    return { service, settings, preferences, description: `${saved.connections.length} connection(s) from ${configFile}`, stop };
  }
  const savedToo = saved.connections.length ? `, plus ${saved.connections.length} saved connection(s)` : '';
  return {
    service,
    settings,
    preferences,
    simControl: demoControl(demo.pbx, demo.vendor.faults(demo.pbx), demo.connection),
    description: `demo PBX (${demo.connection.label} on ${describeEndpoint(demo.connection)}, ${demo.mode} mode)${savedToo}`,
    stop,
  };
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

const number = str({ min: 1, max: 32, pattern: /^\+?[0-9*#]+$/ });

/** The demo's vendor-neutral people (callers, colleagues) plus the vendor's fault switches. */
function demoControl(pbx: DemoPbx, faults: Record<string, SimAction>, connection: ConnectionConfig): SimControl {
  const actions: Record<string, SimAction> = {
    incomingCall: simAction(object({ from: number, to: optional(demoDevice), name: optional(str({ min: 1, max: 64 })) }), (a) => {
      // The front ends send their events synchronously inside incomingCall: this is the wire time.
      const sentAt = Date.now();
      const result = pbx.control.incomingCall({ from: a.from, to: a.to ?? DEMO_RECEPTION_DEVICE, name: a.name });
      return { sentAt, outcome: result.outcome };
    }),
    remoteHangup: simAction(object({ number }), (a) => pbx.control.remoteHangup({ number: a.number })),
    colleagueAnswer: simAction(object({ device: demoDevice }), (a) => pbx.control.colleagueAnswer(a.device)),
    colleagueAutoAnswer: simAction(object({ on: bool }), (a) => pbx.control.setColleagueAutoAnswer(a.on)),
    calls: simAction(object({ device: optional(demoDevice) }), (a) => pbx.switch.deviceView(a.device ?? DEMO_RECEPTION_DEVICE)),
    /** The settings the console uses for the demo PBX (tests add a second connection to the same front end). */
    demoConnection: simAction(object({}), () => structuredClone(connection)),
    ...faults,
  };
  return async (action, args) => {
    const entry = Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
    if (!entry) throw new ValidationError('action', `one of ${Object.keys(actions).join(', ')}`);
    const result = await entry.run(args ?? {});
    return result ?? { ok: true };
  };
}

function describeEndpoint(connection: ConnectionConfig): string {
  if ('url' in connection) return connection.url;
  if (connection.vendor === 'telia') return connection.servicesUrl ?? 'Telia';
  return `${connection.host}:${connection.port}`;
}
