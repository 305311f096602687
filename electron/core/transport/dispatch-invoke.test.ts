import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/contract/errors';
import { defaultSettings } from '../../../shared/contract/areas/settings';
import { createInvokeDispatcher, type ContractHandlers } from './dispatch-invoke';

function handlers(overrides: Partial<Record<keyof ContractHandlers, unknown>> = {}): ContractHandlers {
  const settings = { ...defaultSettings(), secrets: { 'plex.token': false, 'overseerr.apiKey': false, 'uptime-kuma.apiKey': false }, profile: 'default' };
  return {
    'app:info': vi.fn(() => ({ name: 'MediaNest', version: '1', mode: 'serve', profile: 'default', platform: 'linux', dataDir: '/tmp', warnings: [] })),
    'settings:get': vi.fn(() => settings),
    'settings:update': vi.fn(() => settings),
    'health:list': vi.fn(() => []),
    'health:check-now': vi.fn(() => []),
    'services:stats': vi.fn(() => []),
    'services:test': vi.fn(),
    ...overrides,
  } as unknown as ContractHandlers;
}

describe('invoke dispatcher', () => {
  it('rejects a channel outside the contract without calling anything', async () => {
    const h = handlers();
    const result = await createInvokeDispatcher(h)('fs:read', '/etc/passwd');
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'No such channel: fs:read' } });
  });

  it('rejects a prototype key posing as a channel', async () => {
    const result = await createInvokeDispatcher(handlers())('__proto__', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('UNKNOWN_CHANNEL');
  });

  it('rejects a payload that breaks the schema with the field beside its reason, without calling the handler', async () => {
    const h = handlers();
    const result = await createInvokeDispatcher(h)('settings:update', { services: { plex: { baseUrl: 'ftp://nas' } } });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('INVALID_PAYLOAD');
      // Words for people: no channel and no schema path in the message; the path travels apart.
      expect(result.error.message).toMatch(/^Enter an address starting with http:\/\/ or https:\/\//);
      expect(result.error.message).not.toContain('settings:update');
      expect(result.error.message).not.toContain('services.plex');
      expect(result.error.fields).toEqual([{ path: 'services.plex.baseUrl', message: result.error.message }]);
    }
    expect(h['settings:update']).not.toHaveBeenCalled();
  });

  it('rejects unknown keys in a strict payload', async () => {
    const result = await createInvokeDispatcher(handlers())('settings:update', { general: { closeToTray: true, evil: 1 } });
    expect(result.ok).toBe(false);
  });

  it('passes the parsed payload to the handler and returns its result', async () => {
    const h = handlers();
    const result = await createInvokeDispatcher(h)('health:check-now', { service: 'plex' });
    expect(result).toEqual({ ok: true, result: [] });
    expect(h['health:check-now']).toHaveBeenCalledWith({ service: 'plex' });
  });

  it('strips fields the response schema does not name (a secret cannot leak through a result)', async () => {
    const h = handlers({
      'app:info': () => ({ name: 'MediaNest', version: '1', mode: 'serve', profile: 'default', platform: 'linux', dataDir: '/d', warnings: [], plexToken: 'SECRET' }),
    });
    const result = await createInvokeDispatcher(h)('app:info', undefined);
    expect(JSON.stringify(result)).not.toContain('SECRET');
  });

  it('turns a result outside the contract into INTERNAL', async () => {
    const result = await createInvokeDispatcher(handlers({ 'health:list': () => [{ service: 'nope' }] }), { warn: vi.fn(), error: vi.fn() })('health:list', null);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('serialises AppError as it is and hides other errors', async () => {
    const typed = await createInvokeDispatcher(handlers({ 'health:list': () => { throw new AppError('CIRCUIT_OPEN', 'Plex is failing', { service: 'plex', retryAfterMs: 500 }); } }))('health:list', undefined);
    expect(typed).toEqual({ ok: false, error: { code: 'CIRCUIT_OPEN', message: 'Plex is failing', service: 'plex', retryAfterMs: 500 } });
    const hidden = await createInvokeDispatcher(handlers({ 'health:list': () => { throw new Error('token=abc at /secret/path'); } }), { warn: vi.fn(), error: vi.fn() })('health:list', undefined);
    expect(hidden).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(hidden)).not.toContain('abc');
  });
});
