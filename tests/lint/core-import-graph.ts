/**
 * The import graph of electron/core and the two rules it must keep:
 * no folder imports a folder that imports it back (directly or round a
 * longer loop), and no feature imports another feature (it receives the other
 * feature's capability as a small interface in its deps instead).
 *
 * Imports are read as text (`import … from`, `export … from`, `import()`);
 * tests are left out, as they may reach anywhere.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, posix, relative } from 'node:path';

/** Files (paths relative to electron/core, `/`-separated) and the core files each one imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** The room of a file: `features/<name>` for a feature, else its first folder, else `(root)`. */
export function roomOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'features' && parts.length > 2) return `features/${parts[1]}`;
  return parts.length > 1 ? parts[0]! : '(root)';
}

/** Strongly connected components with more than one node (Tarjan). */
function cycles(edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  const nodes = new Set([...edges.keys(), ...[...edges.values()].flatMap((targets) => [...targets])]);
  for (const v of nodes) if (!index.has(v)) visit(v);
  return found;
}

/** Every broken rule, in words; empty when the graph is clean. */
export function layeringProblems(graph: ImportGraph): string[] {
  const rooms = new Map<string, Set<string>>();
  const files = new Map<string, Set<string>>();
  const problems: string[] = [];
  for (const [file, targets] of graph) {
    files.set(file, new Set(targets.filter((target) => target !== file)));
    for (const target of targets) {
      const [from, to] = [roomOf(file), roomOf(target)];
      if (from === to) continue;
      if (!rooms.has(from)) rooms.set(from, new Set());
      rooms.get(from)!.add(to);
      if (from.startsWith('features/') && to.startsWith('features/')) {
        problems.push(`a feature imports another feature (give it a narrow interface in its deps instead): ${file} -> ${target}`);
      }
    }
  }
  for (const loop of cycles(rooms)) problems.push(`folders of electron/core that import each other: ${loop.join(' <-> ')}`);
  for (const loop of cycles(files)) problems.push(`files that import each other: ${loop.join(' <-> ')}`);
  return problems;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Reads the import graph of the core folder at `root` (non-test .ts/.tsx files). */
export function readImportGraph(root: string): ImportGraph {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$|\.d\.ts$/.test(name)) files.push(relative(root, path).split('\\').join('/'));
    }
  };
  if (existsSync(root)) walk(root);
  const known = new Set(files);
  const resolve = (from: string, spec: string): string | undefined => {
    if (!spec.startsWith('.')) return undefined;
    const base = posix.normalize(posix.join(posix.dirname(from), spec.replace(/\.js$/, '')));
    return [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((candidate) => known.has(candidate));
  };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const targets = [...text.matchAll(IMPORT)].map((m) => resolve(file, m[1] ?? m[2]!)).filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

export const CORE_ROOT = join(dirname(new URL(import.meta.url).pathname), '../../electron/core');
