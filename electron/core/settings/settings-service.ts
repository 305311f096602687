/**
 * Owns the settings: loads, migrates, repairs, validates, updates and persists them.
 *
 * A broken file never stops the app and never loses what the user had: it is
 * copied aside before anything is rewritten, each value that fails validation
 * falls back to its default on its own, and what happened is reported through
 * `warnings` (shown in the window) in words: what was wrong, what was reset,
 * where the copy is.
 */
import { basename } from 'node:path';
import { SettingsSchema, defaultSettings, type Settings, type SettingsPatch } from '../../../shared/contract/areas/settings';
import { AppError } from '../../../shared/contract/errors';
import { settingLabel } from '../../../shared/contract/setting-labels';
import type { Logger } from '../logging/logger';
import { commitTogether, withCommitError, type PendingChange } from '../storage/commit-together';
import type { DocumentRead } from '../storage/json-document';
import { describeFsError } from '../storage/storage-fs';
import { salvageValue, type SettingProblem } from './salvage-settings';
import { SETTINGS_SCHEMA_VERSION, migrateSettings, NewerSettingsError } from './settings-migrations';
import type { SettingsStorage } from './settings-storage';

/** A change from the contract (secrets excluded), or from the core itself, which may also record install facts. */
export type SettingsUpdate = Omit<SettingsPatch, 'secrets'> & { readonly install?: Partial<Settings['install']> };

/** A settings change written aside, ready to be committed (alone or with secrets). */
export interface PendingSettings extends PendingChange {
  readonly next: Settings;
}

export interface SettingsService {
  get(): Settings;
  /** Applies a patch and persists it; returns the new settings. Throws STORAGE_FAILED and changes nothing when it cannot be written. */
  update(patch: SettingsUpdate): Settings;
  /** A patch's result, to be committed with `commitTogether` (settings and secrets as one change). */
  prepare(patch: SettingsUpdate): PendingSettings;
  /** The whole settings replaced (a restored backup), committed the same way. */
  prepareReplace(settings: Settings): PendingSettings;
  onChange(listener: (settings: Settings, previous: Settings) => void): () => void;
  /** Problems found while loading, for the user. */
  readonly warnings: readonly string[];
}

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
  if (patch.plexAccount) Object.assign(next.plexAccount, patch.plexAccount);
  if (patch.requests) Object.assign(next.requests, patch.requests);
  for (const [name, servicePatch] of Object.entries(patch.services ?? {})) {
    if (servicePatch) Object.assign(next.services[name as keyof Settings['services']], servicePatch);
  }
  return SettingsSchema.parse(next);
}

/** "JSON", "null", "a number": what a file held instead of settings. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return `a ${typeof value}`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function describeProblems(problems: readonly SettingProblem[]): string {
  const shown = problems.slice(0, 6).map((problem) =>
    problem.kind === 'unknown'
      ? `"${problem.path.join('.')}" (a setting this version does not have, dropped)`
      : `${settingLabel(problem.path)} (${lowerFirst(problem.reason ?? 'not valid')})`,
  );
  const more = problems.length > shown.length ? `, and ${problems.length - shown.length} more` : '';
  return `${shown.join('; ')}${more}`;
}

interface Loaded {
  readonly settings: Settings;
  /** Rewrite the file now (repaired or upgraded). */
  readonly rewrite: boolean;
  /** Why the file must not be written (it could not be read and could not be kept aside). */
  readonly blocked?: string;
}

export function createSettingsService(storage: SettingsStorage, logger: Pick<Logger, 'warn' | 'info'>): SettingsService {
  const warnings: string[] = [];
  const file = basename(storage.path);
  const warn = (message: string): void => {
    warnings.push(message);
    logger.warn({ file: storage.path }, message);
  };
  /** Copies the file aside; returns the sentence saying where, or undefined when it could not be kept. */
  const keepCopy = (): { sentence: string } | { error: unknown } => {
    try {
      const kept = storage.keepAside();
      return { sentence: kept.moved ? `The file was moved, untouched, to ${kept.path}.` : `The original file was kept as ${kept.path}.` };
    } catch (error) {
      return { error };
    }
  };

  const unusable = (what: string): Loaded => {
    const kept = keepCopy();
    if ('error' in kept) {
      const blocked = `${file} ${what}, and it could not be copied aside (${describeFsError(kept.error)}), so MediaNest will not overwrite it: move it out of ${storage.path.slice(0, -file.length)} and restart MediaNest to save settings again.`;
      warn(`MediaNest started with default settings: ${blocked}`);
      return { settings: defaultSettings(), rewrite: false, blocked };
    }
    warn(`MediaNest started with default settings because its settings file ${what}. ${kept.sentence} Set up your services again in Settings, or copy values from that file.`);
    return { settings: defaultSettings(), rewrite: false };
  };

  const fromRead = (read: DocumentRead): Loaded => {
    if (read.kind === 'missing') return { settings: defaultSettings(), rewrite: false };
    if (read.kind === 'unreadable') return unusable(`could not be read (${describeFsError(read.error)})`);
    if (read.kind === 'damaged') return unusable(read.text.trim() === '' ? 'was empty' : 'was damaged (it is not valid JSON: cut short or overwritten)');
    if (!isRecord(read.value)) return unusable(`held ${describeValue(read.value)} instead of settings`);

    let migrated: ReturnType<typeof migrateSettings>;
    let newer: NewerSettingsError | undefined;
    try {
      migrated = migrateSettings(read.value);
    } catch (error) {
      if (!(error instanceof NewerSettingsError)) throw error;
      // Use what this version understands; the file stays as it is until the user saves here.
      newer = error;
      const { schemaVersion: _version, ...data } = read.value;
      migrated = { data, from: error.found, to: SETTINGS_SCHEMA_VERSION };
    }
    const { __internal__: _conf, ...data } = migrated.data;
    const problems: SettingProblem[] = [];
    const salvaged = salvageValue(SettingsSchema, data, [], problems);
    const parsed = SettingsSchema.safeParse(salvaged ?? {});
    const settings = parsed.success ? parsed.data : defaultSettings();

    if (newer) {
      const kept = keepCopy();
      const copy = 'sentence' in kept ? kept.sentence : `It could not be copied aside (${describeFsError(kept.error)}).`;
      warn(
        `Your settings file was written by a newer MediaNest (settings layout ${newer.found}; this version knows up to ${SETTINGS_SCHEMA_VERSION}). ` +
          `MediaNest used the settings it understands and left the file as it is; it is rewritten only when you save settings here. ${copy}`,
      );
      return { settings, rewrite: false };
    }
    if (problems.length > 0) {
      const kept = keepCopy();
      if ('error' in kept) {
        warn(`Some settings could not be used and were reset to their defaults: ${describeProblems(problems)}. ${file} could not be copied aside (${describeFsError(kept.error)}), so it was not rewritten.`);
        return { settings, rewrite: false };
      }
      warn(`Some settings could not be used and were reset to their defaults; everything else was kept: ${describeProblems(problems)}. ${kept.sentence}`);
      return { settings, rewrite: true };
    }
    return { settings, rewrite: migrated.from !== migrated.to };
  };

  const loaded = fromRead(storage.read());
  let current = loaded.settings;
  const listeners = new Set<(settings: Settings, previous: Settings) => void>();

  const pending = (next: Settings): PendingSettings => ({
    next,
    stage() {
      if (loaded.blocked) throw new AppError('STORAGE_FAILED', `Settings could not be saved: ${loaded.blocked}`);
      const failed = (error: unknown): AppError =>
        new AppError('STORAGE_FAILED', `Settings could not be saved (${describeFsError(error)} writing ${file}). Nothing was changed.`, { cause: error });
      try {
        return withCommitError(storage.stage({ schemaVersion: SETTINGS_SCHEMA_VERSION, ...next }), failed);
      } catch (error) {
        throw failed(error);
      }
    },
    applied() {
      const previous = current;
      current = next;
      for (const listener of [...listeners]) listener(structuredClone(next), structuredClone(previous));
    },
  });
  const commit = (change: PendingSettings): Settings => {
    try {
      commitTogether([change], (error) => logger.warn({ err: error }, 'a settings rollback step failed'));
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('STORAGE_FAILED', `Settings could not be saved (${describeFsError(error)} writing ${file}). Nothing was changed.`, { cause: error });
    }
    return structuredClone(change.next);
  };

  if (loaded.rewrite) {
    try {
      commit(pending(current));
    } catch (error) {
      logger.warn({ err: error }, 'the repaired settings could not be written; they are used from memory');
    }
  }

  return {
    warnings,
    get: () => structuredClone(current),
    update: (patch) => commit(pending(applySettingsPatch(current, patch))),
    prepare: (patch) => pending(applySettingsPatch(current, patch)),
    // Install facts stay with the install, whatever the backup says.
    prepareReplace: (settings) => pending(SettingsSchema.parse({ ...settings, install: current.install })),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
