/**
 * Cookies for sites that ask to sign in (YouTube's bot check, members-only
 * videos): import a cookies.txt for a site, see which sites have some, remove
 * them. Acts at once; the cookies are kept like secrets and never shown.
 */
import { Cookie, Trash2, Upload } from 'lucide-react';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { showError, showStatus, useCoreReachable } from '../../app/app-store';
import { ConfirmButton } from '../../ui/confirm-button';
import { TextField } from '../../ui/field';
import { formatRelativeTime } from '../../ui/format/relative-time';
import { useNow } from '../../ui/use-now';
import { importCookies, loadCookies, removeCookies, type CookieSite } from '../downloads/downloads-store';

const MAX_BYTES = 1_000_000;

/** What is wrong with the typed site, in words, or undefined. */
export function cookieSiteProblem(site: string): string | undefined {
  const text = site.trim();
  if (text === '') return 'Enter the site’s domain, e.g. youtube.com';
  if (!/^[a-z0-9.-]+$/i.test(text)) return 'Enter just the site’s domain, e.g. youtube.com (no https:// or path)';
  return undefined;
}

export function CookiesSection() {
  const reachable = useCoreReachable();
  const now = useNow(60_000);
  const [sites, setSites] = useState<readonly CookieSite[] | null>(null);
  const [site, setSite] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const picker = useRef<HTMLInputElement>(null);

  useEffect(() => {
    loadCookies().then(setSites, () => setSites([]));
  }, []);

  const chooseFile = (): void => {
    const found = cookieSiteProblem(site);
    setProblem(found);
    if (!found) picker.current?.click();
  };
  const onFile = async (file: File | undefined): Promise<void> => {
    if (picker.current) picker.current.value = '';
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setProblem('That file is too big for a cookies.txt (over 1 MB): export the cookies of this one site only.');
      return;
    }
    setBusy(true);
    try {
      const content = await file.text();
      const next = await importCookies(site.trim().toLowerCase(), content);
      setSites(next);
      setSite('');
      showStatus(`Cookies for ${site.trim()} imported`, 'ok');
    } catch (error) {
      showError(error);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (name: string): Promise<void> => {
    try {
      setSites(await removeCookies(name));
      showStatus(`Cookies for ${name} removed`, 'ok');
    } catch (error) {
      showError(error);
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    // Enter here chooses the file instead of saving the whole settings form.
    if (event.key === 'Enter' && (event.target as HTMLElement).tagName === 'INPUT') {
      event.preventDefault();
      chooseFile();
    }
  };

  return (
    <div className="card settings-card cookies-section" role="group" aria-labelledby="cookies-title">
      <h3 id="cookies-title" className="settings-card__title">
        <Cookie aria-hidden="true" size={18} /> Cookies for sites that ask you to sign in
      </h3>
      <p className="field__hint">
        When YouTube asks to confirm you are not a bot, or a video is for members only, export that site’s cookies from a browser where you are signed in (a “cookies.txt” extension) and import them here. They are kept like passwords and only given to yt-dlp.
      </p>
      {sites && sites.length > 0 ? (
        <ul className="cookie-sites" aria-label="Sites with cookies">
          {sites.map((each) => (
            <li key={each.site} className="cookie-site">
              <span className="cookie-site__name">{each.site}</span>
              <span className="cookie-site__facts">
                {each.cookies === 1 ? 'one cookie' : `${each.cookies} cookies`}, imported <span title={new Date(each.importedAt).toLocaleString()}>{formatRelativeTime(each.importedAt, now)}</span>
              </span>
              <ConfirmButton small confirmLabel={`Yes, remove ${each.site}’s cookies`} keepLabel="Keep them" disabled={!reachable} onConfirm={() => void remove(each.site)}>
                <Trash2 aria-hidden="true" size={14} />
                Remove
              </ConfirmButton>
            </li>
          ))}
        </ul>
      ) : sites ? (
        <p className="cookie-sites__empty">No cookies imported.</p>
      ) : null}
      <div className="cookie-import" onKeyDown={onKeyDown}>
        <TextField
          label="Site"
          value={site}
          onChange={(value) => {
            setSite(value);
            setProblem(undefined);
          }}
          placeholder="e.g. youtube.com"
          error={problem}
          trailing={
            <button type="button" className="button" disabled={!reachable || busy} aria-busy={busy} onClick={chooseFile}>
              <Upload aria-hidden="true" size={16} />
              Import cookies.txt…
            </button>
          }
        />
        <input ref={picker} type="file" accept=".txt,text/plain" hidden data-testid="cookies-file" onChange={(event) => void onFile(event.target.files?.[0])} />
      </div>
    </div>
  );
}
