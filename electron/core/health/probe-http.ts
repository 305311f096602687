/**
 * HTTP for probes: GET outside the gateway (no breaker, no retry: a probe is
 * how recovery is seen), never following a redirect (a 3xx is an answer to
 * judge, not a way to somewhere else), with a bounded body read.
 *
 * The credential is sent only when a step asks for it, so the address step
 * never hands a token to a program that turns out not to be the service.
 */
import type { KyInstance } from 'ky';
import type { ProbeOptions } from './probe';
import { createServiceHttp, relativePath, type GetSecret } from '../upstream/service-http';
import type { ResolvedServiceConfig } from '../upstream/service-config';
import { networkErrorKind, type NetworkErrorKind } from '../upstream/upstream-errors';

export type ProbeReply =
  | {
      readonly kind: 'response';
      readonly status: number;
      readonly contentType: string;
      /** The `Location` header of a redirect, or null. */
      readonly location: string | null;
      /** The body as text, cut at MAX_BODY_BYTES. */
      readonly body: string;
    }
  | { readonly kind: NetworkErrorKind };

export interface ProbeHttp {
  /** The service's address, for telling a redirect within it from one elsewhere. */
  readonly baseUrl: string;
  /** Whether a credential is saved (or typed, for "Test") for this upstream. */
  readonly hasCredential: boolean;
  /** GETs `path` (from the service's address), with the saved credential when `withCredential`. */
  get(path: string, options?: { readonly withCredential?: boolean }): Promise<ProbeReply>;
}

// Status pages and library lists are small; anything this large is not the answer a probe expects.
const MAX_BODY_BYTES = 256 * 1024;

async function readBody(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      // Stop reading; cancelling frees the socket.
      await reader.cancel().catch(() => undefined);
      break;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function createProbeHttp(config: ResolvedServiceConfig, getSecret: GetSecret, signal: AbortSignal, options: ProbeOptions = {}): ProbeHttp {
  const anonymous = createServiceHttp(config, () => undefined);
  const authenticated = createServiceHttp(config, getSecret);
  const get = async (http: KyInstance, path: string): Promise<ProbeReply> => {
    try {
      const response = await http.get(relativePath(path), {
        signal,
        throwHttpErrors: false,
        redirect: 'manual',
        // ky hands options it does not know to fetch, which takes undici's `dispatcher`.
        ...(options.dispatcher ? ({ dispatcher: options.dispatcher } as object) : {}),
      });
      return {
        kind: 'response',
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        location: response.headers.get('location'),
        body: await readBody(response),
      };
    } catch (error) {
      const kind = networkErrorKind(error);
      if (kind) return { kind };
      throw error;
    }
  };
  return {
    baseUrl: config.baseUrl,
    hasCredential: config.auth !== undefined && Boolean(getSecret(config.auth.secret)),
    get: (path, options = {}) => get(options.withCredential ? authenticated() : anonymous(), path),
  };
}
