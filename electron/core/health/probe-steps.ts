/**
 * Judging a probe's answers, in words a user can act on. Each service's probe
 * says what only its program answers and how it words a refused credential;
 * the rest (redirects, web pages, other programs' JSON, 5xx) is the same for
 * every service and lives here.
 */
import { callTarget } from '../upstream/upstream-errors';
import { addressFailed, failed, isPassed, networkStep, passed, type ProbeOutcome, type ProbeStep } from './probe-outcome';
import type { ProbeHttp, ProbeReply } from './probe-http';

type Response = Extract<ProbeReply, { kind: 'response' }>;

/** What the address step expects of one program. */
export interface ProgramCheck {
  /** The program's name in messages, e.g. Overseerr. */
  readonly program: string;
  /** Reads the parsed JSON body; returns what it is ("Overseerr 1.34.0") when only this program answers so, else null. */
  readonly recognise: (body: unknown) => string | null;
}

/** How one service words its credential step. */
export interface CredentialWords {
  readonly program: string;
  /** "token", "API key". */
  readonly noun: string;
  /** The words for a 401 or 403: which it was, and what to do. */
  readonly rejected: (status: 401 | 403) => string;
}

const isServerTrouble = (status: number): boolean => status >= 500 || status === 408 || status === 429;

/** Where a redirect points, without the host (messages carry no addresses). */
function redirectTarget(location: string | null, baseUrl: string): string {
  if (!location) return 'it answered with a redirect';
  try {
    const target = new URL(location, `${baseUrl}/`);
    if (target.origin !== new URL(baseUrl).origin) return 'it redirected to another address';
    return `it redirected to ${target.pathname}`;
  } catch {
    return 'it answered with a redirect';
  }
}

function looksLikeHtml(reply: Response): boolean {
  return /html/i.test(reply.contentType) || /^\s*<(!doctype|html)/i.test(reply.body);
}

function parseJson(body: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Why a reply is not the program's: the words in brackets after "does not answer as X". */
function notTheProgram(reply: Response, path: string, baseUrl: string): string {
  if (reply.status >= 300 && reply.status < 400) return redirectTarget(reply.location, baseUrl);
  if (reply.status === 401 || reply.status === 403) return `it asks for a sign-in first, HTTP ${reply.status}`;
  if (reply.status === 404) return `it has nothing at ${path}`;
  if (reply.status >= 400) return `HTTP ${reply.status}`;
  if (looksLikeHtml(reply)) return 'it sent a web page';
  return parseJson(reply.body).ok ? "it answered with another program's data" : 'it sent something other than JSON';
}

/** The address step: did `path` answer as the program? */
export function checkAddress(reply: ProbeReply, path: string, baseUrl: string, check: ProgramCheck): ProbeStep {
  if (reply.kind !== 'response') return networkStep(reply.kind, callTarget(baseUrl));
  if (isServerTrouble(reply.status)) {
    return failed('degraded', `The address answered HTTP ${reply.status}: ${check.program} may be starting or overloaded`, reply.status);
  }
  if (reply.status >= 200 && reply.status < 300 && !looksLikeHtml(reply)) {
    const json = parseJson(reply.body);
    const what = json.ok ? check.recognise(json.value) : null;
    if (what !== null) return passed(`Answers as ${what}`, reply.status);
  }
  return failed('unhealthy', `This address does not answer as ${check.program} (${notTheProgram(reply, path, baseUrl)})`, reply.status);
}

/** The credential step: did the program accept the credential sent with `path`? */
export function checkCredential(reply: ProbeReply, baseUrl: string, words: CredentialWords): ProbeStep {
  if (reply.kind !== 'response') return networkStep(reply.kind, callTarget(baseUrl));
  const { status } = reply;
  if (status >= 200 && status < 300) return passed(`${words.program} accepted the ${words.noun}`, status);
  if (status === 401 || status === 403) return failed('unhealthy', words.rejected(status), status);
  if (isServerTrouble(status)) return failed('degraded', `${words.program} answered HTTP ${status} while checking the ${words.noun}`, status);
  if (status >= 300 && status < 400) {
    return failed('unhealthy', `This address does not answer as ${words.program} (${redirectTarget(reply.location, baseUrl)})`, status);
  }
  return failed('unhealthy', `${words.program} answered HTTP ${status} while checking the ${words.noun}`, status);
}

/** What the credential step reads, and what it says when no credential is saved. */
export interface CredentialCheck {
  readonly path: string;
  readonly words: CredentialWords;
  /** The step when nothing is saved: unhealthy where the service needs one, skipped where it is optional. */
  readonly missing: ProbeStep;
}

/** Ends the probe after its address step: the credential is tried only at an address that proved to be the program. */
export async function finishWithCredential(http: ProbeHttp, address: ProbeStep, check: CredentialCheck): Promise<ProbeOutcome> {
  if (!isPassed(address)) return addressFailed(address);
  if (!http.hasCredential) return { address, credential: check.missing };
  return { address, credential: checkCredential(await http.get(check.path, { withCredential: true }), http.baseUrl, check.words) };
}
