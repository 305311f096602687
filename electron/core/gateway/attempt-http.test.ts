import ky from 'ky';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bindAttemptSignal } from './attempt-http';

/** The signal the Request undici would build from fetch(input, init) follows. */
function effectiveSignal(input: unknown, init: RequestInit | undefined): AbortSignal | null | undefined {
  return init?.signal ?? (input instanceof Request ? input.signal : undefined);
}

describe('bindAttemptSignal', () => {
  let seen: (AbortSignal | null | undefined)[];

  beforeEach(() => {
    seen = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      const signal = effectiveSignal(input, init);
      seen.push(signal);
      if (signal?.aborted) throw signal.reason;
      return new Promise<Response>((resolve, reject) => {
        signal?.addEventListener('abort', () => reject(signal.reason));
        setImmediate(() => resolve(Response.json({ ok: true })));
      });
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const base = (): ReturnType<typeof ky.create> => ky.create({ prefix: 'http://127.0.0.1:9', retry: 0, timeout: false });

  it('sends every request with the attempt signal, however the instance is used', async () => {
    const attempt = new AbortController();
    const http = bindAttemptSignal(base(), attempt.signal);
    await http.get('a').json();
    const { post } = http; // destructured methods stay bound
    await post('b', { json: { x: 1 } }).json();
    await http('c').json();
    await http.extend({ headers: { 'X-Extra': '1' } }).put('d').json();
    expect(seen).toEqual([attempt.signal, attempt.signal, attempt.signal, attempt.signal]);
    expect(typeof http.stop).toBe('symbol');
  });

  it('aborting the attempt rejects a request in flight with the abort reason', async () => {
    const attempt = new AbortController();
    const http = bindAttemptSignal(base(), attempt.signal);
    const pending = http.get('slow').json();
    const reason = new Error('attempt timed out');
    attempt.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it("keeps a signal the client passes: either one aborts the request", async () => {
    const attempt = new AbortController();
    const own = new AbortController();
    const http = bindAttemptSignal(base(), attempt.signal);
    const first = http.get('a', { signal: own.signal }).json();
    own.abort(new Error('client changed its mind'));
    await expect(first).rejects.toThrow('client changed its mind');

    const second = http.get('b', { signal: new AbortController().signal }).json();
    attempt.abort(new Error('attempt timed out'));
    await expect(second).rejects.toThrow('attempt timed out');
  });
});
