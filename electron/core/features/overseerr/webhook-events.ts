/**
 * What a webhook delivery means for the tracked requests. Deliveries are
 * applied as facts ("request 7 is approved", "its media is available"), so a
 * repeated delivery finds nothing left to change. A late delivery never
 * moves a title backwards (an APPROVED that arrives after AVAILABLE keeps it
 * available); reconciliation, which reads Overseerr itself, settles the rest.
 */
import { MEDIA_STATUS, mediaStatusFromName, REQUEST_STATUS } from './overseerr-statuses';
import type { RequestsStore, StateChange, StoredRequest } from './requests-store';
import type { HandledType, WebhookPayload } from './webhook-payload';

const REQUEST_STATUS_OF: Partial<Record<HandledType, number>> = {
  MEDIA_PENDING: REQUEST_STATUS.PENDING,
  MEDIA_APPROVED: REQUEST_STATUS.APPROVED,
  MEDIA_AUTO_APPROVED: REQUEST_STATUS.APPROVED,
  MEDIA_DECLINED: REQUEST_STATUS.DECLINED,
  MEDIA_FAILED: REQUEST_STATUS.FAILED,
};

const isKnownMedia = (code: number | null | undefined): code is number => typeof code === 'number' && code >= MEDIA_STATUS.UNKNOWN && code <= MEDIA_STATUS.AVAILABLE;

/** The tracked requests a delivery is about: by Overseerr's request id, else every one for that title. */
export function webhookTargets(store: RequestsStore, payload: WebhookPayload): StoredRequest[] {
  const requestId = Number(payload.request?.request_id || Number.NaN);
  if (Number.isInteger(requestId)) {
    const tracked = store.byOverseerrId(requestId);
    if (tracked) return [tracked];
  }
  const media = payload.media;
  const tmdbId = Number(media?.tmdbId || Number.NaN);
  if (!media || media.media_type === '' || !Number.isInteger(tmdbId)) return [];
  const is4k = (payload.event ?? '').startsWith('4K ');
  return store.byMedia(media.media_type, tmdbId).filter((request) => request.phase === 'sent' && request.is4k === is4k);
}

/** Applies a media delivery to one request; the change, if the store knows it. */
export function applyDelivery(store: RequestsStore, request: StoredRequest, type: HandledType, payload: WebhookPayload, now: number): StateChange | undefined {
  const named = mediaStatusFromName((request.is4k ? payload.media?.status4k : payload.media?.status) ?? '');
  let mediaStatus: number | null = type === 'MEDIA_AVAILABLE' ? Math.max(named ?? MEDIA_STATUS.AVAILABLE, MEDIA_STATUS.PARTIALLY_AVAILABLE) : (named ?? request.mediaStatus);
  // Never backwards: a late delivery must not undo a newer state.
  if (isKnownMedia(mediaStatus) && isKnownMedia(request.mediaStatus) && mediaStatus < request.mediaStatus) mediaStatus = request.mediaStatus;
  let requestStatus = REQUEST_STATUS_OF[type] ?? request.requestStatus ?? REQUEST_STATUS.APPROVED;
  if (requestStatus === REQUEST_STATUS.PENDING && request.requestStatus !== null && request.requestStatus !== REQUEST_STATUS.PENDING) requestStatus = request.requestStatus;
  // An available title's pending request is approved (Overseerr does the same).
  if (type === 'MEDIA_AVAILABLE' && requestStatus === REQUEST_STATUS.PENDING) requestStatus = REQUEST_STATUS.APPROVED;
  return store.applyUpstream(request.id, { requestStatus, mediaStatus }, now);
}
