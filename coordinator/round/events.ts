/**
 * What happens during a run, as typed events. The scheduler emits them; the dashboard, metrics and logs
 * subscribe. Listeners must not throw and must not block: they observe, they never steer the run.
 */
import type { ClientRoundStatus, RoundRecord, RunState } from './records.js';
import type { UpdateTimings } from './update-timings.js';

export type RunEvent =
  | { readonly type: 'client_connected'; readonly client: string }
  | { readonly type: 'client_disconnected'; readonly client: string; readonly reason: string }
  | { readonly type: 'client_ready'; readonly client: string; readonly backend: string; readonly gpu: string | null }
  | { readonly type: 'state_changed'; readonly state: RunState; readonly round: number }
  /** An operator paused or resumed the run. */
  | { readonly type: 'pause_changed'; readonly paused: boolean }
  | { readonly type: 'round_started'; readonly round: number; readonly attempt: number; readonly sampled: readonly string[] }
  | { readonly type: 'client_round_status'; readonly round: number; readonly client: string; readonly status: ClientRoundStatus; readonly reason?: string }
  | {
      readonly type: 'update_accepted';
      readonly round: number;
      readonly client: string;
      readonly bytes: number;
      readonly numExamples: number;
      /** Milliseconds the coordinator spent on this update, by stage; absent for an update inside a secure sum. */
      readonly timings?: UpdateTimings;
    }
  | { readonly type: 'update_refused'; readonly round: number; readonly client: string; readonly code: string; readonly reason: string }
  /** Time the strategy took to turn the collected updates into the new global adapter. */
  | { readonly type: 'aggregation_finished'; readonly round: number; readonly durationMs: number }
  | { readonly type: 'message_refused'; readonly client: string; readonly code: string; readonly reason: string }
  | { readonly type: 'round_retried'; readonly round: number; readonly attempt: number }
  | { readonly type: 'round_finished'; readonly record: RoundRecord }
  | { readonly type: 'run_finished'; readonly rounds: number };

export type RunEventListener = (event: RunEvent) => void;

/** Fan-out of run events to any number of listeners; a failing listener is isolated from the others. */
export class RunEventBus {
  private readonly listeners = new Set<RunEventListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  subscribe(listener: RunEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }
}
