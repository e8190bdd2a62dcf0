/**
 * A full garbage collection on request. The buffers of a large adapter that is no longer used (the previous global
 * adapter, a round's last update) return to the system only when V8 collects them, and its heuristics may put that
 * off until after the next round has allocated its own: the coordinator asks for a collection between rounds
 * instead. V8 exposes `gc` only under --expose-gc; the flag is set at the first call, and `gc` is taken from a
 * fresh context, where V8 installs it.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Buffers from this size on are worth a full collection once they are garbage: it takes milliseconds. */
export const COLLECTABLE_BYTES = 16 * 1024 * 1024;

let gc: (() => void) | undefined;

export function collectGarbage(): void {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
}
