/**
 * The settings area: `settings:get`, `settings:update` and `settings:changed`.
 *
 * Secrets arrive write-only in an update and leave only as presence flags
 * (`PublicSettings.secrets`), so no value ever goes back to the renderer.
 */
import type { PublicSettings, Settings, settingsInvokes } from '../../../../shared/contract/areas/settings';
import { secretNames, type SecretName } from '../../../../shared/contract/services';
import type { Profile } from '../../app/data-paths';
import type { CoreEvents } from '../../events/core-events';
import type { EventBus } from '../../events/event-bus';
import type { SecretStore } from '../../secrets/secret-store';
import type { SettingsService } from '../../settings/settings-service';
import type { FeatureModule } from '../feature-module';

export interface SettingsFeatureDeps {
  readonly settings: Pick<SettingsService, 'get' | 'update' | 'onChange'>;
  readonly secrets: Pick<SecretStore, 'has' | 'set' | 'delete'>;
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
        for (const [name, value] of Object.entries(secretPatch ?? {}) as [SecretName, string | null | undefined][]) {
          if (value === null) secrets.delete(name);
          else if (value !== undefined) secrets.set(name, value);
        }
        // Always go through update so `settings:changed` fires, also for a secrets-only change.
        return publicSettings(settings.update(rest));
      },
    },
    dispose: () => {
      stopForwarding();
    },
  };
}
