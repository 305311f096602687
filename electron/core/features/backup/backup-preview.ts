/**
 * What restoring a backup would change, in the form's words: each setting
 * whose value differs ("Plex address: http://a → http://b"), never a schema path.
 */
import type { Settings } from '../../../../shared/contract/areas/settings';
import { settingLabel } from '../../../../shared/contract/setting-labels';

export interface SettingChange {
  readonly label: string;
  readonly current: string;
  readonly backup: string;
}

function words(value: unknown): string {
  if (value === true) return 'on';
  if (value === false) return 'off';
  if (value === '' || value === undefined) return '(empty)';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

/** Leaf values by path; tuning stays one value (it is edited, and shown, as a whole). */
function leaves(value: unknown, path: readonly string[], out: Map<string, { path: readonly string[]; value: unknown }>): void {
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && path.at(-1) !== 'tuning') {
    for (const [key, child] of Object.entries(value)) leaves(child, [...path, key], out);
    return;
  }
  out.set(path.join('.'), { path, value });
}

export function settingChanges(current: Omit<Settings, 'install'>, backup: Omit<Settings, 'install'>): SettingChange[] {
  const now = new Map<string, { path: readonly string[]; value: unknown }>();
  const then = new Map<string, { path: readonly string[]; value: unknown }>();
  leaves(current, [], now);
  leaves(backup, [], then);
  const changes: SettingChange[] = [];
  for (const [key, { path, value }] of then) {
    const before = now.get(key)?.value;
    if (JSON.stringify(before) !== JSON.stringify(value)) changes.push({ label: settingLabel(path), current: words(before), backup: words(value) });
  }
  return changes;
}
