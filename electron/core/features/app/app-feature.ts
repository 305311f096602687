/**
 * The app area: `app:info`, what runs where.
 */
import { platform } from 'node:os';
import type { AppInfo, appInvokes } from '../../../../shared/contract/areas/app';
import { PRODUCT_NAME } from '../../app/data-paths';
import type { FeatureModule } from '../feature-module';

export interface AppFeatureDeps {
  readonly version: string;
  readonly mode: AppInfo['mode'];
  readonly profile: AppInfo['profile'];
  readonly dataDir: string;
  /** Problems found at start-up (a repaired settings file, say). */
  readonly warnings: readonly string[];
}

export type AppFeature = FeatureModule<keyof typeof appInvokes>;

export function createAppFeature(deps: AppFeatureDeps): AppFeature {
  return {
    handlers: {
      'app:info': () => ({
        name: PRODUCT_NAME,
        version: deps.version,
        mode: deps.mode,
        profile: deps.profile,
        platform: platform(),
        dataDir: deps.dataDir,
        warnings: [...deps.warnings],
      }),
    },
    dispose: () => undefined,
  };
}
