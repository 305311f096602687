/**
 * The pages a browser sees before it is let in: "this link needs its token",
 * "this token is not valid", and the short "signing you in" page that trades
 * a valid `?token=` for the cookie.
 *
 * They are self-contained (one inline stylesheet, an inline logo, no script),
 * in the app's dark look, and readable on a phone. Each carries its own CSP
 * that allows exactly that stylesheet (by hash) and nothing else.
 *
 * The signing-in page moves on with a meta refresh instead of a 303 redirect:
 * a redirect that follows a click on another site is still a cross-site
 * navigation, so the browser would not send the SameSite=Strict cookie it
 * just stored, and the first visit would need a reload. A refresh is a new
 * navigation started by our own page, which the cookie goes along with; it
 * also replaces the history entry, so the token leaves the back button too.
 */
import { createHash } from 'node:crypto';

export type TokenPageKind = 'missing' | 'invalid' | 'signing-in';

const STYLE = `
:root { color-scheme: dark; }
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center; padding: 24px 16px;
  background: #14171c; color: #e8eaed; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, 'Helvetica Neue', sans-serif; }
main { width: 100%; max-width: 34rem; background: #1c2027; border: 1px solid #3a4250; border-radius: 12px; padding: 24px; }
header { display: flex; align-items: center; gap: 12px; margin-bottom: 16px; }
header svg { width: 40px; height: 40px; flex: none; }
.brand { font-size: 20px; font-weight: 600; }
h1 { font-size: 24px; line-height: 1.3; margin: 0 0 12px; }
p, li { color: #aab2bf; margin: 0 0 12px; }
strong { color: #e8eaed; }
ol { padding-left: 1.25rem; margin: 0 0 12px; }
code { font: 0.92em ui-monospace, 'Cascadia Mono', 'Segoe UI Mono', 'Ubuntu Mono', Menlo, monospace; color: #e8eaed;
  background: #252a33; border-radius: 4px; padding: 1px 4px; overflow-wrap: anywhere; }
a { color: #8cc0ff; display: inline-block; min-height: 44px; padding: 10px 0; }
a:focus-visible { outline: 3px solid #ffd166; outline-offset: 2px; }
`;

const STYLE_HASH = `sha256-${createHash('sha256').update(STYLE).digest('base64')}`;

/** The CSP of these pages: nothing but their own stylesheet. */
export const TOKEN_PAGE_CSP = [
  "default-src 'none'",
  `style-src '${STYLE_HASH}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const LOGO =
  '<svg viewBox="0 0 32 32" aria-hidden="true"><rect width="32" height="32" rx="7" fill="#2563c9"/><path d="M7 24V8l9 7 9-7v16" fill="none" stroke="#fff" stroke-width="3" stroke-linejoin="round"/></svg>';

/** Where the link comes from, said the same way on both refusal pages. */
const WHERE_TO_FIND = `
<ol>
  <li>Go to the computer MediaNest runs on and find the terminal it was started in (<code>npm start</code>, <code>npm run serve</code> or <code>npm run demo</code>).</li>
  <li>Find the line <strong>MediaNest is running at</strong>: the address after it ends with <code>?token=…</code>.</li>
  <li>Open that whole address on this device. MediaNest remembers this browser for 30 days afterwards.</li>
</ol>
<p>If the terminal is closed, start MediaNest again: it prints the same link each time.</p>`;

const BODIES: Readonly<Record<TokenPageKind, { readonly title: string; readonly body: (location: string) => string }>> = {
  missing: {
    title: 'This link needs its token',
    body: () => `
<p>MediaNest only opens for people who have its full link, with the secret <strong>token</strong> at the end. The address you opened does not carry it, and this browser has not been let in before.</p>
${WHERE_TO_FIND}`,
  },
  invalid: {
    title: 'This token is not valid',
    body: () => `
<p>The link you opened carries a token, but not the one this MediaNest expects. It may be from another computer, or cut short when it was copied.</p>
${WHERE_TO_FIND}`,
  },
  'signing-in': {
    title: 'Opening MediaNest…',
    body: (location) => `
<p>This browser is now let in. If MediaNest does not open by itself, <a href="${location}">continue to MediaNest</a>.</p>`,
  },
};

/** Escapes text for an HTML attribute or text node. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The full HTML of one page; `location` (signing-in only) must be a same-origin path. */
export function renderTokenPage(kind: TokenPageKind, location = '/'): string {
  const { title, body } = BODIES[kind];
  const safeLocation = escapeHtml(location);
  const refresh = kind === 'signing-in' ? `<meta http-equiv="refresh" content="0; url=${safeLocation}">` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="dark">
${refresh}
<title>${escapeHtml(title)} · MediaNest</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>${LOGO}<span class="brand">MediaNest</span></header>
<h1>${escapeHtml(title)}</h1>
${body(safeLocation)}
</main>
</body>
</html>
`;
}
