/**
 * The settings area: `settings:get`, `settings:update` and `settings:changed`.
 *
 * Secrets arrive write-only in an update and leave only as presence flags
 * (`PublicSettings.secrets`), so no value ever goes back to the renderer.
 */
import type { PublicSettings, Settings, settingsInvokes } from '../../../../shared/contract/areas/settings';
import { AppError } from '../../../../shared/contract/errors';
import { secretNames } from '../../../../shared/contract/services';
import type { Profile } from '../../app/data-paths';
import type { CoreEvents } from '../../events/core-events';
import type { EventBus } from '../../events/event-bus';
import type { SecretStore } from '../../secrets/secret-store';
import type { SettingsService } from '../../settings/settings-service';
import { commitTogether } from '../../storage/commit-together';
import type { FeatureModule } from '../feature-module';

export interface SettingsFeatureDeps {
  readonly settings: Pick<SettingsService, 'get' | 'prepare' | 'onChange'>;
  readonly secrets: Pick<SecretStore, 'has' | 'prepare'>;
  readonly profile: Profile;
  readonly bus: Pick<EventBus<CoreEvents>, 'emit'>;
}

export interface SettingsFeature extends FeatureModule<keyof typeof settingsInvokes> {
  /** Settings as the renderer may see them: which secrets are set, never their values. */
  publicSettings(settings?: Settings): PublicSettings;
}

export function createSettingsFeature(deps: SettingsFeatureDeps): SettingsFeature {
  const { settings, secrets } = deps;
  // Install facts (the Plex client identifier) stay in the core: they are not the user's settings.
  const publicSettings = ({ install: _install, ...value }: Settings = settings.get()): PublicSettings => ({
    ...value,
    secrets: Object.fromEntries(secretNames.map((name) => [name, secrets.has(name)])) as PublicSettings['secrets'],
    profile: deps.profile,
  });
  const stopForwarding = settings.onChange((next) => deps.bus.emit('settings:changed', publicSettings(next)));

  return {
    publicSettings,
    handlers: {
      'settings:get': () => publicSettings(),
      'settings:update': (patch) => {
        const { secrets: secretPatch, ...rest } = patch;
        // Settings and secrets land together or not at all; the settings part is
        // always written, so `settings:changed` fires for a secrets-only change too.
        const change = settings.prepare(rest);
        try {
          const secretChange = secretPatch && Object.keys(secretPatch).length > 0 ? [secrets.prepare(secretPatch)] : [];
          commitTogether([...secretChange, change]);
        } catch (error) {
          if (error instanceof AppError) throw error;
          throw new AppError('STORAGE_FAILED', 'Settings could not be saved (a file could not be written). Nothing was changed.', { cause: error });
        }
        return publicSettings(change.next);
      },
    },
    dispose: () => {
      stopForwarding();
    },
  };
}
