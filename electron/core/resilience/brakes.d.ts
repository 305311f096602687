/**
 * Type declarations for brakes 3.1.0, which ships none
 * (https://github.com/awolden/brakes/issues/114;
 * `@types/brakes` does not exist).
 *
 * Only what CircuitBreaker uses is declared, including the underscored
 * internals it has to reach to work around brakes' bugs; each such member
 * names the workaround that needs it.
 */
declare module 'brakes' {
  import { EventEmitter } from 'node:events';

  namespace Brakes {
    interface Options {
      name?: string;
      group?: string;
      bucketSpan?: number;
      bucketNum?: number;
      circuitDuration?: number;
      statInterval?: number;
      registerGlobal?: boolean;
      /** Volume that must be exceeded (`total > waitThreshold`) before the ratio is checked. */
      waitThreshold?: number;
      /** A *success* ratio: the circuit opens when `successful / total < threshold`. */
      threshold?: number;
      timeout?: number;
      healthCheckInterval?: number;
      isFunction?: boolean;
      isPromise?: boolean;
      modifyError?: boolean;
      /** Return false to leave an error out of the statistics (inverse of opossum's errorFilter). */
      isFailure?: (error: unknown) => boolean;
      percentiles?: number[];
    }

    interface WindowTotals {
      total: number;
      successful: number;
      failed: number;
      timedOut: number;
      shortCircuited: number;
    }

    /** One bucket of the rolling window (lib/Bucket.js). */
    interface Bucket {
      success(runTimeMs: number): void;
    }

    /** brakes' rolling-window statistics (lib/Stats.js). */
    interface Stats extends EventEmitter {
      /** The window as last computed; recomputed on every report except the successes CircuitBreaker skips. */
      _totals: WindowTotals;
      /** Where reports go; `success()` without the window recomputation (see CircuitBreaker #reportSuccess). */
      _activeBucket: Bucket;
      /** The bucket-rotation interval; `destroy()` never clears it (see CircuitBreaker.dispose). */
      _spinningInterval: ReturnType<typeof setInterval> | undefined;
      /** The snapshot interval; `destroy()` never clears it either. */
      _snapshotInterval: ReturnType<typeof setInterval> | undefined;
      _stopBucketSpinning(): boolean;
      stopSnapshots(): boolean;
      reset(): void;
    }
  }

  class Brakes extends EventEmitter {
    constructor(func: (...args: never[]) => PromiseLike<unknown>, options?: Brakes.Options);
    /** Without a main function: statistics only (and sub-circuits). */
    constructor(options: Brakes.Options);
    readonly name: string;
    /** Resolves with a bluebird promise. */
    exec(...args: unknown[]): PromiseLike<unknown>;
    isOpen(): boolean;
    destroy(): void;

    /**
     * Outcome reports, as lib/Circuit.js emits them on its Brakes instance:
     * 'success' (runTime), 'failure' / 'timeout' (runTime, error, generation).
     */
    emit(event: 'success', runTimeMs: number): boolean;
    emit(event: 'failure' | 'timeout', runTimeMs: number, error: unknown, generation: number): boolean;
    emit(event: string | symbol, ...args: unknown[]): boolean;

    // Internals, used only by CircuitBreaker's workarounds.
    _stats: Brakes.Stats;
    _circuitOpen: boolean;
    _circuitGeneration: number;
    /** Closes the circuit fully after circuitDuration, with no half-open state (#73, #108). */
    _resetCircuitTimeout(): void;
  }

  export = Brakes;
}
