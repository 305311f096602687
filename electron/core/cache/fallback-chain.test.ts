import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { runFallbackChain } from './fallback-chain';

const down = (): AppError => new AppError('UPSTREAM_UNREACHABLE', 'down', { service: 'plex' });
const cached = { value: 'cached', cachedAt: 1_000, expiresAt: 1_000, staleUntil: 99_000 };

describe('runFallbackChain', () => {
  it('returns the primary when it answers, touching nothing else', async () => {
    const secondary = vi.fn(async () => 'secondary');
    const cache = vi.fn(() => cached);
    await expect(runFallbackChain({ primary: async () => 'primary', secondary, cached: cache })).resolves.toEqual({
      value: 'primary',
      stale: false,
      ageMs: 0,
      cachedAt: null,
      source: 'upstream',
    });
    expect(secondary).not.toHaveBeenCalled();
    expect(cache).not.toHaveBeenCalled();
  });

  it('falls to the secondary, then the cache with its age, carrying the primary error', async () => {
    await expect(
      runFallbackChain({ primary: async () => Promise.reject(down()), secondary: () => 'secondary', cached: () => cached }),
    ).resolves.toMatchObject({ value: 'secondary', stale: true, source: 'fallback', error: { code: 'UPSTREAM_UNREACHABLE' } });

    await expect(
      runFallbackChain({
        primary: async () => Promise.reject(down()),
        secondary: async () => Promise.reject(new Error('also down')),
        cached: () => cached,
        now: () => 61_000,
      }),
    ).resolves.toEqual({
      value: 'cached',
      stale: true,
      ageMs: 60_000,
      cachedAt: 1_000,
      source: 'cache',
      error: { code: 'UPSTREAM_UNREACHABLE', message: 'down', service: 'plex' },
    });
  });

  it("throws the primary's error when nothing is left, or when it must not be hidden", async () => {
    const error = down();
    await expect(runFallbackChain({ primary: async () => Promise.reject(error), cached: () => undefined })).rejects.toBe(error);
    const secondary = vi.fn(() => 'secondary');
    await expect(
      runFallbackChain({ primary: async () => Promise.reject(error), secondary, cached: () => cached, shouldFallBack: () => false }),
    ).rejects.toBe(error);
    expect(secondary).not.toHaveBeenCalled();
  });
});
