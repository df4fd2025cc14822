/**
 * Checks an unpacked Linux build (scripts/check-package.sh makes one):
 * the main, preload and renderer bundles are inside app.asar, keytar's and
 * better-sqlite3's native modules are outside it (a .node file cannot be
 * loaded from an archive) and the release configuration rebuilds them for
 * Electron, no source or secrets were packed, and the desktop entry
 * declares the tel and callto schemes. Prints each check; exits 1 on any
 * failure.
 *
 *   node --import tsx scripts/check-package.ts dist/linux-unpacked
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { listPackage } from '@electron/asar';

export interface PackageCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

export function checkUnpackedApp(appDir: string): PackageCheck[] {
  const resources = path.join(appDir, 'resources');
  const asarFile = path.join(resources, 'app.asar');
  if (!existsSync(asarFile)) return [{ name: 'resources/app.asar exists', ok: false }];
  const files = new Set(listPackage(asarFile, { isPack: false }).map((f) => f.replace(/\\/g, '/')));
  const inAsar = (file: string): PackageCheck => ({ name: `app.asar holds ${file}`, ok: files.has(file) });
  const nativeKeytar = path.join(resources, 'app.asar.unpacked/node_modules/keytar/build/Release/keytar.node');
  const nativeSqlite = path.join(resources, `app.asar.unpacked/${SQLITE_NATIVE}`);
  const desktopFile = path.join(appDir, 'attendant-console.desktop');
  const desktop = existsSync(desktopFile) ? readFileSync(desktopFile, 'utf8') : '';
  const mime = /^MimeType=(.*)$/m.exec(desktop)?.[1] ?? '';
  const schemes = mime.split(';').filter(Boolean);
  const packedSources = [...files].filter((f) => /^\/(main|app|renderer\/src|preload|scripts|e2e)\//.test(f) || f.endsWith('.ts'));
  return [
    inAsar('/out/main/index.js'),
    inAsar('/out/preload/index.js'),
    inAsar('/out/renderer/index.html'),
    inAsar('/assets/tray-ringing.png'),
    inAsar('/package.json'),
    { name: 'keytar is in app.asar (its JavaScript)', ok: files.has('/node_modules/keytar/package.json') },
    { name: "keytar's native module is unpacked outside app.asar", ok: existsSync(nativeKeytar), detail: nativeKeytar },
    { name: 'better-sqlite3 is in app.asar (its JavaScript)', ok: files.has('/node_modules/better-sqlite3/lib/index.js') },
    { name: "better-sqlite3's native module is unpacked outside app.asar", ok: existsSync(nativeSqlite), detail: nativeSqlite },
    { name: "better-sqlite3's C sources are not packed", ok: ![...files].some((f) => f.startsWith('/node_modules/better-sqlite3/deps/')) },
    { name: 'no TypeScript sources or tests packed', ok: packedSources.length === 0, detail: packedSources.slice(0, 5).join(', ') },
    {
      name: 'no dev tools packed (electron, vite, playwright)',
      ok: !['/node_modules/electron/package.json', '/node_modules/vite/package.json', '/node_modules/@playwright/test/package.json'].some(
        (f) => files.has(f),
      ),
    },
    { name: 'desktop entry exists', ok: desktop !== '', detail: desktopFile },
    {
      name: 'desktop entry handles tel: and callto:',
      ok: schemes.includes('x-scheme-handler/tel') && schemes.includes('x-scheme-handler/callto'),
      detail: `MimeType=${mime}`,
    },
    { name: 'desktop entry passes the link to the app (%U)', ok: /^Exec=.* %U$/m.test(desktop) },
  ];
}

/** better-sqlite3's native module, as the app loads it (unpacked) and electron-builder.yml unpacks it. */
export const SQLITE_NATIVE = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
/** The native modules the release build must rebuild for Electron's ABI. */
export const NATIVE_MODULES = ['keytar', 'better-sqlite3'] as const;

/**
 * The release configuration (electron-builder.yml, not the stub build, which
 * has npmRebuild=false) rebuilds every native module for Electron: each is a
 * production dependency (electron-builder rebuilds those) and npmRebuild is on.
 */
export function checkReleaseRebuild(
  config: { npmRebuild?: unknown; asarUnpack?: unknown },
  dependencies: Record<string, string>,
): PackageCheck[] {
  const unpacked = Array.isArray(config.asarUnpack) ? config.asarUnpack : [];
  return [
    { name: 'the release build rebuilds native modules for Electron (npmRebuild)', ok: config.npmRebuild === true },
    ...NATIVE_MODULES.map((name) => ({
      name: `${name} is a production dependency (rebuilt for Electron)`,
      ok: Object.prototype.hasOwnProperty.call(dependencies, name),
    })),
    { name: "electron-builder.yml unpacks better-sqlite3's native module", ok: unpacked.includes(SQLITE_NATIVE) },
  ];
}

function releaseChecks(root: string): PackageCheck[] {
  // js-yaml comes with electron-builder, which reads the same file with it.
  const { load } = createRequire(import.meta.url)('js-yaml') as { load: (text: string) => unknown };
  const config = load(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8'));
  const pkg: unknown = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const dependencies = typeof pkg === 'object' && pkg !== null && 'dependencies' in pkg ? pkg.dependencies : {};
  return checkReleaseRebuild(
    typeof config === 'object' && config !== null ? config : {},
    typeof dependencies === 'object' && dependencies !== null ? Object.fromEntries(Object.entries(dependencies)) : {},
  );
}

if (process.argv[1]?.endsWith('check-package.ts')) {
  const appDir = process.argv[2] ?? 'dist/linux-unpacked';
  const checks = [...checkUnpackedApp(appDir), ...releaseChecks(path.resolve(path.dirname(new URL(import.meta.url).pathname), '..'))];
  for (const check of checks)
    process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${!check.ok && check.detail ? ` (${check.detail})` : ''}\n`);
  const failed = checks.filter((c) => !c.ok).length;
  process.stdout.write(failed ? `${failed} packaging check(s) failed\n` : 'package contents as expected\n');
  process.exitCode = failed ? 1 : 0;
}
