/**
 * Uptime Kuma's health probe. First an answer only Kuma gives: the configured
 * status page's JSON when a slug is set (so a wrong slug shows here, not later
 * on an empty page), otherwise `/api/entry-page`. Then, when an API key is
 * saved, `/metrics` must accept it (HTTP Basic, the key as password; 401
 * otherwise). Without a key only the public pages are read, which is a
 * working setup.
 */
import { z } from 'zod';
import { statusPageSlugs } from '../../../../shared/contract/service-settings';
import { services } from '../../../../shared/contract/services';
import type { ProbeFactory } from '../../health/probe';
import { createProbeHttp, type ProbeReply } from '../../health/probe-http';
import { addressFailed, failed, skipped } from '../../health/probe-outcome';
import { checkAddress, finishWithCredential, type CredentialWords, type ProgramCheck } from '../../health/probe-steps';

const ENTRY_PAGE_PATH = '/api/entry-page';
const METRICS_PATH = '/metrics';
const KUMA = services['uptime-kuma'].displayName;

// Kuma's api-router: the entry page, or the status page a domain is mapped to.
const EntryPageSchema = z.union([
  z.object({ type: z.literal('entryPage'), entryPage: z.string() }),
  z.object({ type: z.literal('statusPageMatchedDomain'), statusPageSlug: z.string() }),
]);

// Kuma's status-page-router: `incident` before 2.1, `incidents` since; both have these.
const StatusPageSchema = z.object({
  config: z.object({ slug: z.string(), title: z.string() }),
  publicGroupList: z.array(z.object({ name: z.string() })),
});

/** Kuma's answer for a slug it does not know (404, as util-server's sendHttpError words it). */
const UnknownSlugSchema = z.object({ status: z.literal('fail'), msg: z.string() });

const entryPage: ProgramCheck = {
  program: KUMA,
  recognise: (body) => (EntryPageSchema.safeParse(body).success ? KUMA : null),
};

const statusPage: ProgramCheck = {
  program: KUMA,
  recognise(body) {
    const parsed = StatusPageSchema.safeParse(body);
    return parsed.success ? `${KUMA} (status page “${parsed.data.config.title}”)` : null;
  },
};

const words: CredentialWords = {
  program: KUMA,
  noun: 'API key',
  rejected: (status) => `Uptime Kuma rejected the API key (HTTP ${status}): make a new one in Uptime Kuma, Settings → API Keys`,
};

export const NO_KUMA_KEY = 'No API key is saved, so only the public pages were checked';

function isUnknownSlug(reply: ProbeReply): boolean {
  if (reply.kind !== 'response' || reply.status !== 404) return false;
  try {
    return UnknownSlugSchema.safeParse(JSON.parse(reply.body)).success;
  } catch {
    return false;
  }
}

export const createUptimeKumaProbe: ProbeFactory = (getSecret, options) => async (config, signal) => {
  const http = createProbeHttp(config, getSecret, signal, options);
  // Several pages may be set; the first one proves the address is Kuma's.
  const slug = statusPageSlugs(config.text.statusPageSlug ?? '')[0] ?? '';
  const path = slug ? `/api/status-page/${encodeURIComponent(slug)}` : ENTRY_PAGE_PATH;
  const reply = await http.get(path);
  if (slug && isUnknownSlug(reply)) {
    return addressFailed(failed('unhealthy', `Uptime Kuma has no status page “${slug}”: check the status page slug in Settings`, 404));
  }
  const address = checkAddress(reply, path, http.baseUrl, slug ? statusPage : entryPage);
  return finishWithCredential(http, address, { path: METRICS_PATH, words, missing: skipped(NO_KUMA_KEY) });
};
