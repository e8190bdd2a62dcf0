/**
 * The run directory: `run.json` (run identity and every finished round) and one PEFT adapter directory per
 * round under `rounds/<n>/`. Every file is written atomically, so a crash leaves either the old or the new
 * version, never a torn one.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdapterWeights } from '../shared/adapter.js';
import { writeFileAtomic } from '../shared/atomic-write.js';
import { ConfigError } from '../shared/errors.js';
import type { LoraConfig } from '../shared/lora.js';
import { writePeftAdapter } from '../shared/peft.js';
import type { RoundRecord } from './records.js';

export interface RunManifest {
  run_id: string;
  model: string;
  strategy: string;
  created_at: string;
  rounds_total: number;
  rounds: RoundRecord[];
}

export class RunStore {
  private constructor(
    readonly runDir: string,
    private readonly manifest: RunManifest,
    private readonly lora: LoraConfig,
  ) {}

  /** Creates a new run in `runDir`; refuses a directory that already holds one. */
  static async create(runDir: string, manifest: Omit<RunManifest, 'rounds'>, lora: LoraConfig): Promise<RunStore> {
    const manifestPath = join(runDir, 'run.json');
    const existing = await readFile(manifestPath, 'utf8').catch(() => undefined);
    if (existing !== undefined) {
      throw new ConfigError(`runDir ${runDir} already holds a run (run.json exists); choose another runDir or move that one away`);
    }
    await mkdir(join(runDir, 'rounds'), { recursive: true });
    const store = new RunStore(runDir, { ...manifest, rounds: [] }, lora);
    await store.writeManifest();
    return store;
  }

  /** Writes the global adapter after `round` as a PEFT directory; returns its path relative to the run dir. */
  async saveCheckpoint(round: number, adapter: AdapterWeights): Promise<string> {
    const relative = join('rounds', String(round));
    await writePeftAdapter(join(this.runDir, relative), adapter, {
      lora: this.lora,
      baseModel: this.manifest.model,
      metadata: { fedlora_run_id: this.manifest.run_id, fedlora_round: String(round) },
    });
    return relative;
  }

  async saveRound(record: RoundRecord): Promise<void> {
    this.manifest.rounds.push(record);
    await this.writeManifest();
  }

  private async writeManifest(): Promise<void> {
    await writeFileAtomic(join(this.runDir, 'run.json'), `${JSON.stringify(this.manifest, null, 2)}\n`);
  }
}
