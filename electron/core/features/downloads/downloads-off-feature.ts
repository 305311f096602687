/**
 * The downloads feature while medianest.db cannot be used: a queue MediaNest
 * could not keep would be lost at the next start, so nothing is queued. The
 * page still opens and says why; the tools are still listed.
 */
import type { downloadsInvokes, DownloadsOverview, ToolStatus } from '../../../../shared/contract/areas/downloads';
import { AppError } from '../../../../shared/contract/errors';
import type { FeatureModule } from '../feature-module';

export interface DownloadsOffDeps {
  /** Why medianest.db is off, as the store said it. */
  readonly reason: string;
  readonly tools?: () => Promise<readonly ToolStatus[]>;
}

type DownloadsChannel = keyof typeof downloadsInvokes;

export function createDownloadsOffFeature(deps: DownloadsOffDeps): FeatureModule<DownloadsChannel> {
  const message = `Downloads are off for now: ${deps.reason}`;
  const off = (): never => {
    throw new AppError('DATA_UNAVAILABLE', message);
  };
  const tools = async (): Promise<ToolStatus[]> => [...((await deps.tools?.()) ?? [])];
  const overview = async (): Promise<DownloadsOverview> => ({ jobs: [], tools: await tools(), paused: false, running: 0, queued: 0, unavailable: message, demoPlaylistUrl: null });
  const idle = { state: 'idle', managedVersion: null, message: null, checkedAt: null } as const;
  return {
    handlers: {
      'downloads:overview': overview,
      'downloads:add': off,
      'downloads:pause': off,
      'downloads:resume': off,
      'downloads:cancel': off,
      'downloads:retry': off,
      'downloads:remove': off,
      'downloads:pause-all': overview,
      'downloads:destinations': () => [],
      'downloads:tools': tools,
      'downloads:update-ytdlp': off,
      'downloads:update-state': () => idle,
      'downloads:import-cookies': off,
      'downloads:cookies': () => [],
      'downloads:remove-cookies': off,
    },
    dispose: () => undefined,
  };
}
