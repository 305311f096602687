/**
 * What the user typed as a service address, made into one: `nas.local:5055`
 * gets `http://`, surrounding spaces go. Everything else is the core's to judge.
 */
export function normalizeAddressInput(value: string): string {
  const trimmed = value.trim();
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return trimmed;
  // host:port or a bare host without a scheme: people type it that way; http:// is what they mean.
  return /^[\w.-]+(:\d+)?(\/.*)?$/.test(trimmed) ? `http://${trimmed}` : trimmed;
}

/** "e.g. http://192.168.1.10:5055": a placeholder that cannot pass for a saved value. */
export function examplePlaceholder(example: string): string | undefined {
  return example ? `e.g. ${example}` : undefined;
}
