/**
 * Circuit breaker: brakes for the statistics, our own state machine for the rest.
 *
 * brakes 3.1.0 keeps a bucketed rolling window and decides when the failure
 * ratio crosses the threshold; we let it do exactly that and nothing else. What
 * it gets wrong, and what this class does instead:
 *
 * - No half-open state: after circuitDuration it closes fully and lets every
 *   waiting call through (https://github.com/awolden/brakes/issues/73,
 *   https://github.com/awolden/brakes/issues/108). We own the open period and
 *   a real HALF_OPEN state that admits a single trial.
 * - Its timeout rejects but never cancels the work, and its timer is unref()'d.
 *   Ours (timeout-policy) aborts the work's AbortSignal instead.
 * - `destroy()` leaves the bucket and snapshot intervals running (lib/Stats.js
 *   `_startBucketSpinning` / `startSnapshots`; destroy() only deregisters and
 *   removes listeners). `dispose()` clears both itself.
 * - It guesses callback style from parameter names (lib/utils.js `hasCallback`)
 *   and runs everything through bluebird, which schedules on the real
 *   setImmediate it captured at load (so fake timers cannot drive a call) and
 *   arms a 1 ms unhandled-rejection timer per failed call. So we do not call
 *   `exec()`: each call reports its outcome to brakes exactly as brakes' own
 *   Circuit.exec does (lib/Circuit.js: emit 'success' with the run time, or
 *   'failure'/'timeout' with the run time, the error and the generation the
 *   call started in), the way a brakes sub-circuit reports to its parent.
 *   One shortcut, because this runs for every call: while the window holds
 *   no failures, a success goes straight into brakes' active bucket without
 *   the full-window recomputation that cannot change anything then
 *   (`#reportSuccess`).
 * - No types (https://github.com/awolden/brakes/issues/114): see brakes.d.ts.
 *
 * Option mapping from the design's (opossum names): threshold = (100 − P) / 100,
 * waitThreshold = volumeThreshold − 1, bucketSpan = rollingWindowMs / buckets,
 * bucketNum = buckets. brakes' `isFailure` is the inverse of opossum's
 * errorFilter; since we report outcomes ourselves, that test is
 * `#countsAsFailure` below. CANCELLED never counts: a caller changing their
 * mind says nothing about the service. Our own timeouts always count, as
 * brakes' TimeOutError does.
 */
import Brakes from 'brakes';
import { isAppError } from '../../../shared/contract/errors';
import { circuitOpenError, cancelledError, isErrorCode } from './resilience-errors';
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

// setTimeout's ceiling (2^31 − 1 ms, ~24.8 days); anything larger fires after 1 ms.
const OUT_OF_REACH_MS = 2_147_483_647;

export class CircuitBreaker {
  readonly service: string;
  readonly #options: CircuitBreakerOptions;
  readonly #now: () => number;
  readonly #brakes: Brakes;
  readonly #listeners = new Set<(transition: BreakerTransition) => void>();
  #state: BreakerState = 'closed';
  #openedAt: number | null = null;
  #resetTimer: ReturnType<typeof setTimeout> | undefined;
  #trialInFlight = false;
  /** Attempts still running; dispose() ends them with CANCELLED. */
  readonly #running = new Set<CancelAttempt>();
  /** Bumped whenever state is forced (restore, dispose) so an old trial's outcome is ignored. */
  #epoch = 0;
  #disposed = false;

  constructor(options: CircuitBreakerOptions) {
    this.service = options.service;
    this.#options = options;
    this.#now = options.now ?? Date.now;
    // No main function: brakes only keeps the window and decides when to open.
    this.#brakes = new Brakes({
      name: options.service,
      modifyError: false,
      registerGlobal: false,
      threshold: (100 - options.errorThresholdPercentage) / 100,
      waitThreshold: options.volumeThreshold - 1,
      bucketSpan: options.rollingWindowMs / options.buckets,
      bucketNum: options.buckets,
      circuitDuration: OUT_OF_REACH_MS,
      statInterval: OUT_OF_REACH_MS,
    });
    // We never read snapshots; stop that interval now rather than leak it
    // (brakes' destroy() would not: lib/Brakes.js destroy, lib/Stats.js startSnapshots).
    this.#brakes._stats.stopSnapshots();
    // No half-open in brakes: after circuitDuration it closes fully and lets every waiting
    // call through, from an unref()'d timer nobody can clear. We own the open period instead.
    // https://github.com/awolden/brakes/issues/73 https://github.com/awolden/brakes/issues/108
    this.#brakes._resetCircuitTimeout = () => undefined;
    this.#brakes.on('circuitOpen', () => this.#open());
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** Milliseconds until an open breaker admits a trial; 0 unless open. */
  get retryAfterMs(): number {
    if (this.#state !== 'open' || this.#openedAt === null) return 0;
    return Math.max(0, this.#openedAt + this.#options.resetTimeoutMs - this.#now());
  }

  /**
   * Runs `work` through the breaker with the per-attempt timeout. Rejects with
   * CIRCUIT_OPEN without calling `work` while open, or while half-open with the
   * trial already taken. `signal` (the caller's) and dispose() both end a
   * running attempt with CANCELLED and abort its work.
   */
  execute<T>(work: Work<T>, signal?: AbortSignal): Promise<T> {
    if (this.#disposed) return Promise.reject(cancelledError(this.service));
    switch (this.#state) {
      case 'open':
        return Promise.reject(circuitOpenError(this.service, this.retryAfterMs));
      case 'half-open':
        // The trial settles within its timeout; that is the earliest useful retry.
        if (this.#trialInFlight) return Promise.reject(circuitOpenError(this.service, this.#options.timeoutMs));
        return this.#trial(work, signal);
      case 'closed':
        return this.#closedCall(work, signal);
    }
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
    this.#trialInFlight = false;
    this.#clearResetTimer();
    if (snapshot.state === 'closed') {
      if (this.#state !== 'closed') this.#close();
      return;
    }
    this.#markBrakesOpen();
    if (snapshot.state === 'half-open') {
      this.#openedAt = snapshot.openedAt;
      if (this.#state !== 'half-open') this.#transition('half-open');
      return;
    }
    const openedAt = snapshot.openedAt ?? this.#now();
    const remaining = openedAt + this.#options.resetTimeoutMs - this.#now();
    this.#openedAt = openedAt;
    if (remaining <= 0) {
      if (this.#state !== 'half-open') this.#transition('half-open');
      return;
    }
    if (this.#state !== 'open') this.#transition('open');
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
    // brakes' destroy() only deregisters and drops listeners; both Stats intervals
    // (lib/Stats.js _startBucketSpinning, startSnapshots) would keep running. Clear them first.
    this.#brakes._stats._stopBucketSpinning();
    this.#brakes._stats.stopSnapshots();
    this.#brakes.destroy();
    this.#listeners.clear();
  }

  /**
   * A call while closed, reported to brakes' window as lib/Circuit.js exec()
   * would, at the moment the attempt settles (no async wrapper: this runs for
   * every call).
   */
  #closedCall<T>(work: Work<T>, signal: AbortSignal | undefined): Promise<T> {
    const brakes = this.#brakes;
    // brakes bumps the generation on open and drops reports from older ones, so a
    // call started before an open cannot count after it (its late result changes nothing).
    const generation = brakes._circuitGeneration;
    const started = this.#now();
    return this.#attempt(work, signal, (failed, error) => {
      const runTimeMs = this.#now() - started;
      if (!failed) this.#reportSuccess(runTimeMs);
      else if (isErrorCode(error, 'UPSTREAM_TIMEOUT') && error.service === this.service) {
        brakes.emit('timeout', runTimeMs, error, generation);
      } else if (this.#countsAsFailure(error)) {
        brakes.emit('failure', runTimeMs, error, generation);
      }
    });
  }

  /**
   * Reports a success to brakes' window. brakes recomputes the whole window on
   * every report (lib/Stats.js `success` → `_update` → `_generateStats`, a
   * reduce over every bucket) and then checks whether to open: ~5 % of a local
   * request when done for every success. A success can only open the circuit
   * when the window holds failures (it may lift `total` past waitThreshold
   * while the success ratio is still under threshold), so it is only skipped
   * when brakes' last computed totals had none. Those totals are exact on that
   * point: every failure and timeout report recomputes them, and bucket
   * rotation only drops calls. The success still goes into brakes' active
   * bucket, exactly as `Stats.success` records it, so brakes keeps the window
   * and makes every open decision from it.
   */
  #reportSuccess(runTimeMs: number): void {
    const stats = this.#brakes._stats;
    if (stats._totals.failed === 0 && stats._totals.timedOut === 0) stats._activeBucket.success(runTimeMs);
    else this.#brakes.emit('success', runTimeMs);
  }

  /** brakes' `isFailure`: the inverse of opossum's errorFilter, and never a cancellation. */
  #countsAsFailure(error: unknown): boolean {
    return !isCancelled(error) && !(this.#options.errorFilter?.(error) ?? false);
  }

  #attempt<T>(
    work: Work<T>,
    signal: AbortSignal | undefined,
    onSettled?: (failed: boolean, error?: unknown) => void,
  ): Promise<T> {
    return withTimeout(work, {
      service: this.service,
      timeoutMs: this.#options.timeoutMs,
      where: this.#options.where,
      signal,
      running: this.#running,
      onSettled,
    });
  }

  async #trial<T>(work: Work<T>, signal: AbortSignal | undefined): Promise<T> {
    this.#trialInFlight = true;
    const epoch = this.#epoch;
    const stillCurrent = (): boolean => epoch === this.#epoch && this.#state === 'half-open';
    try {
      const result = await this.#attempt(work, signal);
      if (stillCurrent()) this.#close();
      return result;
    } catch (error) {
      if (stillCurrent()) {
        if (isCancelled(error)) this.#trialInFlight = false; // no verdict: the next caller may try
        else if (this.#options.errorFilter?.(error)) this.#close(); // it answered; that is enough
        else this.#reopen();
      }
      throw error;
    }
  }

  /** brakes decided the window is over the threshold. */
  #open(): void {
    if (this.#disposed || this.#state === 'open') return;
    this.#openedAt = this.#now();
    this.#transition('open');
    this.#scheduleHalfOpen(this.#options.resetTimeoutMs);
  }

  #reopen(): void {
    this.#trialInFlight = false;
    this.#openedAt = this.#now();
    this.#transition('open');
    this.#scheduleHalfOpen(this.#options.resetTimeoutMs);
  }

  #close(): void {
    this.#clearResetTimer();
    this.#trialInFlight = false;
    this.#openedAt = null;
    // Fresh window on close, as brakes itself does; the generation it bumped on open
    // already keeps failures of calls started before the open out of the new window.
    this.#brakes._stats.reset();
    this.#brakes._circuitOpen = false;
    this.#transition('closed');
  }

  /** Puts brakes in the state its own `_open()` would, without the event or its timer. */
  #markBrakesOpen(): void {
    if (!this.#brakes._circuitOpen) {
      this.#brakes._circuitOpen = true;
      this.#brakes._circuitGeneration++;
    }
  }

  #scheduleHalfOpen(delayMs: number): void {
    this.#clearResetTimer();
    this.#resetTimer = setTimeout(() => {
      this.#resetTimer = undefined;
      this.#trialInFlight = false;
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
