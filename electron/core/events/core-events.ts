/**
 * The core's one event map. Events that reach the renderer are the contract's
 * (shared/contract/events.ts) and are typed from their schemas here, so the two
 * cannot drift apart; events that stay inside the core (for the tray,
 * notifications and features) are declared beside them.
 */
import type { HealthCheckResult } from '../../../shared/contract/areas/health';
import type { EventChannel, EventPayload } from '../../../shared/contract/events';
import type { SerializedError } from '../../../shared/contract/errors';
import type { ServiceName, UpstreamId } from '../../../shared/contract/services';

/** The contract's events, as the core emits them. */
export type RendererEvents = { readonly [C in EventChannel]: EventPayload<C> };

/** Which upstream, and the service it belongs to. */
interface UpstreamRef {
  readonly upstream: UpstreamId;
  readonly service: ServiceName;
}

/** Events for the core's own listeners; never forwarded to the renderer. */
export interface CoreOnlyEvents {
  /** The health monitor's debounced verdict (`probesToChange` probes agree). */
  'service:up': UpstreamRef & { readonly at: number };
  'service:down': UpstreamRef & { readonly at: number; readonly error: string | null };
  /** The gateway saw credentials rejected; once per transition. */
  'service:auth-failed': UpstreamRef & { readonly status: number; readonly at: number };
  /** Every probe's result (after it is stored), changed or not: what the alert policy counts. */
  'health:probed': HealthCheckResult;
  'media:requested': { readonly mediaType: 'movie' | 'tv'; readonly tmdbId: number; readonly title: string };
  'media:available': { readonly mediaType: 'movie' | 'tv'; readonly tmdbId: number; readonly title: string };
  'download:started': { readonly id: string; readonly url: string };
  'download:progress': {
    readonly id: string;
    readonly percent: number | null;
    readonly downloadedBytes: number;
    readonly totalBytes: number | null;
    readonly speed: number | null;
    readonly eta: number | null;
  };
  'download:completed': { readonly id: string; readonly file: string };
  'download:failed': { readonly id: string; readonly error: SerializedError };
}

export type CoreEvents = RendererEvents & CoreOnlyEvents;
