/**
 * The webhook receiver as a card on the Health page: turned off, listening
 * (and where, and when Overseerr last delivered), or not listening and why
 * (a port another program holds, an address that is not this computer's).
 */
import type { EntryState } from '../../../../shared/contract/areas/health-entries';
import { createUpdateEmitter, type HealthSource, type SourceEntry } from '../../health/health-source';
import type { WebhookListenerState } from './webhook-listener';

export const WEBHOOK_ENTRY_ID = 'requests:webhook';

export interface WebhookHealthDeps {
  readonly enabled: () => boolean;
  readonly state: () => WebhookListenerState;
  readonly lastDeliveryAt: () => number | null;
  readonly now: () => number;
}

export interface WebhookHealthSource extends HealthSource {
  /** Something changed (the listener moved, a delivery arrived): tell the board if the card did. */
  refresh(): void;
}

export function createWebhookHealthSource(deps: WebhookHealthDeps): WebhookHealthSource {
  const emitter = createUpdateEmitter();
  let last: SourceEntry | undefined;

  const entry = (): SourceEntry => {
    const listener = deps.state();
    const enabled = deps.enabled();
    const state: EntryState = !enabled ? 'off' : listener.listening ? 'up' : 'down';
    const detail = !enabled
      ? 'Turned off in Settings → Requests; request states are still checked on a schedule.'
      : listener.listening
        ? `Listening at ${listener.url ?? 'this computer'}.${listener.problem ? ` ${listener.problem}` : ''}`
        : 'Not listening: Overseerr cannot tell MediaNest of changes at once; states are still checked on a schedule.';
    const since = last && last.state === state ? last.since : deps.now();
    return {
      id: WEBHOOK_ENTRY_ID,
      // MediaNest's own listener: listed with MediaNest's checks.
      source: 'medianest',
      service: 'overseerr',
      upstream: null,
      name: 'Overseerr webhook receiver',
      group: 'MediaNest',
      state,
      since,
      lastCheckedAt: deps.lastDeliveryAt(),
      responseTimeMs: null,
      uptime24h: null,
      detail: detail.slice(0, 300),
      error: enabled && !listener.listening ? (listener.problem ?? 'MediaNest could not listen for webhooks.').slice(0, 500) : null,
      recent: [],
      openUrl: null,
    };
  };

  const refresh = (): void => {
    const next = entry();
    const changed = JSON.stringify(next) !== JSON.stringify(last);
    const observed = last?.state !== next.state;
    last = next;
    if (!changed) return;
    emitter.emit({ changed: [next], removed: [], observations: observed ? [{ id: next.id, name: next.name, state: next.state, at: deps.now() }] : [] });
  };

  return {
    name: 'requests',
    entries: () => [(last ??= entry())],
    async checkNow() {
      refresh();
    },
    subscribe: emitter.subscribe,
    refresh,
  };
}
