import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { FuseOptionsV1 } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';

// js-yaml comes with electron-builder, which reads the same file with it (untyped, hence require).
const { load } = createRequire(__filename)('js-yaml') as { load: (text: string) => unknown };
const ROOT = path.join(__dirname, '..');

const release = load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as { electronFuses?: FuseOptionsV1 | null };

/** Electron's fuses guide and security checklist item 19: what the packaged binary must have flipped. */
const HARDENED: FuseOptionsV1 = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  enableCookieEncryption: true,
};

describe('electron-builder.yml fuses (release build)', () => {
  it('sets the six hardening fuses, which electron-builder flips right before signing', () => {
    expect(release.electronFuses).toEqual(HARDENED);
  });

  it('is what the stub-binary package check turns off, and only there', () => {
    // The stub has no fuse wire: scripts/check-package.sh writes its own configuration with electronFuses null.
    const check = readFileSync(path.join(ROOT, 'scripts', 'check-package.sh'), 'utf8');
    expect(check).toMatch(/electronFuses: null/);
    expect(check).toMatch(/--config "\$stub\/electron-builder\.json"/);
  });
});
