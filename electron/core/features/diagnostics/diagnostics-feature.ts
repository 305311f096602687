/**
 * The diagnostics area: `diagnostics:collect`, one text for a bug report.
 *
 * It holds what someone helping needs first (versions, where the data is,
 * what went wrong at start, each service's health, the settings) and the end
 * of the log. Settings carry no secrets (only whether each is saved), and
 * every line is redacted twice: by the logger's rules and by the values of
 * the secrets themselves, so a token that slipped into a message is still cut.
 */
import { arch, platform, release } from 'node:os';
import type { Diagnostics, diagnosticsInvokes } from '../../../../shared/contract/areas/diagnostics';
import type { ServiceHealth } from '../../../../shared/contract/areas/health';
import type { PublicSettings } from '../../../../shared/contract/areas/settings';
import { serviceLabel } from '../../../../shared/contract/services';
import { REDACTED, redactSecrets } from '../../logging/logger';
import type { FeatureModule } from '../feature-module';
import { readLogTail } from './log-tail';

export interface DiagnosticsFeatureDeps {
  readonly version: string;
  readonly mode: 'electron' | 'serve';
  readonly profile: string;
  readonly dataDir: string;
  readonly logFile: string;
  readonly warnings: readonly string[];
  readonly publicSettings: () => PublicSettings;
  readonly health: () => readonly ServiceHealth[];
  /** Values that must never appear: the saved secrets, the serve token. */
  readonly secretValues: () => readonly string[];
  readonly now?: () => Date;
  readonly logLines?: number;
}

export type DiagnosticsFeature = FeatureModule<keyof typeof diagnosticsInvokes>;

function healthLine(health: ServiceHealth): string {
  const name = serviceLabel(health.upstream);
  if (!health.enabled) return `- ${name}: off`;
  if (!health.configured) return `- ${name}: no address set`;
  const timing = health.responseTimeMs === null ? '' : `, ${Math.round(health.responseTimeMs)} ms`;
  const checked = health.lastCheckedAt === null ? 'not checked yet' : `checked ${new Date(health.lastCheckedAt).toISOString()}`;
  return `- ${name}: ${health.status}${timing}, ${checked}${health.error ? `: ${health.error}` : ''}`;
}

export function createDiagnosticsFeature(deps: DiagnosticsFeatureDeps): DiagnosticsFeature {
  const now = deps.now ?? (() => new Date());
  const redact = (text: string): string => {
    let out = redactSecrets(text);
    // Longest first, so a secret that contains another is cut whole.
    for (const value of [...deps.secretValues()].filter((secret) => secret.length >= 4).sort((a, b) => b.length - a.length)) out = out.split(value).join(REDACTED);
    return out;
  };
  const collect = (): Diagnostics => {
    const made = now();
    const electron = process.versions.electron ? `, Electron ${process.versions.electron}` : '';
    const log = readLogTail(deps.logFile, deps.logLines ?? 200);
    const sections = [
      `MediaNest diagnostics, made ${made.toISOString()}`,
      'For a bug report. Tokens, API keys and passwords are not in it: they are replaced by [redacted].',
      '',
      `MediaNest ${deps.version} (${deps.mode === 'serve' ? 'serve mode' : 'desktop app'}, ${deps.profile} profile)`,
      `${platform()} ${release()} ${arch()}, Node ${process.versions.node}${electron}`,
      `Data folder: ${deps.dataDir}`,
      '',
      'Start-up warnings:',
      ...(deps.warnings.length > 0 ? deps.warnings.map((warning) => `- ${warning}`) : ['- none']),
      '',
      'Health:',
      ...deps.health().map(healthLine),
      '',
      'Settings (tokens and API keys only as saved or not):',
      JSON.stringify(deps.publicSettings(), null, 2),
      '',
      log.length > 0 ? `The last ${log.length} lines of the log (${deps.logFile}):` : `The log (${deps.logFile}) is empty or missing.`,
      ...log,
    ];
    return { fileName: `medianest-diagnostics-${made.toISOString().slice(0, 10)}.txt`, text: redact(`${sections.join('\n')}\n`) };
  };
  return {
    handlers: { 'diagnostics:collect': () => collect() },
    dispose: () => undefined,
  };
}
