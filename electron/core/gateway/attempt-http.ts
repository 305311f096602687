/**
 * The ky instance one attempt sees: the service's instance with the attempt's
 * signal on every request, so a timeout or cancel tears down the socket even
 * when a client forgets to pass the signal on.
 *
 * Built for the gateway's hot path (bench: gateway.throughput):
 *
 * - Not `http.extend({ signal })`: extend deep-merges every option and hook
 *   per call, which measured as the largest single cost of a gateway call on
 *   a local server.
 * - The signal reaches undici through ky's `fetch` option, not its `signal`
 *   option. Given a `signal`, ky 1.14.3 always derives
 *   `AbortSignal.any([signal, its own controller])` (core/Ky.js constructor);
 *   on Node 20 that composite signal, followed by the Request, its retry clone
 *   and fetch's own Request, cost ~14 % of a local request by itself. ky calls
 *   `fetch(request, {})` with the Request it built; `fetch(request, { signal })`
 *   makes the Request undici actually sends follow our signal instead of ky's
 *   (which, with `timeout: false`, never aborts), so an abort still tears down
 *   the socket and rejects with our reason, for the headers and the body alike.
 *   When a client passes its own `signal` or `fetch`, or a Request as input,
 *   the two signals are combined the ordinary way (rare; correct before cheap).
 * - One function and one small state object per attempt: the methods are
 *   getters on a shared prototype that make the bound method on access.
 *   Getters rather than prototype methods, so `const { get } = http` still
 *   binds. Building a dozen closures per attempt was the largest allocation of
 *   a gateway call.
 */
import type { Input, KyInstance, Options } from 'ky';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';
const methods: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete', 'head'];

interface AttemptState {
  readonly http: KyInstance;
  readonly signal: AbortSignal;
  readonly fetch: (input: Input, init?: RequestInit) => Promise<Response>;
  /** The options of a request made without any (shared: ky copies options, never mutates them). */
  readonly options: Options;
}

const kAttempt = Symbol('attempt');
type Bound = ((input: Input, options?: Options) => unknown) & { [kAttempt]: AttemptState };

function withSignal(state: AttemptState, input: Input, options: Options | undefined): Options {
  if (!(input instanceof Request) && options?.signal === undefined && options?.fetch === undefined) {
    return options === undefined ? state.options : { ...options, fetch: state.fetch };
  }
  // A client passing its own signal keeps it, and ours still applies.
  const own = options?.signal ?? (input instanceof Request ? input.signal : undefined);
  return { ...options, signal: own && own !== state.signal ? AbortSignal.any([state.signal, own]) : state.signal };
}

const descriptors: PropertyDescriptorMap = {
  create: {
    get(this: Bound) {
      return this[kAttempt].http.create;
    },
  },
  extend: {
    get(this: Bound) {
      const { http, signal } = this[kAttempt];
      return (defaults: Parameters<KyInstance['extend']>[0]) => bindAttemptSignal(http.extend(defaults), signal);
    },
  },
  stop: {
    get(this: Bound) {
      return this[kAttempt].http.stop;
    },
  },
  retry: {
    get(this: Bound) {
      return this[kAttempt].http.retry;
    },
  },
};
for (const method of methods) {
  descriptors[method] = {
    get(this: Bound) {
      const state = this[kAttempt];
      return (input: Input, options?: Options) => state.http[method](input, withSignal(state, input, options));
    },
  };
}
const attemptPrototype: object = Object.create(Function.prototype, descriptors);

export function bindAttemptSignal(http: KyInstance, signal: AbortSignal): KyInstance {
  const fetch = (input: Input, init?: RequestInit): Promise<Response> =>
    // Looked up per request, as ky's own default (`globalThis.fetch.bind(globalThis)`) is.
    globalThis.fetch(input, { ...init, signal });
  const state: AttemptState = { http, signal, fetch, options: { fetch } };
  const bound = ((input: Input, options?: Options) => http(input, withSignal(state, input, options))) as Bound;
  Object.setPrototypeOf(bound, attemptPrototype);
  bound[kAttempt] = state;
  return bound as unknown as KyInstance;
}
