/**
 * Plex's XML form of a `MediaContainer`: scalar fields become attributes
 * (booleans as 1/0), lists become child elements named after their key
 * (`Directory`, `Metadata`, `Location`…). What a client gets when it forgets
 * `Accept: application/json`.
 */

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\n/g, '&#10;');
}

function element(name: string, value: Record<string, unknown>, out: string[]): void {
  const attributes: string[] = [];
  const children: [string, Record<string, unknown>][] = [];
  for (const [key, field] of Object.entries(value)) {
    if (field === undefined || field === null) continue;
    if (Array.isArray(field)) {
      for (const child of field) if (child && typeof child === 'object') children.push([key, child as Record<string, unknown>]);
    } else if (typeof field === 'object') {
      children.push([key, field as Record<string, unknown>]);
    } else {
      const text = typeof field === 'boolean' ? (field ? '1' : '0') : String(field);
      attributes.push(` ${key}="${escapeAttribute(text)}"`);
    }
  }
  if (children.length === 0) {
    out.push(`<${name}${attributes.join('')} />`);
    return;
  }
  out.push(`<${name}${attributes.join('')}>`);
  for (const [childName, child] of children) element(childName, child, out);
  out.push(`</${name}>`);
}

/** `{ MediaContainer: {...} }` (or any single-rooted object) as an XML document. */
export function toPlexXml(body: Record<string, unknown>): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  for (const [name, value] of Object.entries(body)) {
    if (value && typeof value === 'object' && !Array.isArray(value)) element(name, value as Record<string, unknown>, out);
  }
  return `${out.join('\n')}\n`;
}
