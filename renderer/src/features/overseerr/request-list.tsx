/**
 * "Your requests": each with its poster, what was asked for, its state as a
 * chip (waiting to send, stuck and unknown statuses included), why, when it
 * last changed, and what can be done: cancel while it waits, retry when
 * stuck, failed or not sent, open it once it is in Plex.
 */
import { Clapperboard, RotateCw, TriangleAlert } from 'lucide-react';
import { useState } from 'react';
import type { RequestView } from '../../../../shared/contract/areas/overseerr';
import { showError, showStatus, useCoreReachable } from '../../app/app-store';
import { navigate } from '../../app/routing/hash-router';
import { ConfirmButton } from '../../ui/confirm-button';
import { formatRelativeTime } from '../../ui/format/relative-time';
import { StatusChip } from '../../ui/status-chip';
import { useNow } from '../../ui/use-now';
import { requestWhat, stateTones } from './request-words';
import { cancelRequest, retryRequest } from './requests-store';

/** "in 12 s", "in 3 min": when the next try to send is. */
function inHowLong(at: number, now: number): string {
  const seconds = Math.max(1, Math.round((at - now) / 1000));
  return seconds < 60 ? `in ${seconds} s` : `in ${Math.round(seconds / 60)} min`;
}

function RequestItem({ request, now }: { readonly request: RequestView; readonly now: number }) {
  const reachable = useCoreReachable();
  const [busy, setBusy] = useState(false);
  const { tone, icon } = stateTones[request.state];
  const act = async (work: () => Promise<unknown>, done: string): Promise<void> => {
    setBusy(true);
    try {
      await work();
      showStatus(done, 'ok');
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  const next = request.nextAttemptAt && request.nextAttemptAt > now ? `next try ${inHowLong(request.nextAttemptAt, now)}` : null;
  return (
    <li className="request-item" id={`request-${request.id}`} data-testid="request-item" data-state={request.state} data-stuck={request.stuck ? true : undefined}>
      <div className="request-item__art">{request.poster ? <img src={request.poster} alt="" loading="lazy" /> : null}</div>
      <div className="request-item__main">
        <h3 className="request-item__title">
          {request.title}
          {request.year ? <span className="request-item__year"> ({request.year})</span> : null}
        </h3>
        <p className="request-item__what">{requestWhat(request)}</p>
        <div className="request-item__chips">
          <StatusChip tone={tone} icon={icon} label={request.label} />
          {request.stuck ? <StatusChip tone="warn" icon={TriangleAlert} label="Stuck" title={request.stuck.reason} /> : null}
        </div>
        {request.detail ? <p className="request-item__detail">{request.detail}</p> : null}
        <p className="request-item__time">
          <span title={new Date(request.changedAt).toLocaleString()}>Changed {formatRelativeTime(request.changedAt, now)}</span>
          {next ? <span> · {next}</span> : null}
        </p>
      </div>
      <div className="request-item__actions">
        {request.inPlex ? (
          <button type="button" className="button button--small" onClick={() => navigate('library', `item-${request.inPlex!.ratingKey}`)}>
            <Clapperboard aria-hidden="true" size={14} />
            Open in Plex
          </button>
        ) : null}
        {request.canRetry ? (
          <button type="button" className="button button--small" disabled={busy || !reachable} aria-busy={busy} onClick={() => void act(() => retryRequest(request.id), `${request.title}: trying again`)}>
            <RotateCw aria-hidden="true" size={14} />
            Retry
          </button>
        ) : null}
        {request.canCancel ? (
          <ConfirmButton small confirmLabel="Yes, cancel it" disabled={busy || !reachable} onConfirm={() => void act(() => cancelRequest(request.id), `${request.title}: request cancelled`)}>
            Cancel request
          </ConfirmButton>
        ) : null}
      </div>
    </li>
  );
}

export function RequestList({ requests }: { readonly requests: readonly RequestView[] }) {
  const now = useNow(15_000);
  return (
    <ul className="request-list" aria-label="Your requests">
      {requests.map((request) => (
        <RequestItem key={request.id} request={request} now={now} />
      ))}
    </ul>
  );
}
