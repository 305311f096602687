/** Builds the `ToolStatus` of one tool (bounded texts, as the contract wants them). */
import type { ToolName, ToolStatus } from '../../../../../shared/contract/areas/downloads';

export function toolStatus(fields: {
  name: ToolName;
  label: string;
  path?: string | null;
  version?: string | null;
  origin?: ToolStatus['origin'];
  problem?: string | null;
  severity?: ToolStatus['severity'];
  found?: boolean;
}): ToolStatus {
  const problem = fields.problem ? fields.problem.slice(0, 500) : null;
  return {
    name: fields.name,
    label: fields.label.slice(0, 100),
    found: fields.found ?? Boolean(fields.path),
    path: fields.path ? fields.path.slice(0, 4096) : null,
    version: fields.version ? fields.version.slice(0, 100) : null,
    origin: fields.origin ?? null,
    problem,
    severity: fields.severity ?? (problem ? 'error' : 'ok'),
  };
}

/** The first line of a program's answer, short enough to quote in a message. */
export function firstLine(text: string): string {
  return (text.split(/\r?\n/).find((line) => line.trim() !== '') ?? '').trim().slice(0, 80);
}
