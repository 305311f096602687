/**
 * The one entry point through which any host (IPC bridge, WebSocket) calls the core.
 *
 * Every payload is treated as hostile: the channel must be in the contract, the
 * payload must parse with the channel's schema, and the handler's result is
 * parsed with the response schema on its way out (which also strips any field
 * the contract does not name). Failures come back as data, never as throws.
 */
import type { InvokeResult } from '../../../shared/contract/api';
import { AppError, serializeError } from '../../../shared/contract/errors';
import { invokes, isInvokeChannel, type InvokeChannel, type InvokeParsedRequest, type InvokeResponse } from '../../../shared/contract/invokes';
import { describeIssues, invalidPayloadParts } from '../../../shared/contract/describe-issues';
import type { Logger } from '../logging/logger';

export type ContractHandlers = {
  readonly [C in InvokeChannel]: (payload: InvokeParsedRequest<C>) => Promise<InvokeResponse<C>> | InvokeResponse<C>;
};

export type InvokeDispatcher = (channel: unknown, payload: unknown) => Promise<InvokeResult>;

export function createInvokeDispatcher(handlers: ContractHandlers, logger?: Pick<Logger, 'warn' | 'error'>): InvokeDispatcher {
  return async (channel, payload) => {
    if (!isInvokeChannel(channel)) {
      const name = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
      return { ok: false, error: new AppError('UNKNOWN_CHANNEL', `No such channel: ${name}`).toJSON() };
    }
    const definition = invokes[channel];
    const parsed = definition.request.safeParse(payload);
    if (!parsed.success) {
      logger?.warn({ channel, issues: describeIssues(parsed.error.issues) }, 'rejected an invalid payload');
      const { message, fields } = invalidPayloadParts(parsed.error.issues);
      return { ok: false, error: new AppError('INVALID_PAYLOAD', message, { fields }).toJSON() };
    }
    try {
      const handler = handlers[channel] as (payload: unknown) => unknown;
      const result = await handler(parsed.data);
      const checked = definition.response.safeParse(result);
      if (!checked.success) {
        logger?.error({ channel, issues: describeIssues(checked.error.issues) }, 'a handler broke the contract');
        return { ok: false, error: new AppError('INTERNAL', `${channel} produced a result outside the contract.`).toJSON() };
      }
      return { ok: true, result: checked.data };
    } catch (error) {
      if (!(error instanceof AppError)) logger?.error({ err: error, channel }, 'handler failed');
      return { ok: false, error: serializeError(error) };
    }
  };
}
