import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ID, DIAL_SCHEMES, PRODUCT_NAME } from '../main/desktop/app-identity';
import { checkReleaseRebuild, SQLITE_NATIVE } from './check-package';

// js-yaml comes with electron-builder, which reads the same file with it (untyped, hence require).
const { load } = createRequire(__filename)('js-yaml') as { load: (text: string) => unknown };

/** The parts of electron-builder.yml these tests read. */
interface PlatformConfig {
  target: string[];
  icon: string;
}
interface BuilderConfig {
  appId: string;
  productName: string;
  protocols: { schemes: string[] }[];
  linux: PlatformConfig & { desktop: { entry: { MimeType: string } } };
  win: PlatformConfig;
  mac: PlatformConfig;
  asarUnpack: string[];
  npmRebuild?: boolean;
  files: string[];
}

const config = load(readFileSync(path.join(__dirname, '..', 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('uses the app id the keychain entries and notifications use', () => {
    expect(config.appId).toBe(APP_ID);
    expect(config.productName).toBe(PRODUCT_NAME);
  });

  it('registers exactly the schemes the shell handles', () => {
    expect(config.protocols.flatMap((p) => p.schemes)).toEqual([...DIAL_SCHEMES]);
    expect(config.linux.desktop.entry.MimeType).toBe('x-scheme-handler/tel;x-scheme-handler/callto;');
  });

  it('builds AppImage + deb, NSIS and dmg, with keytar outside the asar and icons from assets/', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.asarUnpack).toContain('node_modules/keytar/**');
    for (const platform of ['linux', 'win', 'mac'] as const) expect(config[platform].icon).toBe('assets/icon.png');
  });

  it('unpacks better-sqlite3 (the journal) from the asar and rebuilds it for Electron in the release build', () => {
    expect(config.asarUnpack).toContain(SQLITE_NATIVE);
    expect(config.npmRebuild).toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(checkReleaseRebuild(config, pkg.dependencies).filter((c) => !c.ok)).toEqual([]);
    // The check fails where it should: no rebuild, or the module left in the asar.
    expect(checkReleaseRebuild({ ...config, npmRebuild: false }, pkg.dependencies).some((c) => !c.ok)).toBe(true);
    expect(checkReleaseRebuild({ ...config, asarUnpack: ['node_modules/keytar/**'] }, pkg.dependencies).some((c) => !c.ok)).toBe(true);
  });

  it('the stub package check keeps npmRebuild off (no Electron headers here)', () => {
    const script = readFileSync(path.join(__dirname, 'check-package.sh'), 'utf8');
    expect(script).toMatch(/npmRebuild: false/);
  });
});
