/**
 * Durable run state. `runDir/state.sqlite` (SQLite, WAL, synchronous=FULL) holds the run's identity, every
 * committed round, the open round (its sample and the updates already accepted) and the client registry;
 * adapters live as files beside it: one PEFT directory per committed round under `rounds/<n>/`, and the
 * accepted updates of the open round under `open/`. Files are written atomically before the database row
 * that refers to them, so the row is the commit point: after a crash, a file without a row is ignored.
 */
import Database from 'better-sqlite3';
import { readFileSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeAdapter, type AdapterWeights, type TensorData } from '../../shared/lora/adapter.js';
import { writeFileAtomic } from '../../shared/infra/atomic-write.js';
import { CheckpointError, ConfigError } from '../../shared/infra/errors.js';
import type { Logger } from '../../shared/infra/log.js';
import type { LoraConfig } from '../../shared/lora/lora.js';
import { runAdapterMetadata } from '../../shared/lora/run-offsets.js';
import { BASE_FINGERPRINT_METADATA, PEFT_WEIGHTS_FILE, readPeftAdapter, writePeftAdapter } from '../../shared/lora/peft.js';
import { failpoint } from '../../shared/infra/failpoint.js';
import { decodeSafetensors, encodeSafetensors, safetensorsParts } from '../../shared/model/safetensors.js';
import { sha256Hex } from '../../shared/wire/chunking.js';
import type { RoundRecord, SetMetrics } from '../round/records.js';
import type { RoundShifts } from '../round/round-shifts.js';
import type { StrategyState } from '../strategies/strategy.js';
import type { AcceptedUpdate, OpenRound, ResumeState, RoundPersistence, StoredUpdate } from '../round/persistence.js';

export type { AcceptedUpdate } from '../round/persistence.js';

const SCHEMA_VERSION = '1';

/** Names the process that holds a run directory, for the message that refuses a second coordinator. */
const HOLDER_FILE = 'coordinator.pid';

/** What must not change between a run and its resumption. */
export interface RunIdentity {
  readonly model: string;
  readonly modelFingerprint: string;
  readonly strategy: string;
  readonly lora: LoraConfig;
  /** Set for LoRA aggregations the LoRA config does not show (`exact`). */
  readonly loraAggregation?: string;
}

/** Server optimizer state after a round, relative to the run directory. */
function strategyStateFile(round: number): string {
  return join('strategy', `round-${round}.safetensors`);
}

/** The file's bytes, or a CheckpointError when it is missing or no longer matches its recorded SHA-256. */
async function readVerified(path: string, expectedSha256: string): Promise<Uint8Array> {
  const bytes = await readFile(path).catch(() => {
    throw new CheckpointError(`${path} is missing`);
  });
  if (sha256Hex(bytes) !== expectedSha256) throw new CheckpointError(`${path} does not match its recorded SHA-256`);
  return bytes;
}

/** The float32 tensors of a safetensors file held in memory. */
function tensorsOf(bytes: Uint8Array): AdapterWeights {
  return makeAdapter([...decodeSafetensors(bytes).tensors].map(([name, t]): [string, TensorData] => [name, { shape: t.shape, data: t.data }]));
}

/**
 * Opens the run's database and takes its exclusive lock, held until close: a second coordinator on the same
 * runDir would commit rounds over this one's. The lock is SQLite's OS file lock, so it goes with the process.
 */
function lockDatabase(runDir: string): Database.Database {
  // No busy wait: a run directory in use is refused at once.
  const db = new Database(join(runDir, 'state.sqlite'), { timeout: 0 });
  try {
    // Set before WAL is entered: the WAL index then lives in this process's memory, and no other may open the file.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
    const holder = readHolder(runDir);
    throw new ConfigError(`runDir ${runDir} is in use by another coordinator${holder ? ` (pid ${holder})` : ''}: stop it first, or use another runDir`);
  }
}

/** The pid the running coordinator wrote, if readable. */
function readHolder(runDir: string): string | undefined {
  try {
    return /^\d+$/.exec(readFileSync(join(runDir, HOLDER_FILE), 'utf8').trim())?.[0];
  } catch {
    return undefined;
  }
}

function sameIdentity(a: RunIdentity, b: RunIdentity): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** An accepted update's row in `open_updates`, in column order. */
type OpenUpdateRow = [string, string, number, number, number, number, string, string];

export class RunStore implements RoundPersistence {
  /** Accepted updates whose files are written and whose rows wait for the next group commit. */
  private readonly unrecordedUpdates: { row: OpenUpdateRow; resolve: () => void; reject: (error: unknown) => void }[] = [];

  private constructor(
    readonly runDir: string,
    readonly runId: string,
    readonly createdAt: string,
    /** True when this store continues a run found in runDir. */
    readonly resumed: boolean,
    private readonly identity: RunIdentity,
    private readonly db: Database.Database,
    private readonly logger: Logger,
  ) {}

  /** Opens the run in `runDir`, creating it if the directory holds none; refuses a run of another identity. */
  static async open(runDir: string, identity: RunIdentity, newRunId: string, logger: Logger): Promise<RunStore> {
    await mkdir(join(runDir, 'rounds'), { recursive: true });
    const db = lockDatabase(runDir);
    await writeFile(join(runDir, HOLDER_FILE), `${process.pid}\n`);
    db.pragma('synchronous = FULL');
    db.exec(`
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS rounds (
        round INTEGER PRIMARY KEY, record TEXT NOT NULL, checkpoint_sha256 TEXT NOT NULL, strategy_state_sha256 TEXT);
      CREATE TABLE IF NOT EXISTS open_round (
        id INTEGER PRIMARY KEY CHECK (id = 1), round INTEGER NOT NULL, attempt INTEGER NOT NULL, sampled TEXT NOT NULL,
        global_digest TEXT NOT NULL, seed INTEGER NOT NULL, started_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS open_updates (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, client_id TEXT NOT NULL UNIQUE, update_id TEXT NOT NULL,
        num_examples REAL NOT NULL, train_loss REAL NOT NULL, tokens_per_second REAL NOT NULL, bytes_up INTEGER NOT NULL,
        file TEXT NOT NULL, sha256 TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS bans (client_id TEXT PRIMARY KEY, banned_at TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS round_shifts (round INTEGER PRIMARY KEY, shifts TEXT NOT NULL);
    `);
    const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    if (meta.size === 0) {
      const createdAt = new Date().toISOString();
      const insert = db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
      db.transaction(() => {
        insert.run('schema_version', SCHEMA_VERSION);
        insert.run('run_id', newRunId);
        insert.run('created_at', createdAt);
        insert.run('identity', JSON.stringify(identity));
      })();
      return new RunStore(runDir, newRunId, createdAt, false, identity, db, logger);
    }
    const stored = JSON.parse(meta.get('identity') ?? '{}') as RunIdentity;
    if (meta.get('schema_version') !== SCHEMA_VERSION || !sameIdentity(stored, identity)) {
      db.close();
      rmSync(join(runDir, HOLDER_FILE), { force: true });
      throw new ConfigError(
        `runDir ${runDir} holds a run of ${stored.model ?? 'another version'} (strategy ${stored.strategy}, LoRA ${JSON.stringify(stored.lora)}); ` +
          'this configuration differs: use another runDir to start a new run, or restore the original model, strategy and lora settings to resume it',
      );
    }
    return new RunStore(runDir, meta.get('run_id')!, meta.get('created_at')!, true, identity, db, logger);
  }

  /** Loads what a resumed run continues from, dropping any committed round whose checkpoint is damaged. */
  async loadResumeState(): Promise<ResumeState> {
    const rows = this.db.prepare('SELECT round, record, checkpoint_sha256, strategy_state_sha256 FROM rounds ORDER BY round').all() as {
      round: number;
      record: string;
      checkpoint_sha256: string;
      strategy_state_sha256: string | null;
    }[];
    let global: AdapterWeights | undefined;
    let strategyState: StrategyState = new Map();
    while (rows.length > 0) {
      const last = rows.at(-1)!;
      try {
        global = await this.readCheckpoint(last.round, last.checkpoint_sha256);
        if (last.strategy_state_sha256 !== null) strategyState = await this.readStrategyState(last.round, last.strategy_state_sha256);
        break;
      } catch (error) {
        this.logger.error(
          { event: 'checkpoint_damaged', round: last.round, reason: (error as Error).message },
          `checkpoint of round ${last.round} is damaged (${(error as Error).message}); falling back to round ${last.round - 1} and running round ${last.round} again`,
        );
        this.db.transaction(() => {
          this.db.prepare('DELETE FROM rounds WHERE round = ?').run(last.round);
          this.db.prepare('DELETE FROM round_shifts WHERE round = ?').run(last.round);
          this.db.prepare('DELETE FROM open_round').run();
          this.db.prepare('DELETE FROM open_updates').run();
        })();
        rows.pop();
      }
    }
    const committed = rows.length > 0 ? rows.at(-1)!.round : 0;
    await this.removeUncommittedCheckpoints(committed);
    const openRound = await this.loadOpenRound(committed + 1);
    // Accepted updates of a round committed just before a stop, kept to measure its shifts, are not needed any more.
    if (!openRound) await this.releaseAcceptedUpdates();
    const meta = (key: string) => (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
    const baseline = meta('baseline_eval_loss');
    const baselineSets = meta('baseline_eval_sets');
    return {
      // Records stored before phases and named sets existed lack their fields.
      rounds: rows.map((r): RoundRecord => ({ phase: null, sat_out: [], eval_sets: {}, ...(JSON.parse(r.record) as Partial<RoundRecord>) }) as RoundRecord),
      global,
      strategyState,
      baselineEvalLoss: baseline === undefined ? null : Number(baseline),
      baselineEvalSets: baselineSets === undefined ? {} : (JSON.parse(baselineSets) as Record<string, SetMetrics>),
      shifts: (this.db.prepare('SELECT shifts FROM round_shifts WHERE round <= ? ORDER BY round').all(committed) as { shifts: string }[]).map(
        (row) => JSON.parse(row.shifts) as RoundShifts,
      ),
      openRound,
    };
  }

  private async readCheckpoint(round: number, expectedSha256: string): Promise<AdapterWeights> {
    const dir = join(this.runDir, 'rounds', String(round));
    await readVerified(join(dir, PEFT_WEIGHTS_FILE), expectedSha256);
    // Read again through the PEFT reader, which also checks adapter_config.json; this runs only at resume.
    return (await readPeftAdapter(dir)).adapter;
  }

  private async readStrategyState(round: number, expectedSha256: string): Promise<StrategyState> {
    return tensorsOf(await readVerified(join(this.runDir, strategyStateFile(round)), expectedSha256));
  }

  /** A checkpoint written just before a crash, without its database row, is not part of the run. */
  private async removeUncommittedCheckpoints(lastCommitted: number): Promise<void> {
    for (const name of await readdir(join(this.runDir, 'rounds'))) {
      if (/^\d+$/.test(name) && Number(name) > lastCommitted) {
        this.logger.warn({ event: 'uncommitted_checkpoint_removed', round: Number(name) }, `removing the uncommitted checkpoint of round ${name}`);
        await rm(join(this.runDir, 'rounds', name), { recursive: true, force: true });
      }
    }
  }

  private async loadOpenRound(expectedRound: number): Promise<ResumeState['openRound']> {
    const row = this.db.prepare('SELECT * FROM open_round WHERE id = 1').get() as
      | { round: number; attempt: number; sampled: string; global_digest: string; seed: number; started_at: string }
      | undefined;
    if (!row || row.round !== expectedRound) return undefined;
    const updates = this.acceptedUpdates();
    return {
      round: row.round,
      attempt: row.attempt,
      sampled: JSON.parse(row.sampled) as string[],
      globalDigest: row.global_digest,
      seed: row.seed,
      startedAt: row.started_at,
      updates,
    };
  }

  /** The updates accepted in the open round so far; each is read from disk (and verified) when loaded. */
  acceptedUpdates(): StoredUpdate[] {
    const rows = this.db.prepare('SELECT * FROM open_updates ORDER BY seq').all() as {
      client_id: string;
      update_id: string;
      num_examples: number;
      train_loss: number;
      tokens_per_second: number;
      bytes_up: number;
      file: string;
      sha256: string;
    }[];
    return rows.map((update): StoredUpdate => {
      const stored = {
        clientId: update.client_id,
        updateId: update.update_id,
        numExamples: update.num_examples,
        trainLoss: update.train_loss,
        tokensPerSecond: update.tokens_per_second,
        bytesUp: update.bytes_up,
      };
      return {
        ...stored,
        load: async () => {
          const bytes = await readVerified(join(this.runDir, update.file), update.sha256).catch(() => undefined);
          if (bytes) return { ...stored, adapter: tensorsOf(bytes) };
          this.logger.warn(
            { event: 'accepted_update_lost', client: update.client_id },
            `accepted update of ${update.client_id} is damaged; that client will be asked again`,
          );
          this.db.prepare('DELETE FROM open_updates WHERE client_id = ?').run(update.client_id);
          return undefined;
        },
      };
    });
  }

  /** Clients an operator banned: refused until unbanned, across restarts of the coordinator. */
  bannedClients(): string[] {
    return (this.db.prepare('SELECT client_id FROM bans ORDER BY client_id').all() as { client_id: string }[]).map((row) => row.client_id);
  }

  setBanned(clientId: string, banned: boolean): void {
    if (banned) this.db.prepare('INSERT OR IGNORE INTO bans (client_id, banned_at) VALUES (?, ?)').run(clientId, new Date().toISOString());
    else this.db.prepare('DELETE FROM bans WHERE client_id = ?').run(clientId);
  }

  setBaseline(loss: number | null, sets: Record<string, SetMetrics>): void {
    const set = this.db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
    if (loss !== null) set.run('baseline_eval_loss', String(loss));
    set.run('baseline_eval_sets', JSON.stringify(sets));
  }

  /** Records a round (attempt) as open: its sample survives a restart; earlier accepted updates are dropped. */
  async openRound(round: OpenRound): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM open_updates').run();
      this.db
        .prepare('INSERT OR REPLACE INTO open_round (id, round, attempt, sampled, global_digest, seed, started_at) VALUES (1, ?, ?, ?, ?, ?, ?)')
        .run(round.round, round.attempt, JSON.stringify(round.sampled), round.globalDigest, round.seed, round.startedAt);
    })();
    await rm(join(this.runDir, 'open'), { recursive: true, force: true });
  }

  /** Persists an accepted update before it is acknowledged, so that a restart keeps it. */
  async saveAcceptedUpdate(round: number, update: AcceptedUpdate): Promise<void> {
    const file = join('open', `round-${round}`, `${update.clientId}.safetensors`);
    // Written from the update's own tensors, part by part: a large update is not copied on its way to disk.
    const parts = safetensorsParts(update.adapter, { fedlora_update_id: update.updateId });
    await mkdir(join(this.runDir, 'open', `round-${round}`), { recursive: true });
    await writeFileAtomic(join(this.runDir, file), parts);
    const row: OpenUpdateRow = [
      update.clientId,
      update.updateId,
      update.numExamples,
      update.trainLoss,
      update.tokensPerSecond,
      update.bytesUp,
      file,
      sha256Hex(parts),
    ];
    await new Promise<void>((resolve, reject) => {
      this.unrecordedUpdates.push({ row, resolve, reject });
      if (this.unrecordedUpdates.length === 1) setImmediate(() => this.recordUpdates());
    });
  }

  /**
   * Group commit: the rows of every update whose file was written since the last commit go into one transaction,
   * so that many clients sending at once cost one synchronous WAL flush, not one each. Each update is still
   * acknowledged only after its row is durable.
   */
  private recordUpdates(): void {
    const batch = this.unrecordedUpdates.splice(0);
    const insert = this.db.prepare(
      'INSERT INTO open_updates (client_id, update_id, num_examples, train_loss, tokens_per_second, bytes_up, file, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    try {
      this.db.transaction(() => batch.forEach(({ row }) => insert.run(...row)))();
      batch.forEach(({ resolve }) => resolve());
    } catch {
      // One bad row must not fail the others: record them one at a time, so that only its own update is refused.
      for (const { row, resolve, reject } of batch) {
        try {
          insert.run(...row);
          resolve();
        } catch (error) {
          reject(error);
        }
      }
    }
  }

  /**
   * Writes the round's checkpoint and the strategy's state, then commits the round's record. The accepted updates'
   * files stay until releaseAcceptedUpdates: without their rows they are no longer part of the run.
   */
  async commitRound(record: RoundRecord, adapter: AdapterWeights, strategyState: StrategyState): Promise<void> {
    const dir = join(this.runDir, record.checkpoint);
    const checksum = await writePeftAdapter(dir, adapter, {
      lora: this.identity.lora,
      baseModel: this.identity.model,
      metadata: {
        fedlora_run_id: this.runId,
        fedlora_round: String(record.round),
        [BASE_FINGERPRINT_METADATA]: this.identity.modelFingerprint,
        ...runAdapterMetadata(this.identity.lora),
      },
      replace: true,
    });
    let stateChecksum: string | null = null;
    if (strategyState.size > 0) {
      const bytes = encodeSafetensors(strategyState);
      await mkdir(join(this.runDir, 'strategy'), { recursive: true });
      await writeFileAtomic(join(this.runDir, strategyStateFile(record.round)), bytes);
      stateChecksum = sha256Hex(bytes);
    }
    failpoint(`checkpoint-written:${record.round}`);
    this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO rounds (round, record, checkpoint_sha256, strategy_state_sha256) VALUES (?, ?, ?, ?)')
        .run(record.round, JSON.stringify(record), checksum, stateChecksum);
      this.db.prepare('DELETE FROM open_round').run();
      this.db.prepare('DELETE FROM open_updates').run();
    })();
  }

  async releaseAcceptedUpdates(): Promise<void> {
    await rm(join(this.runDir, 'open'), { recursive: true, force: true });
  }

  saveShifts(shifts: RoundShifts): void {
    this.db.prepare('INSERT OR REPLACE INTO round_shifts (round, shifts) VALUES (?, ?)').run(shifts.round, JSON.stringify(shifts));
  }

  /** Replaces a committed round's record (its evaluation arrives after the commit). */
  updateRound(record: RoundRecord): void {
    this.db.prepare('UPDATE rounds SET record = ? WHERE round = ?').run(JSON.stringify(record), record.round);
  }

  close(): void {
    this.db.close();
    rmSync(join(this.runDir, HOLDER_FILE), { force: true });
  }
}
