/**
 * Launching the built desktop app under Playwright's Electron driver. These
 * specs are extra, not the proof (the plain modules' unit tests and the
 * browser-mode e2e are): they need an Electron binary, which this machine
 * does not have, so each spec skips itself with that sentence when it is
 * missing. Finding the binary never downloads it (requiring the `electron`
 * package would try to).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron, test, type ElectronApplication } from '@playwright/test';

export { expect, test } from '@playwright/test';

const REPO_ROOT = path.resolve(__dirname, '../..');
const ELECTRON_PACKAGE = path.join(REPO_ROOT, 'node_modules', 'electron');
/** electron-vite's output (npm run build:electron). */
export const MAIN_BUNDLE = path.join(REPO_ROOT, 'out', 'main', 'index.js');

export const NO_ELECTRON = 'needs an Electron binary, not available here (set ELECTRON_EXECUTABLE or install electron with its binary)';
export const NOT_BUILT = 'needs the built desktop app: run npm run build:electron first';

/** The Electron executable: ELECTRON_EXECUTABLE, else the one the electron package downloaded; null when there is none. */
export function electronExecutable(): string | null {
  const fromEnv = process.env.ELECTRON_EXECUTABLE;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  const pathFile = path.join(ELECTRON_PACKAGE, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const executable = path.join(ELECTRON_PACKAGE, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(executable) ? executable : null;
}

/** Skips the calling spec file, saying why, unless the binary and the build are there. */
export function skipWithoutElectron(): void {
  test.skip(electronExecutable() === null, NO_ELECTRON);
  test.skip(!existsSync(MAIN_BUNDLE), NOT_BUILT);
}

/** Starts the app (demo PBX, live callers) with its own user data folder; `extraArgs` are what a launcher would pass (a tel: link…). */
export async function launchApp(
  extraArgs: string[] = [],
  userDataDir = mkdtempSync(path.join(tmpdir(), 'attendant-electron-')),
): Promise<{ app: ElectronApplication; userDataDir: string }> {
  const app = await _electron.launch({
    executablePath: electronExecutable()!,
    args: [MAIN_BUNDLE, `--user-data-dir=${userDataDir}`, ...extraArgs],
    cwd: REPO_ROOT,
    env: { ...process.env, ATTENDANT_LOG: 'info' },
  });
  return { app, userDataDir };
}
