/**
 * The Overseerr feature while medianest.db cannot be used (written by a
 * newer MediaNest, or unreadable): search and details still work, but
 * nothing is requested, because a request MediaNest could not keep would be
 * lost. Every channel that needs the requests says why, in words.
 */
import { AppError } from '../../../../shared/contract/errors';
import type { Gateway } from '../../gateway/gateway';
import { quotaView, type OverseerrFeature } from './overseerr-feature';
import { createOverseerrClient } from './overseerr-client';
import type { PlexTitlesPort } from './plex-titles-port';
import { createTitleMemory, searchTitles, titleDetails } from './title-details';
import { DEFAULT_WEBHOOK_TEMPLATE, WANTED_NOTIFICATION_TYPES } from './webhook-template';

export interface RequestsOffDeps {
  readonly gateway: Pick<Gateway, 'call'>;
  readonly plex: PlexTitlesPort;
  /** Why medianest.db is off, as the store said it. */
  readonly reason: string;
}

export function createRequestsOffFeature(deps: RequestsOffDeps): Pick<OverseerrFeature, 'handlers' | 'start' | 'dispose'> {
  const client = createOverseerrClient(deps.gateway);
  const memory = createTitleMemory();
  // No requests are kept, so none is ever "already requested".
  const titles = { client, plex: deps.plex, store: { byMedia: () => [] } };
  const off = (): never => {
    throw new AppError('DATA_UNAVAILABLE', `Requests are off for now: ${deps.reason}`);
  };
  return {
    handlers: {
      'overseerr:search': ({ query, page }) => searchTitles(titles, memory, query, page),
      'overseerr:details': ({ mediaType, tmdbId }) => titleDetails(titles, memory, mediaType, tmdbId),
      'overseerr:request': off,
      'overseerr:requests': () => [],
      'overseerr:cancel': off,
      'overseerr:retry': off,
      'overseerr:refresh': () => [],
      'overseerr:quota': () => quotaView(client),
      'overseerr:webhook': () => ({
        enabled: false,
        listening: false,
        url: null,
        otherUrls: [],
        authorization: null,
        template: DEFAULT_WEBHOOK_TEMPLATE,
        types: [...WANTED_NOTIFICATION_TYPES],
        lastTestAt: null,
        lastDeliveryAt: null,
        problem: `The webhook is off while requests are: ${deps.reason}`,
      }),
      'overseerr:webhook-new-secret': off,
    },
    start: async () => undefined,
    dispose: () => undefined,
  };
}
