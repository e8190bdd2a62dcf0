import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterWeights } from '../../shared/lora/adapter.js';
import { randomUpdateLike, updateReply } from '../helpers/lora-runs.js';
import { resolveModel } from '../../shared/model/model-config.js';
import type { DataSetInfo, EvaluateMessage, Message, SetEvaluation, TrainMessage } from '../../shared/wire/messages.js';
import type { RoundRecord, RunStatus } from '../../coordinator/round/records.js';
import { clientCredentials, coordinatorFixture, testConfigInput } from '../helpers/coordinator.js';
import { freePort, runCli } from '../helpers/processes.js';
import { ScriptedClient } from '../helpers/scripted-client.js';
import { clientHistorySchema, roundsSchema, statusSchema } from '../helpers/api-schemas.js';
import type { SetPoint } from '../../coordinator/edge/set-curves.js';

// Three silos: client-1 holds the task set, client-2 the second language, client-3 both. The scripted clients
// report per-set losses that depend only on the round, so that the curves the API serves can be checked exactly.
const credentials = clientCredentials(3);
const held: readonly (readonly string[])[] = [['task'], ['fr'], ['task', 'fr']];
const announced = (k: number): DataSetInfo[] => held[k].map((name) => ({ name, numTrainExamples: 20, numEvalExamples: 4, qa: false }));

/** Task loss falls while phase 1 trains it (rounds 1–2), then rises again (forgetting); fr falls from round 3. */
function lossOf(set: string, round: number): number {
  if (set === 'task') return round <= 2 ? 3 - 0.5 * round : 2 + 0.25 * (round - 2);
  return round <= 2 ? 3 : 3 - 0.5 * (round - 2);
}

function evalSets(k: number) {
  return (instruction: EvaluateMessage): SetEvaluation[] =>
    held[k].map((name) => ({ name, numExamples: 4, loss: lossOf(name, instruction.round), qa: false, exactMatch: 0, f1: 0 }));
}

/** Client k's update in a round depends only on (round, k). */
function replyTo(instruction: TrainMessage, global: AdapterWeights, k: number): Message {
  return updateReply(instruction, randomUpdateLike(global, instruction.round * 10 + k), 20);
}

const phases = (mix: Record<string, number>) => [
  { name: 'learn-task', rounds: 2, data: ['task'] },
  { name: 'learn-fr', rounds: 3, data: ['fr'], mix },
];

describe('a run in phases', () => {
  const fixture = coordinatorFixture();

  it('trains each phase on its sets, sits out the clients without them, and serves every set round by round', async () => {
    const coordinator = await fixture.start({ clients: credentials, rounds: 5, minClients: 2, phases: phases({ task: 0.5 }) });
    let statusAfterRound1: RunStatus | undefined;
    coordinator.subscribe((event) => {
      if (event.type === 'round_finished' && event.record.round === 1) statusAfterRound1 = coordinator.status();
    });
    const connect = (k: number) =>
      fixture.connect({
        token: credentials[k].token,
        dataSets: announced(k),
        evalSets: evalSets(k),
        onTrain: (instruction, global) => replyTo(instruction, global, k),
      });
    // client-2 first, so that it is known when phase 1 starts without it.
    const client2 = connect(1);
    await client2.waitFor((m) => m.kind === 'welcome');
    const clients = [connect(0), client2, connect(2)];
    await coordinator.finished;

    const records = roundsSchema.parse(coordinator.roundRecords()) as RoundRecord[];
    expect(records.map((r) => r.phase)).toEqual(['learn-task', 'learn-task', 'learn-fr', 'learn-fr', 'learn-fr']);
    // Phase 1: client-2 holds no task data; it is neither sampled nor a dropout, and still evaluates.
    expect(records[0].sat_out).toEqual(['client-2']);
    expect(records[0].clients.map((c) => [c.id, c.status])).toEqual([
      ['client-1', 'done'],
      ['client-2', 'evaluated'],
      ['client-3', 'done'],
    ]);
    // Phase 2 replays the task set: client-1 takes part with it alone.
    expect(records[2].sat_out).toEqual([]);
    expect(records[2].participants).toBe(3);
    const trains = (k: number) => clients[k].received.filter((m): m is TrainMessage => m.kind === 'train');
    expect(trains(1).map((m) => m.round)).toEqual([3, 4, 5]);
    expect(trains(0)[0].data).toEqual([{ name: 'task', weight: 1 }]);
    expect(trains(0).at(-1)!.data).toEqual([
      { name: 'fr', weight: 1 },
      { name: 'task', weight: 0.5 },
    ]);
    expect(statusSchema.parse(statusAfterRound1).clients.map((c) => c.sits_out)).toEqual([null, "holds none of phase learn-task's data (task)", null]);

    // The forgetting curve: the task set after every round, through phase 2.
    const { sets } = (await (await fetch(`${coordinator.url}/api/v1/sets`)).json()) as { sets: Record<string, SetPoint[]> };
    // The curves start at the initial adapter's figures (round 0).
    expect(sets.task.map((p) => [p.round, p.phase, p.loss, p.examples])).toEqual(
      [0, 1, 2, 3, 4, 5].map((round) => [round, round === 0 ? null : round <= 2 ? 'learn-task' : 'learn-fr', lossOf('task', round), 8]),
    );
    expect(sets.fr.map((p) => p.loss)).toEqual([0, 1, 2, 3, 4, 5].map((round) => lossOf('fr', round)));
    expect(coordinator.status().baseline_eval_sets.task.loss).toBe(lossOf('task', 0));
    const history = clientHistorySchema.parse(await (await fetch(`${coordinator.url}/api/v1/clients/client-1`)).json());
    expect(history.rounds.map((r) => r.eval_sets.task?.loss)).toEqual([1, 2, 3, 4, 5].map((round) => lossOf('task', round)));
  }, 60_000);
});

describe('a phased run killed in its second phase', () => {
  const scripted: ScriptedClient[] = [];
  afterEach(() => scripted.splice(0).forEach((c) => c.close()));

  it('resumes inside the second phase, on its data, and finishes both phases', async () => {
    const port = await freePort();
    const input = await testConfigInput({ clients: credentials, rounds: 5, minClients: 2, port, phases: phases({}) });
    const configPath = join(await mkdtemp(join(tmpdir(), 'fedlora-phases-')), 'coordinator.yaml');
    await writeFile(configPath, JSON.stringify(input));
    const args = ['coordinator', '--config', configPath, '--exit-when-done'];

    const first = runCli(args);
    const start = (k: number): ScriptedClient => {
      const credential = credentials[k];
      const client: ScriptedClient = new ScriptedClient({
        url: `http://127.0.0.1:${port}`,
        token: credential.token,
        fingerprint: resolveModel('builtin:tiny').fingerprint,
        reconnect: true,
        dataSets: announced(k),
        evalSets: evalSets(k),
        onTrain: (instruction, global) => {
          const reply = replyTo(instruction, global, k);
          // client-3 answers round 4 late, so that the coordinator is killed with the round half collected.
          if (k !== 2 || instruction.round !== 4) return reply;
          setTimeout(() => client.socket.connected && client.send(reply), 3000);
          return undefined;
        },
      });
      scripted.push(client);
      return client;
    };
    // client-2 first, so that it is known when phase 1 starts without it.
    const client2 = start(1);
    await client2.waitFor((m) => m.kind === 'welcome', 20_000);
    const client1 = start(0);
    start(2);
    const sitting = await first.waitForLog((r) => r.event === 'sitting_out' && r.phase === 'learn-fr');
    expect(sitting.client).toBe('client-1');
    await first.waitForLog((r) => r.event === 'update_accepted' && r.round === 4 && r.client === 'client-2');
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');

    const second = runCli(args);
    const resumed = await second.waitForLog((r) => r.event === 'run_resumed');
    expect(resumed.rounds_committed).toBe(3);
    const finished = await second.done;
    expect(finished.code, finished.stderr).toBe(0);

    const rounds = (await import('better-sqlite3')).default;
    const db = new rounds(join(input.runDir, 'state.sqlite'), { readonly: true });
    const records = (db.prepare('SELECT record FROM rounds ORDER BY round').all() as { record: string }[]).map((r) => JSON.parse(r.record) as RoundRecord);
    const baseline = db.prepare("SELECT value FROM meta WHERE key = 'baseline_eval_sets'").get() as { value: string };
    db.close();
    expect(JSON.parse(baseline.value)).toMatchObject({ task: { loss: lossOf('task', 0) }, fr: { loss: lossOf('fr', 0) } });
    expect(records.map((r) => [r.round, r.phase, r.sat_out])).toEqual([
      [1, 'learn-task', ['client-2']],
      [2, 'learn-task', ['client-2']],
      [3, 'learn-fr', ['client-1']],
      [4, 'learn-fr', ['client-1']],
      [5, 'learn-fr', ['client-1']],
    ]);
    // client-1 never trained in phase 2, before or after the restart; it evaluated every round.
    const client1Rounds = client1.received.filter((m): m is TrainMessage => m.kind === 'train').map((m) => m.round);
    expect(client1Rounds.every((round) => round <= 2)).toBe(true);
    expect(records.every((r) => r.clients.find((c) => c.id === 'client-1')!.eval_sets.task !== undefined)).toBe(true);
    expect(records[4].eval_sets.task.loss).toBe(lossOf('task', 5));
  }, 90_000);
});
