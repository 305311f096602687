/**
 * One service in the welcome view: what it is for, its address and key with
 * where to find the key, one "Connect" button, and the result in words.
 */
import { CircleCheck, Link2 } from 'lucide-react';
import type { ServiceName } from '../../../../shared/contract/services';
import { useCoreReachable } from '../../app/app-store';
import { TextField } from '../../ui/field';
import { StatusChip } from '../../ui/status-chip';
import { exampleAddress, secretLabel, secretsOf, services, upstreamSpec } from '../../../../shared/contract/services';
import { addressLabel } from '../../ui/field-labels';
import { examplePlaceholder } from '../../ui/format/address';
import { useEffect, useState } from 'react';
import { useServiceConnect } from './use-service-connect';
import { WelcomeCard } from './welcome-card';

export interface ServiceConnectCardProps {
  readonly service: Exclude<ServiceName, 'plex'>;
  readonly savedAddress: string;
  readonly connected: boolean;
}

export function ServiceConnectCard({ service, savedAddress, connected }: ServiceConnectCardProps) {
  const { displayName } = services[service];
  const upstream = upstreamSpec(service);
  const secret = secretsOf(service)[0];
  const form = useServiceConnect(service, savedAddress);
  const reachable = useCoreReachable();
  const busy = form.phase === 'testing' || form.phase === 'saving';
  const done = connected || form.phase === 'connected';
  // Already connected (now or earlier): say so, and show the form only to change it.
  const [changing, setChanging] = useState(false);
  useEffect(() => {
    if (form.phase === 'connected') setChanging(false);
  }, [form.phase]);

  return (
    <WelcomeCard
      service={service}
      title={displayName}
      purpose={upstream.description}
      state={done ? <StatusChip tone="ok" label="Connected" /> : <StatusChip tone="neutral" icon={Link2} label="Not connected" />}
    >
      {done && !changing ? (
        <>
          <p className="welcome-card__hint">
            MediaNest reaches {displayName} at <code className="path">{savedAddress || form.address}</code>.
          </p>
          {form.phase === 'connected' && form.message ? (
            <p className="welcome-card__result" data-tone="ok" data-testid={`welcome-${service}-result`}>
              <CircleCheck aria-hidden="true" size={16} />
              {form.message}
            </p>
          ) : null}
          <div className="welcome-card__actions">
            <button type="button" className="button" onClick={() => setChanging(true)}>
              Change
            </button>
          </div>
        </>
      ) : (
        <form
          className="welcome-card__form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void form.connect();
          }}
        >
          <TextField
            label={addressLabel(upstream.displayName)}
            value={form.address}
            onChange={form.setAddress}
            onBlur={form.tidyAddress}
            placeholder={examplePlaceholder(exampleAddress(upstream))}
            inputMode="url"
            hint={`Where ${displayName} answers on your network.`}
            error={form.errors[`${service}.baseUrl`]}
          />
          {secret ? (
            <TextField
              label={secretLabel(secret.name)}
              type="password"
              autoComplete="new-password"
              value={form.secret}
              onChange={form.setSecret}
              hint={secret.help}
              error={form.errors[secret.name]}
            />
          ) : null}
          <div className="welcome-card__actions">
            <button type="submit" className="button button--primary" disabled={!reachable || busy} aria-busy={busy}>
              {`Connect ${displayName}`}
            </button>
            {form.phase === 'failed' && form.address.trim() !== '' ? (
              <button type="button" className="button button--quiet" onClick={() => void form.saveAnyway()} disabled={!reachable || busy}>
                Save anyway
              </button>
            ) : null}
          </div>
          <p className="welcome-card__result" aria-live="polite" data-tone={form.phase === 'failed' ? 'error' : done ? 'ok' : undefined} data-testid={`welcome-${service}-result`}>
            {form.phase === 'testing' ? `Trying ${displayName}…` : form.phase === 'saving' ? 'Saving…' : null}
            {form.phase === 'connected' ? <CircleCheck aria-hidden="true" size={16} /> : null}
            {!busy ? form.message : null}
          </p>
        </form>
      )}
    </WelcomeCard>
  );
}
