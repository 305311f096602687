// Types for scripts/electron-binary.mjs (used by the TypeScript tests).
export declare const projectRoot: string;

export interface RootOptions {
  readonly root?: string;
}

export declare function electronBinaryPath(options?: RootOptions & { readonly env?: NodeJS.ProcessEnv; readonly platform?: NodeJS.Platform }): string | null;
export declare function describeInstallFailure(
  output: string | undefined,
  options?: { readonly timedOut?: boolean; readonly timeoutMs?: number; readonly env?: NodeJS.ProcessEnv },
): string;
export declare function ensureElectronBinary(
  options?: RootOptions & { readonly env?: NodeJS.ProcessEnv; readonly timeoutMs?: number },
): { readonly path: string; readonly reason: null } | { readonly path: null; readonly reason: string; readonly output?: string };
