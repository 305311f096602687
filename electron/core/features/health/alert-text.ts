/**
 * The words of one notification that folds several changes: a title that
 * says what happened and a body that names every entry.
 */

export interface AlertChange {
  readonly id: string;
  readonly name: string;
  readonly kind: 'down' | 'up';
}

/** "NAS", "NAS and Router", "NAS, Router and Printer". */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export function describeAlert(changes: readonly AlertChange[]): { title: string; body: string } {
  const down = changes.filter((change) => change.kind === 'down').map((change) => change.name);
  const up = changes.filter((change) => change.kind === 'up').map((change) => change.name);
  let title: string;
  if (up.length === 0) title = down.length === 1 ? `${down[0]} is down` : `${down.length} services are down`;
  else if (down.length === 0) title = up.length === 1 ? `${up[0]} is back up` : `${up.length} services are back up`;
  else title = `${down.length} down, ${up.length} back up`;
  const lines: string[] = [];
  if (down.length > 0) lines.push(`Down: ${joinNames(down)}.`);
  if (up.length > 0) lines.push(`Back up: ${joinNames(up)}.`);
  if (down.length > 0 && up.length === 0) lines.push('MediaNest will tell you when it is working again.');
  return { title, body: lines.join(' ') };
}
