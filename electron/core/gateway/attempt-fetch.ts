/**
 * The fetch a gateway attempt's ky instance uses: standard fetch, except that
 * the request also aborts when the attempt's signal does, so a timeout or a
 * cancel tears down the socket even when the work forgets to pass the signal
 * on. The request's own signal (ky's, which carries one the work passes)
 * still applies: what fetch is given follows both.
 *
 * Given through ky's `fetch` option rather than its `signal` option: ky
 * combines a `signal` with its own through AbortSignal.any on every request;
 * Node keeps such a combined signal alive while it has a listener, and
 * undici's listener goes only when its request is garbage-collected. That
 * measured as half of all a gateway call adds (bench: gateway.overhead_us). A
 * plain AbortController that follows both costs a fraction of it; its
 * listeners go with the two short-lived signals they are on.
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
