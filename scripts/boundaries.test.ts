/**
 * The boundary tool on the repository (no violation beyond the known
 * exceptions, and none of those stale) and on a planted tree where every
 * rule must fire — so a rule that stopped matching cannot pass silently.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBoundaries, describeViolation, findViolations, knownExceptions, REPO_ROOT } from './boundaries';

describe('the repository', () => {
  it('keeps its boundaries: no violation beyond the known exceptions, none of them already fixed', () => {
    expect(checkBoundaries(findViolations(REPO_ROOT), knownExceptions())).toEqual({ added: [], stale: [] });
  });
});

describe('the boundary rules on planted violations', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'boundaries-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const plant = (files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
  };
  plant({
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', jsx: 'react-jsx', strict: true } }),
    'app/bad.ts': "import fs from 'node:fs';\nimport { a } from '../main/core/a';\nexport const bad = [fs, a];\n",
    'app/ok.ts':
      "import { parsePhoneNumber } from 'libphonenumber-js';\nimport { shared } from './shared';\nexport const ok = [parsePhoneNumber, shared];\n",
    'app/shared.ts': 'export const shared = 1;\n',
    'renderer/src/bad.ts':
      "import { a } from '../../main/core/a';\nimport os from 'node:os';\nimport { ipcRenderer } from 'electron';\nexport const bad = [a, os, ipcRenderer];\n",
    'renderer/src/ok.ts': "import { shared } from '../../app/shared';\nexport const ok = shared;\n",
    'preload/bad.ts': "import { a } from '../main/core/a';\nexport const bad = a;\n",
    'preload/ok.ts':
      "import { contextBridge } from 'electron';\nimport { shared } from '../app/shared';\nexport const ok = [contextBridge, shared];\n",
    // core → sim → a connector → core: a folder cycle, and two boundaries broken on the way.
    'main/core/a.ts': "import { b } from '../sim/b';\nexport const a = b;\n",
    'main/sim/b.ts': "import { c } from '../connectors/v/codec';\nexport const b = c;\n",
    'main/connectors/v/codec.ts': "import { a } from '../../core/a';\nexport const c = a;\n",
    'main/desktop/bad.ts': "import { app } from 'electron';\nexport const bad = app;\n",
    'main/shell/ok.ts': "import { app } from 'electron';\nimport { shared } from '../../app/shared';\nexport const ok = [app, shared];\n",
    'main/bad.ts': "import { bad } from '../renderer/src/bad';\nimport { nope } from './nope';\nexport const x = [bad, nope];\n",
  });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  const found = findViolations(root);
  const lines = found.map(describeViolation);

  it.each([
    ['app-is-pure', 'app/bad.ts → fs'],
    ['app-is-pure', 'app/bad.ts → main/core/a.ts'],
    ['renderer-talks-only-to-the-contract', 'renderer/src/bad.ts → main/core/a.ts'],
    ['renderer-talks-only-to-the-contract', 'renderer/src/bad.ts → node_modules/electron/index.js'],
    ['renderer-has-no-node', 'renderer/src/bad.ts → os'],
    ['preload-is-only-the-contract', 'preload/bad.ts → main/core/a.ts'],
    ['electron-only-in-shell-and-preload', 'main/desktop/bad.ts → node_modules/electron/index.js'],
    ['main-never-imports-the-ui', 'main/bad.ts → renderer/src/bad.ts'],
    ['sim-decodes-on-its-own', 'main/sim/b.ts → main/connectors/v/codec.ts'],
    ['core-depends-only-on-app-and-itself', 'main/core/a.ts → main/sim/b.ts'],
    ['no-folder-cycles', 'main/core → main/sim'],
    ['no-unresolvable-imports', 'main/bad.ts → ./nope'],
  ])('%s fires on %s', (rule, edge) => {
    expect(lines).toContain(`${rule}: ${edge}`);
  });

  it('accepts the allowed imports', () => {
    expect(found.filter((v) => /\/ok\.ts$/.test(v.from) || v.from === 'app/shared.ts')).toEqual([]);
  });
});
