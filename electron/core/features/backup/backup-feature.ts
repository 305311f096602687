/**
 * The backup area: `backup:export`, `backup:inspect` and `backup:restore`.
 *
 * A backup holds what cannot be rebuilt: the settings (a user restoring one
 * expects their setup back), the rows of medianest.db and, only when asked,
 * the tokens and API keys, sealed with the user's passphrase so no secret
 * ever reaches the window. The install's own facts (the Plex client
 * identifier) stay with the install. Restoring never merges: `inspect` lists
 * what would be replaced, and `restore` replaces settings, secrets and saved
 * data together or not at all.
 */
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupFileSchema,
  type BackupFile,
  type BackupPreview,
  type backupInvokes,
} from '../../../../shared/contract/areas/backup';
import { SettingsSchema, type PublicSettings, type Settings } from '../../../../shared/contract/areas/settings';
import { describeIssues } from '../../../../shared/contract/describe-issues';
import { AppError } from '../../../../shared/contract/errors';
import { secretValueProblem } from '../../../../shared/contract/secret-value';
import { settingLabel } from '../../../../shared/contract/setting-labels';
import { SecretNameSchema, secretLabel, secretNames, type SecretName } from '../../../../shared/contract/services';
import type { Db } from '../../db/database';
import { latestVersion } from '../../db/database';
import type { Migration } from '../../db/migration';
import type { SecretPatch, SecretStore } from '../../secrets/secret-store';
import { migrateSettings, NewerSettingsError, SETTINGS_SCHEMA_VERSION } from '../../settings/settings-migrations';
import type { SettingsService } from '../../settings/settings-service';
import { commitTogether, type PendingChange } from '../../storage/commit-together';
import type { FeatureModule } from '../feature-module';
import { openSealedSecrets, sealSecrets } from './backup-crypto';
import { settingChanges } from './backup-preview';
import { countRows, exportTables, replaceTables } from './saved-tables';

export interface BackupFeatureDeps {
  readonly settings: Pick<SettingsService, 'get' | 'prepareReplace'>;
  readonly secrets: Pick<SecretStore, 'get' | 'prepare'>;
  /** medianest.db, or undefined when it cannot be used (`dataUnavailable` says why). */
  readonly dataDb: Db | undefined;
  readonly dataUnavailable?: string | undefined;
  /** medianest.db's migrations: a backup's data from a newer layout is refused. */
  readonly dataMigrations: readonly Migration[];
  readonly version: string;
  readonly publicSettings: (settings?: Settings) => PublicSettings;
  readonly now?: () => Date;
}

export type BackupFeature = FeatureModule<keyof typeof backupInvokes>;

const refuse = (message: string): AppError => new AppError('INVALID_PAYLOAD', message);

/** What a backup file holds, checked: its format, version, settings and data. */
interface ReadBackup {
  readonly file: BackupFile;
  readonly settings: Settings;
}

function readBackup(content: string, dataMigrations: readonly Migration[]): ReadBackup {
  let raw: unknown;
  try {
    raw = JSON.parse(content);
  } catch {
    throw refuse('This file is not a MediaNest backup (it is not JSON). Choose a file MediaNest saved with "Save a backup".');
  }
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== BACKUP_FORMAT) {
    throw refuse('This file is not a MediaNest backup. Choose a file MediaNest saved with "Save a backup".');
  }
  if (typeof head.version === 'number' && head.version > BACKUP_VERSION) {
    throw refuse(`This backup was made by a newer MediaNest (backup format ${head.version}; this version reads format ${BACKUP_VERSION}). Update MediaNest to restore it; nothing was changed.`);
  }
  const parsed = BackupFileSchema.safeParse(raw);
  if (!parsed.success) throw refuse(`This backup is damaged or incomplete (${describeIssues(parsed.error.issues)}); nothing was changed.`);
  const file = parsed.data;

  let data: Record<string, unknown>;
  try {
    data = migrateSettings(file.settings).data;
  } catch (error) {
    if (error instanceof NewerSettingsError) {
      throw refuse(`The settings in this backup come from a newer MediaNest (settings layout ${error.found}; this version knows ${error.known}). Update MediaNest to restore it; nothing was changed.`);
    }
    throw error;
  }
  // Strict: a backup is restored as it is or not at all, never repaired on the way in.
  const settings = SettingsSchema.safeParse({ ...data, install: {} });
  if (!settings.success) {
    const problems = settings.error.issues.slice(0, 3).map((issue) => `${settingLabel(issue.path)}: ${issue.message}`);
    throw refuse(`The settings in this backup are not valid (${problems.join('; ')}); nothing was changed.`);
  }
  const known = latestVersion(dataMigrations);
  if (file.data.schemaVersion > known) {
    throw refuse(`The saved data in this backup comes from a newer MediaNest (data layout ${file.data.schemaVersion}; this version knows ${known}). Update MediaNest to restore it; nothing was changed.`);
  }
  return { file, settings: settings.data };
}

/** The backup's secrets when they can be opened; `undefined` when it has none. */
async function readSecrets(file: BackupFile, passphrase: string | undefined): Promise<{ secrets: Partial<Record<SecretName, string>> | undefined; problem?: string }> {
  if (!file.secrets) return { secrets: undefined };
  if (!passphrase) return { secrets: undefined, problem: 'This backup holds tokens and API keys: type the passphrase it was saved with to restore it.' };
  const opened = await openSealedSecrets(file.secrets, passphrase);
  if (!opened) return { secrets: undefined, problem: 'The passphrase does not open the tokens and API keys in this backup: check it and try again.' };
  const secrets: Partial<Record<SecretName, string>> = {};
  for (const [name, value] of Object.entries(opened)) {
    if (!SecretNameSchema.safeParse(name).success || typeof value !== 'string') continue;
    const problem = secretValueProblem(value, secretLabel(name as SecretName));
    if (problem) throw refuse(`${problem} (in this backup); nothing was changed.`);
    secrets[name as SecretName] = value;
  }
  return { secrets };
}

export function createBackupFeature(deps: BackupFeatureDeps): BackupFeature {
  const now = deps.now ?? (() => new Date());
  const withoutInstall = ({ install: _install, ...rest }: Settings): Omit<Settings, 'install'> => rest;

  const requireData = (what: string): Db => {
    if (!deps.dataDb) throw new AppError('DATA_UNAVAILABLE', `${what}: ${deps.dataUnavailable ?? 'the saved data cannot be used right now.'}`);
    return deps.dataDb;
  };

  const preview = async (content: string, passphrase: string | undefined): Promise<BackupPreview & { readonly read: ReadBackup; readonly openedSecrets: Partial<Record<SecretName, string>> | undefined }> => {
    const read = readBackup(content, deps.dataMigrations);
    const db = requireData('This backup cannot be restored now');
    const { secrets, problem } = await readSecrets(read.file, passphrase);
    const secretLines = secretNames.flatMap((name) => {
      const savedNow = deps.secrets.get(name) !== undefined;
      const label = secretLabel(name);
      if (!read.file.secrets) return savedNow ? [{ label, outcome: 'kept as it is (the backup holds no tokens or API keys)' }] : [];
      if (!secrets) return [{ label, outcome: 'in the backup, sealed with its passphrase' }];
      if (secrets[name] !== undefined) return [{ label, outcome: savedNow ? 'replaced by the one in the backup' : 'set from the backup' }];
      return savedNow ? [{ label, outcome: 'removed (it was not saved when the backup was made)' }] : [];
    });
    const counts = countRows(db);
    const tables = new Set([...counts.keys()]);
    const notes = [
      ...(problem ? [problem] : []),
      ...Object.keys(read.file.data.tables)
        .filter((table) => !tables.has(table))
        .map((table) => `The backup's table "${table}" is not used by this version of MediaNest and will not be restored.`),
    ];
    return {
      createdAt: read.file.createdAt,
      appVersion: read.file.app.version,
      changes: settingChanges(withoutInstall(deps.settings.get()), withoutInstall(read.settings)),
      secrets: secretLines,
      needsPassphrase: problem !== undefined,
      data: [...tables].map((table) => ({ table, current: counts.get(table) ?? 0, backup: read.file.data.tables[table]?.length ?? 0 })),
      notes,
      read,
      openedSecrets: secrets,
    };
  };

  return {
    handlers: {
      'backup:export': async (request) => {
        const db = requireData('A backup cannot be made now');
        const created = now();
        const file: BackupFile = {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          createdAt: created.toISOString(),
          app: { name: 'MediaNest', version: deps.version },
          settings: { schemaVersion: SETTINGS_SCHEMA_VERSION, ...withoutInstall(deps.settings.get()) },
          data: exportTables(db),
        };
        if (request.includeSecrets) {
          const plain = Object.fromEntries(secretNames.flatMap((name) => {
            const value = deps.secrets.get(name);
            return value === undefined ? [] : [[name, value]];
          }));
          file.secrets = await sealSecrets(plain, request.passphrase);
        }
        return {
          fileName: `medianest-backup-${created.toISOString().slice(0, 10)}.json`,
          content: `${JSON.stringify(file, null, 2)}\n`,
          holdsSecrets: file.secrets !== undefined,
        };
      },
      'backup:inspect': async ({ content, passphrase }) => {
        const { read: _read, openedSecrets: _secrets, ...shown } = await preview(content, passphrase);
        return shown;
      },
      'backup:restore': async ({ content, passphrase }) => {
        const checked = await preview(content, passphrase);
        if (checked.needsPassphrase) throw refuse(checked.notes[0]!);
        const db = requireData('This backup cannot be restored now');
        const changes: PendingChange[] = [];
        if (checked.openedSecrets) {
          const patch: SecretPatch = Object.fromEntries(secretNames.map((name) => [name, checked.openedSecrets![name] ?? null]));
          changes.push(deps.secrets.prepare(patch));
        }
        const settings = deps.settings.prepareReplace(checked.read.settings);
        // The database commits last: the files before it can still be put back if it fails.
        changes.push(settings, replaceTables(db, checked.read.file.data));
        try {
          commitTogether(changes);
        } catch (error) {
          if (error instanceof AppError) throw error;
          throw new AppError('STORAGE_FAILED', 'The backup could not be restored (the saved data could not be written). Nothing was changed.', { cause: error });
        }
        return deps.publicSettings(settings.next);
      },
    },
    dispose: () => undefined,
  };
}
