import { describe, expect, it } from 'vitest';
import { readSample, sampleDir } from '../../../../tests/support/shared-samples';
import { kumaMonitorsFromMetrics } from './kuma-metrics';
import { parsePrometheusText } from './prometheus-text';

const recorded = sampleDir('uptime-kuma-2.5.3', 'kuma metrics (recorded 2.5.3)');

/** The 1.23 label set: no monitor_id, no uptime ratio, no tags (server/prometheus.js at 1.23.17). */
const metrics123 = [
  '# HELP monitor_status Monitor Status (1 = UP, 0= DOWN, 2= PENDING, 3= MAINTENANCE)',
  '# TYPE monitor_status gauge',
  'monitor_status{monitor_name="NAS",monitor_type="ping",monitor_url="https://",monitor_hostname="192.0.2.10",monitor_port="null"} 0',
  'monitor_status{monitor_name="Router",monitor_type="ping",monitor_url="https://",monitor_hostname="192.0.2.1",monitor_port="null"} 3',
  'monitor_status{monitor_name="Printer",monitor_type="http",monitor_url="http://printer.lan/",monitor_hostname="null",monitor_port="null"} 7',
  'monitor_response_time{monitor_name="NAS",monitor_type="ping",monitor_url="https://",monitor_hostname="192.0.2.10",monitor_port="null"} -1',
  'monitor_response_time{monitor_name="Router",monitor_type="ping",monitor_url="https://",monitor_hostname="192.0.2.1",monitor_port="null"} 4',
  'monitor_cert_is_valid{monitor_name="Printer",monitor_type="http",monitor_url="http://printer.lan/",monitor_hostname="null",monitor_port="null"} 0',
].join('\n');

describe('kumaMonitorsFromMetrics', () => {
  it('keys 1.23 monitors by name and reads "null" and -1 as absent', () => {
    const monitors = kumaMonitorsFromMetrics(parsePrometheusText(metrics123).samples);
    expect(monitors).toEqual([
      expect.objectContaining({ id: null, name: 'NAS', type: 'ping', hostname: '192.0.2.10', port: null, status: 0, responseTimeMs: null, uptime1d: null }),
      expect.objectContaining({ id: null, name: 'Router', status: 3, responseTimeMs: 4 }),
      expect.objectContaining({ id: null, name: 'Printer', url: 'http://printer.lan/', hostname: null, status: 7, certValid: false }),
    ]);
  });

  it('keys 2.x monitors by id, ignoring tag labels and a duplicate name', () => {
    const text = [
      'monitor_status{Media="",monitor_id="5",monitor_name="Same",monitor_type="http",monitor_url="http://a/",monitor_hostname="null",monitor_port="null"} 1',
      'monitor_status{monitor_id="6",monitor_name="Same",monitor_type="http",monitor_url="http://b/",monitor_hostname="null",monitor_port="null"} 2',
      'monitor_uptime_ratio{monitor_id="5",monitor_name="Same",monitor_type="http",monitor_url="http://a/",monitor_hostname="null",monitor_port="null",window="30d"} 0.5',
      'monitor_uptime_ratio{monitor_id="5",monitor_name="Same",monitor_type="http",monitor_url="http://a/",monitor_hostname="null",monitor_port="null",window="1d"} 0.9',
    ].join('\n');
    const monitors = kumaMonitorsFromMetrics(parsePrometheusText(text).samples);
    expect(monitors.map((m) => [m.id, m.url, m.status, m.uptime1d])).toEqual([
      [5, 'http://a/', 1, 0.9],
      [6, 'http://b/', 2, null],
    ]);
  });

  it.skipIf(!recorded)('reads the metrics a real Uptime Kuma 2.5.3 sent', () => {
    const { samples, invalidLines } = parsePrometheusText(readSample(recorded!, 'metrics-with-apikey.txt'));
    expect(invalidLines).toBe(0);
    const monitors = kumaMonitorsFromMetrics(samples);
    expect(monitors.map((m) => [m.id, m.name, m.type, m.status, m.responseTimeMs, m.uptime1d, m.hostname, m.port])).toEqual([
      [1, 'Local Web (up)', 'http', 1, 8, 1, null, null],
      [2, 'Closed Port (down)', 'http', 0, null, 0, null, null],
      [3, 'Local TCP (up)', 'port', 1, 0, 1, '127.0.0.1', '18080'],
    ]);
  });
});
