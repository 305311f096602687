/**
 * How the Plex clients reach either upstream: one call, named for the
 * statistics, given a ky instance whose prefix is the upstream's address (in
 * the app, the gateway's, with the upstream's own token and breaker).
 */
import type { KyInstance } from 'ky';

export interface PlexCallOptions {
  /** Reads are; creating a PIN or a collection is not. Default true. */
  readonly idempotent?: boolean;
  readonly signal?: AbortSignal;
}

export type PlexCall = <T>(operation: string, fn: (http: KyInstance) => Promise<T>, options?: PlexCallOptions) => Promise<T>;
