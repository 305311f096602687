/**
 * What every service simulator shares: a loopback listener, a log of the
 * requests it received, and a switch tests flip to make it misbehave the way
 * a homelab does (the program is down, a proxy redirects, another program
 * answers at the address).
 *
 * A simulator is hosted on the core's listener host when given one (the demo
 * homelab, closed with the core) or on its own otherwise (tests).
 */
import type { IncomingHttpHeaders, IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { createHttpListenerHost, type HostedListener, type HttpListenerHost } from './http-listeners';
import { requestPath, sendBody, sendHtml } from './simulator-replies';

/** How the simulator answers, whatever is asked. */
export type SimulatorMode =
  /** As the real program. */
  | { readonly kind: 'normal' }
  /** 503 to everything, as a reverse proxy does while the program behind it is down. */
  | { readonly kind: 'unavailable' }
  /** Closes every connection without an answer. */
  | { readonly kind: 'drop' }
  /** A 302 to `location` for every path, as a login portal or a misconfigured proxy does. */
  | { readonly kind: 'redirect'; readonly location: string }
  /** A plain web page for every path: some other program answers at this address. */
  | { readonly kind: 'web-page' };

export interface SimulatorRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
}

export interface SimulatorControl {
  /** Every request received, oldest first (probes included). */
  readonly requests: readonly SimulatorRequest[];
  setMode(mode: SimulatorMode): void;
  /** Back to answering as the real program. */
  reset(): void;
  /** Closes the port, as a stopped program leaves it: connections are refused until `resume()`. */
  pause(): Promise<void>;
  /** Listens again on the same port. */
  resume(): Promise<void>;
}

export interface Simulator<C extends SimulatorControl = SimulatorControl> {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly control: C;
  close(): Promise<void>;
}

export interface SimulatorHosting {
  /** Host on this listener host (closed with it); default: a host of its own, closed by `close()`. */
  readonly listeners?: HttpListenerHost;
  /** The listener's name on the host. */
  readonly name?: string;
  /** Default 0: a free port. */
  readonly port?: number;
}

const OTHER_PROGRAM_PAGE = '<!doctype html><html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>';

function answerInMode(mode: SimulatorMode, req: IncomingMessage, res: ServerResponse): boolean {
  switch (mode.kind) {
    case 'normal':
      return false;
    case 'unavailable':
      sendHtml(res, 503, '<html><body><h1>503 Service Unavailable</h1></body></html>');
      return true;
    case 'drop':
      req.socket.destroy();
      return true;
    case 'redirect':
      sendBody(res, 302, 'text/plain; charset=utf-8', `Found. Redirecting to ${mode.location}`, { location: mode.location });
      return true;
    case 'web-page':
      sendHtml(res, 200, OTHER_PROGRAM_PAGE);
      return true;
  }
}

/**
 * Starts `handler` (the program's real behaviour) on 127.0.0.1 behind the shared
 * request log and mode switch. `extend` adds the simulator's own controls.
 */
export async function startSimulator<E extends object>(
  handler: RequestListener,
  hosting: SimulatorHosting & { readonly name: string },
  extend: E,
): Promise<Simulator<SimulatorControl & E>> {
  const requests: SimulatorRequest[] = [];
  let mode: SimulatorMode = { kind: 'normal' };
  const host = hosting.listeners ?? createHttpListenerHost();
  const listen = (port: number) =>
    host.listen({
      name: hosting.name,
      host: '127.0.0.1',
      port,
      handler(req, res) {
        requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', path: requestPath(req), headers: req.headers });
        if (!answerInMode(mode, req, res)) handler(req, res);
      },
    });
  let listener: HostedListener | undefined = await listen(hosting.port ?? 0);
  const port = listener.port;
  const control: SimulatorControl & E = Object.assign(extend, {
    requests,
    setMode(next: SimulatorMode) {
      mode = next;
    },
    reset() {
      mode = { kind: 'normal' };
    },
    async pause() {
      await listener?.close();
      listener = undefined;
    },
    async resume() {
      listener ??= await listen(port);
    },
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    control,
    close: async () => {
      if (!hosting.listeners) return host.dispose();
      await listener?.close();
      listener = undefined;
    },
  };
}
