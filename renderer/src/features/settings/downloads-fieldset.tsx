/**
 * Settings → Downloads, the staged part: which Plex library downloads go to
 * (each with its folders as Plex and as this computer see them, and how
 * files are named there), the folder, how many at once, quality, speed
 * limit, the folder for unfinished files, path mappings, yt-dlp, names,
 * retries. Saved with the rest of the form.
 */
import { Plus, Trash2 } from 'lucide-react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Destination } from '../../../../shared/contract/areas/downloads';
import { CheckboxField } from '../../ui/checkbox-field';
import { Field, TextField } from '../../ui/field';
import { examplePlaceholder } from '../../ui/format/address';
import { LoadError } from '../../ui/load-error';
import { qualityLabels, qualityOrder } from '../downloads/download-words';
import { loadDestinations, useDownloadsStore } from '../downloads/downloads-store';
import type { FieldErrors } from './field-errors';
import type { FieldId, FieldValues, PathMapping } from './settings-form-model';

export interface DownloadsFieldsetProps {
  readonly values: FieldValues;
  readonly errors: FieldErrors;
  readonly onFieldChange: <K extends FieldId>(id: K, value: FieldValues[K]) => void;
}

function Locations({ label, paths }: { readonly label: string; readonly paths: readonly (string | null)[] }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {paths.length === 0
          ? 'none'
          : paths.map((path, index) =>
              path === null ? (
                <span key={index} className="destination-option__path destination-option__muted">
                  not reachable from here: add a path mapping below
                </span>
              ) : (
                <code key={index} className="path destination-option__path">
                  {path}
                </code>
              ),
            )}
      </dd>
    </div>
  );
}

function DestinationPicker({ values, errors, onFieldChange }: DownloadsFieldsetProps) {
  const { destinations, destinationsError } = useDownloadsStore(useShallow((state) => ({ destinations: state.destinations, destinationsError: state.destinationsError })));
  useEffect(() => {
    void loadDestinations();
  }, []);
  const chosen = values['downloads.sectionKey'];
  const choose = (destination: Destination): void => {
    onFieldChange('downloads.sectionKey', destination.sectionKey);
    const folder = values['downloads.folder'].trim();
    const local = destination.localLocations.filter((path): path is string => path !== null);
    // The folder must lie inside the library; one elsewhere follows the new choice.
    if (local[0] && !local.some((path) => folder === path || folder.startsWith(`${path.replace(/[\\/]+$/, '')}/`) || folder.startsWith(`${path.replace(/[\\/]+$/, '')}\\`))) onFieldChange('downloads.folder', local[0]);
  };
  if (destinationsError) return <LoadError title="Plex’s libraries could not be listed." message={destinationsError} onRetry={loadDestinations} />;
  if (destinations === null) return <div className="skeleton settings-skeleton" aria-busy="true" aria-label="Loading Plex’s libraries" />;
  return (
    <fieldset className="destination-picker" aria-describedby="destination-picker-hint">
      <legend className="field__label">Library for downloads</legend>
      <p id="destination-picker-hint" className="field__hint">
        {destinations.length === 0
          ? 'Plex offers no library yet: sign in to Plex above. An “Other Videos” library is the best home for downloads.'
          : 'Where new downloads go unless you pick another on the Downloads page. An “Other Videos” library suits videos best.'}
      </p>
      {errors['downloads.sectionKey'] ? <p className="field__error">{errors['downloads.sectionKey']}</p> : null}
      {destinations.map((destination) => (
        <label key={destination.sectionKey} className="destination-option" data-usable={destination.usable ? undefined : false}>
          <input type="radio" name="downloads.sectionKey" value={destination.sectionKey} checked={chosen === destination.sectionKey} disabled={!destination.usable} onChange={() => choose(destination)} />
          <span className="destination-option__body">
            <span className="destination-option__title">
              {destination.title}
              {destination.audioOnly ? <span className="destination-option__muted"> · audio only</span> : null}
            </span>
            <dl className="facts destination-option__facts">
              <Locations label="In Plex" paths={destination.plexLocations} />
              <Locations label="On this computer" paths={destination.localLocations} />
              <div>
                <dt>Names</dt>
                <dd>{destination.naming}</dd>
              </div>
            </dl>
            {destination.note ? (
              <span className="destination-option__note" data-tone={destination.usable ? 'warn' : 'danger'}>
                {destination.note}
              </span>
            ) : null}
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function PathMappings({ values, errors, onFieldChange }: DownloadsFieldsetProps) {
  const rows = values['downloads.pathMappings'];
  const set = (next: readonly PathMapping[]): void => onFieldChange('downloads.pathMappings', next);
  const edit = (index: number, patch: Partial<PathMapping>): void => set(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="path-mappings" aria-describedby="path-mappings-hint">
      <legend className="field__label">Path mappings</legend>
      <p id="path-mappings-hint" className="field__hint">
        When Plex runs elsewhere (a NAS, a container), its folders have other names here. Map each Plex path to the same folder as this computer sees it.
      </p>
      {errors['downloads.pathMappings'] ? <p className="field__error">{errors['downloads.pathMappings']}</p> : null}
      {rows.map((row, index) => (
        <div key={index} className="path-mapping" role="group" aria-label={`Path mapping ${index + 1}`}>
          <TextField label="Path in Plex" value={row.plexPath} onChange={(plexPath) => edit(index, { plexPath })} placeholder={examplePlaceholder('/data/videos')} />
          <TextField label="Path on this computer" value={row.localPath} onChange={(localPath) => edit(index, { localPath })} placeholder={examplePlaceholder('/mnt/nas/videos')} />
          <button type="button" className="button button--quiet button--icon path-mapping__remove" aria-label={`Remove path mapping ${index + 1}`} onClick={() => set(rows.filter((_, at) => at !== index))}>
            <Trash2 aria-hidden="true" size={16} />
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="button button--small" disabled={rows.length >= 16} onClick={() => set([...rows, { plexPath: '', localPath: '' }])}>
          <Plus aria-hidden="true" size={14} />
          Add a path mapping
        </button>
      </div>
    </fieldset>
  );
}

export function DownloadsFieldset(props: DownloadsFieldsetProps) {
  const { values, errors, onFieldChange } = props;
  return (
    <div className="card settings-card" role="group" aria-label="Where and how downloads go">
      <DestinationPicker {...props} />
      <TextField
        label="Download folder"
        name="downloads.folder"
        value={values['downloads.folder']}
        onChange={(value) => onFieldChange('downloads.folder', value)}
        placeholder={examplePlaceholder('/srv/media/Videos')}
        hint="A folder inside the library above, as this computer sees it. Choosing a library fills it in."
        error={errors['downloads.folder']}
      />
      <TextField
        label="Downloads at once"
        name="downloads.maxConcurrent"
        value={values['downloads.maxConcurrent']}
        onChange={(value) => onFieldChange('downloads.maxConcurrent', value)}
        inputMode="numeric"
        hint="From 1 to 8; 2 leaves room for watching while downloading."
        error={errors['downloads.maxConcurrent']}
      />
      <Field label="Quality of new downloads" error={errors['downloads.quality']}>
        {(control) => (
          <select {...control} name="downloads.quality" className="field__input" value={values['downloads.quality']} onChange={(event) => onFieldChange('downloads.quality', event.target.value as FieldValues['downloads.quality'])}>
            {qualityOrder.map((quality) => (
              <option key={quality} value={quality}>
                {qualityLabels[quality]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField
        label="Speed limit"
        name="downloads.rateLimit"
        value={values['downloads.rateLimit']}
        onChange={(value) => onFieldChange('downloads.rateLimit', value)}
        placeholder={examplePlaceholder('500K')}
        hint="Per download, in bytes per second (500K, 4.2M), so downloads never starve a film that is playing. Empty: no limit."
        error={errors['downloads.rateLimit']}
      />
      <TextField
        label="Folder for unfinished downloads"
        name="downloads.stagingFolder"
        value={values['downloads.stagingFolder']}
        onChange={(value) => onFieldChange('downloads.stagingFolder', value)}
        placeholder={examplePlaceholder('/srv/media/.medianest-partial')}
        hint="On the same disk as the library but outside it, so Plex never sees a half-written file. Empty: MediaNest picks one beside the download folder."
        error={errors['downloads.stagingFolder']}
      />
      <PathMappings {...props} />
      <CheckboxField
        label="Names Windows can store"
        hint="Leaves out : ? * and the like from file names, for libraries on a Windows computer or share."
        checked={values['downloads.windowsSafeNames']}
        onChange={(value) => onFieldChange('downloads.windowsSafeNames', value)}
      />
      <TextField
        label="Automatic retries"
        name="downloads.maxRetries"
        value={values['downloads.maxRetries']}
        onChange={(value) => onFieldChange('downloads.maxRetries', value)}
        inputMode="numeric"
        hint="How often a download that failed for a passing reason (network, the site asking to slow down) is tried again by itself, waiting longer each time. 0 to 10."
        error={errors['downloads.maxRetries']}
      />
    </div>
  );
}

/** yt-dlp's own settings: which program, and MediaNest's own copy. */
export function YtDlpFields({ values, errors, onFieldChange }: DownloadsFieldsetProps) {
  return (
    <>
      <TextField
        label="yt-dlp program"
        name="downloads.ytdlpPath"
        value={values['downloads.ytdlpPath']}
        onChange={(value) => onFieldChange('downloads.ytdlpPath', value)}
        placeholder={examplePlaceholder('/usr/local/bin/yt-dlp')}
        hint="Empty: MediaNest’s own copy if it has one, else the yt-dlp it finds on this computer."
        error={errors['downloads.ytdlpPath']}
      />
      <CheckboxField
        label="Keep MediaNest’s yt-dlp current"
        hint="Sites change often; a current yt-dlp keeps up. MediaNest checks the release’s signature and checksum before it swaps a new copy in."
        checked={values['downloads.autoUpdate']}
        onChange={(value) => onFieldChange('downloads.autoUpdate', value)}
      />
      <TextField
        label="yt-dlp release address"
        name="downloads.releaseUrl"
        value={values['downloads.releaseUrl']}
        onChange={(value) => onFieldChange('downloads.releaseUrl', value)}
        type="url"
        hint="Where MediaNest fetches its copy of yt-dlp from; leave it as it is unless you mirror the releases."
        error={errors['downloads.releaseUrl']}
      />
    </>
  );
}
