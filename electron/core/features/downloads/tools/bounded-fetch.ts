/**
 * Downloads of release files with a size cap and a deadline, in memory
 * (the small checksum and signature files) or to a file while hashing it (the
 * asset). Failures are Errors whose message says what happened, in words.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';

export type Fetch = typeof fetch;

export interface BoundedFetchOptions {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  readonly fetch?: Fetch;
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / (1024 * 1024))} MB` : `${Math.round(bytes / 1024)} KB`;
}

function what(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.pathname.split('/').pop() || parsed.pathname} from ${parsed.host}`;
  } catch {
    return url;
  }
}

async function* chunks(url: string, options: BoundedFetchOptions): AsyncGenerator<Uint8Array> {
  const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]) : AbortSignal.timeout(options.timeoutMs);
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { signal, redirect: 'follow' });
  } catch (error) {
    throw new Error(`Could not fetch ${what(url)}: ${reason(error, options.timeoutMs)}.`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`Fetching ${what(url)} failed: the server answered HTTP ${response.status}.`);
  }
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`${what(url)} is ${megabytes(declared)}, more than the ${megabytes(options.maxBytes)} allowed: refused.`);
  }
  if (!response.body) return;
  let total = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      let next: Awaited<ReturnType<typeof reader.read>>;
      try {
        next = await reader.read();
      } catch (error) {
        throw new Error(`Fetching ${what(url)} broke off: ${reason(error, options.timeoutMs)}.`, { cause: error });
      }
      if (next.done) return;
      total += next.value.byteLength;
      if (total > options.maxBytes) throw new Error(`${what(url)} is more than the ${megabytes(options.maxBytes)} allowed: refused.`);
      yield next.value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

function reason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || (error.cause as Error | undefined)?.name === 'TimeoutError')) {
    return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  }
  if (error instanceof Error && error.name === 'AbortError') return 'stopped';
  const cause = (error instanceof Error ? (error.cause ?? error) : error) as { code?: unknown; message?: unknown } | undefined;
  return typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : String(error);
}

/** The whole body, at most `maxBytes`. */
export async function fetchBytes(url: string, options: BoundedFetchOptions): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks(url, options)) parts.push(chunk);
  return Buffer.concat(parts);
}

/** Writes the body to `path` (created, mode 0600 until the caller makes it executable) and answers its SHA-256, hex. */
export async function fetchToFile(url: string, path: string, options: BoundedFetchOptions): Promise<string> {
  const hash = createHash('sha256');
  const file = await open(path, 'wx', 0o600);
  try {
    for await (const chunk of chunks(url, options)) {
      hash.update(chunk);
      await file.write(chunk);
    }
    await file.sync();
  } finally {
    await file.close();
  }
  return hash.digest('hex');
}
