import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRefusalLog } from './refusal-log';

function setup() {
  const lines: { object: Record<string, unknown>; message: string }[] = [];
  const logger = { warn: (object: Record<string, unknown>, message: string) => void lines.push({ object, message }) };
  return { lines, log: createRefusalLog({ logger: logger as never, windowMs: 60_000 }) };
}

describe('refusal log', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('logs the first refusal of a kind at once and the rest as one counted line when the minute ends', () => {
    vi.useFakeTimers();
    const { lines, log } = setup();
    for (let i = 0; i < 5000; i += 1) log.note('token', 'refused a request without the token');
    expect(lines).toEqual([{ object: { refusal: 'token' }, message: 'refused a request without the token' }]);
    vi.advanceTimersByTime(59_999);
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toEqual({ object: { refusal: 'token', count: 4999 }, message: 'refused a request without the token: 4999 more in the last 60 s' });
    // A new window starts with the next refusal, logged at once again.
    log.note('token', 'refused a request without the token');
    expect(lines).toHaveLength(3);
    log.dispose();
  });

  it('counts each kind apart', () => {
    vi.useFakeTimers();
    const { lines, log } = setup();
    log.note('origin', 'refused a WebSocket from another site');
    log.note('oversize', 'refused an oversized WebSocket frame');
    log.note('origin', 'refused a WebSocket from another site');
    expect(lines.map((line) => line.object.refusal)).toEqual(['origin', 'oversize']);
    vi.advanceTimersByTime(60_000);
    expect(lines.slice(2)).toEqual([{ object: { refusal: 'origin', count: 1 }, message: 'refused a WebSocket from another site: 1 more in the last 60 s' }]);
    log.dispose();
  });

  it('adds nothing when a refusal stays alone, and dispose logs what is pending and leaves no timer', () => {
    vi.useFakeTimers();
    const { lines, log } = setup();
    log.note('busy', 'answered BUSY');
    vi.advanceTimersByTime(120_000);
    expect(lines).toHaveLength(1);
    log.note('busy', 'answered BUSY');
    log.note('busy', 'answered BUSY');
    expect(vi.getTimerCount()).toBe(1);
    log.dispose();
    expect(vi.getTimerCount()).toBe(0);
    expect(lines.at(-1)?.object).toEqual({ refusal: 'busy', count: 1 });
    log.note('busy', 'answered BUSY');
    expect(lines).toHaveLength(3);
  });
});
