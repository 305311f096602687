/**
 * Which Plex sections a download may go to and how: the naming their agent
 * expects, their folders as Plex and as this computer see them, and why a
 * section (or the folder chosen in Settings) is refused. `resolveTarget`
 * turns one job's choice into the folders it writes to, or a refusal in words.
 */
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Destination, DownloadQuality } from '../../../../../shared/contract/areas/downloads';
import { AppError } from '../../../../../shared/contract/errors';
import type { DownloadSection } from '../plex-library-port';
import { NAMING_WORDS, type NamingScheme } from './naming';
import { isWithin, toLocalPath, toPlexPath, type PathMapping } from './path-mapping';

const NONE_AGENTS = new Set(['tv.plex.agents.none', 'com.plexapp.agents.none']);

export const MOVIE_WARNING = 'Plex’s movie agent may match a download to an unrelated film: an Other Videos library is the better home.';

interface Kind {
  readonly scheme: NamingScheme;
  readonly usable: boolean;
  readonly audioOnly: boolean;
  readonly note: string | null;
}

function kindOf(section: DownloadSection): Kind {
  if (section.agent && NONE_AGENTS.has(section.agent)) return { scheme: 'channel-title', usable: true, audioOnly: false, note: null };
  if (section.type === 'show') return { scheme: 'tv-date', usable: true, audioOnly: false, note: null };
  if (section.type === 'movie') return { scheme: 'channel-title', usable: true, audioOnly: false, note: MOVIE_WARNING };
  if (section.type === 'artist') return { scheme: 'channel-title', usable: true, audioOnly: true, note: null };
  return { scheme: 'channel-title', usable: false, audioOnly: false, note: `A ${section.type} library cannot hold downloaded videos.` };
}

const isFolder = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

export interface PlacementSettings {
  readonly folder: string;
  readonly stagingFolder: string;
  readonly pathMappings: readonly PathMapping[];
}

/** The sections as destinations, for Settings and the page. */
export function describeDestinations(sections: readonly DownloadSection[], settings: PlacementSettings, exists: (path: string) => boolean = isFolder): Destination[] {
  return sections.map((section) => {
    const kind = kindOf(section);
    const localLocations = section.locations.map((location) => {
      const local = toLocalPath(location, settings.pathMappings);
      return exists(local) ? local : null;
    });
    let usable = kind.usable && section.locations.length > 0;
    let note = kind.note;
    if (kind.usable && !localLocations.some((location) => location !== null)) {
      usable = false;
      note =
        section.locations.length === 0
          ? 'Plex lists no folder for this library.'
          : `MediaNest cannot reach ${section.locations.join(', ')} from this computer: add a path mapping in Settings → Downloads (Plex’s path → this computer’s).`;
    }
    return {
      sectionKey: section.key,
      title: section.title,
      type: section.type,
      agent: section.agent,
      plexLocations: [...section.locations],
      localLocations,
      naming: NAMING_WORDS[kind.scheme],
      usable,
      note,
      audioOnly: kind.audioOnly,
    };
  });
}

export interface Target {
  readonly section: DownloadSection;
  readonly scheme: NamingScheme;
  /** Where finished files go, as this computer sees it (inside one of the section's folders). */
  readonly root: string;
  /** Where part files wait: same disk, outside every section's folders. */
  readonly staging: string;
  /** A warning to keep with the job (a movie section). */
  readonly warning: string | null;
  toPlex(localPath: string): string;
}

const refuse = (message: string): never => {
  throw new AppError('INVALID_PAYLOAD', message);
};

/** Every section's folders as this computer sees them. */
function allLocalFolders(sections: readonly DownloadSection[], mappings: readonly PathMapping[]): string[] {
  return sections.flatMap((section) => section.locations.map((location) => resolve(toLocalPath(location, mappings))));
}

/** The staging folder: the one in Settings, or a hidden one beside the library folder, never inside a section's folder. */
export function stagingFolder(configured: string, root: string, libraryFolders: readonly string[]): string {
  const inside = (path: string): string | undefined => libraryFolders.find((folder) => isWithin(path, folder));
  if (configured.trim() !== '') {
    const staging = resolve(configured.trim());
    const holder = inside(staging);
    if (holder) refuse(`The staging folder ${staging} is inside the Plex folder ${holder}: Plex would scan half-written files. Choose a folder outside every library folder in Settings → Downloads.`);
    return staging;
  }
  // Beside the library folder keeps it on the same disk (a move, not a copy); climb while still inside a library folder.
  let parent = dirname(resolve(root));
  while (inside(parent) && dirname(parent) !== parent) parent = dirname(parent);
  if (inside(parent)) refuse('No staging folder outside the library folders could be found: choose one in Settings → Downloads.');
  return join(parent, '.medianest-staging');
}

/** Where one job goes: the section and folders, or a refusal that says why. */
export function resolveTarget(sections: readonly DownloadSection[], sectionKey: string, quality: DownloadQuality, settings: PlacementSettings, exists: (path: string) => boolean = isFolder): Target {
  if (sectionKey === '') refuse('Choose the Plex library downloads go to in Settings → Downloads.');
  const section = sections.find((candidate) => candidate.key === sectionKey);
  if (!section) return refuse('That Plex library is not on the server any more: choose another in Settings → Downloads.');
  const destination = describeDestinations([section], settings, exists)[0]!;
  if (!destination.usable) refuse(`${section.title} cannot take downloads: ${destination.note ?? 'it has no folder MediaNest can reach.'}`);
  const kind = kindOf(section);
  if (kind.audioOnly && quality !== 'audio') refuse(`${section.title} is a music library: choose “Audio only”, or another library for videos.`);
  if (quality === 'audio' && !kind.audioOnly && kind.scheme !== 'channel-title') refuse(`Audio-only downloads go to a music library or an Other Videos library, not ${section.title}.`);
  const local = destination.localLocations.filter((location): location is string => location !== null).map((location) => resolve(location));
  const folders = allLocalFolders(sections, settings.pathMappings);
  let root = local[0]!;
  const chosen = settings.folder.trim();
  if (chosen !== '') {
    const folder = resolve(chosen);
    const holder = local.find((location) => isWithin(folder, location));
    if (holder) root = folder;
    else if (!folders.some((location) => isWithin(folder, location)))
      refuse(`The download folder ${folder} is outside every Plex library folder (${section.title}: ${local.join(', ')}), so Plex would never see the files. Choose a folder inside one of them in Settings → Downloads.`);
  }
  return {
    section,
    scheme: kind.scheme,
    root,
    staging: stagingFolder(settings.stagingFolder, root, folders),
    warning: kind.note,
    toPlex: (localPath) => toPlexPath(localPath, settings.pathMappings),
  };
}
