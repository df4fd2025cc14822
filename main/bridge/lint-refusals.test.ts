/**
 * What the bridges refuse reaches the page, so the lint rule against English
 * Errors holds in main/bridge and main/shell as in the core: it fires on a
 * planted `new Error('…')` or `new Error(SOME_TEXT)` there, and accepts a
 * ConsoleError. (scripts/lint-rules.test.ts plants the same in the core.)
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(__dirname, '../..');
// Planted files are not in the TypeScript project: parse them without types and run only the rule under test.
const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: { files: ['**/planted*'], languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-syntax',
});

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe.each(['main/bridge/planted.ts', 'main/shell/planted.ts'])('the English-Error rule in %s', (file) => {
  it('refuses a literal, a template and a text constant', async () => {
    const bad = [
      "export const NO_WAY_ERROR = 'This console window cannot do that.';",
      "export const a = () => new Error('Invalid request: expected at most one argument');",
      'export const b = (method: string) => new Error(`${method} is answered by the page`);',
      'export const c = () => new Error(NO_WAY_ERROR);',
      "export const d = () => Error('Invalid request: expected at most one argument');",
      "export const e = () => new TypeError('Refused: not the console window');",
      'export const f = () => RangeError(NO_WAY_ERROR);',
    ].join('\n');
    expect(await ruleIdsFor(file, bad)).toEqual(Array(6).fill('no-restricted-syntax'));
  });

  it('accepts a ConsoleError with a catalog message', async () => {
    const good =
      "import { msg } from '../../app/i18n/message';\nimport { ConsoleError } from '../core/errors';\nexport const refusal = () => new ConsoleError(msg('request.desktopOnly'));\n";
    expect(await ruleIdsFor(file, good)).toEqual([]);
  });
});
