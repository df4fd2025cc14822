import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLayeringViolations, importSpecifiers, isCheckedSource, LAYERED_FOLDERS, type SourceFile } from './layering';

const REPO_ROOT = path.resolve(__dirname, '..');

function sourcesOf(folder: string): SourceFile[] {
  const entries = readdirSync(path.join(REPO_ROOT, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(REPO_ROOT, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .filter((file) => isCheckedSource(file) && !file.split('/').includes('node_modules'))
    .map((file) => ({ path: file, text: readFileSync(path.join(REPO_ROOT, file), 'utf8') }));
}

describe('layering of the repository', () => {
  it('holds for every source file', () => {
    const files = LAYERED_FOLDERS.flatMap(sourcesOf);
    expect(files.length).toBeGreaterThan(10);
    expect(files.some((f) => f.path === 'app/contract.ts')).toBe(true);
    expect(findLayeringViolations(files)).toEqual([]);
  });
});

describe('the layering scanner', () => {
  it('finds every kind of import, ignoring comments and strings', () => {
    const text = `
      import a from 'a';
      import type { B } from "b";
      import 'c';
      export { d } from './d';
      export * from '../e';
      const f = await import('f');
      const g = require('g');
      // import x from 'commented-out';
      const s = "import y from 'in-a-string'";
    `;
    expect(importSpecifiers(text).sort()).toEqual(['../e', './d', 'a', 'b', 'c', 'f', 'g']);
  });

  it('reports each broken rule on a bad sample', () => {
    const bad: SourceFile[] = [
      {
        path: 'app/bad.ts',
        text: "import fs from 'node:fs';\nimport { useState } from 'react';\nimport { x } from '../main/core/log';\nimport path from 'path';\nimport type { Z } from 'zustand';",
      },
      { path: 'app/deep/bad.ts', text: "export * from '../../renderer/src/store';" },
      {
        path: 'renderer/src/bad.ts',
        text: "import { ConsoleService } from '../../main/core/console-service';\nimport { ipcRenderer } from 'electron';\nimport os from 'os';\nimport api from '../../preload/index';",
      },
      { path: 'main/core/bad.ts', text: "import { app } from 'electron';\nimport x from '../../renderer/src/x';" },
      { path: 'preload/bad.ts', text: "import { readFileSync } from 'node:fs';\nimport { x } from '../main/core/log';" },
    ];
    const found = findLayeringViolations(bad).map((v) => `${v.file} ${v.specifier}`);
    expect(found).toEqual(
      expect.arrayContaining([
        'app/bad.ts node:fs',
        'app/bad.ts react',
        'app/bad.ts ../main/core/log',
        'app/bad.ts path',
        'app/bad.ts zustand',
        'app/deep/bad.ts ../../renderer/src/store',
        'renderer/src/bad.ts ../../main/core/console-service',
        'renderer/src/bad.ts electron',
        'renderer/src/bad.ts os',
        'renderer/src/bad.ts ../../preload/index',
        'main/core/bad.ts electron',
        'main/core/bad.ts ../../renderer/src/x',
        'preload/bad.ts node:fs',
        'preload/bad.ts ../main/core/log',
      ]),
    );
  });

  it('accepts the allowed imports', () => {
    const good: SourceFile[] = [
      { path: 'app/phone.ts', text: "import { parsePhoneNumber } from 'libphonenumber-js/max';\nimport type { Line } from './model';" },
      { path: 'renderer/src/store.ts', text: "import { create } from 'zustand';\nimport type { ConsoleState } from '../../app/model';" },
      { path: 'preload/index.ts', text: "import { contextBridge } from 'electron';\nimport { IPC_CHANNELS } from '../app/contract';" },
      {
        path: 'main/shell/main.ts',
        text: "import { app } from 'electron';\nimport path from 'node:path';\nimport { x } from '../core/bootstrap';",
      },
      { path: 'main/core/x.ts', text: "import { EventEmitter } from 'node:events';\nimport { reduce } from '../../app/reducer';" },
    ];
    expect(findLayeringViolations(good)).toEqual([]);
  });

  it('checks sources, not tests or declarations', () => {
    expect(isCheckedSource('app/model.ts')).toBe(true);
    expect(isCheckedSource('renderer/src/App.tsx')).toBe(true);
    expect(isCheckedSource('app/model.test.ts')).toBe(false);
    expect(isCheckedSource('renderer/src/App.test.tsx')).toBe(false);
    expect(isCheckedSource('renderer/src/global.d.ts')).toBe(false);
    expect(isCheckedSource('renderer/vite.config.ts')).toBe(false);
  });
});
