/**
 * Reads the fuses back from a packaged app's Electron binary with
 * @electron/fuses (the library electron-builder flips them with) and
 * compares them with electronFuses in electron-builder.yml. Needs a release
 * build made with the real Electron binary: the package check's stub
 * binary has no fuse wire, so the spec skips itself saying so. On Linux the
 * asar integrity fuse is set in the wire, but Electron enforces it on macOS
 * and Windows only.
 *
 *   npx electron-builder --linux dir && npx playwright test -c playwright.electron.config.ts fuses
 *   PACKAGED_ELECTRON_APP="dist/mac/Attendant Console.app" npx playwright test -c playwright.electron.config.ts fuses
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
// FuseState (the byte each fuse holds) is not re-exported from the package's entry point.
import { FuseState } from '@electron/fuses/dist/constants';
import type { FuseOptionsV1 } from 'app-builder-lib';
import { expect, test } from './launch';

const REPO_ROOT = path.resolve(__dirname, '../..');
const { load } = createRequire(__filename)('js-yaml') as { load: (text: string) => unknown };

export const NO_PACKAGED_APP =
  'needs a packaged app built with the real Electron binary (electron-builder --dir; or set PACKAGED_ELECTRON_APP to its executable or .app)';
export const STUB_BINARY =
  'the packaged binary has no fuse wire (the package check stub stands in for Electron): needs a release build with the real Electron binary';

/** Where `electron-builder --dir` puts the executable on this platform, unless PACKAGED_ELECTRON_APP says otherwise. */
function packagedApp(): string {
  if (process.env.PACKAGED_ELECTRON_APP) return path.resolve(process.env.PACKAGED_ELECTRON_APP);
  if (process.platform === 'darwin')
    return path.join(REPO_ROOT, 'dist', process.arch === 'arm64' ? 'mac-arm64' : 'mac', 'Attendant Console.app');
  if (process.platform === 'win32') return path.join(REPO_ROOT, 'dist', 'win-unpacked', 'Attendant Console.exe');
  return path.join(REPO_ROOT, 'dist', 'linux-unpacked', 'attendant-console');
}

/** The electronFuses key → its place in the fuse wire. */
const WIRE_INDEX: Record<keyof Omit<FuseOptionsV1, 'resetAdHocDarwinSignature'>, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

function isWireKey(key: string): key is keyof typeof WIRE_INDEX {
  return key in WIRE_INDEX;
}

const app = packagedApp();
test.skip(!existsSync(app), NO_PACKAGED_APP);

test('the packaged binary has every fuse of electron-builder.yml flipped', async () => {
  let wire: Awaited<ReturnType<typeof getCurrentFuseWire>> | undefined;
  try {
    wire = await getCurrentFuseWire(app);
  } catch (error) {
    if (!String(error).includes('Could not find sentinel')) throw error;
  }
  test.skip(wire === undefined, STUB_BINARY);
  const release = load(readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses: FuseOptionsV1 };
  const configured = Object.entries(release.electronFuses).filter(([key]) => isWireKey(key));
  expect(configured.length).toBeGreaterThanOrEqual(6);
  for (const [key, on] of configured) {
    if (!isWireKey(key)) continue;
    expect({ fuse: key, state: wire?.[WIRE_INDEX[key]] }).toEqual({ fuse: key, state: on ? FuseState.ENABLE : FuseState.DISABLE });
  }
});
