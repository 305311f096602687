/**
 * One sentence about every health entry, for the top of the Health page and
 * the tray's tooltip: "All 7 services are working", "NAS is down since 14:02".
 */
import type { HealthEntry } from './health-entries';
import { worstLevel, type TrayLevel } from './health-entries';

export interface HealthSummary {
  readonly level: TrayLevel | null;
  readonly text: string;
}

function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** `formatTime` turns epoch ms into a local clock time ("14:02"). */
export function summarizeEntries(entries: readonly Pick<HealthEntry, 'name' | 'state' | 'since'>[], formatTime: (at: number) => string): HealthSummary {
  const watched = entries.filter((entry) => entry.state !== 'off');
  const level = worstLevel(watched);
  if (watched.length === 0) return { level, text: 'No services set up yet' };
  const down = watched.filter((entry) => entry.state === 'down');
  if (down.length === 1) {
    const [only] = down;
    return { level, text: only!.since === null ? `${only!.name} is down` : `${only!.name} is down since ${formatTime(only!.since)}` };
  }
  if (down.length > 1) return { level, text: `${down.length} services are down: ${listOf(down.map((entry) => entry.name))}` };
  const trouble = watched.filter((entry) => entry.state === 'degraded' || entry.state === 'pending');
  if (trouble.length === 1) return { level, text: `${trouble[0]!.name} is having trouble` };
  if (trouble.length > 1) return { level, text: `${trouble.length} services are having trouble: ${listOf(trouble.map((entry) => entry.name))}` };
  const known = watched.filter((entry) => entry.state === 'up' || entry.state === 'maintenance');
  if (known.length === 0) return { level, text: 'Checking services…' };
  const maintenance = known.filter((entry) => entry.state === 'maintenance').length;
  const unknown = watched.length - known.length;
  let text = known.length === 1 ? `${known[0]!.name} is working` : `All ${known.length} services are working`;
  if (maintenance > 0) text += ` (${maintenance} in planned maintenance)`;
  if (unknown > 0) text += `; ${unknown} not known yet`;
  return { level, text };
}
