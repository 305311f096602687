/**
 * Who MediaNest is to Plex. Every request to plex.tv and to a Plex Media
 * Server (health probes included) carries one `X-Plex-Client-Identifier`,
 * made once per install and kept, with the product, version, platform and
 * device headers. A new identifier, or none, makes plex.tv mail the server's
 * owner a "New Device" alert each time, so it is never made again once stored.
 */
import { randomUUID } from 'node:crypto';
import { PRODUCT_NAME } from '../../app/data-paths';

export interface PlexIdentity {
  readonly clientIdentifier: string;
  readonly product: string;
  readonly version: string;
  readonly platform: string;
  readonly device: string;
}

/** Where the identifier is kept (the settings file: precious, and stable across restarts). */
export interface ClientIdentifierStore {
  read(): string | undefined;
  write(clientIdentifier: string): void;
}

export interface PlexIdentityOptions {
  readonly store: ClientIdentifierStore;
  /** MediaNest's version. */
  readonly version: string;
  readonly platform?: NodeJS.Platform;
  readonly makeId?: () => string;
  /** Told when a new identifier could not be stored (it is used all the same, for this run). */
  readonly onStoreFailed?: (error: unknown) => void;
}

const platformNames: Partial<Record<NodeJS.Platform, string>> = { linux: 'Linux', win32: 'Windows', darwin: 'macOS' };

/** Reads the install's identifier, making and storing it on the first start. */
export function loadPlexIdentity(options: PlexIdentityOptions): PlexIdentity {
  let clientIdentifier = options.store.read();
  if (!clientIdentifier) {
    clientIdentifier = (options.makeId ?? randomUUID)();
    try {
      options.store.write(clientIdentifier);
    } catch (error) {
      options.onStoreFailed?.(error);
    }
  }
  const platform = options.platform ?? process.platform;
  const platformName = platformNames[platform] ?? platform;
  return { clientIdentifier, product: PRODUCT_NAME, version: options.version, platform: platformName, device: platformName };
}

/** The headers that say who is calling, for plex.tv and every Plex Media Server. */
export function plexHeaders(identity: PlexIdentity): Readonly<Record<string, string>> {
  return {
    'X-Plex-Client-Identifier': identity.clientIdentifier,
    'X-Plex-Product': identity.product,
    'X-Plex-Version': identity.version,
    'X-Plex-Platform': identity.platform,
    'X-Plex-Device': identity.device,
  };
}
