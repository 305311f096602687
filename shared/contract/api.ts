/**
 * The typed surface the renderer programs against, whatever the transport.
 * The preload bridge and the WebSocket client both implement `ContractTransport`;
 * `createContractClient` adds the types and turns wire errors into AppError.
 */
import { AppError, SerializedErrorSchema, type SerializedError } from './errors';
import type { EventChannel, EventPayload } from './events';
import type { InvokeChannel, InvokeRequest, InvokeResponse } from './invokes';

/** The result of an invoke as it travels: never a thrown value, always data. */
export type InvokeResult = { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: SerializedError };

/** The untyped wire each host provides. */
export interface ContractTransport {
  invoke(channel: string, payload: unknown): Promise<InvokeResult>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

export interface ContractClient {
  invoke<C extends InvokeChannel>(channel: C, ...payload: undefined extends InvokeRequest<C> ? [InvokeRequest<C>?] : [InvokeRequest<C>]): Promise<InvokeResponse<C>>;
  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void;
}

export function createContractClient(transport: ContractTransport): ContractClient {
  return {
    async invoke(channel, ...payload) {
      const outcome = await transport.invoke(channel, payload[0]);
      if (outcome.ok) return outcome.result as never;
      const parsed = SerializedErrorSchema.safeParse(outcome.error);
      throw parsed.success ? AppError.fromJSON(parsed.data) : new AppError('INTERNAL', 'The app sent an unreadable error.');
    },
    on(channel, listener) {
      return transport.subscribe(channel, listener as (payload: unknown) => void);
    },
  };
}
