/**
 * The shape of a health probe. Each service's probe lives in its feature
 * folder; the composition root hands the monitor and "Test" one probe that
 * picks the service's own by name.
 */
import type { Dispatcher } from 'undici';
import type { UpstreamId } from '../../../shared/contract/services';
import type { ResolvedServiceConfig } from '../upstream/service-config';
import type { GetSecret } from '../upstream/service-http';
import type { ProbeOutcome } from './probe-outcome';

/** Probes one service; the caller bounds it with the health timeout through `signal`. */
export type Probe = (config: ResolvedServiceConfig, signal: AbortSignal) => Promise<ProbeOutcome>;

export interface ProbeOptions {
  /** The connection pool to use instead of the process-wide one ("Test" closes its own; see service-test-queue.ts). */
  readonly dispatcher?: Dispatcher;
}

/** Builds a probe that reads secrets from `getSecret`: the saved ones for the monitor, a typed one for "Test". */
export type ProbeFactory = (getSecret: GetSecret, options?: ProbeOptions) => Probe;

/** One factory for every upstream (a service may have more than one), each probed by its own. */
export function probeByService(factories: Readonly<Record<UpstreamId, ProbeFactory>>): ProbeFactory {
  return (getSecret, options) => {
    const probes = Object.fromEntries(Object.entries(factories).map(([name, factory]) => [name, factory(getSecret, options)])) as Record<UpstreamId, Probe>;
    return (config, signal) => probes[config.name](config, signal);
  };
}
