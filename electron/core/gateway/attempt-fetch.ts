/**
 * The fetch a gateway attempt's ky instance uses: standard fetch, except that
 * the request also aborts when the attempt's signal does, so a timeout or a
 * cancel tears down the socket even when the work forgets to pass the signal
 * on. The request's own signal (ky's, which carries one the work passes)
 * still applies: what fetch is given follows both.
 *
 * Given through ky's `fetch` option rather than its `signal` option: ky
 * combines a `signal` with its own through AbortSignal.any on every request,
 * and undici holds on to each such combined signal until the request is
 * garbage-collected, which measured as half of all a gateway call adds (bench:
 * gateway.overhead_us). A plain AbortController that follows both costs a
 * fraction of that; its listeners go with the two short-lived signals.
 */
import type { Options } from 'ky';
import { linkSignals } from '../resilience/linked-signal';

export function attemptFetch(attemptSignal: AbortSignal): NonNullable<Options['fetch']> {
  return (input, init) => {
    const own = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    const { signal } = linkSignals(own ?? undefined, attemptSignal);
    return globalThis.fetch(input, { ...init, signal });
  };
}
