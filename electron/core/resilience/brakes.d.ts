/**
 * Type declarations for brakes 3.1.0, which ships none
 * (https://github.com/awolden/brakes/issues/114;
 * `@types/brakes` does not exist).
 *
 * Only what CircuitBreaker uses is declared. The underscored members are read
 * or called, never written, each for the workaround its comment names.
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
      /** While open, run on an interval; the circuit closes when it resolves. */
      healthCheck?: () => PromiseLike<unknown>;
      healthCheckInterval?: number;
      isFunction?: boolean;
      isPromise?: boolean;
      modifyError?: boolean;
      /** Return false to leave an error out of the statistics (inverse of opossum's errorFilter). */
      isFailure?: (error: unknown) => boolean;
      percentiles?: number[];
    }

    /** brakes' rolling-window statistics (lib/Stats.js); only its interval switches are used. */
    interface Stats {
      /** Clears the bucket-rotation interval, which destroy() leaves running. */
      _stopBucketSpinning(): boolean;
      /** Clears the snapshot interval, which destroy() leaves running. */
      stopSnapshots(): boolean;
    }
  }

  class Brakes extends EventEmitter {
    /** Without a main function: statistics only, fed by the outcome events below. */
    constructor(options: Brakes.Options);
    readonly name: string;
    isOpen(): boolean;
    /** Deregisters and removes listeners; leaves the intervals below running. */
    destroy(): void;

    /**
     * Outcome reports, as brakes' sub-circuits make them (lib/Circuit.js):
     * 'success' (run time), 'failure' (run time, error, the generation the call ran in).
     */
    emit(event: 'success', runTimeMs: number): boolean;
    emit(event: 'failure', runTimeMs: number, error: unknown, generation: number): boolean;
    emit(event: string | symbol, ...args: unknown[]): boolean;

    /** Stamped on every failure report; brakes drops reports from an older generation. */
    readonly _circuitGeneration: number;
    _stats: Brakes.Stats;
    /** While open with a health check: the interval that runs it, which destroy() leaves running. */
    readonly _healthInterval: ReturnType<typeof setInterval> | undefined;
  }

  export = Brakes;
}
