import { describe, expect, it, vi } from 'vitest';
import { upstreamSpec } from '../../../shared/contract/services';
import type { ServiceHealth } from '../../../shared/contract/areas/health';
import { forwardEvents, type EventSource } from './event-forwarder';

function health(service: ServiceHealth['upstream'], status: ServiceHealth['status']): ServiceHealth {
  return { upstream: service, service: upstreamSpec(service).service, enabled: true, configured: true, status, responseTimeMs: 1, lastCheckedAt: 1, error: null, uptime24h: 1, breaker: 'closed' };
}

function fakeSource() {
  let listener: ((channel: never, payload: never) => void) | undefined;
  const source: EventSource = {
    subscribe(l) {
      listener = l as never;
      return () => (listener = undefined);
    },
  };
  return { source, emit: (channel: string, payload: unknown) => listener?.(channel as never, payload as never), subscribed: () => listener !== undefined };
}

describe('event forwarder', () => {
  it('coalesces a burst per key to the first and the latest payload', () => {
    vi.useFakeTimers();
    try {
      const { source, emit } = fakeSource();
      const sink = vi.fn();
      forwardEvents(source, sink);
      for (let i = 0; i < 50; i++) emit('health:changed', health('plex', i % 2 ? 'healthy' : 'degraded'));
      emit('health:changed', health('overseerr', 'unhealthy'));
      expect(sink).toHaveBeenCalledTimes(2); // first plex + first overseerr, immediately
      vi.advanceTimersByTime(250);
      expect(sink).toHaveBeenCalledTimes(3);
      expect(sink.mock.calls[2]).toEqual(['health:changed', health('plex', 'healthy')]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('delivers unthrottled events at once and drops payloads outside the contract', () => {
    const { source, emit } = fakeSource();
    const sink = vi.fn();
    forwardEvents(source, sink);
    emit('health:changed', { service: 'plex', status: 'on fire' });
    emit('not:an-event', {});
    expect(sink).not.toHaveBeenCalled();
  });

  it('dispose() unsubscribes and cancels pending deliveries', () => {
    vi.useFakeTimers();
    try {
      const { source, emit, subscribed } = fakeSource();
      const sink = vi.fn();
      const forwarder = forwardEvents(source, sink);
      emit('health:changed', health('plex', 'healthy'));
      emit('health:changed', health('plex', 'degraded'));
      forwarder.dispose();
      vi.advanceTimersByTime(1000);
      expect(sink).toHaveBeenCalledTimes(1);
      expect(subscribed()).toBe(false);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
