/**
 * A change that spans several files (settings and secrets in one
 * `settings:update`) lands whole or not at all.
 *
 * Each file's new content is first written to a temporary file beside it
 * (where a full disk or a permission problem shows up), then every temporary
 * file is renamed into place. When a rename fails, the files already renamed
 * get their previous content back. Memory and listeners are updated only
 * after every file is in place.
 */

/** One file's new content, staged in a temporary file. */
export interface StagedWrite {
  /** Puts the staged content in place (a rename). */
  commit(): void;
  /** After commit: puts back what was there before. */
  rollback(): void;
  /** Before commit: drops the temporary file. */
  abort(): void;
}

/** One store's part of a change. */
export interface PendingChange {
  /** Writes the new content aside; throws when it cannot be written. */
  stage(): StagedWrite;
  /** Called once every part is in place: update memory, tell listeners. */
  applied(): void;
}

/** Commits every change or none; rethrows the first failure. */
export function commitTogether(changes: readonly PendingChange[], onRollbackFailed: (error: unknown) => void = () => undefined): void {
  const staged: StagedWrite[] = [];
  try {
    for (const change of changes) staged.push(change.stage());
  } catch (error) {
    for (const write of staged) quietly(() => write.abort(), onRollbackFailed);
    throw error;
  }
  let committed = 0;
  try {
    for (const write of staged) {
      write.commit();
      committed += 1;
    }
  } catch (error) {
    for (const write of staged.slice(0, committed).reverse()) quietly(() => write.rollback(), onRollbackFailed);
    for (const write of staged.slice(committed)) quietly(() => write.abort(), onRollbackFailed);
    throw error;
  }
  for (const change of changes) change.applied();
}

function quietly(step: () => void, onError: (error: unknown) => void): void {
  try {
    step();
  } catch (error) {
    onError(error);
  }
}

/** The same staged write, with a commit failure turned into `toError(error)` (words for people). */
export function withCommitError(write: StagedWrite, toError: (error: unknown) => Error): StagedWrite {
  return {
    ...write,
    commit() {
      try {
        write.commit();
      } catch (error) {
        throw toError(error);
      }
    },
  };
}
