/**
 * Checks an unpacked Linux build (scripts/check-package.sh makes one):
 * the main, preload and renderer bundles are inside app.asar, keytar's
 * native module is outside it (a .node file cannot be loaded from an
 * archive), no source or secrets were packed, and the desktop entry
 * declares the tel and callto schemes. Prints each check; exits 1 on any
 * failure.
 *
 *   node --import tsx scripts/check-package.ts dist/linux-unpacked
 */
import { existsSync, readFileSync } from 'node:fs';
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

if (process.argv[1]?.endsWith('check-package.ts')) {
  const appDir = process.argv[2] ?? 'dist/linux-unpacked';
  const checks = checkUnpackedApp(appDir);
  for (const check of checks)
    process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${!check.ok && check.detail ? ` (${check.detail})` : ''}\n`);
  const failed = checks.filter((c) => !c.ok).length;
  process.stdout.write(failed ? `${failed} packaging check(s) failed\n` : 'package contents as expected\n');
  process.exitCode = failed ? 1 : 0;
}
