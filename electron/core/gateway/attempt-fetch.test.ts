import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attemptFetch } from './attempt-fetch';

describe('attemptFetch', () => {
  let signals: AbortSignal[];

  beforeEach(() => {
    signals = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
      signals.push(new Request(input, init).signal);
      return Response.json({ ok: true });
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("aborts what fetch is given when the attempt's signal aborts", async () => {
    const attempt = new AbortController();
    await attemptFetch(attempt.signal)(new Request('http://127.0.0.1:9/a'));
    const reason = new Error('attempt timed out');
    attempt.abort(reason);
    expect(signals[0]!.aborted).toBe(true);
    expect(signals[0]!.reason).toBe(reason);
  });

  it("still follows the request's own signal, given on the Request or in init", async () => {
    const fetch = attemptFetch(new AbortController().signal);
    const onRequest = new AbortController();
    const inInit = new AbortController();
    await fetch(new Request('http://127.0.0.1:9/a', { signal: onRequest.signal }));
    await fetch('http://127.0.0.1:9/b', { signal: inInit.signal });
    onRequest.abort(new Error('ky gave up'));
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
    inInit.abort(new Error('the work changed its mind'));
    expect(signals[1]!.aborted).toBe(true);
  });

  it('starts aborted when either signal already is', async () => {
    await attemptFetch(AbortSignal.abort(new Error('too late')))('http://127.0.0.1:9/a');
    await attemptFetch(new AbortController().signal)('http://127.0.0.1:9/b', { signal: AbortSignal.abort() });
    expect(signals.map((signal) => signal.aborted)).toEqual([true, true]);
  });
});
