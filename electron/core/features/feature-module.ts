/**
 * The shape every feature hands the composition root (create-core.ts).
 *
 * A feature is built by `createXFeature(deps)` from narrow deps (the pieces it
 * uses, never the whole core) and returns its contract handlers, a disposer,
 * and any capability other features may be given (see README.md beside this file).
 */
import type { InvokeChannel } from '../../../shared/contract/invokes';
import type { ContractHandlers } from '../transport/dispatch-invoke';

export interface FeatureModule<C extends InvokeChannel = never> {
  /** This feature's channels; create-core merges every feature's handlers `satisfies ContractHandlers`. */
  readonly handlers: Pick<ContractHandlers, C>;
  /** Stops its timers, listeners and work in flight; called once, when the core is disposed. */
  dispose(): void | Promise<void>;
}
