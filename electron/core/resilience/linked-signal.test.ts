import { describe, expect, it } from 'vitest';
import { linkSignals } from './linked-signal';

describe('linkSignals', () => {
  it('aborts with the reason of whichever parent aborts first', () => {
    const a = new AbortController();
    const b = new AbortController();
    const link = linkSignals(a.signal, undefined, b.signal);
    b.abort('b went');
    expect(link.signal.aborted).toBe(true);
    expect(link.signal.reason).toBe('b went');
  });

  it('starts aborted when a parent already is', () => {
    const link = linkSignals(AbortSignal.abort('early'));
    expect(link.signal.reason).toBe('early');
  });

  it('stops following the parents after dispose', () => {
    const a = new AbortController();
    const link = linkSignals(a.signal);
    link.dispose();
    a.abort();
    expect(link.signal.aborted).toBe(false);
  });
});
