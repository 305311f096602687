/**
 * The Settings form as flat fields, and the patch that sends only what changed.
 *
 * The form keeps the user's edits apart from the saved settings and shows
 * `{ ...saved, ...edits }`, so a `settings:changed` event updates every field
 * the user has not touched and leaves the ones they have alone.
 */
import type { PublicSettings, SettingsPatch } from '../../../../shared/contract/areas/settings';

type DownloadsSettings = PublicSettings['downloads'];
/** A folder as Plex sees it and as this computer does; rows may be half typed while editing. */
export type PathMapping = DownloadsSettings['pathMappings'][number];
import {
  secretNames,
  serviceNames,
  upstreamsOf,
  type SecretName,
  textFieldsOf,
  type ServiceAddressField,
  type ServiceName,
  type ServiceTextField,
} from '../../../../shared/contract/services';
import { normalizeAddressInput } from '../../ui/format/address';

type ServiceFieldValues = { [S in ServiceName as `${S}.enabled`]: boolean } & { [S in ServiceName as `${S}.${ServiceAddressField<S>}`]: string } & {
  [S in ServiceName as `${S}.${ServiceTextField<S>}`]: string;
};

export type FieldValues = ServiceFieldValues & {
  'general.closeToTray': boolean;
  'general.startMinimized': boolean;
  'general.startAtLogin': boolean;
  'notifications.enabled': boolean;
  'notifications.down': boolean;
  'notifications.up': boolean;
  'notifications.holdWhilePlaying': boolean;
  /** Typed as text; sent as a number. */
  'notifications.probesToConfirm': string;
  'notifications.quietHours.enabled': boolean;
  'notifications.quietHours.start': string;
  'notifications.quietHours.end': string;
  'uptime-kuma.pollSeconds': string;
  'downloads.folder': string;
  'downloads.sectionKey': string;
  /** Typed as text; sent as a number. */
  'downloads.maxConcurrent': string;
  'downloads.quality': DownloadsSettings['quality'];
  'downloads.rateLimit': string;
  'downloads.stagingFolder': string;
  'downloads.pathMappings': readonly PathMapping[];
  'downloads.ytdlpPath': string;
  'downloads.releaseUrl': string;
  'downloads.autoUpdate': boolean;
  'downloads.windowsSafeNames': boolean;
  /** Typed as text; sent as a number. */
  'downloads.maxRetries': string;
};
export type FieldId = keyof FieldValues;

export interface ServiceFieldIds {
  readonly enabled: FieldId;
  /** One per upstream. */
  readonly addresses: readonly FieldId[];
  /** The service's other text settings. */
  readonly texts: readonly FieldId[];
  /** All of the above. */
  readonly all: readonly FieldId[];
}

/** A service's on/off field, one address field per upstream and its text fields, in table order. */
export function serviceFieldIds(service: ServiceName): ServiceFieldIds {
  const enabled: FieldId = `${service}.enabled`;
  const addresses = upstreamsOf(service).map((upstream) => `${service}.${upstream.addressField}` as FieldId);
  const texts = textFieldsOf(service).map(({ field }) => `${service}.${field}` as FieldId);
  return { enabled, addresses, texts, all: [enabled, ...addresses, ...texts] };
}

/** What the user typed into the write-only secret inputs; null: clear the saved one on Save. */
export type SecretInputs = Partial<Record<SecretName, string | null>>;

/** `plex.baseUrl` → its service and settings field. */
function splitServiceField(id: string): [ServiceName, string] {
  const dot = id.indexOf('.');
  return [id.slice(0, dot) as ServiceName, id.slice(dot + 1)];
}

export function fieldValuesFromSettings(settings: PublicSettings): FieldValues {
  const values: Record<string, unknown> = {
    'general.closeToTray': settings.general.closeToTray,
    'general.startMinimized': settings.general.startMinimized,
    'general.startAtLogin': settings.general.startAtLogin,
    'notifications.enabled': settings.notifications.enabled,
    'notifications.down': settings.notifications.down,
    'notifications.up': settings.notifications.up,
    'notifications.holdWhilePlaying': settings.notifications.holdWhilePlaying,
    'notifications.probesToConfirm': String(settings.notifications.probesToConfirm),
    'notifications.quietHours.enabled': settings.notifications.quietHours.enabled,
    'notifications.quietHours.start': settings.notifications.quietHours.start,
    'notifications.quietHours.end': settings.notifications.quietHours.end,
    'uptime-kuma.pollSeconds': String(settings.services['uptime-kuma'].pollSeconds),
    'downloads.folder': settings.downloads.folder,
    'downloads.sectionKey': settings.downloads.sectionKey,
    'downloads.maxConcurrent': String(settings.downloads.maxConcurrent),
    'downloads.quality': settings.downloads.quality,
    'downloads.rateLimit': settings.downloads.rateLimit,
    'downloads.stagingFolder': settings.downloads.stagingFolder,
    'downloads.pathMappings': settings.downloads.pathMappings,
    'downloads.ytdlpPath': settings.downloads.ytdlpPath,
    'downloads.releaseUrl': settings.downloads.releaseUrl,
    'downloads.autoUpdate': settings.downloads.autoUpdate,
    'downloads.windowsSafeNames': settings.downloads.windowsSafeNames,
    'downloads.maxRetries': String(settings.downloads.maxRetries),
  };
  for (const service of serviceNames) {
    const block = settings.services[service] as Readonly<Record<string, unknown>>;
    for (const id of serviceFieldIds(service).all) values[id] = block[splitServiceField(id)[1]];
  }
  return values as FieldValues;
}

const addressFields = new Set<string>(serviceNames.flatMap((service) => serviceFieldIds(service).addresses));

/** True for the fields that hold a service address. */
export function isAddressField(id: FieldId): boolean {
  return addressFields.has(id);
}

/** Equal values; path mappings are compared by content, not by array identity. */
function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** A typed number; what is not one goes to the core as is, which names the field in its error. */
function typedNumber(text: string): number {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : (trimmed as unknown as number);
}

/** A secret as it will be sent: pasted tokens often carry a stray space or newline. */
export function normalizeSecret(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** Only the fields whose edit differs from the saved value, plus any typed secret and any staged clear. */
export function buildSettingsPatch(saved: FieldValues, edits: Partial<FieldValues>, secrets: SecretInputs): SettingsPatch {
  const changed = <K extends FieldId>(id: K): FieldValues[K] | undefined => {
    const value = edits[id] as FieldValues[K] | undefined;
    return value !== undefined && !sameValue(value, saved[id]) ? value : undefined;
  };
  const patch: SettingsPatch = {};

  const services: Record<string, Record<string, unknown>> = {};
  for (const service of serviceNames) {
    for (const id of serviceFieldIds(service).all) {
      const edited = changed(id);
      // Submitting with Enter skips the field's blur, which is where the scheme is added.
      const value = typeof edited === 'string' && isAddressField(id) ? normalizeAddressInput(edited) : edited;
      if (value === undefined || value === saved[id]) continue;
      const [, field] = splitServiceField(id);
      (services[service] ??= {})[field] = value;
    }
  }
  const pollSeconds = changed('uptime-kuma.pollSeconds');
  if (pollSeconds !== undefined) (services['uptime-kuma'] ??= {}).pollSeconds = typedNumber(pollSeconds);
  if (Object.keys(services).length > 0) patch.services = services as SettingsPatch['services'];

  const general: NonNullable<SettingsPatch['general']> = {};
  for (const key of ['closeToTray', 'startMinimized', 'startAtLogin'] as const) {
    const value = changed(`general.${key}`);
    if (value !== undefined) general[key] = value;
  }
  if (Object.keys(general).length > 0) patch.general = general;

  const notifications: NonNullable<SettingsPatch['notifications']> = {};
  for (const key of ['enabled', 'down', 'up', 'holdWhilePlaying'] as const) {
    const value = changed(`notifications.${key}`);
    if (value !== undefined) notifications[key] = value;
  }
  const probes = changed('notifications.probesToConfirm');
  if (probes !== undefined) notifications.probesToConfirm = typedNumber(probes);
  const quiet = (['enabled', 'start', 'end'] as const).some((key) => changed(`notifications.quietHours.${key}`) !== undefined);
  // quietHours is replaced whole, so any change sends all three.
  if (quiet) {
    const value = <K extends FieldId>(id: K): FieldValues[K] => (edits[id] as FieldValues[K] | undefined) ?? saved[id];
    notifications.quietHours = {
      enabled: value('notifications.quietHours.enabled'),
      start: value('notifications.quietHours.start').trim(),
      end: value('notifications.quietHours.end').trim(),
    };
  }
  if (Object.keys(notifications).length > 0) patch.notifications = notifications;

  const downloads: Record<string, unknown> = {};
  for (const key of ['folder', 'sectionKey', 'quality', 'rateLimit', 'stagingFolder', 'ytdlpPath', 'autoUpdate', 'windowsSafeNames'] as const) {
    const value = changed(`downloads.${key}`);
    if (value !== undefined) downloads[key] = typeof value === 'string' ? value.trim() : value;
  }
  const releaseUrl = changed('downloads.releaseUrl');
  if (releaseUrl !== undefined) downloads.releaseUrl = normalizeAddressInput(releaseUrl);
  for (const key of ['maxConcurrent', 'maxRetries'] as const) {
    const value = changed(`downloads.${key}`);
    if (value !== undefined) downloads[key] = typedNumber(value);
  }
  const mappings = changed('downloads.pathMappings');
  // Replaced whole; a row left completely empty is one the user added and never filled.
  if (mappings !== undefined) downloads.pathMappings = mappings.map((row) => ({ plexPath: row.plexPath.trim(), localPath: row.localPath.trim() })).filter((row) => row.plexPath !== '' || row.localPath !== '');
  if (Object.keys(downloads).length > 0) patch.downloads = downloads as SettingsPatch['downloads'];

  const secretPatch: NonNullable<SettingsPatch['secrets']> = {};
  for (const name of secretNames) {
    if (secrets[name] === null) {
      secretPatch[name] = null;
      continue;
    }
    const value = normalizeSecret(secrets[name]);
    if (value !== undefined) secretPatch[name] = value;
  }
  if (Object.keys(secretPatch).length > 0) patch.secrets = secretPatch;

  return patch;
}

export function isEmptyPatch(patch: SettingsPatch): boolean {
  return Object.keys(patch).length === 0;
}

/** Edits still worth keeping after a save: those the user changed again while it was in flight. */
export function editsAfterSave(current: Partial<FieldValues>, sent: Partial<FieldValues>): Partial<FieldValues> {
  const kept: Partial<Record<FieldId, unknown>> = {};
  for (const id of Object.keys(current) as FieldId[]) {
    if (current[id] !== sent[id]) kept[id] = current[id];
  }
  return kept as Partial<FieldValues>;
}
