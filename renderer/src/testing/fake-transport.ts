/**
 * An in-memory core for renderer tests: answer invokes with per-channel handlers,
 * record every call and emit events at will.
 */
import { createContractClient, type ContractClient, type ContractTransport, type InvokeResult } from '../../../shared/contract/api';
import { AppError, serializeError } from '../../../shared/contract/errors';
import type { EventChannel, EventPayload } from '../../../shared/contract/events';
import type { InvokeChannel, InvokeRequest, InvokeResponse } from '../../../shared/contract/invokes';
import type { AppInfo } from '../../../shared/contract/areas/app';
import type { ServiceHealth } from '../../../shared/contract/areas/health';
import type { HealthEntry } from '../../../shared/contract/areas/health-entries';
import type { ServiceStats } from '../../../shared/contract/areas/services';
import { defaultSettings, type PublicSettings } from '../../../shared/contract/areas/settings';
import { secretNames, upstreamSpec, type UpstreamId } from '../../../shared/contract/services';

type Handler<C extends InvokeChannel> = (payload: InvokeRequest<C>) => InvokeResponse<C> | Promise<InvokeResponse<C>>;

export interface RecordedCall {
  readonly channel: string;
  readonly payload: unknown;
}

export class FakeTransport implements ContractTransport {
  readonly calls: RecordedCall[] = [];
  private readonly handlers = new Map<string, (payload: never) => unknown>();
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();

  /** Answers `channel` with `handler`; throw an AppError from it to answer with an error. */
  handle<C extends InvokeChannel>(channel: C, handler: Handler<C>): this {
    this.handlers.set(channel, handler as (payload: never) => unknown);
    return this;
  }

  async invoke(channel: string, payload: unknown): Promise<InvokeResult> {
    this.calls.push({ channel, payload });
    const handler = this.handlers.get(channel);
    if (!handler) return { ok: false, error: new AppError('UNKNOWN_CHANNEL', `No fake handler for ${channel}`).toJSON() };
    try {
      // Round-trip through JSON like both real transports do, so tests cannot lean on shared objects.
      const result: unknown = await handler(structuredClone(payload) as never);
      return { ok: true, result: result === undefined ? undefined : structuredClone(result) };
    } catch (error) {
      return { ok: false, error: serializeError(error) };
    }
  }

  subscribe(channel: string, listener: (payload: unknown) => void): () => void {
    const set = this.listeners.get(channel) ?? new Set();
    this.listeners.set(channel, set);
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Delivers an event to every current subscriber. */
  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
    for (const listener of [...(this.listeners.get(channel) ?? [])]) listener(structuredClone(payload));
  }

  listenerCount(channel: string): number {
    return this.listeners.get(channel)?.size ?? 0;
  }

  /** The payloads sent on one channel, oldest first. */
  callsTo(channel: InvokeChannel): unknown[] {
    return this.calls.filter((call) => call.channel === channel).map((call) => call.payload);
  }
}

export function createFakeClient(transport = new FakeTransport()): { transport: FakeTransport; client: ContractClient } {
  return { transport, client: createContractClient(transport) };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

function merge<T>(base: T, patch: DeepPartial<T> | undefined): T {
  if (!patch) return base;
  const out = { ...base } as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    const current = out[key];
    out[key] =
      value && typeof value === 'object' && !Array.isArray(value) && current && typeof current === 'object'
        ? merge(current, value as DeepPartial<typeof current>)
        : value;
  }
  return out as T;
}

export function fakePublicSettings(patch?: DeepPartial<PublicSettings>): PublicSettings {
  const base: PublicSettings = {
    ...defaultSettings(),
    secrets: Object.fromEntries(secretNames.map((name) => [name, false])) as PublicSettings['secrets'],
    profile: 'default',
  };
  return merge(base, patch);
}

export function fakeAppInfo(patch?: Partial<AppInfo>): AppInfo {
  return {
    name: 'MediaNest',
    version: '0.1.0',
    mode: 'electron',
    profile: 'default',
    platform: 'linux',
    dataDir: '/home/nest/.config/MediaNest',
    warnings: [],
    ...patch,
  };
}

export function fakeHealth(upstream: UpstreamId, patch?: Partial<ServiceHealth>): ServiceHealth {
  return {
    upstream,
    service: upstreamSpec(upstream).service,
    enabled: true,
    configured: true,
    status: 'unknown',
    responseTimeMs: null,
    lastCheckedAt: null,
    error: null,
    uptime24h: null,
    breaker: 'closed',
    ...patch,
  };
}

export function fakeStats(upstream: UpstreamId, patch?: Partial<ServiceStats>): ServiceStats {
  return { upstream, service: upstreamSpec(upstream).service, calls: 0, failures: 0, p50Ms: null, p95Ms: null, breaker: 'closed', lastError: null, ...patch };
}

/** An entry; `service:<upstream>` ids are MediaNest's own checks of that upstream, others Kuma monitors. */
export function fakeEntry(id: string, name: string, patch?: Partial<HealthEntry>): HealthEntry {
  const upstream = id.startsWith('service:') ? (id.slice('service:'.length) as UpstreamId) : null;
  return {
    id,
    source: id.startsWith('service:') ? 'medianest' : 'uptime-kuma',
    service: upstream ? upstreamSpec(upstream).service : null,
    upstream,
    name,
    group: id.startsWith('service:') ? 'MediaNest' : 'Storage',
    state: 'up',
    since: null,
    lastCheckedAt: null,
    responseTimeMs: null,
    uptime24h: null,
    detail: null,
    error: null,
    recent: [],
    openUrl: null,
    mutedUntil: null,
    ...patch,
  };
}
