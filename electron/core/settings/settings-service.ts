/**
 * Owns the settings: loads, migrates, repairs, validates, updates and persists them.
 *
 * A broken file never stops the app and never loses what the user had: the
 * file is copied aside before anything is rewritten, each section that fails
 * validation falls back to its defaults on its own, and what happened is
 * reported through `warnings` (shown in the UI).
 */
import { copyFileSync, existsSync } from 'node:fs';
import { SettingsSchema, defaultSettings, type Settings, type SettingsPatch } from '../../../shared/contract/areas/settings';
import { describeIssues } from '../../../shared/contract/describe-issues';
import type { Logger } from '../logging/logger';
import { SETTINGS_SCHEMA_VERSION, migrateSettings } from './settings-migrations';
import type { SettingsStorage } from './settings-storage';

/** A change from the contract (secrets excluded), or from the core itself, which may also record install facts. */
export type SettingsUpdate = Omit<SettingsPatch, 'secrets'> & { readonly install?: Partial<Settings['install']> };

export interface SettingsService {
  get(): Settings;
  /** Applies a patch and persists it; returns the new settings. */
  update(patch: SettingsUpdate): Settings;
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
  /** Problems found while loading, for the user. */
  readonly warnings: readonly string[];
}

type Section = keyof Settings;
const sections = Object.keys(SettingsSchema.shape) as Section[];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Merges a patch into settings: one level deep per section, per service for `services`. */
export function applySettingsPatch(settings: Settings, patch: SettingsUpdate): Settings {
  const next = structuredClone(settings);
  if (patch.general) Object.assign(next.general, patch.general);
  if (patch.install) Object.assign(next.install, patch.install);
  if (patch.downloads) Object.assign(next.downloads, patch.downloads);
  if (patch.notifications) Object.assign(next.notifications, patch.notifications);
  if (patch.requests) Object.assign(next.requests, patch.requests);
  for (const [name, servicePatch] of Object.entries(patch.services ?? {})) {
    if (servicePatch) Object.assign(next.services[name as keyof Settings['services']], servicePatch);
  }
  return SettingsSchema.parse(next);
}

export function createSettingsService(storage: SettingsStorage, logger: Pick<Logger, 'warn' | 'info'>): SettingsService {
  const warnings: string[] = [];
  let backedUp = false;
  const backup = (reason: string): void => {
    warnings.push(reason);
    logger.warn({ file: storage.path }, reason);
    if (backedUp || !existsSync(storage.path)) return;
    const target = `${storage.path}.broken-${Date.now()}`;
    try {
      copyFileSync(storage.path, target);
      warnings.push(`The original file was kept as ${target}.`);
      backedUp = true;
    } catch {
      warnings.push('The original file could not be copied aside.');
    }
  };

  const load = (): { settings: Settings; dirty: boolean } => {
    let raw: unknown;
    try {
      raw = storage.read();
    } catch {
      backup('The settings file could not be read (it is not valid JSON); MediaNest started with default settings.');
      return { settings: defaultSettings(), dirty: true };
    }
    if (raw === undefined) return { settings: defaultSettings(), dirty: false };
    if (!isRecord(raw)) {
      backup('The settings file did not hold an object; MediaNest started with default settings.');
      return { settings: defaultSettings(), dirty: true };
    }
    let migrated: ReturnType<typeof migrateSettings>;
    try {
      migrated = migrateSettings(raw);
    } catch (error) {
      backup(`${(error as Error).message} MediaNest started with default settings.`);
      return { settings: defaultSettings(), dirty: false };
    }
    // Salvage section by section so one bad value does not cost the rest.
    const salvaged: Record<string, unknown> = {};
    let repaired = false;
    for (const section of sections) {
      if (!(section in migrated.data)) continue;
      const parsed = SettingsSchema.shape[section].safeParse(migrated.data[section]);
      if (parsed.success) salvaged[section] = parsed.data;
      else {
        repaired = true;
        backup(`Settings section "${section}" was invalid (${describeIssues(parsed.error.issues)}) and was reset to its defaults.`);
      }
    }
    const unknown = Object.keys(migrated.data).filter((key) => !sections.includes(key as Section));
    if (unknown.length > 0) {
      repaired = true;
      backup(`Unknown settings were dropped: ${unknown.slice(0, 5).join(', ')}.`);
    }
    return { settings: SettingsSchema.parse(salvaged), dirty: repaired || migrated.from !== migrated.to };
  };

  const persist = (settings: Settings): void => {
    storage.write({ schemaVersion: SETTINGS_SCHEMA_VERSION, ...settings });
  };

  const loaded = load();
  let current = loaded.settings;
  if (loaded.dirty) persist(current);
  const listeners = new Set<(settings: Settings, previous: Settings) => void>();

  return {
    warnings,
    get: () => structuredClone(current),
    update(patch) {
      const previous = current;
      const next = applySettingsPatch(current, patch);
      persist(next);
      current = next;
      for (const listener of [...listeners]) listener(structuredClone(next), structuredClone(previous));
      return structuredClone(next);
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
