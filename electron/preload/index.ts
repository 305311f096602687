/**
 * The preload (sandboxed, CommonJS, may only require `electron`): exposes the
 * contract bridge as `window.medianest` and nothing else. This file and
 * electron/main/ipc-bridge.ts are the only places that touch raw IPC.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL } from '../../shared/contract/bridge-api';
import { createBridgeApi } from './create-bridge';

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, createBridgeApi(ipcRenderer));
