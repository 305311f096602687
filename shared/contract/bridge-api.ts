/**
 * The one global the preload exposes (`window.medianest`): the contract transport
 * and nothing else. Channel names are checked on both sides of the bridge.
 */
import type { ContractTransport } from './api';

export const BRIDGE_GLOBAL = 'medianest';
export const IPC_INVOKE_CHANNEL = 'medianest:invoke';
export const IPC_EVENT_CHANNEL = 'medianest:event';

export type BridgeApi = ContractTransport;
