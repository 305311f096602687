/**
 * `services:test` through one small bulkhead shared by every service.
 *
 * A test goes to whatever address the caller names, so it is the one call a
 * client can aim at a server that never answers. Unbounded, thousands of them
 * would each hold a socket until their timeout and the process would run out
 * of file descriptors. Here at most `concurrency` tests run at once and
 * `queueLimit` wait; one more is answered BUSY at once, without opening
 * anything. Disposal aborts the running tests and rejects the waiting ones.
 *
 * Each test also gets its own connection pool, closed when the test ends.
 * When a fetch is aborted (the test's timeout) undici closes that socket but
 * opens a fresh, never-used one for the aborted request, and the shared pool
 * keeps it while other requests to the same address are pending. With
 * addresses the caller picks, those would pile up one address at a time;
 * closing the test's own pool closes them all.
 */
import { Agent } from 'undici';
import type { ServiceSettings } from '../../../shared/contract/areas/settings';
import { busyError } from '../../../shared/contract/errors';
import type { ServiceName } from '../../../shared/contract/services';
import type { RefusalLog } from '../logging/refusal-log';
import { createBulkhead } from '../resilience/bulkhead-policy';
import { isErrorCode } from '../resilience/resilience-errors';
import type { TestServiceOptions, TestServiceResult } from './test-service';

export const SERVICE_TEST_CONCURRENCY = 4;
export const SERVICE_TEST_QUEUE_LIMIT = 8;

/** One test, given the queue's signal and the test's own connection pool. */
export type RunServiceTest = (
  name: ServiceName,
  settings: ServiceSettings,
  secret: string | undefined,
  options: Pick<TestServiceOptions, 'signal' | 'dispatcher'>,
) => Promise<TestServiceResult>;

export interface ServiceTestQueueOptions {
  readonly concurrency?: number;
  readonly queueLimit?: number;
  /** Where BUSY answers are counted. */
  readonly refusals?: Pick<RefusalLog, 'note'>;
  /** Runs one test (the integration layer's, with the services' probes). */
  readonly runTest: RunServiceTest;
}

export interface ServiceTestQueue {
  run(name: ServiceName, settings: ServiceSettings, secret: string | undefined): Promise<TestServiceResult>;
  readonly running: number;
  readonly queued: number;
  dispose(): void;
}

export function createServiceTestQueue(options: ServiceTestQueueOptions): ServiceTestQueue {
  const concurrency = options.concurrency ?? SERVICE_TEST_CONCURRENCY;
  const queueLimit = options.queueLimit ?? SERVICE_TEST_QUEUE_LIMIT;
  const { runTest } = options;
  const bulkhead = createBulkhead({ service: 'services:test', concurrency, queueLimit });
  const stop = new AbortController();

  return {
    async run(name, settings, secret) {
      try {
        return await bulkhead.execute(async () => {
          const dispatcher = new Agent();
          try {
            return await runTest(name, settings, secret, { signal: stop.signal, dispatcher });
          } finally {
            // Before the slot is given back, so the next test never adds to sockets still closing.
            await dispatcher.destroy().catch(() => undefined);
          }
        }, stop.signal);
      } catch (error) {
        if (!isErrorCode(error, 'BULKHEAD_FULL')) throw error;
        options.refusals?.note('busy-tests', `answered BUSY to a connection test: ${concurrency} were running and ${queueLimit} waiting`);
        throw busyError(`MediaNest is already testing ${concurrency + queueLimit} connections`);
      }
    },
    get running() {
      return bulkhead.running;
    },
    get queued() {
      return bulkhead.queued;
    },
    dispose() {
      stop.abort();
      bulkhead.dispose();
    },
  };
}
