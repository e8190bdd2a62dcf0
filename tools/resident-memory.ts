/** Resident memory of a process from /proc (Linux only). */
import { existsSync, readFileSync } from 'node:fs';

/** Peak (VmHWM) or current (VmRSS) resident set size of a process in bytes, or undefined off Linux. */
export function residentBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number | undefined {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return undefined;
  const match = new RegExp(`${field}:\\s*(\\d+)\\s*kB`).exec(readFileSync(status, 'utf8'));
  return match ? Number(match[1]) * 1024 : undefined;
}
