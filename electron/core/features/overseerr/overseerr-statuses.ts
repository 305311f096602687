/**
 * Overseerr's status codes, mapped to our own words.
 *
 * Overseerr 1.34: request 1 PENDING, 2 APPROVED, 3 DECLINED, 4 FAILED; media
 * 1 UNKNOWN, 2 PENDING, 3 PROCESSING, 4 PARTIALLY_AVAILABLE, 5 AVAILABLE.
 * Seerr v3 adds request 5 COMPLETED and media 6 BLOCKLISTED, 7 DELETED
 * (Jellyseerr has 6 BLACKLISTED). A code we do not know is kept and shown as
 * "unknown status N", never a failure: a newer server must not break us.
 */
export const REQUEST_STATUS = { PENDING: 1, APPROVED: 2, DECLINED: 3, FAILED: 4, COMPLETED: 5 } as const;
export const MEDIA_STATUS = { UNKNOWN: 1, PENDING: 2, PROCESSING: 3, PARTIALLY_AVAILABLE: 4, AVAILABLE: 5 } as const;

/** Where a title stands as far as Overseerr says, in our words. */
export type Availability = 'none' | 'pending' | 'processing' | 'partially-available' | 'available';

/** A request's state once Overseerr has it (the outbox adds "waiting to send" and "not sent"). */
export type UpstreamRequestState = 'pending' | 'approved' | 'declined' | 'failed' | 'processing' | 'partially-available' | 'available' | 'unknown';

export interface Mapped<T> {
  readonly value: T;
  /** The code when we do not know it, so the words can say which. */
  readonly unknownCode: number | null;
}

const known = <T>(value: T): Mapped<T> => ({ value, unknownCode: null });

/** A media status code as availability; unknown codes (Seerr's 6 and 7, anything newer) stay visible. */
export function mediaAvailability(code: number | null | undefined): Mapped<Availability | 'unknown'> {
  switch (code) {
    case undefined:
    case null:
    case MEDIA_STATUS.UNKNOWN:
      return known('none');
    case MEDIA_STATUS.PENDING:
      return known('pending');
    case MEDIA_STATUS.PROCESSING:
      return known('processing');
    case MEDIA_STATUS.PARTIALLY_AVAILABLE:
      return known('partially-available');
    case MEDIA_STATUS.AVAILABLE:
      return known('available');
    default:
      return { value: 'unknown', unknownCode: code };
  }
}

/**
 * A request's state from its own status and its media's: declined and failed
 * are the request's; progress (processing, available) is the media's, since
 * Overseerr keeps an approved request "approved" while Radarr or Sonarr work.
 */
export function requestState(requestStatus: number, mediaStatus: number | null | undefined): Mapped<UpstreamRequestState> {
  switch (requestStatus) {
    case REQUEST_STATUS.DECLINED:
      return known('declined');
    case REQUEST_STATUS.FAILED:
      return known('failed');
    case REQUEST_STATUS.PENDING:
    case REQUEST_STATUS.APPROVED:
    case REQUEST_STATUS.COMPLETED:
      break;
    default:
      return { value: 'unknown', unknownCode: requestStatus };
  }
  const media = mediaAvailability(mediaStatus);
  if (media.value === 'unknown') return { value: 'unknown', unknownCode: media.unknownCode };
  if (media.value === 'available' || media.value === 'partially-available' || media.value === 'processing') return known(media.value);
  if (requestStatus === REQUEST_STATUS.COMPLETED) return known('available');
  return known(requestStatus === REQUEST_STATUS.PENDING ? 'pending' : 'approved');
}

/** The media status name Overseerr puts in webhooks (`"AVAILABLE"`), as a code; undefined when unknown. */
export function mediaStatusFromName(name: string): number | undefined {
  return (MEDIA_STATUS as Readonly<Record<string, number>>)[name];
}
