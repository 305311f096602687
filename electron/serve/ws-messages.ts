/**
 * Reads the frames a serve-mode client sends (the protocol itself is
 * shared/contract/ws-protocol.ts).
 *
 * Frames over MAX_MESSAGE_BYTES never get here: the socket refuses them from
 * their header, before reading them (close code 1009). Anything else that is
 * not one of the three client messages (not JSON, unknown type, wrong field
 * types, extra fields, binary frame) becomes an
 * INVALID_PAYLOAD result. It carries the message's id when one could be read,
 * and `id: null` otherwise, so a client can still tell that something it sent
 * was refused.
 */
import { AppError, type SerializedError } from '../../shared/contract/errors';
import { describeIssues } from '../../shared/contract/describe-issues';
import { ClientMessageSchema, MessageIdSchema, type ClientMessage } from '../../shared/contract/ws-protocol';

/** Largest frame a client may send; the socket closes on a bigger one without reading it. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

export type ParsedClientMessage = { readonly ok: true; readonly message: ClientMessage } | { readonly ok: false; readonly id: number | null; readonly error: SerializedError };

function invalid(id: number | null, message: string): ParsedClientMessage {
  return { ok: false, id, error: new AppError('INVALID_PAYLOAD', message).toJSON() };
}

/** Reads the id of a message we are refusing, when it has a usable one. */
function readId(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const parsed = MessageIdSchema.safeParse((value as { id: unknown }).id);
  return parsed.success ? parsed.data : null;
}

/** Parses one frame from a client; never throws. */
export function parseClientMessage(data: Buffer | string, isBinary: boolean): ParsedClientMessage {
  if (isBinary) return invalid(null, 'Messages must be JSON text frames.');
  let json: unknown;
  try {
    json = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch {
    return invalid(null, 'The message is not valid JSON.');
  }
  const parsed = ClientMessageSchema.safeParse(json);
  if (!parsed.success) return invalid(readId(json), `Invalid message: ${describeIssues(parsed.error.issues)}`);
  return { ok: true, message: parsed.data };
}
