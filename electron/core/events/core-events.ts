/**
 * The core's event map. Some of these are forwarded to the renderer through the
 * contract's `events` (same name, validated); the rest stay inside the core.
 */
import type { ServiceHealth } from '../../../shared/contract/areas/health';
import type { OverseerrEventPayloads } from '../../../shared/contract/areas/overseerr';
import type { PublicSettings } from '../../../shared/contract/areas/settings';
import type { ServiceName } from '../../../shared/contract/services';
import type { SerializedError } from '../../../shared/contract/errors';

export interface CoreEvents extends OverseerrEventPayloads {
  'settings:changed': PublicSettings;
  'service:up': { readonly service: ServiceName; readonly at: number };
  'service:down': { readonly service: ServiceName; readonly at: number; readonly error: string | null };
  'service:auth-failed': { readonly service: ServiceName; readonly status: number; readonly at: number };
  'health:changed': ServiceHealth;
  'media:requested': { readonly mediaType: 'movie' | 'tv'; readonly tmdbId: number; readonly title: string };
  'media:available': { readonly mediaType: 'movie' | 'tv'; readonly tmdbId: number; readonly title: string };
  'download:started': { readonly id: string; readonly url: string };
  'download:progress': { readonly id: string; readonly percent: number | null; readonly downloadedBytes: number; readonly totalBytes: number | null; readonly speed: number | null; readonly eta: number | null };
  'download:completed': { readonly id: string; readonly file: string };
  'download:failed': { readonly id: string; readonly error: SerializedError };
}
