/**
 * Binary responses (posters, thumbnails) that the renderer loads by URL rather
 * than through an invoke. Serve mode exposes them under `/binary/…`; the
 * Electron shell under its own `medianest://binary/…` protocol. Both hosts ask
 * this registry, so a feature registers a route once.
 */
import type { Readable } from 'node:stream';

export interface BinaryResponse {
  readonly contentType: string;
  readonly body: Buffer | Readable;
  /** Seconds the browser may cache it. */
  readonly maxAgeSeconds?: number;
}

/** Gets the rest of the path after `/binary/<route>/`, already URL-decoded segment by segment. */
export type BinaryHandler = (segments: readonly string[], signal: AbortSignal) => Promise<BinaryResponse | null>;

export interface BinaryRoutes {
  register(route: string, handler: BinaryHandler): () => void;
  /** `path` is everything after `/binary/`; returns null when nothing answers. */
  resolve(path: string, signal: AbortSignal): Promise<BinaryResponse | null>;
}

const ROUTE_NAME = /^[a-z][a-z0-9-]{0,31}$/;

export function createBinaryRoutes(): BinaryRoutes {
  const routes = new Map<string, BinaryHandler>();
  return {
    register(route, handler) {
      if (!ROUTE_NAME.test(route)) throw new Error(`Invalid binary route name: ${route}`);
      if (routes.has(route)) throw new Error(`Binary route already registered: ${route}`);
      routes.set(route, handler);
      return () => routes.delete(route);
    },
    async resolve(path, signal) {
      const [route, ...rest] = path.split('/');
      const handler = route === undefined ? undefined : routes.get(route);
      if (!handler) return null;
      let segments: string[];
      try {
        segments = rest.map((segment) => decodeURIComponent(segment));
      } catch {
        return null;
      }
      // Segments are identifiers, never paths: refuse anything that could walk directories.
      if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /[\\/\0]/.test(segment))) return null;
      return handler(segments, signal);
    },
  };
}
