/**
 * How the renderer's link to the core is doing, as the shell shows it.
 *
 * The preload bridge is always `connected`; the WebSocket transport moves
 * between all three as the serve-mode server comes and goes.
 */
export type ConnectionState = 'connected' | 'connecting' | 'offline';

/** Something whose connection state can be watched (the listener also gets the current state at once). */
export interface ConnectionSource {
  readonly connectionState: ConnectionState;
  watchConnection(listener: (state: ConnectionState) => void): () => void;
}
