import { describe, expect, it, vi } from 'vitest';
import { createEventBus } from './event-bus';

interface Events {
  a: number;
  b: string;
}

describe('event bus', () => {
  it('delivers typed payloads to the listeners of that event only', () => {
    const bus = createEventBus<Events>();
    const a = vi.fn();
    const b = vi.fn();
    bus.on('a', a);
    bus.on('b', b);
    bus.emit('a', 1);
    expect(a).toHaveBeenCalledWith(1);
    expect(b).not.toHaveBeenCalled();
  });

  it('on() returns a disposer that removes exactly that listener', () => {
    const bus = createEventBus<Events>();
    const first = vi.fn();
    const second = vi.fn();
    const dispose = bus.on('a', first);
    bus.on('a', second);
    dispose();
    bus.emit('a', 2);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledWith(2);
    expect(bus.listenerCount('a')).toBe(1);
  });

  it('a throwing listener is logged and does not stop the others', () => {
    const error = vi.fn();
    const bus = createEventBus<Events>({ error });
    const after = vi.fn();
    const any = vi.fn();
    bus.on('a', () => {
      throw new Error('boom');
    });
    bus.on('a', after);
    bus.onAny(any);
    bus.emit('a', 3);
    expect(after).toHaveBeenCalledWith(3);
    expect(any).toHaveBeenCalledWith('a', 3);
    expect(error).toHaveBeenCalledTimes(1);
    expect(error.mock.calls[0]![0]).toMatchObject({ event: 'a' });
  });

  it('a listener that unsubscribes during emit does not skip its neighbours', () => {
    const bus = createEventBus<Events>();
    const calls: string[] = [];
    const disposeFirst = bus.on('a', () => {
      calls.push('first');
      disposeFirst();
    });
    bus.on('a', () => calls.push('second'));
    bus.emit('a', 1);
    bus.emit('a', 1);
    expect(calls).toEqual(['first', 'second', 'second']);
  });

  it('clear() drops every listener', () => {
    const bus = createEventBus<Events>();
    bus.on('a', vi.fn());
    bus.onAny(vi.fn());
    bus.clear();
    expect(bus.listenerCount()).toBe(0);
  });
});
