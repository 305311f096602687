/**
 * Scripted monitors for the Uptime Kuma simulator: what each monitor's
 * heartbeats say at any moment, worked out from the clock (no timers), so a
 * fake clock in tests and the real one in the demo both just ask "what now?".
 *
 * A monitor is steady (up, down, pending, maintenance, or a raw code Kuma
 * might add), flapping (the state turns on every beat), or cycling (up for a
 * while, then down for a while: the demo's "goes down every few minutes").
 * `override` pins a state from a moment on, which is how tests turn one down.
 */

export type ScriptedState = 'up' | 'down' | 'pending' | 'maintenance' | number;

export type MonitorScript =
  | { readonly kind: 'steady'; readonly state: ScriptedState }
  | { readonly kind: 'flapping' }
  | { readonly kind: 'cycle'; readonly upMs: number; readonly downMs: number };

export interface ScriptedMonitor {
  readonly id: number;
  readonly name: string;
  /** The status-page group it is listed in; null = not on the page (only in /metrics). */
  readonly group: string | null;
  readonly type?: string;
  /** Shown on the page (`sendUrl`) when set. */
  readonly url?: string;
  readonly hostname?: string;
  readonly port?: number;
  /** Time between beats; Kuma's default is 60 s, the recording used 20 s. */
  readonly intervalMs?: number;
  readonly script: MonitorScript;
}

export interface Beat {
  readonly status: number;
  readonly at: number;
  readonly ping: number | null;
}

const CODES = { down: 0, up: 1, pending: 2, maintenance: 3 } as const;

export function stateCode(state: ScriptedState): number {
  return typeof state === 'number' ? state : CODES[state];
}

const DEFAULT_INTERVAL_MS = 20_000;

export interface MonitorTimeline {
  readonly monitor: ScriptedMonitor;
  /** The status code of the beat at `at`. */
  codeAt(at: number): number;
  /** The newest `count` beats at or before `now`, oldest first. */
  beats(now: number, count: number): Beat[];
  /** Share of up beats over the 24 h before `now`. */
  uptime24h(now: number): number;
  /** From `at` on, the monitor reports `state`. */
  override(state: ScriptedState, at: number): void;
}

/** A small deterministic spread of response times, so sparklines are not flat. */
function pingFor(id: number, index: number): number {
  const x = Math.sin(id * 12.9898 + index * 78.233) * 43_758.5453;
  return Math.round(5 + (x - Math.floor(x)) * 40);
}

export function createMonitorTimeline(monitor: ScriptedMonitor): MonitorTimeline {
  const interval = monitor.intervalMs ?? DEFAULT_INTERVAL_MS;
  // Offset each monitor a little, as Kuma's beats never line up exactly.
  const offset = (monitor.id * 37) % interval;
  const overrides: { at: number; code: number }[] = [];

  const scripted = (at: number, index: number): number => {
    const { script } = monitor;
    switch (script.kind) {
      case 'steady':
        return stateCode(script.state);
      case 'flapping':
        return index % 2 === 0 ? CODES.up : CODES.down;
      case 'cycle': {
        const period = script.upMs + script.downMs;
        return ((at % period) + period) % period < script.upMs ? CODES.up : CODES.down;
      }
    }
  };
  const codeAtIndex = (index: number): number => {
    const at = index * interval + offset;
    for (let i = overrides.length - 1; i >= 0; i--) if (overrides[i]!.at <= at) return overrides[i]!.code;
    return scripted(at, index);
  };
  const lastIndex = (now: number): number => Math.floor((now - offset) / interval);

  return {
    monitor,
    codeAt: (at) => codeAtIndex(lastIndex(at)),
    beats(now, count) {
      const last = lastIndex(now);
      const out: Beat[] = [];
      for (let index = last - count + 1; index <= last; index++) {
        const status = codeAtIndex(index);
        // Kuma records no ping for a failed check.
        out.push({ status, at: index * interval + offset, ping: status === CODES.up ? pingFor(monitor.id, index) : null });
      }
      return out;
    },
    uptime24h(now) {
      const last = lastIndex(now);
      const first = lastIndex(now - 24 * 60 * 60 * 1000) + 1;
      let up = 0;
      for (let index = first; index <= last; index++) if (codeAtIndex(index) === CODES.up) up++;
      return last >= first ? up / (last - first + 1) : 0;
    },
    override(state, at) {
      overrides.push({ at, code: stateCode(state) });
      overrides.sort((a, b) => a.at - b.at);
    },
  };
}
