/**
 * "Save a backup": settings and saved data in one file; tokens and API keys
 * only when ticked, and then sealed with a passphrase the user chooses (the
 * window never holds them in the clear).
 */
import { useState } from 'react';
import { showError, showStatus, useCoreReachable } from '../../app/app-store';
import { exportBackup } from '../../app/settings-store';
import { CheckboxField } from '../../ui/checkbox-field';
import { TextField } from '../../ui/field';
import { saveTextFile } from './save-file';

const MIN_PASSPHRASE = 8;

export function BackupExport() {
  const reachable = useCoreReachable();
  const [withSecrets, setWithSecrets] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const save = async (): Promise<void> => {
    if (withSecrets && passphrase.length < MIN_PASSPHRASE) {
      setError(`Use a passphrase of at least ${MIN_PASSPHRASE} characters.`);
      return;
    }
    setBusy(true);
    try {
      const backup = await exportBackup(withSecrets ? { includeSecrets: true, passphrase } : { includeSecrets: false });
      saveTextFile(backup.fileName, backup.content, 'application/json');
      setPassphrase('');
      showStatus(
        backup.holdsSecrets
          ? `Backup saved as ${backup.fileName}. It holds your tokens and API keys, encrypted with your passphrase: keep the file and the passphrase apart.`
          : `Backup saved as ${backup.fileName}. It holds no tokens or API keys: after restoring, type them again in Settings.`,
        'ok',
      );
    } catch (failure) {
      showError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="backup-part" data-testid="backup-export">
      <h3 className="settings-card__title">Save a backup</h3>
      <p className="field__hint">One file with your settings and saved data, to restore on this or another computer.</p>
      <CheckboxField
        label="Include tokens and API keys"
        checked={withSecrets}
        onChange={(checked) => {
          setWithSecrets(checked);
          setError(undefined);
        }}
        hint="The file then holds them, encrypted with a passphrase you choose. Without the passphrase they cannot be restored."
      />
      {withSecrets ? (
        <TextField
          label="Passphrase for the backup"
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(value) => {
            setPassphrase(value);
            setError(undefined);
          }}
          hint={`At least ${MIN_PASSPHRASE} characters. MediaNest does not keep it: you need it to restore.`}
          error={error}
        />
      ) : null}
      <div>
        <button type="button" className="button" onClick={() => void save()} disabled={!reachable || busy} aria-busy={busy}>
          Save a backup
        </button>
      </div>
    </div>
  );
}
