/**
 * The settings view's counterpart in the core: saved connections (the
 * configuration file), their passwords (the credential store, write-only
 * through the contract), the default country and the desktop preferences.
 * Every change is validated with the vendor's own validator, persisted, and
 * then applied to the running ConsoleService. Changes run one at a time, so
 * two quick saves can never interleave their file writes.
 */
import { isDeepStrictEqual } from 'node:util';
import { parseUrl } from '../../app/url';
import type { CommandResult } from '../../app/commands';
import { parseConnection, type ConsoleConfig } from '../../app/config';
import type { ConnectionSubmission, GeneralSettings, SavedConnection, SettingsResult, SettingsView } from '../../app/contract';
import { msg, type Message } from '../../app/i18n/message';
import { MAX_CONNECTIONS, VENDORS, type BaseConnectionConfig, type ConnectionConfig, type VendorRegistry } from '../../app/vendors';
import type { ConsoleService } from '../core/console-service';
import { english, errorMessage } from '../core/errors';
import type { Logger } from '../core/log';
import { writeConfigFile } from './config-file';
import type { CredentialStore } from './credentials';
import type { PreferencesFile } from './preferences';

/** The environment variables holding a password that settings name: their own passwordEnv and their lines'. */
function passwordEnvNames(connection: BaseConnectionConfig): Set<string> {
  const names = new Set<string>();
  const note = (part: unknown) => {
    const name: unknown = part && typeof part === 'object' ? Reflect.get(part, 'passwordEnv') : undefined;
    if (typeof name === 'string') names.add(name);
  };
  note(connection);
  for (const value of Object.values(connection)) if (Array.isArray(value)) for (const item of value) note(item);
  return names;
}

export interface SettingsServiceOptions {
  service: Pick<ConsoleService, 'addConnection' | 'replaceConnection' | 'removeConnection' | 'testConnection' | 'hasConnection'>;
  /** The saved connections and default country, as loaded from `configFile`. */
  config: ConsoleConfig<BaseConnectionConfig>;
  /** Where connections are saved: the configuration file the console was started with, or the settings folder's. */
  configFile: string;
  credentials: CredentialStore;
  preferences: Pick<PreferencesFile, 'get' | 'save'>;
  /** True in the Electron app: tray, login item, global shortcuts and native alerts exist there. */
  desktop: boolean;
  /** The vendors whose settings are accepted (default the product's). */
  vendors?: VendorRegistry<BaseConnectionConfig>;
  log: Logger;
}

export class SettingsService {
  private config: ConsoleConfig<BaseConnectionConfig>;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: SettingsServiceOptions) {
    this.config = structuredClone(options.config);
  }

  /** The country for numbers typed without one (read whenever a connector is built). */
  get defaultCountry(): string {
    return this.config.defaultCountry;
  }

  /**
   * The domain names of the configured PBXs (a `host`, or the host of a `url`), without IP addresses or
   * localhost: a clicked link's domain phone-context is accepted only when it is one of these.
   */
  get pbxDomains(): string[] {
    const domains = new Set<string>();
    for (const connection of this.config.connections) {
      const host: unknown = Reflect.get(connection, 'host');
      const url: unknown = Reflect.get(connection, 'url');
      const name = typeof host === 'string' ? host : typeof url === 'string' ? (parseUrl(url)?.hostname ?? '') : '';
      if (/[a-z]/i.test(name) && !name.includes(':') && name.toLowerCase() !== 'localhost') domains.add(name.toLowerCase());
    }
    return [...domains];
  }

  async view(): Promise<SettingsView> {
    const connections: SavedConnection[] = await Promise.all(
      this.config.connections.map(async (connection) => ({
        connection: structuredClone(connection),
        hasPassword: await this.hasPassword(connection.id),
      })),
    );
    return {
      connections,
      defaultCountry: this.config.defaultCountry,
      preferences: this.options.preferences.get(),
      passwordStorage: { kind: this.options.credentials.storage, description: this.options.credentials.description },
      desktop: this.options.desktop,
      savedTo: this.options.configFile,
    };
  }

  /** Adds a connection, or replaces the saved one with the same id; then (re)starts it. */
  saveConnection(submission: ConnectionSubmission): Promise<SettingsResult> {
    return this.serially(async () => {
      const connection = this.validated(submission.connection);
      if ('error' in connection) return connection;
      const index = this.config.connections.findIndex((c) => c.id === connection.id);
      if (index < 0 && this.options.service.hasConnection(connection.id)) {
        return refused(msg('settings.idTaken', { id: connection.id }));
      }
      if (index < 0 && this.config.connections.length >= MAX_CONNECTIONS)
        return refused(msg('settings.tooMany', { count: MAX_CONNECTIONS }));
      const secrets = await this.secretsRefusal(connection, submission.password);
      if (secrets) return secrets;
      if (submission.password !== undefined) {
        // The password first: if the store refuses it, nothing is saved at all.
        await this.options.credentials.set(connection.id, submission.password);
      }
      const connections = [...this.config.connections];
      if (index < 0) connections.push(connection);
      else connections[index] = connection;
      await this.persist({ ...this.config, connections });
      if (index < 0) this.options.service.addConnection(connection);
      else await this.options.service.replaceConnection(connection);
      this.options.log.info('connection saved', {
        connection: connection.id,
        vendor: connection.vendor,
        passwordChanged: submission.password !== undefined,
      });
      return { ok: true, settings: await this.view() };
    });
  }

  /** Stops a saved connection and forgets it, with its stored password. */
  removeConnection(connectionId: string): Promise<SettingsResult> {
    return this.serially(async () => {
      if (!this.config.connections.some((c) => c.id === connectionId)) return refused(msg('settings.notSaved'));
      await this.persist({ ...this.config, connections: this.config.connections.filter((c) => c.id !== connectionId) });
      await this.options.service.removeConnection(connectionId);
      await this.options.credentials.delete(connectionId).catch((error: unknown) => {
        this.options.log.warn('could not delete the stored password', { connection: connectionId, error: String(error) });
      });
      this.options.log.info('connection removed', { connection: connectionId });
      return { ok: true, settings: await this.view() };
    });
  }

  /** Connects once with these settings (the typed password, else the stored one); saves nothing. */
  async testConnection(submission: ConnectionSubmission): Promise<CommandResult> {
    const connection = this.validated(submission.connection);
    if ('error' in connection) return connection;
    const secrets = await this.secretsRefusal(connection, submission.password);
    if (secrets) return secrets;
    return this.options.service.testConnection(connection, submission.password);
  }

  /**
   * Why these settings from the page may not use the secrets saved for the connection with their id, or undefined
   * when they may: an environment variable holding a password is named in the configuration file only, and a
   * saved secret (stored or from such a variable) goes only to the target it was saved for (the vendor's
   * credentialTarget: address, login, trusted certificate). Otherwise a page could point a saved connection at
   * a host of its choosing, or name any variable of the console's environment, and have the secret sent there.
   */
  private async secretsRefusal(
    connection: BaseConnectionConfig,
    typedPassword: string | undefined,
  ): Promise<{ ok: false; error: Message } | undefined> {
    const saved = this.config.connections.find((c) => c.id === connection.id && c.vendor === connection.vendor);
    const savedNames = saved ? passwordEnvNames(saved) : new Set<string>();
    const names = passwordEnvNames(connection);
    if ([...names].some((name) => !savedNames.has(name))) return refused(msg('settings.passwordEnvFixed'));
    if (!saved || this.sameCredentialTarget(connection, saved)) return undefined;
    if (names.size > 0) return refused(msg('settings.passwordEnvFixed'));
    if (typedPassword === undefined && (await this.hasPassword(connection.id))) return refused(msg('settings.passwordAgain'));
    return undefined;
  }

  private sameCredentialTarget(connection: BaseConnectionConfig, saved: BaseConnectionConfig): boolean {
    const definition = (this.options.vendors ?? VENDORS).definition(connection.vendor);
    if (!definition) return false;
    return isDeepStrictEqual(definition.credentialTarget(connection), definition.credentialTarget(saved));
  }

  /** Saves the preferences; a new default country restarts the saved connections so their numbers use it. */
  savePreferences(general: GeneralSettings): Promise<SettingsResult> {
    return this.serially(async () => {
      await this.options.preferences.save(general.preferences);
      if (general.defaultCountry !== this.config.defaultCountry) {
        await this.persist({ ...this.config, defaultCountry: general.defaultCountry });
        for (const connection of this.config.connections) await this.options.service.replaceConnection(connection);
      }
      return { ok: true, settings: await this.view() };
    });
  }

  private async persist(next: ConsoleConfig<BaseConnectionConfig>): Promise<void> {
    await writeConfigFile(this.options.configFile, next, this.options.vendors ?? VENDORS);
    this.config = next;
  }

  /** The connection as the vendor's schema reads it, or the refusal naming every problem. */
  private validated(draft: ConnectionConfig | BaseConnectionConfig):
    | BaseConnectionConfig
    | {
        ok: false;
        error: Message;
        problems: SettingsResult extends infer R ? (R extends { problems?: infer P } ? NonNullable<P> : never) : never;
      } {
    const parsed = parseConnection(draft, this.options.vendors ?? VENDORS);
    if (parsed.ok) return parsed.connection;
    const problems = parsed.problems.map((p) => ({ path: p.path ? `connection.${p.path}` : 'connection', message: p.message }));
    return { ok: false, error: msg('settings.invalid'), problems };
  }

  private async hasPassword(connectionId: string): Promise<boolean> {
    try {
      return (await this.options.credentials.get(connectionId)) !== undefined;
    } catch (error) {
      this.options.log.warn('could not read the credential store', { connection: connectionId, error: String(error) });
      return false;
    }
  }

  /** Runs one change after the other; a failure becomes a refusal with its sentence. */
  private serially(change: () => Promise<SettingsResult>): Promise<SettingsResult> {
    const run = this.queue.then(change).catch((error: unknown): SettingsResult => {
      const reason = errorMessage(error);
      this.options.log.warn('settings change failed', { error: english(reason) });
      return refused(reason);
    });
    this.queue = run;
    return run;
  }
}

function refused(error: Message): { ok: false; error: Message } {
  return { ok: false, error };
}
