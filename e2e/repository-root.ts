import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The repository's root: the nearest folder at or above `from` that holds a package.json. A file here may run
 * from its own folder (tsx) or from a bundle in out/bench (scripts/run-bundled.ts), so "one folder up" is not
 * always the root.
 */
export function repositoryRoot(from: string): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json at or above ${from}`);
  }
}
