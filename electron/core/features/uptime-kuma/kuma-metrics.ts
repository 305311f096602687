/**
 * Uptime Kuma's `/metrics` samples, folded into one record per monitor.
 *
 * Label sets (server/prometheus.js): 1.23 labels each sample with
 * `monitor_name, monitor_type, monitor_url, monitor_hostname, monitor_port`;
 * 2.x adds `monitor_id` and one label per tag (before the others). A null
 * renders as the string "null". So a monitor is keyed by its id where there is
 * one and by its name otherwise (1.23), and "null" reads as absent.
 */
import type { PrometheusSample } from './prometheus-text';

export interface KumaMetricMonitor {
  /** Null on 1.23, which has no `monitor_id` label. */
  readonly id: number | null;
  readonly name: string;
  readonly type: string | null;
  readonly url: string | null;
  readonly hostname: string | null;
  readonly port: string | null;
  /** The raw Kuma status code (0..3, or one we do not know). */
  readonly status: number | null;
  /** Milliseconds; Kuma reports -1 when there is none. */
  readonly responseTimeMs: number | null;
  /** `monitor_uptime_ratio{window="1d"}` (2.1+). */
  readonly uptime1d: number | null;
  readonly certDaysRemaining: number | null;
  readonly certValid: boolean | null;
}

function label(sample: PrometheusSample, name: string): string | null {
  const value = sample.labels[name];
  return value === undefined || value === 'null' || value === '' ? null : value;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function kumaMonitorsFromMetrics(samples: readonly PrometheusSample[]): KumaMetricMonitor[] {
  const byKey = new Map<string, { -readonly [K in keyof KumaMetricMonitor]: KumaMetricMonitor[K] }>();
  for (const sample of samples) {
    if (!sample.name.startsWith('monitor_')) continue;
    const name = sample.labels.monitor_name;
    if (name === undefined) continue;
    const idText = label(sample, 'monitor_id');
    const id = idText !== null && /^\d+$/.test(idText) ? Number(idText) : null;
    const key = id !== null ? `id:${id}` : `name:${name}`;
    let monitor = byKey.get(key);
    if (!monitor) {
      monitor = {
        id,
        name,
        type: label(sample, 'monitor_type'),
        url: label(sample, 'monitor_url'),
        hostname: label(sample, 'monitor_hostname'),
        port: label(sample, 'monitor_port'),
        status: null,
        responseTimeMs: null,
        uptime1d: null,
        certDaysRemaining: null,
        certValid: null,
      };
      byKey.set(key, monitor);
    }
    const value = finite(sample.value);
    switch (sample.name) {
      case 'monitor_status':
        monitor.status = value !== null && Number.isInteger(value) ? value : null;
        break;
      case 'monitor_response_time':
        monitor.responseTimeMs = value !== null && value >= 0 ? value : null;
        break;
      case 'monitor_uptime_ratio':
        if (sample.labels.window === '1d' && value !== null) monitor.uptime1d = Math.min(1, Math.max(0, value));
        break;
      case 'monitor_cert_days_remaining':
        monitor.certDaysRemaining = value;
        break;
      case 'monitor_cert_is_valid':
        monitor.certValid = value === null ? null : value === 1;
        break;
    }
  }
  return [...byKey.values()];
}
