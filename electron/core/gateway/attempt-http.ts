/**
 * The ky instance one attempt sees: the service's instance with the attempt's
 * signal on every request, so a timeout or cancel tears down the socket even
 * when a client forgets to pass the signal on.
 *
 * A thin wrapper rather than `http.extend({ signal })`: extend deep-merges
 * every option and hook per call, which measured as the largest single cost of
 * a gateway call on a local server.
 *
 * The signal reaches undici through ky's `fetch` option, not its `signal`
 * option. Given a `signal`, ky 1.14.3 always derives
 * `AbortSignal.any([signal, its own controller])` (core/Ky.js constructor), and
 * on Node 20 that composite signal, followed by the Request, its retry clone and
 * fetch's own Request, cost ~14 % of a local request on its own. ky calls
 * `fetch(request, {})` with the Request it built; `fetch(request, { signal })`
 * makes the Request undici actually sends follow our signal instead of ky's
 * (which, with `timeout: false`, never aborts), so an abort still tears down
 * the socket and rejects with our reason, for the headers and the body alike.
 *
 * When a client passes its own `signal` or `fetch`, or a Request as input, the
 * attempt's signal is combined with theirs the ordinary way (rare; correct
 * before cheap).
 */
import type { Input, KyInstance, Options } from 'ky';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';
const methods: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete', 'head'];

export function bindAttemptSignal(http: KyInstance, signal: AbortSignal): KyInstance {
  // Looked up per request, as ky's own default (`globalThis.fetch.bind(globalThis)`) is.
  const attemptFetch = (input: Input, init?: RequestInit): Promise<Response> =>
    globalThis.fetch(input, { ...init, signal });
  const withSignal = (input: Input, options: Options | undefined): Options => {
    if (!(input instanceof Request) && options?.signal === undefined && options?.fetch === undefined) {
      return { ...options, fetch: attemptFetch };
    }
    // A client passing its own signal keeps it, and ours still applies.
    const own = options?.signal ?? (input instanceof Request ? input.signal : undefined);
    return { ...options, signal: own && own !== signal ? AbortSignal.any([signal, own]) : signal };
  };
  const bound = ((input: Input, options?: Options) => http(input, withSignal(input, options))) as KyInstance;
  const target = bound as unknown as Record<Method, (input: Input, options?: Options) => unknown>;
  for (const method of methods) target[method] = (input, options) => http[method](input, withSignal(input, options));
  const rest = bound as { -readonly [K in 'create' | 'extend' | 'stop' | 'retry']: KyInstance[K] };
  rest.create = http.create;
  rest.extend = (defaults) => bindAttemptSignal(http.extend(defaults), signal);
  rest.stop = http.stop;
  rest.retry = http.retry;
  return bound;
}
