import { describe, expect, it } from 'vitest';
import { parseClientMessage } from './ws-messages';

const text = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('parseClientMessage', () => {
  it('accepts the three client messages', () => {
    expect(parseClientMessage(text({ type: 'invoke', id: 1, channel: 'app:info' }), false)).toEqual({ ok: true, message: { type: 'invoke', id: 1, channel: 'app:info' } });
    expect(parseClientMessage(text({ type: 'invoke', id: 2, channel: 'settings:update', payload: { a: 1 } }), false)).toMatchObject({ ok: true, message: { payload: { a: 1 } } });
    expect(parseClientMessage(text({ type: 'subscribe', channel: 'health:changed' }), false)).toMatchObject({ ok: true });
    expect(parseClientMessage(text({ type: 'unsubscribe', channel: 'health:changed' }), false)).toMatchObject({ ok: true });
  });

  it('refuses non-JSON without an id', () => {
    expect(parseClientMessage(Buffer.from('{not json'), false)).toMatchObject({ ok: false, id: null, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('refuses unknown types, wrong field types and extra fields, keeping a usable id', () => {
    expect(parseClientMessage(text({ type: 'explode', id: 7 }), false)).toMatchObject({ ok: false, id: 7, error: { code: 'INVALID_PAYLOAD' } });
    expect(parseClientMessage(text({ type: 'invoke', id: 8, channel: 42 }), false)).toMatchObject({ ok: false, id: 8 });
    expect(parseClientMessage(text({ type: 'invoke', id: 9, channel: 'app:info', extra: true }), false)).toMatchObject({ ok: false, id: 9 });
    expect(parseClientMessage(text({ type: 'invoke', id: -1, channel: 'app:info' }), false)).toMatchObject({ ok: false, id: null });
    expect(parseClientMessage(text([1, 2]), false)).toMatchObject({ ok: false, id: null });
    expect(parseClientMessage(text(null), false)).toMatchObject({ ok: false, id: null });
  });

  it('refuses binary frames', () => {
    expect(parseClientMessage(text({ type: 'invoke', id: 1, channel: 'app:info' }), true)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });
});
