/**
 * Requests and titles in words and tones: every state as colour, icon and word.
 */
import { CircleCheck, CircleDashed, CircleHelp, Clock, CloudUpload, LoaderCircle, OctagonAlert, Trash2, X, type LucideIcon } from 'lucide-react';
import type { Availability, RequestState, RequestView, SearchResult } from '../../../../shared/contract/areas/overseerr';
import type { Tone } from '../../ui/status-chip';

export const stateTones: Record<RequestState, { readonly tone: Tone; readonly icon: LucideIcon }> = {
  waiting: { tone: 'info', icon: CloudUpload },
  refused: { tone: 'danger', icon: OctagonAlert },
  removed: { tone: 'neutral', icon: Trash2 },
  pending: { tone: 'warn', icon: Clock },
  approved: { tone: 'accent', icon: CircleCheck },
  declined: { tone: 'danger', icon: X },
  failed: { tone: 'danger', icon: OctagonAlert },
  processing: { tone: 'progress', icon: LoaderCircle },
  'partially-available': { tone: 'ok', icon: CircleDashed },
  available: { tone: 'ok', icon: CircleCheck },
  unknown: { tone: 'neutral', icon: CircleHelp },
};

export const availabilityTones: Record<Exclude<Availability, 'none'>, Tone> = {
  pending: 'warn',
  processing: 'progress',
  'partially-available': 'ok',
  available: 'ok',
  unknown: 'neutral',
};

/** "Seasons 1, 2", "Every season", "Film". */
export function requestWhat(request: Pick<RequestView, 'mediaType' | 'seasons' | 'is4k'>): string {
  const what = request.mediaType === 'movie' ? 'Film' : request.seasons === 'all' ? 'Every season' : `${request.seasons.length === 1 ? 'Season' : 'Seasons'} ${request.seasons.join(', ')}`;
  return request.is4k ? `${what} · 4K` : what;
}

/** What a search result's card offers: open what is there, request what is not. */
export function resultAction(result: SearchResult): 'open' | 'requested' | 'request' {
  if (result.inPlex && result.mediaType === 'movie') return 'open';
  if (result.requestId && result.mediaType === 'movie') return 'requested';
  return result.inPlex ? 'open' : 'request';
}
