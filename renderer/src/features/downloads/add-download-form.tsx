/**
 * The paste-a-link field with quality and destination beside it. The address
 * is checked here with the contract's own rule before anything is sent, so a
 * mistake is said in words next to the field; the core checks it again.
 */
import { Download, ListVideo, TriangleAlert } from 'lucide-react';
import { useEffect, useState, type FormEvent } from 'react';
import { downloadUrlProblem, type Destination, type DownloadQuality } from '../../../../shared/contract/areas/downloads';
import { showError, showStatus, useCoreReachable } from '../../app/app-store';
import { Field } from '../../ui/field';
import { qualityLabels, qualityOrder } from './download-words';
import { addDownload } from './downloads-store';

export interface AddDownloadFormProps {
  readonly destinations: readonly Destination[];
  /** The section and quality in Settings, used until the user picks others. */
  readonly defaultSectionKey: string;
  readonly defaultQuality: DownloadQuality;
  readonly demoPlaylistUrl: string | null;
  /** An address dropped onto the page; `seq` changes with every drop. */
  readonly dropped: { readonly url: string; readonly seq: number } | null;
}

function firstChoice(destinations: readonly Destination[], preferred: string): string {
  const usable = destinations.filter((destination) => destination.usable);
  return (usable.find((destination) => destination.sectionKey === preferred) ?? usable[0])?.sectionKey ?? '';
}

export function AddDownloadForm({ destinations, defaultSectionKey, defaultQuality, demoPlaylistUrl, dropped }: AddDownloadFormProps) {
  const reachable = useCoreReachable();
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [quality, setQuality] = useState<DownloadQuality>(defaultQuality);
  const [picked, setPicked] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const sectionKey = picked ?? firstChoice(destinations, defaultSectionKey);
  const destination = destinations.find((each) => each.sectionKey === sectionKey) ?? null;
  // A music section takes sound only; the other qualities are not offered there.
  const effectiveQuality: DownloadQuality = destination?.audioOnly ? 'audio' : quality;

  useEffect(() => {
    if (!dropped) return;
    setUrl(dropped.url);
    setProblem(downloadUrlProblem(dropped.url));
  }, [dropped]);

  const send = async (address: string): Promise<void> => {
    const found = downloadUrlProblem(address);
    setProblem(found);
    if (found) return;
    setSending(true);
    try {
      const job = await addDownload(address.trim(), effectiveQuality, sectionKey || undefined);
      setUrl('');
      showStatus(`Added to the queue: ${job.title}`, 'ok');
    } catch (error) {
      showError(error);
    } finally {
      setSending(false);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void send(url);
  };

  return (
    <form className="card download-add" onSubmit={submit} noValidate aria-label="Add a download">
      <div className="download-add__url">
        <Field label="Video or playlist address" error={problem} hint="Paste a link from YouTube, Vimeo or another site yt-dlp knows, or drop a link onto this page.">
          {(control) => (
            <input
              {...control}
              className="field__input"
              type="url"
              inputMode="url"
              name="download-url"
              value={url}
              placeholder="https://www.youtube.com/watch?v=…"
              autoComplete="off"
              spellCheck={false}
              enterKeyHint="go"
              onChange={(event) => {
                setUrl(event.target.value);
                if (problem) setProblem(undefined);
              }}
            />
          )}
        </Field>
      </div>
      <div className="download-add__choices">
        <Field label="Quality">
          {(control) => (
            <select {...control} className="field__input" value={effectiveQuality} onChange={(event) => setQuality(event.target.value as DownloadQuality)} disabled={destination?.audioOnly}>
              {qualityOrder.map((each) => (
                <option key={each} value={each}>
                  {qualityLabels[each]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Into library">
          {(control) => (
            <select {...control} className="field__input" value={sectionKey} onChange={(event) => setPicked(event.target.value)} disabled={destinations.length === 0}>
              {destinations.length === 0 ? <option value="">No Plex library yet</option> : null}
              {destinations.map((each) => (
                <option key={each.sectionKey} value={each.sectionKey} disabled={!each.usable}>
                  {each.usable ? each.title : `${each.title} (not usable)`}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button button--primary download-add__submit" disabled={!reachable || sending} aria-busy={sending}>
          <Download aria-hidden="true" size={16} />
          Download
        </button>
      </div>
      {destination?.note ? (
        <p className="download-add__note" data-tone={destination.usable ? 'warn' : 'danger'} data-testid="destination-note">
          <TriangleAlert aria-hidden="true" size={14} />
          <span>{destination.note}</span>
        </p>
      ) : null}
      {destination ? (
        <p className="download-add__naming">
          Files are named {destination.naming} in {destination.title}.
        </p>
      ) : null}
      {demoPlaylistUrl ? (
        <div className="download-add__demo">
          <button type="button" className="button" disabled={!reachable || sending} onClick={() => void send(demoPlaylistUrl)}>
            <ListVideo aria-hidden="true" size={16} />
            Try the demo playlist
          </button>
          <span className="download-add__demo-hint">A few short clips from the demo homelab, downloaded for real into the demo’s Plex library.</span>
        </div>
      ) : null}
    </form>
  );
}
