/**
 * Where connection passwords live: the OS keychain through keytar (service
 * = the app id, account = the connection id). Where no keychain answers
 * (a Linux desktop without a Secret Service, say), the store says so and
 * falls back to a file encrypted with Electron's safeStorage; when that is
 * not really encrypted either, passwords cannot be saved at all. A secret
 * is never written to the configuration file, never logged.
 */
import { msg, type Message } from '../../app/i18n/message';
import { ConsoleError } from '../core/errors';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../core/log';

export type CredentialStorage = 'keychain' | 'encrypted-file' | 'unavailable';

export interface CredentialStore {
  readonly storage: CredentialStorage;
  /** For the settings view: where passwords are kept, or why they cannot be. */
  readonly description: Message;
  get(connectionId: string): Promise<string | undefined>;
  set(connectionId: string, secret: string): Promise<void>;
  delete(connectionId: string): Promise<void>;
}

/** The part of keytar the store uses. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/** The part of Electron's safeStorage the fallback uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no real encryption. */
  getSelectedStorageBackend?(): string;
}

export class KeychainCredentialStore implements CredentialStore {
  readonly storage = 'keychain';
  readonly description = msg('credentials.keychain');

  constructor(
    private readonly keytar: KeytarLike,
    private readonly service: string,
  ) {}

  async get(connectionId: string): Promise<string | undefined> {
    return (await this.keytar.getPassword(this.service, connectionId)) ?? undefined;
  }

  async set(connectionId: string, secret: string): Promise<void> {
    await this.keytar.setPassword(this.service, connectionId, secret);
  }

  async delete(connectionId: string): Promise<void> {
    await this.keytar.deletePassword(this.service, connectionId);
  }
}

/** safeStorage-encrypted secrets in one file (mode 0600), written atomically. */
export class EncryptedFileCredentialStore implements CredentialStore {
  readonly storage = 'encrypted-file';
  readonly description: Message;

  constructor(
    private readonly file: string,
    private readonly safeStorage: SafeStorageLike,
    why: string,
  ) {
    this.description = msg('credentials.encryptedFile', { reason: why, file });
  }

  async get(connectionId: string): Promise<string | undefined> {
    const encrypted = (await this.read())[connectionId];
    return encrypted === undefined ? undefined : this.safeStorage.decryptString(Buffer.from(encrypted, 'base64'));
  }

  async set(connectionId: string, secret: string): Promise<void> {
    const all = await this.read();
    all[connectionId] = this.safeStorage.encryptString(secret).toString('base64');
    await this.write(all);
  }

  async delete(connectionId: string): Promise<void> {
    const all = await this.read();
    if (!(connectionId in all)) return;
    delete all[connectionId];
    await this.write(all);
  }

  private async read(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw new ConsoleError(msg('credentials.fileCorrupt', { file: this.file }));
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }

  private async write(all: Record<string, string>): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(all), { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, this.file);
  }
}

/** No safe place for a password: saving is refused with the reason. */
export class UnavailableCredentialStore implements CredentialStore {
  readonly storage = 'unavailable';
  readonly description: Message;

  constructor(why: string) {
    this.description = msg('credentials.unavailable', { reason: why });
  }

  async get(): Promise<string | undefined> {
    return undefined;
  }

  async set(): Promise<void> {
    throw new ConsoleError(this.description);
  }

  async delete(): Promise<void> {}
}

export interface OpenCredentialStoreOptions {
  /** The app id: keytar's service name. */
  service: string;
  /** Loads keytar; throws when the native module is missing or broken. */
  loadKeytar(): KeytarLike | Promise<KeytarLike>;
  safeStorage?: SafeStorageLike;
  /** The fallback file (in the user data folder). */
  fallbackFile: string;
  log: Logger;
}

/** The keychain when it answers, else the safeStorage file, else a store that refuses to save (and says why). */
export async function openCredentialStore(options: OpenCredentialStoreOptions): Promise<CredentialStore> {
  let keychainProblem: string;
  try {
    const keytar = await options.loadKeytar();
    // A cheap round trip: fails fast when no Secret Service / keychain daemon answers.
    await keytar.findCredentials(options.service);
    return new KeychainCredentialStore(keytar, options.service);
  } catch (error) {
    keychainProblem = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  const safe = options.safeStorage;
  if (safe && safe.isEncryptionAvailable() && safe.getSelectedStorageBackend?.() !== 'basic_text') {
    options.log.warn('no system keychain available; passwords are kept in a file encrypted by the OS', { reason: keychainProblem });
    return new EncryptedFileCredentialStore(options.fallbackFile, safe, keychainProblem);
  }
  // Said as what it means: the demo needs no password, a real PBX's comes from passwordEnv until a keychain is there.
  options.log.warn('no system keychain available: passwords typed in Settings cannot be saved (passwordEnv still works)', {
    reason: keychainProblem,
  });
  return new UnavailableCredentialStore(keychainProblem);
}
