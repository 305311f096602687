/**
 * An AbortSignal that follows several parents, with its listeners removed on dispose.
 *
 * Why not `AbortSignal.any`: Node keeps every signal it derives registered on
 * its parents until GC (and, once the derived signal has a listener, alive
 * until that listener goes): a service client's lifetime signal lives as long
 * as the app and sees one derived signal per call.
 */
export interface LinkedSignal {
  readonly signal: AbortSignal;
  /** Aborts the linked signal only (not the parents). */
  abort(reason?: unknown): void;
  /** Detaches from the parents; call it when the work is done. */
  dispose(): void;
}

export function linkSignals(...parents: readonly (AbortSignal | undefined)[]): LinkedSignal {
  const controller = new AbortController();
  const attached: AbortSignal[] = [];
  const onAbort = function (this: AbortSignal): void {
    detach();
    controller.abort(this.reason);
  };
  const detach = (): void => {
    for (const parent of attached) parent.removeEventListener('abort', onAbort);
    attached.length = 0;
  };
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      detach();
      controller.abort(parent.reason);
      break;
    }
    parent.addEventListener('abort', onAbort);
    attached.push(parent);
  }
  return {
    signal: controller.signal,
    abort: (reason) => {
      detach();
      controller.abort(reason);
    },
    dispose: detach,
  };
}
