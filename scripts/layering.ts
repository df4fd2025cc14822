/**
 * The folder layering rules of docs/ARCHITECTURE.md, checked on the import
 * specifiers of every source file (tests excluded). Pure: takes file paths
 * relative to the repository root and their text, returns the violations.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  text: string;
}

export interface LayeringViolation {
  file: string;
  specifier: string;
  rule: string;
}

/** Every module specifier a file imports: static, type-only, re-exports, dynamic import() and require(). */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

function isPackage(specifier: string, name: string): boolean {
  return specifier === name || specifier.startsWith(`${name}/`);
}

/** The repository-relative target of a relative import, else undefined (a package or builtin). */
function resolveRelative(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
}

function isUnder(target: string | undefined, folder: string): boolean {
  return target !== undefined && (target === folder || target.startsWith(`${folder}/`));
}

/** Packages app/ may use: it runs in every process, so only pure, environment-free code. */
const APP_PACKAGES = ['libphonenumber-js'];

type Rule = { name: string; appliesTo: (file: string) => boolean; forbids: (specifier: string, target: string | undefined) => boolean };

const RULES: Rule[] = [
  {
    name: 'app/ imports only app/ and libphonenumber-js (no Node, Electron, React, zustand, ws or other folders)',
    appliesTo: (file) => isUnder(file, 'app'),
    forbids: (specifier, target) =>
      target !== undefined ? !isUnder(target, 'app') : !APP_PACKAGES.some((name) => isPackage(specifier, name)),
  },
  {
    name: 'renderer/ imports nothing from main/, preload/, Node or Electron',
    appliesTo: (file) => isUnder(file, 'renderer'),
    forbids: (specifier, target) =>
      isUnder(target, 'main') || isUnder(target, 'preload') || isBuiltin(specifier) || isPackage(specifier, 'electron'),
  },
  {
    name: 'only main/shell/ and preload/ import electron',
    appliesTo: (file) => !isUnder(file, 'main/shell') && !isUnder(file, 'preload'),
    forbids: (specifier) => isPackage(specifier, 'electron'),
  },
  {
    name: 'preload/ imports only electron and app/',
    appliesTo: (file) => isUnder(file, 'preload'),
    forbids: (specifier, target) =>
      target !== undefined ? !isUnder(target, 'app') && !isUnder(target, 'preload') : !isPackage(specifier, 'electron'),
  },
  {
    name: 'main/ imports nothing from renderer/ or preload/',
    appliesTo: (file) => isUnder(file, 'main'),
    forbids: (_specifier, target) => isUnder(target, 'renderer') || isUnder(target, 'preload'),
  },
];

export function findLayeringViolations(files: readonly SourceFile[]): LayeringViolation[] {
  const violations: LayeringViolation[] = [];
  for (const file of files) {
    for (const specifier of importSpecifiers(file.text)) {
      const target = resolveRelative(file.path, specifier);
      for (const rule of RULES) {
        if (rule.appliesTo(file.path) && rule.forbids(specifier, target)) {
          violations.push({ file: file.path, specifier, rule: rule.name });
        }
      }
    }
  }
  return violations;
}

/** Source folders the rules cover. */
export const LAYERED_FOLDERS = ['app', 'main', 'preload', 'renderer'];

/** Product code only: tests, type declarations and build configs (which run in Node at build time) are not layered. */
export function isCheckedSource(relativePath: string): boolean {
  return (
    /\.(ts|tsx|mts|cts)$/.test(relativePath) &&
    !/\.test\.tsx?$/.test(relativePath) &&
    !relativePath.endsWith('.d.ts') &&
    !/(^|\/)[^/]+\.config\.[cm]?ts$/.test(relativePath)
  );
}
