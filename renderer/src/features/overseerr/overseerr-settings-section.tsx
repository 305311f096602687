/**
 * Settings → Requests: where posters come from, when a request counts as
 * stuck, how often states are checked, and Overseerr's webhook: the receiver
 * on this computer, the exact address, Authorization value and JSON to paste
 * into Overseerr (Settings → Notifications → Webhook), and whether
 * Overseerr's test arrived.
 */
import { Check, Copy, Webhook } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { WebhookSetup } from '../../../../shared/contract/areas/overseerr';
import type { PublicSettings } from '../../../../shared/contract/areas/settings';
import { showError, showStatus, useCoreReachable } from '../../app/app-store';
import { saveSettings } from '../../app/settings-store';
import { Banner } from '../../ui/banner';
import { CheckboxField } from '../../ui/checkbox-field';
import { ConfirmButton } from '../../ui/confirm-button';
import { TextField } from '../../ui/field';
import { StatusChip } from '../../ui/status-chip';
import { loadWebhookSetup, newWebhookSecret, onWebhookReceived } from './requests-store';
import './requests.css';

type Requests = PublicSettings['requests'];

function CopyField({ label, value, multiline, testId }: { readonly label: string; readonly value: string; readonly multiline?: boolean; readonly testId: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      showStatus('The browser did not allow copying: select the text and copy it yourself.', 'error');
    }
  };
  const id = `webhook-${testId}`;
  return (
    <div className="field webhook-copy">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="field__row">
        {multiline ? (
          <textarea id={id} className="field__input webhook-copy__template" readOnly value={value} rows={8} data-testid={id} spellCheck={false} />
        ) : (
          <input id={id} className="field__input" readOnly value={value} data-testid={id} spellCheck={false} />
        )}
        <button type="button" className="button" onClick={() => void copy()} aria-label={`Copy ${label}`}>
          {copied ? <Check aria-hidden="true" size={16} /> : <Copy aria-hidden="true" size={16} />}
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
    </div>
  );
}

function numberOr(text: string, fallback: number): number {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : fallback;
}

export function OverseerrSettingsSection({ settings }: { readonly settings: PublicSettings }) {
  const reachable = useCoreReachable();
  const saved = settings.requests;
  const [draft, setDraft] = useState({ ...saved, webhookPort: String(saved.webhookPort), stuckAfterHours: String(saved.stuckAfterHours), reconcileMinutes: String(saved.reconcileMinutes) });
  const [saving, setSaving] = useState(false);
  const [setup, setSetup] = useState<WebhookSetup | null>(null);

  useEffect(() => {
    let live = true;
    const load = () => void loadWebhookSetup().then((found) => live && setSetup(found), () => undefined);
    load();
    const stop = onWebhookReceived(load);
    return () => {
      live = false;
      stop();
    };
  }, [saved]);

  const patch: Partial<Requests> = {
    webhookEnabled: draft.webhookEnabled,
    webhookHost: draft.webhookHost,
    webhookPort: numberOr(draft.webhookPort, -1),
    tmdbImageBase: draft.tmdbImageBase,
    stuckAfterHours: numberOr(draft.stuckAfterHours, -1),
    reconcileMinutes: numberOr(draft.reconcileMinutes, -1),
  };
  const dirty = (Object.keys(patch) as (keyof Requests)[]).some((key) => patch[key] !== saved[key]);

  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      await saveSettings({ requests: patch });
      showStatus('Request settings saved', 'ok');
    } catch (error) {
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="settings-group" id="settings-requests" aria-labelledby="settings-requests-title">
      <h2 id="settings-requests-title" className="settings-group__title">
        Requests
      </h2>
      <p className="settings-group__lead">How MediaNest follows Overseerr's requests. Statuses are checked on a schedule even without the webhook; the webhook makes them arrive at once.</p>
      <div className="card settings-card" data-testid="requests-settings">
        <CheckboxField
          label="Receive Overseerr's webhook"
          hint="MediaNest listens on this computer; Overseerr sends it each change once. Only deliveries carrying the secret below are accepted."
          checked={draft.webhookEnabled}
          onChange={(webhookEnabled) => setDraft({ ...draft, webhookEnabled })}
        />
        <TextField label="Listen on" value={draft.webhookHost} onChange={(webhookHost) => setDraft({ ...draft, webhookHost })} hint="0.0.0.0 listens on every network (Overseerr usually runs on another machine); 127.0.0.1 only on this computer." />
        <TextField label="Port" value={draft.webhookPort} inputMode="numeric" onChange={(webhookPort) => setDraft({ ...draft, webhookPort })} hint="A free port above 1024." />
        <TextField label="Poster address" value={draft.tmdbImageBase} inputMode="url" onChange={(tmdbImageBase) => setDraft({ ...draft, tmdbImageBase })} hint="TMDB's image server, where Overseerr's posters live. MediaNest keeps a copy of each poster." />
        <TextField label="Stuck after (hours)" value={draft.stuckAfterHours} inputMode="decimal" onChange={(stuckAfterHours) => setDraft({ ...draft, stuckAfterHours })} hint="A request still pending or approved after this long is marked stuck, with Overseerr's reason and a Retry." />
        <TextField label="Check statuses every (minutes)" value={draft.reconcileMinutes} inputMode="decimal" onChange={(reconcileMinutes) => setDraft({ ...draft, reconcileMinutes })} />
        <div className="settings-section__test">
          <button type="button" className="button button--primary" disabled={!dirty || saving || !reachable} aria-busy={saving} onClick={() => void save()}>
            Save request settings
          </button>
        </div>
      </div>
      {setup?.enabled ? (
        <div className="card settings-card webhook-setup" data-testid="webhook-setup">
          <h3 className="webhook-setup__title">
            <Webhook aria-hidden="true" size={18} /> In Overseerr: Settings → Notifications → Webhook
          </h3>
          {setup.problem ? <Banner tone="warn" title={setup.problem} role="status" /> : null}
          {setup.url ? <CopyField label="Webhook URL" value={setup.url} testId="url" /> : <p className="field__hint">Not listening yet.</p>}
          {setup.otherUrls.length > 0 ? <p className="field__hint">Other addresses of this computer: {setup.otherUrls.join(', ')}</p> : null}
          {setup.authorization ? <CopyField label="Authorization Header" value={setup.authorization} testId="authorization" /> : null}
          <CopyField label="JSON Payload" value={setup.template} multiline testId="template" />
          <p className="field__hint">Notification types to tick: {setup.types.map((type) => type.replace(/^MEDIA_/, '').replace(/_/g, ' ').toLowerCase()).join(', ')}. Then press “Test” in Overseerr.</p>
          <p className="webhook-setup__test" aria-live="polite" data-testid="webhook-test">
            {setup.lastTestAt ? (
              <StatusChip tone="ok" label={`Overseerr's test arrived at ${new Date(setup.lastTestAt).toLocaleTimeString()}`} />
            ) : (
              <StatusChip tone="neutral" label="No test from Overseerr yet" />
            )}
          </p>
          <ConfirmButton
            confirmLabel="Yes, make a new secret"
            disabled={!reachable}
            onConfirm={() =>
              void newWebhookSecret().then((next) => {
                setSetup(next);
                showStatus('New webhook secret: paste the Authorization Header into Overseerr again', 'ok');
              }, showError)
            }
          >
            New secret
          </ConfirmButton>
        </div>
      ) : null}
    </section>
  );
}
