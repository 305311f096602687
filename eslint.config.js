// Lint enforces the layering that keeps the core runnable without Electron:
//   electron/core  -> no electron, no shell (main/preload/serve), no renderer
//   shared         -> nothing from electron/ or renderer/
//   renderer       -> nothing from electron/ and no Node built-ins
//   everywhere     -> raw ipcMain/ipcRenderer only inside the bridge files
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const BRIDGE_FILES = ['electron/main/ipc-bridge.ts', 'electron/preload/index.ts', 'electron/preload/*-bridge.ts'];

const rawIpc = {
  name: 'electron',
  importNames: ['ipcMain', 'ipcRenderer'],
  message: 'Use the typed IPC bridge (electron/main/ipc-bridge.ts, electron/preload) instead of raw ipcMain/ipcRenderer.',
};
const rawIpcSyntax = {
  selector: "MemberExpression[property.name=/^ipc(Main|Renderer)$/]",
  message: 'Use the typed IPC bridge instead of raw ipcMain/ipcRenderer.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', '.cache/**', 'coverage/**', 'tmp/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [rawIpc] }],
      'no-restricted-syntax': ['error', rawIpcSyntax],
    },
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'electron/core runs in plain Node: never import electron here.' }],
          patterns: [
            { regex: '^electron/', message: 'electron/core runs in plain Node: never import electron here.' },
            { regex: '(^|/)(main|preload|serve)(/|$)', message: 'electron/core must not import the shell (main, preload, serve): the shell imports the core.' },
            { regex: '(^|/)renderer(/|$)', message: 'electron/core must not import the renderer: use shared/contract.' },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ is the contract: it imports neither electron nor the app.' }],
          patterns: [{ regex: '(^|/)(electron|renderer)(/|$)', message: 'shared/ must not import from electron/ or renderer/.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer reaches the core only through shared/contract.' }],
          patterns: [
            { regex: '(^|/)electron(/|$)', message: 'The renderer reaches the core only through shared/contract.' },
            { regex: '^node:', message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
          ],
        },
      ],
    },
  },
  {
    files: BRIDGE_FILES,
    rules: {
      'no-restricted-imports': 'off',
      'no-restricted-syntax': 'off',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'tests/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
