// Type-aware lint for the whole tree (flat config). The rules that matter most
// here are the ones a reviewer cannot see at a glance: promises left floating
// or passed where a void callback is expected, switches that stop being
// exhaustive when a union grows, assertions that hide a type change.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import i18next from 'eslint-plugin-i18next';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'test-results/', 'playwright-report/', '**/fixtures/', 'scripts/package-desktop-entry.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.mjs', 'vitest.config.mts', '.dependency-cruiser.cjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: true },
      ],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      // A closure may refer to a variable assigned once, right after it is created (a forward reference).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // An async method without await is how an interface method returns a rejection instead of throwing.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Tests read what crossed a wire (JSON.parse, decoded frames) on purpose and assert on it field by
    // field; the product code that does the same is held to the unsafe-any rules.
    files: ['**/*.test.{ts,tsx}', 'e2e/**/*.ts', '**/testing/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // What the core says is a catalog Message (ConsoleError); English is only for broken invariants (InvariantError), which no one but a log reads.
    // The bridges too: what they refuse reaches the page. A text in a constant (new Error(NO_SUCH_ERROR)) is a literal as well.
    files: [
      'main/core/**/*.ts',
      'main/connectors/**/*.ts',
      'main/runtime/**/*.ts',
      'main/desktop/**/*.ts',
      'main/shell/**/*.ts',
      'main/bridge/**/*.ts',
    ],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        // Error and its built-in kinds (TypeError, RangeError …), with `new` or without (Error('…') makes one too).
        {
          selector:
            ':matches(NewExpression, CallExpression)[callee.name=/^(Eval|Range|Reference|Syntax|Type|URI|Aggregate)?Error$/][arguments.0.type=/^(Literal|TemplateLiteral)$/]',
          message: 'Say it with a ConsoleError(msg(…)) (a catalog message), or an InvariantError for what cannot happen.',
        },
        {
          selector:
            ":matches(NewExpression, CallExpression)[callee.name=/^(Eval|Range|Reference|Syntax|Type|URI|Aggregate)?Error$/][arguments.0.type='Identifier'][arguments.0.name=/^[A-Z][A-Z0-9_]*$/]",
          message: 'Say it with a ConsoleError(msg(…)) (a catalog message), or an InvariantError for what cannot happen.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Every word on screen comes from the catalogs (app/i18n): no text or user-facing attribute written in a component.
    files: ['renderer/src/**/*.tsx'],
    ignores: ['**/*.test.tsx', 'renderer/src/testing/**'],
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-only',
          'jsx-attributes': {
            exclude: [
              'className',
              'style',
              'type',
              'key',
              'id',
              'role',
              'htmlFor',
              'name',
              'lang',
              'dir',
              'href',
              'rel',
              'target',
              'autoComplete',
              'inputMode',
              'enterKeyHint',
              'aria-live',
              'aria-current',
              'aria-haspopup',
              'aria-keyshortcuts',
              'aria-describedby',
              'aria-labelledby',
              'aria-controls',
              'data-.*',
            ],
          },
        },
      ],
    },
  },
);
