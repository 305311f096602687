/**
 * Why a yt-dlp run failed, from its exit code and what it wrote to stderr,
 * as a failure class with what to do next in plain words. Only network
 * trouble and rate limiting are transient (retried by themselves); the rest
 * needs the user (cookies, an update, another address) or will not change.
 */
import type { DownloadFailure, FailureKind } from '../../../../../shared/contract/areas/downloads';

interface FailureClass {
  readonly kind: FailureKind;
  readonly test: RegExp;
  readonly message: string;
  readonly advice: string;
}

// Most specific first: a bot check or a geo block may also mention "unavailable" or a 403.
const CLASSES: readonly FailureClass[] = [
  {
    kind: 'disk-full',
    test: /No space left on device|ENOSPC|Errno 28|Disk quota exceeded|EDQUOT/i,
    message: 'The disk is full: the download could not be written.',
    advice: 'Free some space on the download drive (or choose a library on another drive), then retry.',
  },
  {
    kind: 'bot-check',
    test: /confirm (?:that )?you(?:'|’)?re not a bot|not a robot|\bPO token/i,
    message: 'The site wants to be sure a person is asking: it refused to give the video to yt-dlp.',
    advice: 'Import your cookies for this site in Settings → Downloads, keep yt-dlp current, and retry.',
  },
  {
    kind: 'geo-blocked',
    test: /not (?:made this video )?available in your (?:country|region|location)|geo[ -]?restrict|blocked in your (?:country|region)|from your location/i,
    message: 'The video is not available in this country.',
    advice: 'Nothing MediaNest can change: the site limits where it can be watched.',
  },
  {
    kind: 'unavailable',
    test: /Private video|video (?:is|has been) (?:private|removed|deleted)|Video unavailable|no longer available|has been terminated|This video has been removed|members[- ]only|HTTP Error 404|HTTP Error 410|\b404: Not Found/i,
    message: 'The video is gone, private or not available to everyone.',
    advice: 'Check the address in a browser; if it is private or members-only, import your cookies for the site.',
  },
  {
    kind: 'rate-limited',
    test: /HTTP Error 429|Too Many Requests|rate[- ]limit/i,
    message: 'The site is limiting how often videos are fetched (too many requests).',
    advice: 'MediaNest tries again later by itself; a rate limit in Settings → Downloads makes it less likely.',
  },
  {
    kind: 'http-forbidden',
    test: /HTTP Error 403|\b403: Forbidden|Forbidden/i,
    message: 'The site refused the download (HTTP 403).',
    advice: 'Update yt-dlp in Settings → Downloads; if it persists, import your cookies for the site.',
  },
  {
    kind: 'unsupported-url',
    test: /Unsupported URL|is not a valid URL|No video formats found|no suitable InfoExtractor/i,
    message: 'yt-dlp found no video at that address.',
    advice: 'Paste the address of the video or playlist page itself (not a search or home page).',
  },
  {
    kind: 'ytdlp-too-old',
    test: /no such option|unrecognized arguments|Signature extraction failed|nsig extraction failed|Unable to extract|version of yt-dlp|too old|please report this issue|Confirm you are on the latest version/i,
    message: 'This yt-dlp cannot read the site any more (sites change, and yt-dlp follows).',
    advice: 'Update yt-dlp in Settings → Downloads (or install a current one), then retry.',
  },
  {
    kind: 'network',
    test: /urlopen error|Connection (?:refused|reset|aborted)|timed? ?out|Temporary failure in name resolution|Name or service not known|Network is unreachable|No route to host|getaddrinfo|IncompleteRead|RemoteDisconnected|Unable to download webpage|Got error:|TransportError|SSL: |ECONNRESET|ECONNREFUSED|EHOSTUNREACH/i,
    message: 'The site could not be reached, or the connection broke off.',
    advice: 'MediaNest tries again by itself; check the internet connection if it keeps failing.',
  },
];

const TRANSIENT: ReadonlySet<FailureKind> = new Set(['network', 'rate-limited']);

// Signed links carry tokens in their query strings: cut them from what is shown.
const SECRET_QUERY = /([?&](?:[a-z_]*token|key|sig|signature|auth|access_token|expire|policy|x-plex-token)=)[^&\s"')]+/gi;

function redact(text: string): string {
  return text.replace(SECRET_QUERY, '$1…');
}

/** yt-dlp's last `ERROR:` line, else its last line, or null. */
function lastErrorLine(lines: readonly string[]): string | null {
  const meaningful = lines.map((line) => line.trim()).filter((line) => line !== '');
  const error = [...meaningful].reverse().find((line) => /^ERROR:|error:/.test(line));
  const chosen = error ?? meaningful.at(-1);
  return chosen === undefined ? null : redact(chosen).slice(0, 1000);
}

/**
 * The failure of a run that ended with `exitCode` after writing `stderrLines`.
 * Exit 2 is a bad option: this yt-dlp lacks an option the runner passed.
 */
export function classifyFailure(exitCode: number | null, stderrLines: readonly string[]): DownloadFailure {
  const detail = lastErrorLine(stderrLines);
  const errors = stderrLines.filter((line) => /ERROR:|error:/i.test(line)).join('\n');
  const haystack = errors === '' ? stderrLines.join('\n') : errors;
  const found = exitCode === 2 && /no such option|error:/i.test(haystack) ? CLASSES.find((c) => c.kind === 'ytdlp-too-old') : CLASSES.find((c) => c.test.test(haystack));
  if (found) return { kind: found.kind, message: found.message, advice: found.advice, transient: TRANSIENT.has(found.kind), detail };
  return {
    kind: 'other',
    message: exitCode === null ? 'yt-dlp stopped unexpectedly.' : `yt-dlp could not download it (exit code ${exitCode}).`,
    advice: 'Retry; if it fails again, update yt-dlp in Settings → Downloads and check the address in a browser.',
    transient: false,
    detail,
  };
}
