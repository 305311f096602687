import { describe, expect, it } from 'vitest';
import type { ServiceSettings } from '../../../shared/contract/areas/settings';
import { createServiceTestQueue, type RunServiceTest } from './service-test-queue';

const settings: ServiceSettings = { enabled: true, baseUrl: 'http://127.0.0.1:9', tuning: {} };

/** A test that only ends when released (or aborted), recording what it was given. */
function pendingTests() {
  const started: { signal: AbortSignal | undefined; hasOwnPool: boolean; release: () => void }[] = [];
  const runTest: RunServiceTest = (name, _settings, _secret, options) =>
    new Promise((resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(new Error('aborted')));
      started.push({
        signal: options.signal,
        hasOwnPool: options.dispatcher !== undefined,
        release: () =>
          resolve({
            service: name,
            ok: true,
            status: 'healthy',
            responseTimeMs: 1,
            error: null,
            steps: { address: { result: 'passed', message: 'ok' }, credential: { result: 'passed', message: 'ok' } },
            httpStatus: 200,
            checkedAt: 0,
          }),
      });
    });
  return { started, runTest };
}

describe('service test queue', () => {
  it('runs a few at a time, lines up a few more, and answers BUSY past that without starting anything', async () => {
    const { started, runTest } = pendingTests();
    const notes: string[] = [];
    const queue = createServiceTestQueue({ concurrency: 2, queueLimit: 1, runTest, refusals: { note: (kind) => void notes.push(kind) } });
    const running = [queue.run('plex', settings, undefined), queue.run('plex', settings, undefined), queue.run('overseerr', settings, undefined)];
    await expect(queue.run('plex', settings, undefined)).rejects.toMatchObject({ code: 'BUSY', message: expect.stringMatching(/already testing 3 connections/) });
    expect(notes).toEqual(['busy-tests']);
    await Promise.resolve();
    expect(started).toHaveLength(2);
    expect(queue.queued).toBe(1);
    expect(started.every((test) => test.hasOwnPool)).toBe(true);
    started[0]!.release();
    await running[0];
    await expect.poll(() => started.length).toBe(3);
    started[1]!.release();
    started[2]!.release();
    await expect(Promise.all(running)).resolves.toHaveLength(3);
    expect(queue.running).toBe(0);
  });

  it('aborts running tests and refuses waiting ones on dispose', async () => {
    const { started, runTest } = pendingTests();
    const queue = createServiceTestQueue({ concurrency: 1, queueLimit: 1, runTest });
    const first = queue.run('plex', settings, undefined);
    const second = queue.run('plex', settings, undefined);
    await Promise.resolve();
    queue.dispose();
    await expect(first).rejects.toThrow('aborted');
    await expect(second).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(started[0]?.signal?.aborted).toBe(true);
  });
});
