// Types for scripts/electron-abi.mjs (used by the TypeScript tests).
export declare const projectRoot: string;

export interface RootOptions {
  readonly root?: string;
}

export declare function electronBinaryPath(options?: RootOptions & { readonly env?: NodeJS.ProcessEnv; readonly platform?: NodeJS.Platform }): string | null;
export declare function electronAbi(options?: RootOptions): number;
export declare function electronVersion(options?: RootOptions): string;
export declare function moduleAbi(file: string): number | null;
export declare function describeInstallFailure(
  output: string | undefined,
  options?: { readonly timedOut?: boolean; readonly timeoutMs?: number; readonly env?: NodeJS.ProcessEnv },
): string;
export declare function ensureElectronBinary(
  options?: RootOptions & { readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number },
): { readonly path: string; readonly reason: null } | { readonly path: null; readonly reason: string; readonly output?: string };
export declare function nativeBuildEnv(env?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
export declare function nodeSqliteBinding(options?: RootOptions): string;
export declare function electronSqliteBinding(options?: RootOptions): string;
export declare function ensureElectronSqlite(
  options?: RootOptions & { readonly env?: NodeJS.ProcessEnv; readonly log?: (line: string) => void; readonly timeoutMs?: number },
): string;
export declare function swapInElectronSqlite(electronBuild: string, options?: RootOptions): void;
export declare function restoreNodeSqlite(options?: RootOptions): boolean;
