/**
 * The ky instance one attempt sees: the service's instance with the attempt's
 * signal on every request, so a timeout or cancel tears down the socket even
 * when a client forgets to pass the signal on.
 *
 * A thin wrapper rather than `http.extend({ signal })`: extend deep-merges
 * every option and hook per call, which measured as the largest single cost of
 * a gateway call on a local server.
 */
import type { Input, KyInstance, Options } from 'ky';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';
const methods: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete', 'head'];

export function bindAttemptSignal(http: KyInstance, signal: AbortSignal): KyInstance {
  const withSignal = (options: Options | undefined): Options => {
    // A client passing its own signal keeps it, and ours still applies.
    const own = options?.signal;
    return { ...options, signal: own && own !== signal ? AbortSignal.any([signal, own]) : signal };
  };
  const bound = ((input: Input, options?: Options) => http(input, withSignal(options))) as KyInstance;
  const target = bound as unknown as Record<Method, (input: Input, options?: Options) => unknown>;
  for (const method of methods) target[method] = (input, options) => http[method](input, withSignal(options));
  return Object.assign(bound, {
    create: http.create,
    extend: (defaults: Parameters<KyInstance['extend']>[0]) => bindAttemptSignal(http.extend(defaults), signal),
    stop: http.stop,
    retry: http.retry,
  });
}
