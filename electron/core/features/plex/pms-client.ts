/**
 * Calls to the chosen Plex Media Server, each through the integration layer
 * (`PlexCall`: the gateway with the server's address and token), with the
 * install's X-Plex-* identity on every request and every answer parsed.
 */
import { HTTPError } from 'ky';
import type { z } from 'zod';
import { parseResponse } from '../../upstream/parse-response';
import type { PlexCall } from './plex-call';
import {
  IdentitySchema,
  MetadataContainerSchema,
  SectionsSchema,
  SessionsSchema,
  type MetadataContainer,
  type PlexMetadata,
  type PlexSection,
} from './plex-schemas';

export interface ItemPage {
  readonly items: readonly PlexMetadata[];
  readonly totalSize: number;
}

export interface PageRequest {
  readonly start: number;
  readonly size: number;
  /** Extra query, already encoded (filters such as `updatedAt%3E123`). */
  readonly query?: string;
  readonly keysOnly?: boolean;
  readonly signal?: AbortSignal;
}

export interface PlayingSession {
  readonly ratingKey: string;
  readonly title: string;
  /** `playing`, `paused`, `buffering`. */
  readonly state: string;
  /** The player's address as the server saw it. */
  readonly address: string | null;
}

export interface PmsClient {
  identity(signal?: AbortSignal): Promise<string>;
  sections(signal?: AbortSignal): Promise<PlexSection[]>;
  /** `totalSize` of a listing, fetching no items (`X-Plex-Container-Size: 0`). */
  count(sectionKey: string, query?: string, signal?: AbortSignal): Promise<number>;
  page(sectionKey: string, request: PageRequest): Promise<ItemPage>;
  metadata(ratingKey: string, signal?: AbortSignal): Promise<PlexMetadata | undefined>;
  onDeck(size: number, signal?: AbortSignal): Promise<PlexMetadata[]>;
  /** A server image (`thumb`/`art` path) through `/photo/:/transcode` at the given size. */
  photo(path: string, width: number, height: number, signal?: AbortSignal): Promise<{ bytes: Buffer; contentType: string }>;
  /** Scans the section, or one folder of it (the path as the server sees it). */
  refresh(sectionKey: string, path?: string): Promise<void>;
  /** The section's collections (rating key and title). */
  collections(sectionKey: string, signal?: AbortSignal): Promise<{ ratingKey: string; title: string }[]>;
  createCollection(input: { sectionKey: string; type: number; title: string; ratingKeys: readonly string[]; machineIdentifier: string }): Promise<string>;
  addToCollection(collectionKey: string, ratingKeys: readonly string[], machineIdentifier: string): Promise<void>;
  /** What is playing; null when the token may not read it (only the server owner's may). */
  sessions(signal?: AbortSignal): Promise<PlayingSession[] | null>;
}

export interface PmsClientDeps {
  readonly call: PlexCall;
  /** The install's X-Plex-* headers, sent with every request. */
  readonly identityHeaders: Readonly<Record<string, string>>;
}

const SERVICE = 'plex';

function libraryUri(machineIdentifier: string, ratingKeys: readonly string[]): string {
  return `server://${machineIdentifier}/com.plexapp.plugins.library/library/metadata/${ratingKeys.join(',')}`;
}

export function createPmsClient(deps: PmsClientDeps): PmsClient {
  const { call } = deps;
  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({ ...deps.identityHeaders, Accept: 'application/json', ...extra });
  const getJson = <S extends z.ZodType>(operation: string, path: string, schema: S, extra: Record<string, string> = {}, signal?: AbortSignal): Promise<z.output<S>> =>
    call(operation, async (http) => parseResponse(schema, await http.get(path, { headers: headers(extra), ...(signal ? { signal } : {}) }).json(), SERVICE), signal ? { signal } : {});

  const listing = (sectionKey: string, query: string): string => `library/sections/${encodeURIComponent(sectionKey)}/all${query ? `?${query}` : ''}`;

  return {
    async identity(signal) {
      return (await getJson('identity', 'identity', IdentitySchema, {}, signal)).MediaContainer.machineIdentifier;
    },
    async sections(signal) {
      return (await getJson('sections', 'library/sections', SectionsSchema, {}, signal)).MediaContainer.Directory;
    },
    async count(sectionKey, query = '', signal) {
      const body = await getJson('count', listing(sectionKey, query), MetadataContainerSchema, { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': '0' }, signal);
      return body.MediaContainer.totalSize ?? body.MediaContainer.size ?? 0;
    },
    async page(sectionKey, request) {
      const query = [request.keysOnly ? 'includeFields=ratingKey' : 'includeGuids=1', request.query].filter(Boolean).join('&');
      const body: MetadataContainer = await getJson(
        request.keysOnly ? 'keys' : 'items',
        listing(sectionKey, query),
        MetadataContainerSchema,
        { 'X-Plex-Container-Start': String(request.start), 'X-Plex-Container-Size': String(request.size) },
        request.signal,
      );
      const container = body.MediaContainer;
      return { items: container.Metadata, totalSize: container.totalSize ?? container.size ?? container.Metadata.length };
    },
    async metadata(ratingKey, signal) {
      try {
        return (await getJson('metadata', `library/metadata/${encodeURIComponent(ratingKey)}`, MetadataContainerSchema, {}, signal)).MediaContainer.Metadata[0];
      } catch (error) {
        if ((error as { status?: number }).status === 404) return undefined;
        throw error;
      }
    },
    async onDeck(size, signal) {
      return (await getJson('on-deck', 'library/onDeck', MetadataContainerSchema, { 'X-Plex-Container-Start': '0', 'X-Plex-Container-Size': String(size) }, signal)).MediaContainer.Metadata;
    },
    photo(path, width, height, signal) {
      const query = new URLSearchParams({ url: path, width: String(width), height: String(height), minSize: '1', upscale: '1' });
      return call(
        'photo',
        async (http) => {
          const res = await http.get(`photo/:/transcode?${query}`, { headers: headers({ Accept: 'image/*' }), ...(signal ? { signal } : {}) });
          return { bytes: Buffer.from(await res.arrayBuffer()), contentType: res.headers.get('content-type') ?? 'image/jpeg' };
        },
        signal ? { signal } : {},
      );
    },
    async refresh(sectionKey, path) {
      const query = path ? `?${new URLSearchParams({ path })}` : '';
      await call('refresh', (http) => http.get(`library/sections/${encodeURIComponent(sectionKey)}/refresh${query}`, { headers: headers() }).then(() => undefined));
    },
    async collections(sectionKey, signal) {
      const body = await getJson('collections', `library/sections/${encodeURIComponent(sectionKey)}/collections`, MetadataContainerSchema, {}, signal);
      return body.MediaContainer.Metadata.map((entry) => ({ ratingKey: entry.ratingKey, title: entry.title ?? '' }));
    },
    async createCollection(input) {
      const query = new URLSearchParams({ type: String(input.type), title: input.title, smart: '0', sectionId: input.sectionKey, uri: libraryUri(input.machineIdentifier, input.ratingKeys) });
      const body = await call(
        'create-collection',
        async (http) => parseResponse(MetadataContainerSchema, await http.post(`library/collections?${query}`, { headers: headers() }).json(), SERVICE),
        { idempotent: false },
      );
      const created = body.MediaContainer.Metadata[0];
      if (!created) throw new Error('Plex did not return the new collection');
      return created.ratingKey;
    },
    async addToCollection(collectionKey, ratingKeys, machineIdentifier) {
      const query = new URLSearchParams({ uri: libraryUri(machineIdentifier, ratingKeys) });
      await call('add-to-collection', (http) => http.put(`library/collections/${encodeURIComponent(collectionKey)}/items?${query}`, { headers: headers() }).then(() => undefined));
    },
    async sessions(signal) {
      const body = await call(
        'sessions',
        async (http) => {
          try {
            return parseResponse(SessionsSchema, await http.get('status/sessions', { headers: headers(), ...(signal ? { signal } : {}) }).json(), SERVICE);
          } catch (error) {
            // A refusal here is about this one path (it needs the owner's token), not a token gone bad:
            // answered inside the call, it reaches neither the breaker nor "sign in again".
            if (error instanceof HTTPError && (error.response.status === 401 || error.response.status === 403)) return null;
            throw error;
          }
        },
        signal ? { signal } : {},
      );
      return (
        body?.MediaContainer.Metadata.map((entry) => ({
          ratingKey: entry.ratingKey,
          title: entry.title ?? '',
          state: entry.Player?.state ?? 'unknown',
          address: entry.Player?.address ?? null,
        })) ?? null
      );
    },
  };
}
