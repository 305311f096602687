/**
 * Upgrades a stored settings object to the current layout, one version at a time.
 *
 * The stored object carries `schemaVersion`. Both hosts read and write the
 * same file through the same code, so they upgrade it the same way.
 */
export const SETTINGS_SCHEMA_VERSION = 3;

export interface SettingsMigration {
  /** The version this migration produces. */
  readonly to: number;
  readonly up: (data: Record<string, unknown>) => Record<string, unknown>;
}

export const settingsMigrations: readonly SettingsMigration[] = [
  {
    // 0.0.x previews stored a flat `plexUrl` / `overseerrUrl`; they became service entries.
    to: 2,
    up: (data) => {
      const { plexUrl, overseerrUrl, ...rest } = data as { plexUrl?: unknown; overseerrUrl?: unknown; services?: unknown };
      const services = { ...((rest.services as Record<string, unknown> | undefined) ?? {}) };
      if (typeof plexUrl === 'string' && services.plex === undefined) services.plex = { enabled: plexUrl !== '', baseUrl: plexUrl };
      if (typeof overseerrUrl === 'string' && services.overseerr === undefined) services.overseerr = { enabled: overseerrUrl !== '', baseUrl: overseerrUrl };
      return Object.keys(services).length > 0 ? { ...rest, services } : rest;
    },
  },
  {
    // Each service's probe now knows its own paths (it checks the program, then the credential), so a health path is no setting.
    to: 3,
    up: (data) => {
      const services = data.services;
      if (!isRecord(services)) return data;
      const next = Object.fromEntries(
        Object.entries(services).map(([name, block]) => {
          if (!isRecord(block) || !isRecord(block.tuning) || !isRecord(block.tuning.health) || !('path' in block.tuning.health)) return [name, block];
          const { path: _path, ...health } = block.tuning.health;
          return [name, { ...block, tuning: { ...block.tuning, health } }];
        }),
      );
      return { ...data, services: next };
    },
  },
];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The file was written by a newer MediaNest: its layout is above the one this version knows. */
export class NewerSettingsError extends Error {
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`The settings file was written by a newer MediaNest (layout ${found}, this version knows ${known}).`);
    this.name = 'NewerSettingsError';
  }
}

export interface MigrationOutcome {
  readonly data: Record<string, unknown>;
  readonly from: number;
  readonly to: number;
}

export function migrateSettings(
  raw: Record<string, unknown>,
  migrations: readonly SettingsMigration[] = settingsMigrations,
  target = SETTINGS_SCHEMA_VERSION,
): MigrationOutcome {
  const { schemaVersion, ...data } = raw;
  const from = typeof schemaVersion === 'number' && Number.isInteger(schemaVersion) ? schemaVersion : 1;
  if (from > target) {
    throw new NewerSettingsError(from, target);
  }
  let current = data;
  for (const migration of [...migrations].sort((a, b) => a.to - b.to)) {
    if (migration.to > from && migration.to <= target) current = migration.up(current);
  }
  return { data: current, from, to: target };
}
