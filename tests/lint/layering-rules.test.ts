/**
 * Proves the lint rules that keep the layers apart actually bite: each case
 * lints a small snippet as if it lived at a given path.
 */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImportErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('layering lint rules', () => {
  it('fails when electron/core imports electron', async () => {
    const errors = await restrictedImportErrors("import { app } from 'electron';\nexport const x = app;\n", 'electron/core/some-service.ts');
    expect(errors.join('\n')).toContain('never import electron');
  });

  it('fails when electron/core requires electron through a subpath', async () => {
    const errors = await restrictedImportErrors("import x from 'electron/main';\nexport const y = x;\n", 'electron/core/a/b.ts');
    expect(errors).not.toEqual([]);
  });

  it('fails when electron/core imports the shell', async () => {
    const errors = await restrictedImportErrors("import { x } from '../main/main-window';\nexport const y = x;\n", 'electron/core/some-service.ts');
    expect(errors.join('\n')).toContain('must not import the shell');
  });

  it('lets electron/core import shared and its own modules', async () => {
    const code = "import { AppError } from '../../shared/contract/errors';\nimport { createEventBus } from './events/event-bus';\nexport const x = [AppError, createEventBus];\n";
    expect(await restrictedImportErrors(code, 'electron/core/some-service.ts')).toEqual([]);
  });

  it('fails when the renderer imports from electron/', async () => {
    const errors = await restrictedImportErrors("import { createCore } from '../../electron/core/create-core';\nexport const x = createCore;\n", 'renderer/src/app.tsx');
    expect(errors.join('\n')).toContain('only through shared/contract');
  });

  it('fails when the renderer imports a Node built-in', async () => {
    expect(await restrictedImportErrors("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'renderer/src/app.tsx')).not.toEqual([]);
  });

  it('fails when shared/ imports from electron/ or renderer/', async () => {
    expect(await restrictedImportErrors("import { x } from '../../electron/core/create-core';\nexport const y = x;\n", 'shared/contract/thing.ts')).not.toEqual([]);
    expect(await restrictedImportErrors("import { x } from '../../renderer/src/app';\nexport const y = x;\n", 'shared/contract/thing.ts')).not.toEqual([]);
  });

  it('fails when a shell file outside the bridge uses raw ipcMain', async () => {
    expect(await restrictedImportErrors("import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", 'electron/main/main-window.ts')).not.toEqual([]);
    expect(await restrictedImportErrors("import * as electron from 'electron';\nexport const x = electron.ipcMain;\n", 'electron/main/main-window.ts')).not.toEqual([]);
  });

  it('lets the bridge files use ipcMain and ipcRenderer', async () => {
    expect(await restrictedImportErrors("import { ipcMain } from 'electron';\nexport const x = ipcMain;\n", 'electron/main/ipc-bridge.ts')).toEqual([]);
    expect(await restrictedImportErrors("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'electron/preload/index.ts')).toEqual([]);
  });
});
