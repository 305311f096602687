/**
 * The core's settings as last seen: loaded once, then kept current by
 * `settings:changed` (which also fires for changes made in another window).
 * Unsaved form edits live in the form, never here, so an event cannot clobber them.
 */
import { create } from 'zustand';
import type { ContractClient } from '../../../shared/contract/api';
import { AppError, isAppError } from '../../../shared/contract/errors';
import type { InvokeRequest } from '../../../shared/contract/invokes';
import type { BackupExport, BackupPreview } from '../../../shared/contract/areas/backup';
import type { Diagnostics } from '../../../shared/contract/areas/diagnostics';
import type { ServiceTestResult } from '../../../shared/contract/areas/services';
import type { PublicSettings, SettingsPatch } from '../../../shared/contract/areas/settings';

export interface SettingsState {
  readonly settings: PublicSettings | null;
  readonly loadError: string | null;
}

const initialState: SettingsState = { settings: null, loadError: null };

export const useSettingsStore = create<SettingsState>()(() => initialState);

let client: ContractClient | null = null;
/** Bumped on every write, so a slow `settings:get` cannot overwrite a newer event. */
let revision = 0;

function setSettings(settings: PublicSettings): void {
  revision += 1;
  useSettingsStore.setState({ settings, loadError: null });
}

function requireClient(): ContractClient {
  if (!client) throw new AppError('INTERNAL', 'MediaNest is still starting; try again in a moment.');
  return client;
}

/** Binds the store to a client, follows `settings:changed` and loads the settings. */
export function initSettingsStore(contractClient: ContractClient): () => void {
  client = contractClient;
  revision += 1;
  useSettingsStore.setState(initialState, true);
  const unsubscribe = contractClient.on('settings:changed', setSettings);
  void loadSettings();
  return () => {
    unsubscribe();
    if (client === contractClient) client = null;
  };
}

export async function loadSettings(): Promise<void> {
  if (!client) return;
  const startedAt = revision;
  try {
    const settings = await client.invoke('settings:get');
    if (revision === startedAt) setSettings(settings);
  } catch (error) {
    useSettingsStore.setState({ loadError: isAppError(error) ? error.message : 'The settings could not be loaded.' });
  }
}

/** Sends a patch; resolves with the saved settings or rejects with the core's AppError. */
export async function saveSettings(patch: SettingsPatch): Promise<PublicSettings> {
  const settings = await requireClient().invoke('settings:update', patch);
  setSettings(settings);
  return settings;
}

/** Tries a service's settings without saving them. */
export function testService(request: InvokeRequest<'services:test'>): Promise<ServiceTestResult> {
  return requireClient().invoke('services:test', request);
}

/** A backup file's content, to save (secrets in it only sealed with the passphrase). */
export function exportBackup(request: InvokeRequest<'backup:export'>): Promise<BackupExport> {
  return requireClient().invoke('backup:export', request);
}

/** What restoring `content` would replace; changes nothing. */
export function inspectBackup(request: InvokeRequest<'backup:inspect'>): Promise<BackupPreview> {
  return requireClient().invoke('backup:inspect', request);
}

/** Replaces settings, secrets and saved data with the backup's; resolves with the new settings. */
export async function restoreBackup(request: InvokeRequest<'backup:restore'>): Promise<PublicSettings> {
  const settings = await requireClient().invoke('backup:restore', request);
  setSettings(settings);
  return settings;
}

/** The diagnostics text for a bug report. */
export function collectDiagnostics(): Promise<Diagnostics> {
  return requireClient().invoke('diagnostics:collect');
}
