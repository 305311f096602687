/**
 * Backup (Settings → About).
 *
 * A backup is one JSON file with what cannot be rebuilt: the settings, the
 * rows of medianest.db and, only when the user asks, the tokens and API keys,
 * encrypted with a passphrase they choose (the window never sees a secret,
 * not even to save it). Restoring is two steps: `backup:inspect` says what
 * would be replaced, `backup:restore` does it, whole or not at all.
 */
import { z } from 'zod';
import { invoke } from '../definitions';
import { PublicSettingsSchema } from './settings';

export const BACKUP_FORMAT = 'medianest-backup';
/** The layout of the file this version writes; a file with a higher one is refused in words. */
export const BACKUP_VERSION = 1;
/** A backup travels in one message: well under the 1 MiB a WebSocket frame may carry. */
export const MAX_BACKUP_CHARS = 900_000;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/).max(MAX_BACKUP_CHARS);

/** The secrets, encrypted: scrypt turns the passphrase into an AES-256-GCM key. */
export const SealedSecretsSchema = z
  .object({
    cipher: z.literal('aes-256-gcm'),
    kdf: z.object({ name: z.literal('scrypt'), n: z.number().int().min(1024).max(1_048_576), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16) }).strict(),
    salt: Base64,
    iv: Base64,
    tag: Base64,
    data: Base64,
  })
  .strict();
export type SealedSecrets = z.infer<typeof SealedSecretsSchema>;

/** A table's rows, as plain JSON values. */
const RowSchema = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

/** Everything but the format and version is checked once those two are known to be ours. */
export const BackupFileSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.number().int().min(1),
    createdAt: z.string().max(64),
    app: z.object({ name: z.string().max(64), version: z.string().max(64) }).strict(),
    /** As settings.json holds them (with their `schemaVersion`), without the install's own facts. */
    settings: z.record(z.string(), z.unknown()),
    /** medianest.db's tables at `schemaVersion`. */
    data: z
      .object({ schemaVersion: z.number().int().min(0), tables: z.record(z.string().max(64), z.array(RowSchema).max(100_000)) })
      .strict(),
    secrets: SealedSecretsSchema.optional(),
  })
  .strict();
export type BackupFile = z.infer<typeof BackupFileSchema>;

const Passphrase = z.string().min(8, 'Use a passphrase of at least 8 characters').max(1024);

export const BackupExportRequestSchema = z.discriminatedUnion('includeSecrets', [
  z.object({ includeSecrets: z.literal(false) }).strict(),
  z.object({ includeSecrets: z.literal(true), passphrase: Passphrase }).strict(),
]);

export const BackupExportSchema = z.object({
  /** A name to save it under, e.g. `medianest-backup-2026-12-01.json`. */
  fileName: z.string(),
  content: z.string(),
  /** Whether the file holds the tokens and API keys (encrypted). */
  holdsSecrets: z.boolean(),
});
export type BackupExport = z.infer<typeof BackupExportSchema>;

export const BackupContentRequestSchema = z
  .object({
    content: z.string().max(MAX_BACKUP_CHARS, 'This file is too large to be a MediaNest backup'),
    /** Needed when the backup holds secrets. */
    passphrase: z.string().max(1024).optional(),
  })
  .strict();

/** One setting that restoring would change, as the form labels it. */
export const BackupChangeSchema = z.object({ label: z.string(), current: z.string(), backup: z.string() });

export const BackupPreviewSchema = z.object({
  createdAt: z.string(),
  appVersion: z.string(),
  /** Settings the backup would change (empty: it holds the same settings). */
  changes: z.array(BackupChangeSchema),
  /** What happens to each token and API key, in words ("replaced by the one in the backup"). */
  secrets: z.array(z.object({ label: z.string(), outcome: z.string() })),
  /** The backup holds secrets and no (or a wrong) passphrase was given. */
  needsPassphrase: z.boolean(),
  /** Each table of saved data: its rows now and in the backup. */
  data: z.array(z.object({ table: z.string(), current: z.number().int(), backup: z.number().int() })),
  /** Sentences the user should read before restoring (a wrong passphrase, data that cannot be restored here). */
  notes: z.array(z.string()),
});
export type BackupPreview = z.infer<typeof BackupPreviewSchema>;

export const backupInvokes = {
  'backup:export': invoke(BackupExportRequestSchema, BackupExportSchema),
  'backup:inspect': invoke(BackupContentRequestSchema, BackupPreviewSchema),
  'backup:restore': invoke(BackupContentRequestSchema, PublicSettingsSchema),
} as const;
