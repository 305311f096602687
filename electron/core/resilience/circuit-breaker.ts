/**
 * Circuit breaker: brakes keeps the rolling window and decides when to open;
 * this class owns the rest (the open period, a real half-open state with a
 * single trial, per-attempt timeouts, cancellation, snapshots).
 *
 * What brakes 3.1.0 gets wrong, and what this class does instead:
 *
 * - No half-open state: after circuitDuration it closes fully and lets every
 *   waiting call through (https://github.com/awolden/brakes/issues/73,
 *   https://github.com/awolden/brakes/issues/108). We own the open period and
 *   the trial, and never let brakes close. Nothing in its API closes a
 *   circuit or empties a window, so where either is needed the brakes
 *   instance is replaced: one that opened is retired at once and a fresh one
 *   (an empty window) waits for the breaker to close; a restore starts a
 *   fresh one too.
 * - Its timeout rejects but never cancels the work. Ours (timeout-policy)
 *   aborts the work's AbortSignal.
 * - `destroy()` only deregisters and drops listeners: the bucket-rotation and
 *   snapshot intervals keep running (lib/Stats.js), and so does whatever waits
 *   out an open circuit. Without a health check that is an unref()'d timer
 *   nobody can clear (lib/Brakes.js `_resetCircuitTimeout`); with one it is an
 *   interval brakes keeps as `_healthInterval`. So brakes gets a health check
 *   that never passes and is never due, and `retire()` clears all three.
 * - `exec()` guesses callback style from parameter names (lib/utils.js
 *   `hasCallback`) and runs through bluebird, which schedules on the real
 *   setImmediate it captured at load: the verdict on a call would come a turn
 *   of the event loop after the call, and fake timers could not drive it. So
 *   we do not call `exec()`: each call reports its outcome the way brakes' own
 *   sub-circuits do (lib/Circuit.js: the 'success' event with the run time, or
 *   'failure' with the run time, the error and the generation the instance is
 *   in), and brakes rules on it at once. The generation is read once per
 *   instance: brakes only changes it when it opens, and an instance that
 *   opened is retired.
 * - No types (https://github.com/awolden/brakes/issues/114): see brakes.d.ts.
 *
 * Option mapping from the design (opossum names): threshold = (100 − P) / 100,
 * waitThreshold = volumeThreshold − 1, bucketSpan = rollingWindowMs / buckets,
 * bucketNum = buckets. Which errors count is decided here (`#countsAsFailure`,
 * the inverse of opossum's errorFilter): CANCELLED never counts, since a
 * caller changing their mind says nothing about the service; our own
 * timeouts always do.
 */
import Brakes from 'brakes';
import { isAppError } from '../../../shared/contract/errors';
import { circuitOpenError, cancelledError } from './resilience-errors';
import { withTimeout, type CancelAttempt } from './timeout-policy';

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  readonly service: string;
  /** Opens when the failure percentage in the window is strictly above this. */
  readonly errorThresholdPercentage: number;
  /** Fewest calls in the window before the percentage is considered. */
  readonly volumeThreshold: number;
  /** How long it stays open before admitting a trial. */
  readonly resetTimeoutMs: number;
  readonly rollingWindowMs: number;
  readonly buckets: number;
  /** Per-attempt timeout; the work's signal aborts when it passes. */
  readonly timeoutMs: number;
  /** Host and port the work calls, for the timeout's words. */
  readonly where?: string;
  /** True when an error should not count as a failure (opossum's errorFilter). */
  readonly errorFilter?: (error: unknown) => boolean;
  readonly now?: () => number;
}

export interface BreakerTransition {
  readonly from: BreakerState;
  readonly to: BreakerState;
  readonly at: number;
}

/** What survives a restart: enough to resume an open period where it left off. */
export interface BreakerSnapshot {
  readonly state: BreakerState;
  /** When the current open period started; null when closed. */
  readonly openedAt: number | null;
}

type Work<T> = (signal: AbortSignal) => Promise<T>;

/** A brakes instance that only keeps a rolling window and decides when to open. */
interface Window {
  readonly brakes: Brakes;
  /** What its failure reports are stamped with; fixed while the instance is in use. */
  readonly generation: number;
}

// setTimeout's ceiling (2^31 − 1 ms, ~24.8 days); anything larger fires after 1 ms.
const OUT_OF_REACH_MS = 2_147_483_647;

function createWindow(options: CircuitBreakerOptions): Window {
  const brakes = new Brakes({
    name: options.service,
    registerGlobal: false,
    threshold: (100 - options.errorThresholdPercentage) / 100,
    waitThreshold: options.volumeThreshold - 1,
    bucketSpan: options.rollingWindowMs / options.buckets,
    bucketNum: options.buckets,
    statInterval: OUT_OF_REACH_MS,
    // Makes an open circuit wait on an interval retire() can clear; it never closes the circuit.
    healthCheck: () => Promise.reject(new Error('the breaker decides when to close')),
    healthCheckInterval: OUT_OF_REACH_MS,
    isPromise: true,
  });
  // We never read snapshots; stop that interval now rather than leave it to retire().
  brakes._stats.stopSnapshots();
  return { brakes, generation: brakes._circuitGeneration };
}

/** Ends a brakes instance, including the intervals its destroy() leaves running. */
function retire({ brakes }: Window): void {
  brakes._stats._stopBucketSpinning();
  brakes._stats.stopSnapshots();
  clearInterval(brakes._healthInterval);
  brakes.destroy();
}

export class CircuitBreaker {
  readonly service: string;
  readonly #options: CircuitBreakerOptions;
  readonly #now: () => number;
  readonly #listeners = new Set<(transition: BreakerTransition) => void>();
  /** The window closed calls report to; replaced on open and restore. */
  #window: Window;
  #state: BreakerState = 'closed';
  #openedAt: number | null = null;
  #resetTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the half-open trial started; null while no trial runs. */
  #trialStartedAt: number | null = null;
  /** Attempts still running; dispose() ends them with CANCELLED. */
  readonly #running = new Set<CancelAttempt>();
  /** Bumped whenever state is forced (restore, dispose) so an old trial's outcome is ignored. */
  #epoch = 0;
  #disposed = false;

  constructor(options: CircuitBreakerOptions) {
    this.service = options.service;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#window = createWindow(options);
  }

  get state(): BreakerState {
    return this.#state;
  }

  /**
   * Milliseconds until a call may be let through: the rest of the open period,
   * or of the running trial's timeout (it has its verdict by then); 0 when a
   * call would be let through now.
   */
  get retryAfterMs(): number {
    if (this.#state === 'open' && this.#openedAt !== null) {
      return Math.max(0, this.#openedAt + this.#options.resetTimeoutMs - this.#now());
    }
    if (this.#state === 'half-open' && this.#trialStartedAt !== null) {
      return Math.max(0, this.#trialStartedAt + this.#options.timeoutMs - this.#now());
    }
    return 0;
  }

  /**
   * Runs `work` through the breaker with the per-attempt timeout. Rejects with
   * CIRCUIT_OPEN without calling `work` while open, or while half-open with the
   * trial already taken. `signal` (the caller's) and dispose() both end a
   * running attempt with CANCELLED and abort its work.
   */
  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
    if (this.#disposed) return Promise.reject(cancelledError(this.service));
    if (this.#state === 'closed') return this.#closedCall(work, signal);
    if (this.#state === 'half-open' && this.#trialStartedAt === null) return this.#trial(work, signal);
    return Promise.reject(circuitOpenError(this.service, this.retryAfterMs));
  }

  /**
   * A health probe saw the service answer: an open breaker moves to half-open
   * now instead of waiting out the reset timeout, so recovery shows sooner.
   */
  reportProbeSuccess(): void {
    if (this.#disposed || this.#state !== 'open') return;
    this.#clearResetTimer();
    this.#transition('half-open');
  }

  /** Subscribes to state transitions, in order, one call per transition. */
  onStateChange(listener: (transition: BreakerTransition) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  toJSON(): BreakerSnapshot {
    return { state: this.#state, openedAt: this.#openedAt };
  }

  /**
   * Resumes a saved state. An open period continues from its original start, so
   * a restart neither shortens nor extends it; one already over resumes as half-open.
   * The rolling window starts empty.
   */
  restore(snapshot: BreakerSnapshot): void {
    if (this.#disposed) return;
    this.#epoch++;
    this.#trialStartedAt = null;
    this.#clearResetTimer();
    this.#renewWindow();
    if (snapshot.state === 'closed') {
      this.#openedAt = null;
      this.#transition('closed');
      return;
    }
    this.#openedAt = snapshot.openedAt ?? this.#now();
    const remaining = this.#openedAt + this.#options.resetTimeoutMs - this.#now();
    if (snapshot.state === 'half-open' || remaining <= 0) {
      this.#transition('half-open');
      return;
    }
    this.#transition('open');
    this.#scheduleHalfOpen(remaining);
  }

  /** Creates a breaker in a saved state. */
  static fromJSON(snapshot: BreakerSnapshot, options: CircuitBreakerOptions): CircuitBreaker {
    const breaker = new CircuitBreaker(options);
    breaker.restore(snapshot);
    return breaker;
  }

  /**
   * Stops every timer this breaker and its brakes instance own, ends running
   * attempts with CANCELLED (aborting their work), and makes later calls reject
   * with CANCELLED.
   */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    this.#epoch++;
    const cancelled = cancelledError(this.service);
    for (const cancel of [...this.#running]) cancel(cancelled);
    this.#clearResetTimer();
    retire(this.#window);
    this.#listeners.clear();
  }

  async #closedCall<T>(work: Work<T>, signal: AbortSignal | undefined): Promise<T> {
    const window = this.#window;
    const started = this.#now();
    let value: T;
    try {
      value = await this.#attempt(work, signal);
    } catch (error) {
      if (this.#countsAsFailure(error)) this.#report(window, started, true, error);
      throw error;
    }
    this.#report(window, started, false);
    return value;
  }

  /** Counts an outcome in the window its call started in, and opens when brakes says so. */
  #report(window: Window, started: number, failed: boolean, error?: unknown): void {
    // A window retired since the call started (the breaker opened, was restored or disposed) counts nothing more.
    if (window !== this.#window || this.#disposed) return;
    const runTimeMs = this.#now() - started;
    if (failed) window.brakes.emit('failure', runTimeMs, error, window.generation);
    else window.brakes.emit('success', runTimeMs);
    if (window.brakes.isOpen()) this.#open();
  }

  /** The inverse of opossum's errorFilter, and never a cancellation. */
  #countsAsFailure(error: unknown): boolean {
    return !isCancelled(error) && !(this.#options.errorFilter?.(error) ?? false);
  }

  #attempt<T>(work: Work<T>, signal: AbortSignal | undefined): Promise<T> {
    const { timeoutMs, where } = this.#options;
    return withTimeout(work, { service: this.service, timeoutMs, where, signal, running: this.#running });
  }

  async #trial<T>(work: Work<T>, signal: AbortSignal | undefined): Promise<T> {
    this.#trialStartedAt = this.#now();
    const epoch = this.#epoch;
    const stillCurrent = (): boolean => epoch === this.#epoch && this.#state === 'half-open';
    try {
      const result = await this.#attempt(work, signal);
      if (stillCurrent()) this.#close();
      return result;
    } catch (error) {
      if (stillCurrent()) {
        if (isCancelled(error)) this.#trialStartedAt = null; // no verdict: the next caller may try
        else if (this.#options.errorFilter?.(error)) this.#close(); // it answered; that is enough
        else this.#enterOpen();
      }
      throw error;
    }
  }

  /** brakes decided the window is over the threshold: retire it and wait out the open period. */
  #open(): void {
    if (this.#state !== 'closed') return;
    this.#renewWindow();
    this.#enterOpen();
  }

  #enterOpen(): void {
    this.#trialStartedAt = null;
    this.#openedAt = this.#now();
    this.#transition('open');
    this.#scheduleHalfOpen(this.#options.resetTimeoutMs);
  }

  /** The window renewed on open has counted no call since, so the breaker closes with it empty. */
  #close(): void {
    this.#clearResetTimer();
    this.#trialStartedAt = null;
    this.#openedAt = null;
    this.#transition('closed');
  }

  #renewWindow(): void {
    retire(this.#window);
    this.#window = createWindow(this.#options);
  }

  #scheduleHalfOpen(delayMs: number): void {
    this.#clearResetTimer();
    this.#resetTimer = setTimeout(() => {
      this.#resetTimer = undefined;
      this.#transition('half-open');
    }, delayMs);
    // Never keep the process alive just to leave an open state.
    this.#resetTimer.unref?.();
  }

  #clearResetTimer(): void {
    if (this.#resetTimer !== undefined) clearTimeout(this.#resetTimer);
    this.#resetTimer = undefined;
  }

  #transition(to: BreakerState): void {
    const from = this.#state;
    if (from === to) return;
    this.#state = to;
    const transition: BreakerTransition = { from, to, at: this.#now() };
    for (const listener of [...this.#listeners]) {
      try {
        listener(transition);
      } catch {
        // A broken listener must not wedge the state machine.
      }
    }
  }
}

function isCancelled(error: unknown): boolean {
  return isAppError(error) && error.code === 'CANCELLED';
}
