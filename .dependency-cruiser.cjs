/**
 * The folder boundaries of docs/ARCHITECTURE.md, checked by dependency-cruiser
 * on every product file's imports (tests and type declarations are left out;
 * test support in `testing/` folders is in). `npm run boundaries` runs it;
 * scripts/boundaries.test.ts proves each rule fires on a planted violation.
 */
const PRODUCT = '^(app|main|preload|renderer)/';

/** Packages app/ may use: it runs in every process, so only pure, environment-free code. */
const APP_PACKAGES = ['libphonenumber-js', 'i18next', 'valibot'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'app-is-pure',
      comment: 'app/ runs in every process: it imports only app/ and pure packages (no Node, Electron, React, zustand or ws)',
      severity: 'error',
      from: { path: '^app/' },
      to: { pathNot: [`^app/`, ...APP_PACKAGES.map((name) => `^node_modules/${name}/`)] },
    },
    {
      name: 'renderer-talks-only-to-the-contract',
      comment: 'renderer/ imports nothing from main/ or preload/, and nothing of Node or Electron',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: ['^main/', '^preload/', '^node_modules/electron/'] },
    },
    {
      name: 'renderer-has-no-node',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'electron-only-in-shell-and-preload',
      comment: 'the Electron layer is kept thin: only main/shell/ and preload/ import electron',
      severity: 'error',
      from: { path: PRODUCT, pathNot: ['^main/shell/', '^preload/'] },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'preload-is-only-the-contract',
      comment: 'preload/ imports only electron and app/',
      severity: 'error',
      from: { path: '^preload/' },
      to: { pathNot: ['^preload/', '^app/', '^node_modules/electron/'] },
    },
    {
      name: 'main-never-imports-the-ui',
      severity: 'error',
      from: { path: '^main/' },
      to: { path: ['^renderer/', '^preload/'] },
    },
    {
      name: 'sim-decodes-on-its-own',
      comment:
        'a simulator decodes what the console sends by the vendor contract, never with a connector (so the two cannot agree on a mistake)',
      severity: 'error',
      from: { path: '^main/sim/' },
      to: { path: '^main/connectors/' },
    },
    {
      name: 'core-depends-only-on-app-and-itself',
      comment: 'main/core/ knows no vendor, no desktop, no demo and no shell: those plug in from the composition root',
      severity: 'error',
      from: { path: '^main/core/' },
      to: { path: '^main/', pathNot: '^main/core/' },
    },
    {
      name: 'no-folder-cycles',
      comment: 'folders depend on each other in one direction only',
      severity: 'error',
      scope: 'folder',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-unresolvable-imports',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    exclude: { path: ['\\.test\\.tsx?$', '\\.d\\.ts$', '(^|/)[^/]+\\.config\\.[cm]?ts$'] },
    doNotFollow: { path: 'node_modules' },
    // Resolve node_modules/<name> as written, so the rules' paths match in a tree whose node_modules is a link.
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
