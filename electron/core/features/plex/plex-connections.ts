/**
 * Choosing how to reach a server from the connections plex.tv lists.
 *
 * Every candidate is probed at once, without credentials (`/identity`, whose
 * `machineIdentifier` must be the server's), and the best that answers wins in
 * a fixed order: local before remote before relay, https before http; the
 * fastest does not jump the queue. A `plex.direct` name that does not resolve
 * (routers that block DNS rebinding do that) gets an http twin on the raw
 * address, but only when the server does not require https. Certificate
 * checks are never turned off.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import type { PlexConnectionChoice, PlexServer } from '../../../../shared/contract/areas/plex';
import { IdentitySchema, type PlexConnection, type PlexResource } from './plex-schemas';

export type ConnectionKind = PlexConnectionChoice['kind'];

export interface ProbeOptions {
  readonly identityHeaders: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
  /** Resolves a host name; rejects when it does not resolve. */
  readonly lookup?: (hostname: string) => Promise<unknown>;
  readonly fetch?: typeof fetch;
  readonly now?: () => number;
}

interface Candidate {
  readonly uri: string;
  readonly kind: ConnectionKind;
  readonly protocol: 'http' | 'https';
  /** Set when the candidate is not tried (its name does not resolve). */
  readonly problem: string | null;
}

const KIND_ORDER: Record<ConnectionKind, number> = { local: 0, remote: 1, relay: 2 };

export function connectionKind(connection: Pick<PlexConnection, 'local' | 'relay'>): ConnectionKind {
  return connection.relay ? 'relay' : connection.local ? 'local' : 'remote';
}

/** Lower is better: local < remote < relay, then https < http. */
export function connectionRank(candidate: { kind: ConnectionKind; protocol: 'http' | 'https' }): number {
  return KIND_ORDER[candidate.kind] * 2 + (candidate.protocol === 'https' ? 0 : 1);
}

function hostOf(uri: string): string {
  try {
    return new URL(uri).hostname;
  } catch {
    return '';
  }
}

/** The candidates to probe: plex.tv's connections, plus http twins where a plex.direct name does not resolve. */
export async function connectionCandidates(resource: PlexResource, lookup: (hostname: string) => Promise<unknown>): Promise<Candidate[]> {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  const push = (candidate: Candidate): void => {
    const key = candidate.uri.replace(/\/+$/, '');
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ ...candidate, uri: key });
  };
  const checks = await Promise.all(
    resource.connections.map(async (connection) => {
      const host = hostOf(connection.uri);
      if (!host.endsWith('.plex.direct')) return { connection, resolves: true };
      try {
        await lookup(host);
        return { connection, resolves: true };
      } catch {
        return { connection, resolves: false };
      }
    }),
  );
  for (const { connection, resolves } of checks) {
    const kind = connectionKind(connection);
    if (resolves) {
      push({ uri: connection.uri, kind, protocol: connection.protocol, problem: null });
      continue;
    }
    push({
      uri: connection.uri,
      kind,
      protocol: connection.protocol,
      problem: resource.httpsRequired
        ? 'Its plex.direct name does not resolve (your router may block DNS rebinding), and the server only accepts secure connections.'
        : 'Its plex.direct name does not resolve (your router may block DNS rebinding); its plain address is tried instead.',
    });
    if (!resource.httpsRequired && !connection.relay) {
      const address = connection.IPv6 ? `[${connection.address}]` : connection.address;
      push({ uri: `http://${address}:${connection.port}`, kind, protocol: 'http', problem: null });
    }
  }
  return out;
}

/** Probes one address: `/identity` without a token, answering for this server. */
async function probe(candidate: Candidate, machineIdentifier: string, options: Required<Pick<ProbeOptions, 'fetch' | 'now' | 'timeoutMs'>> & ProbeOptions): Promise<PlexConnectionChoice> {
  const base = { uri: candidate.uri, kind: candidate.kind, protocol: candidate.protocol };
  if (candidate.problem) return { ...base, latencyMs: null, ok: false, problem: candidate.problem };
  const started = options.now();
  try {
    const res = await options.fetch(`${candidate.uri}/identity`, {
      headers: { ...options.identityHeaders, Accept: 'application/json' },
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    });
    const latencyMs = Math.max(0, Math.round(options.now() - started));
    if (!res.ok) return { ...base, latencyMs, ok: false, problem: `It answered with HTTP ${res.status}.` };
    const parsed = IdentitySchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) return { ...base, latencyMs, ok: false, problem: 'Something other than Plex answers there.' };
    if (parsed.data.MediaContainer.machineIdentifier !== machineIdentifier) return { ...base, latencyMs, ok: false, problem: 'A different Plex server answers there.' };
    return { ...base, latencyMs, ok: true, problem: null };
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    return { ...base, latencyMs: null, ok: false, problem: timedOut ? 'It did not answer in time.' : 'It could not be reached.' };
  }
}

/** Probes every connection of a server at once and picks the best that answered. */
export async function probeServer(resource: PlexResource, options: ProbeOptions): Promise<PlexServer> {
  const settled = {
    ...options,
    fetch: options.fetch ?? fetch,
    now: options.now ?? (() => performance.now()),
    timeoutMs: options.timeoutMs ?? 5_000,
  };
  const candidates = await connectionCandidates(resource, options.lookup ?? ((host) => dnsLookup(host)));
  const results = await Promise.all(candidates.map((candidate) => probe(candidate, resource.clientIdentifier, settled)));
  const ordered = results
    .map((result, index) => ({ result, index }))
    .sort((a, b) => connectionRank(a.result) - connectionRank(b.result) || a.index - b.index)
    .map(({ result }) => result);
  return {
    machineIdentifier: resource.clientIdentifier,
    name: resource.name,
    owned: resource.owned ?? false,
    connections: ordered,
    best: ordered.find((connection) => connection.ok)?.uri ?? null,
  };
}
