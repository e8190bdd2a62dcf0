/**
 * Fault injection for crash tests: when FEDLORA_FAILPOINT names a point the process reaches, the process
 * kills itself with SIGKILL right there, exactly like a power cut at that instant. Unset in normal runs.
 */
export function failpoint(name: string): void {
  if (process.env.FEDLORA_FAILPOINT === name) process.kill(process.pid, 'SIGKILL');
}
