/**
 * Runs dependency-cruiser with .dependency-cruiser.cjs over the product
 * folders and fails on any violation that is not a listed known exception
 * (scripts/boundaries-known.json). The list may only shrink: an exception
 * that no longer occurs fails too, so it is taken off the list with the fix.
 *
 *   npm run boundaries
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PRODUCT_FOLDERS = ['app', 'main', 'preload', 'renderer'];
const CRUISER = path.join(REPO_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

export interface Violation {
  rule: string;
  from: string;
  to: string;
}

interface CruiseViolation {
  rule: { name: string };
  from: string;
  to: string;
}

/** One line per violation: `rule: from → to`. */
export function describeViolation(v: Violation): string {
  return `${v.rule}: ${v.from} → ${v.to}`;
}

/** Every violation of the rules in `cwd` (the repository, or a test's planted tree with the same config). */
export function findViolations(cwd: string, folders: readonly string[] = PRODUCT_FOLDERS): Violation[] {
  const config = path.join(REPO_ROOT, '.dependency-cruiser.cjs');
  let output: string;
  try {
    output = execFileSync(process.execPath, [CRUISER, ...folders, '--config', config, '--output-type', 'json'], {
      cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    // The json reporter exits non-zero when it finds errors; its report is still on stdout.
    const stdout = (error as { stdout?: string }).stdout;
    if (!stdout) throw error;
    output = stdout;
  }
  const result = JSON.parse(output) as { summary: { violations: CruiseViolation[] } };
  return result.summary.violations.map((v) => ({ rule: v.rule.name, from: v.from, to: v.to }));
}

export function knownExceptions(): string[] {
  return JSON.parse(readFileSync(path.join(REPO_ROOT, 'scripts', 'boundaries-known.json'), 'utf8')) as string[];
}

/** New violations (not listed) and stale exceptions (listed, no longer found). */
export function checkBoundaries(found: readonly Violation[], known: readonly string[]): { added: string[]; stale: string[] } {
  const lines = new Set(found.map(describeViolation));
  return { added: [...lines].filter((line) => !known.includes(line)).sort(), stale: known.filter((line) => !lines.has(line)) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { added, stale } = checkBoundaries(findViolations(REPO_ROOT), knownExceptions());
  for (const line of added) process.stderr.write(`boundary violation: ${line}\n`);
  for (const line of stale) process.stderr.write(`fixed, take it off scripts/boundaries-known.json: ${line}\n`);
  if (added.length || stale.length) process.exit(1);
  process.stdout.write(`boundaries: no violations beyond the ${knownExceptions().length} known exceptions\n`);
}
