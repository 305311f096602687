/**
 * The settings' paths as the forms label them ("services.plex.baseUrl" →
 * "Plex address"), so an error names the field the user sees, never a path.
 * The words are the contract's (shared/contract/setting-labels.ts), which the
 * core's repair warnings and backup previews use too.
 */
import { addressLabel, settingLabel } from '../../../shared/contract/setting-labels';

export { addressLabel };

/** The label for a settings path, or null when no form shows it. */
export function fieldLabel(path: string): string | null {
  const label = settingLabel(path.split('.'));
  return label === path ? null : label;
}
