/**
 * Blames between secure-aggregation peers and the exclusion rule they feed: keys and shares travel between clients,
 * so the coordinator cannot check a blame, and a single accuser never excludes anyone.
 */
import type { Logger } from '../../shared/infra/log.js';

/** What a client blamed a peer for: its advertised keys, or the shares it sent. */
export type BlameReason = 'invalid keys' | 'undecryptable shares';

/** Distinct peers that must blame a client before it is excluded: a single accuser never excludes anyone. */
export const EXCLUDING_ACCUSERS = 2;

/**
 * Who blamed whom, over the whole run. A blame cannot be checked by the coordinator (keys and shares are between
 * clients), so one blame only costs the accused its pairing with the accuser; a client blamed by
 * EXCLUDING_ACCUSERS distinct peers, in one round or over several, is excluded from the rest of the run.
 */
export class BlameLedger {
  private readonly accusations = new Map<string, Map<string, BlameReason>>();
  private readonly excluded = new Set<string>();

  constructor(private readonly logger: Logger) {}

  /** Records a blame; true when it is the one that excludes `accused`. */
  blame(round: number, accuser: string, accused: string, reason: BlameReason): boolean {
    const accusers = this.accusations.get(accused) ?? new Map<string, BlameReason>();
    this.accusations.set(accused, accusers);
    accusers.set(accuser, reason);
    this.logger.warn({ event: 'secagg_blame', round, client: accused, accuser, reason }, `round ${round}: ${accuser} blames ${accused} for ${reason}`);
    if (this.excluded.has(accused) || accusers.size < EXCLUDING_ACCUSERS) return false;
    this.excluded.add(accused);
    this.logger.warn(
      { event: 'client_excluded', round, client: accused, accusers: [...accusers.keys()], reasons: [...new Set(accusers.values())] },
      `round ${round}: ${accused} ${this.exclusion(accused)} (${[...accusers.keys()].join(', ')}); it takes no further part in the run`,
    );
    return true;
  }

  /** Why the client is excluded (by how many peers, for what), or undefined when it is not. */
  exclusion(clientId: string): string | undefined {
    const accusers = this.accusations.get(clientId);
    if (!accusers || !this.excluded.has(clientId)) return undefined;
    return `excluded: blamed by ${accusers.size} peers for ${[...new Set(accusers.values())].join(' and ')}`;
  }
}
