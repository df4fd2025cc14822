/**
 * The lint rules that keep the console's words in the catalogs fire on
 * planted code: a sentence in a component, and an English Error in the core.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO_ROOT = path.resolve(__dirname, '..');
// Planted files are not in the TypeScript project: parse them without types and run only the rules under test.
const eslint = new ESLint({
  cwd: REPO_ROOT,
  overrideConfig: { files: ['**/planted*'], languageOptions: { parserOptions: { projectService: false } } },
  ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-syntax' || ruleId.startsWith('i18next/'),
});

async function ruleIdsFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe('lint rules for the catalogs', () => {
  it('refuse text written in a component, and accept catalog text', async () => {
    const bad = 'export function Greeting() {\n  return <p title="Say hello">Hello there</p>;\n}\n';
    expect(await ruleIdsFor('renderer/src/components/planted.tsx', bad)).toEqual([
      'i18next/no-literal-string',
      'i18next/no-literal-string',
    ]);
    const good =
      "import { useT } from '../i18n/language';\nexport function Greeting() {\n  const t = useT();\n  return <p>{t('app.title')}</p>;\n}\n";
    expect(await ruleIdsFor('renderer/src/components/planted.tsx', good)).toEqual([]);
  });

  it('refuse an English sentence thrown in the core, and accept a ConsoleError', async () => {
    const bad = "export function check(ok: boolean): void {\n  if (!ok) throw new Error('The PBX is gone.');\n}\n";
    expect(await ruleIdsFor('main/core/planted.ts', bad)).toEqual(['no-restricted-syntax']);
    const good =
      "import { msg } from '../../app/i18n/message';\nimport { ConsoleError } from './errors';\nexport function check(ok: boolean): void {\n  if (!ok) throw new ConsoleError(msg('link.pbxLinkLost'));\n}\n";
    expect(await ruleIdsFor('main/core/planted.ts', good)).toEqual([]);
  });
});
