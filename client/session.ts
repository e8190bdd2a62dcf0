/**
 * A client's session with the coordinator: connects with its token, announces itself, and answers train and
 * evaluate instructions one at a time through a LocalTrainer. Knows sockets and nothing of tfjs.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { adapterDigest, clipToNorm, l2Norm, type AdapterWeights } from '../shared/adapter.js';
import {
  CoordinatorUnreachableError,
  FedloraError,
  MalformedMessageError,
  ModelMismatchError,
  ProtocolViolationError,
  UnauthorizedError,
} from '../shared/errors.js';
import type { Logger } from '../shared/log.js';
import {
  COORDINATOR_MESSAGE_KINDS,
  PROBE_EVENT,
  PROTOCOL_EVENT,
  PROTOCOL_VERSION,
  decodeMessage,
  envelopeBytes,
  encodeMessage,
  errorMessageFor,
  type ErrorMessage,
  type EvaluateMessage,
  type Message,
  type TrainMessage,
  type ChunkMessage,
  type UpdateMessage,
} from '../shared/protocol.js';
import { ChunkReceiver, ChunkSender, MemorySink } from '../shared/chunking.js';
import { atRank, effectiveRank, zeroPadRank } from '../shared/lora-ranks.js';
import { trainedPart } from '../shared/lora.js';
import { SeededRandom } from '../shared/random.js';
import { UpdateEncoder } from '../shared/update-encoding.js';
import type { LocalTrainer } from './local-trainer.js';
import { SecureAggregationClient } from './secure-aggregation.js';
import { diagnoseTlsFailure } from './tls-diagnosis.js';
import { plural } from '../shared/plural.js';

export interface SessionOptions {
  /** Coordinator base URL, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  readonly token: string;
  /** PEM certificate authority that signed an `https://` coordinator's certificate. */
  readonly ca?: string;
  readonly trainer: LocalTrainer;
  readonly logger: Logger;
  /** Give up when no connection could be made for this long. */
  readonly connectTimeoutMs?: number;
  /**
   * Give up when a lost connection could not be made again for this long. Unset: keep reconnecting, so that a
   * coordinator restart of any length is only a log line.
   */
  readonly reconnectTimeoutMs?: number;
  /** Log training progress every this many steps (and at the last step). */
  readonly progressEverySteps?: number;
  /** Train this LoRA rank instead of the run's (capped at it), e.g. for a smaller memory; announced in the hello. */
  readonly loraRank?: number;
}

export interface SessionResult {
  readonly clientId: string;
  readonly roundsTrained: number;
  readonly roundsCompleted: number;
  readonly finalDigest: string;
}

/** Separates the stochastic-rounding stream from the round's batch-sampling stream (same round seed). */
const STOCHASTIC_ROUNDING_SALT = 0x5bd1e995;

/** Wire errors after which staying connected is pointless. */
const FATAL_CODES = new Set(['MODEL_MISMATCH', 'UNAUTHORIZED']);

function fatalErrorFor(message: ErrorMessage): FedloraError {
  return message.code === 'MODEL_MISMATCH' ? new ModelMismatchError(message.message) : new UnauthorizedError(message.message);
}

/** Runs until the coordinator says the run is finished; rejects on a fatal error. */
export function runSession(options: SessionOptions): Promise<SessionResult> {
  const { trainer, logger } = options;
  const progressEvery = options.progressEverySteps ?? 10;
  let clientId = '';
  let roundsTrained = 0;
  /** The last adapter the coordinator sent, so that an instruction may refer to it by digest alone. */
  let held: { digest: string; adapter: AdapterWeights } | undefined;
  /** Quantizes updates as the coordinator asks, carrying residuals between rounds with error feedback. */
  const encoder = new UpdateEncoder();
  /** This client's side of secure aggregation, when the coordinator asks for it. */
  const secure = new SecureAggregationClient(logger);
  /** The coordinator's latest refusal, repeated if it then closes the connection. */
  let lastRefusal: string | undefined;
  /** Instructions are handled one at a time, in arrival order. */
  let work: Promise<void> = Promise.resolve();
  /**
   * The last update trained and not yet acknowledged, encoded: sent when the coordinator grants an upload slot,
   * and asked for again after a reconnect instead of training again.
   */
  let unacked: { key: string; round: number; updateId: string; encoded: Uint8Array; sender?: ChunkSender } | undefined;
  /** Chunking limits announced by the coordinator's welcome; nothing before it is large. */
  let limits = { chunkBytes: Number.MAX_SAFE_INTEGER, maxPayloadBytes: 2 ** 31 };
  const uploads = new Map<string, ChunkSender>();
  const downloads = new Map<string, ChunkReceiver>();
  let downloadWork: Promise<void> = Promise.resolve();

  const connectTimeoutMs = options.connectTimeoutMs ?? 20_000;
  return new Promise<SessionResult>((resolve, reject) => {
    const socket: Socket = io(options.url, {
      auth: { token: options.token },
      transports: ['websocket'],
      // Without a CA of its own, the client trusts Node's bundled certificate authorities.
      ca: options.ca,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      timeout: connectTimeoutMs,
    });
    let settled = false;
    let connectedOnce = false;
    const giveUpTimer = setTimeout(() => {
      if (!connectedOnce) {
        fail(
          new CoordinatorUnreachableError(
            `could not connect to ${options.url} within ${connectTimeoutMs} ms: check the address and that the coordinator is running`,
          ),
        );
      }
    }, connectTimeoutMs);

    /** Runs while the connection is lost, when reconnectTimeoutMs bounds the wait. */
    let reconnectTimer: NodeJS.Timeout | undefined;

    const finish = (result: SessionResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(giveUpTimer);
      clearTimeout(reconnectTimer);
      socket.disconnect();
      resolve(result);
    };
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(giveUpTimer);
      clearTimeout(reconnectTimer);
      socket.disconnect();
      reject(error);
    };
    /** Emits on the live connection only; what matters is sent again after a reconnect, not buffered. */
    const emitBytes = (bytes: Uint8Array): boolean => {
      if (!socket.connected) return false;
      socket.emit(PROTOCOL_EVENT, bytes);
      return true;
    };
    const emitChunk = (chunk: ChunkMessage): boolean => emitBytes(encodeMessage(chunk));
    /** Sends an encoded envelope, in acknowledged chunks when it exceeds the coordinator's chunk size. */
    const transmit = (bytes: Uint8Array): ChunkSender | undefined => {
      if (bytes.byteLength <= limits.chunkBytes) {
        emitBytes(bytes);
        return undefined;
      }
      const sender = new ChunkSender(bytes, limits.chunkBytes, emitChunk);
      uploads.set(sender.transferId, sender);
      void sender.done.then(() => uploads.delete(sender.transferId));
      sender.pump();
      return sender;
    };
    const send = (message: Message): void => void transmit(encodeMessage(message));
    /** Asks for an upload slot for the unacknowledged update (again, after a reconnect). */
    const requestUpload = (): void => {
      if (unacked) send({ kind: 'uploadRequest', round: unacked.round, updateId: unacked.updateId, bytes: unacked.encoded.byteLength });
    };
    /** The coordinator granted a slot: sends the update, or continues its chunks from the first unacknowledged. */
    const upload = (updateId: string): void => {
      if (unacked?.updateId !== updateId) return;
      if (unacked.sender && !unacked.sender.complete) unacked.sender.resume(emitChunk);
      else unacked.sender = transmit(unacked.encoded);
      logger.info({ event: 'update_sent', round: unacked.round, bytes: unacked.encoded.byteLength }, `round ${unacked.round}: update sent (${unacked.encoded.byteLength} bytes)`);
    };

    const onChunk = (chunk: ChunkMessage): void => {
      let receiver = downloads.get(chunk.transferId);
      if (!receiver) {
        receiver = ChunkReceiver.start(chunk, { maxPayloadBytes: limits.maxPayloadBytes, maxChunkBytes: limits.chunkBytes }, (total) => new MemorySink(total));
        downloads.set(chunk.transferId, receiver);
      }
      const active = receiver;
      downloadWork = downloadWork.then(async () => {
        try {
          const next = await active.accept(chunk);
          send({ kind: 'chunkAck', transferId: chunk.transferId, nextIndex: next });
          if (!active.complete) return;
          downloads.delete(chunk.transferId);
          receive(await active.finish(), true);
        } catch (error) {
          downloads.delete(chunk.transferId);
          logger.warn({ event: 'download_refused', err: error }, `refused a transfer from the coordinator: ${(error as Error).message}`);
          send(errorMessageFor(error));
        }
      });
    };

    const adapterFor = (digest: string, adapter: AdapterWeights | undefined): AdapterWeights => {
      if (adapter) {
        const actual = adapterDigest(adapter);
        if (actual !== digest) throw new MalformedMessageError(`adapter digest ${actual.slice(0, 12)}… does not match the announced ${digest.slice(0, 12)}…`);
        held = { digest, adapter };
        return adapter;
      }
      if (held?.digest !== digest) throw new ProtocolViolationError(`instruction refers to adapter ${digest.slice(0, 12)}… which this client does not hold`);
      return held.adapter;
    };

    const train = async (instruction: TrainMessage): Promise<void> => {
      const key = `${instruction.round}:${instruction.globalDigest}`;
      if (unacked?.key === key) {
        // The coordinator asks again (it restarted, or this client reconnected): the update already exists.
        requestUpload();
        logger.info({ event: 'update_resent', round: instruction.round }, `round ${instruction.round}: the update exists already; asking to send it again`);
        return;
      }
      // Each attempt at a round gets fresh keys; the same attempt asked again (after a reconnect) gets the same.
      const secureKey = `${key}:${instruction.hyperParams.seed}`;
      const advertised = secure.advertised(secureKey);
      if (advertised) {
        send(advertised);
        return;
      }
      const global = adapterFor(instruction.globalDigest, instruction.globalAdapter);
      const timeLeftMs = instruction.deadlineUnixMs - Date.now();
      logger.info(
        { event: 'round_started', round: instruction.round, steps: instruction.hyperParams.localSteps, time_left_ms: timeLeftMs },
        `round ${instruction.round}: training ${plural(instruction.hyperParams.localSteps, 'step')}`,
      );
      const local = atRank(global, instruction.lora, effectiveRank(options.loraRank ?? 0, instruction.lora.r));
      const result = await trainer.train(local.adapter, local.lora, instruction.hyperParams, (progress) => {
        if (progress.step % progressEvery === 0 || progress.step === progress.totalSteps) {
          logger.info(
            { event: 'train_progress', round: instruction.round, step: progress.step, steps: progress.totalSteps, loss: progress.loss, tokens_per_second: progress.tokensPerSecond },
            `round ${instruction.round} step ${progress.step}/${progress.totalSteps} loss ${progress.loss.toFixed(4)} ${Math.round(progress.tokensPerSecond)} tokens/s`,
          );
        }
      });
      if (Date.now() > instruction.deadlineUnixMs) {
        logger.warn({ event: 'deadline_missed', round: instruction.round }, `round ${instruction.round}: finished after the deadline; sending anyway`);
      }
      // DP-FedAvg bounds each client's influence: the whole update is clipped before it is encoded.
      const clipped = instruction.clipNorm > 0 ? clipToNorm(result.update, instruction.clipNorm) : result.update;
      if (instruction.secureAggregation) {
        // The update leaves this client only masked, in the secure-aggregation phases that follow; a lower rank is
        // zero-padded first, since every masked vector must have the run's layout.
        const withinClipNorm = instruction.clipNorm > 0 && l2Norm(result.update) <= instruction.clipNorm;
        const update = zeroPadRank(clipped, trainedPart(global, instruction.lora));
        send(secure.advertise(secureKey, clientId, instruction.round, instruction.globalDigest, { ...result, update, withinClipNorm }));
        roundsTrained += 1;
        logger.info({ event: 'secagg_keys_sent', round: instruction.round, train_loss: result.trainLoss }, `round ${instruction.round}: trained; secure aggregation started`);
        return;
      }
      const encoded = encoder.encode(
        clipped,
        instruction.updateEncoding,
        instruction.errorFeedback,
        new SeededRandom(instruction.hyperParams.seed ^ STOCHASTIC_ROUNDING_SALT),
      );
      const update: UpdateMessage = {
        kind: 'update',
        updateId: randomUUID(),
        round: instruction.round,
        globalDigest: instruction.globalDigest,
        update: encoded.values,
        wireUpdate: encoded.wire,
        numExamples: result.numExamples,
        trainLoss: result.trainLoss,
        tokensPerSecond: result.tokensPerSecond,
        steps: result.steps,
        durationMs: result.durationMs,
      };
      unacked = { key, round: instruction.round, updateId: update.updateId, encoded: encodeMessage(update) };
      roundsTrained += 1;
      logger.info(
        { event: 'update_ready', round: instruction.round, bytes: unacked.encoded.byteLength, train_loss: result.trainLoss, tokens_per_second: result.tokensPerSecond },
        `round ${instruction.round}: trained (train loss ${result.trainLoss.toFixed(4)}); asking for an upload slot`,
      );
      requestUpload();
    };

    const evaluate = async (instruction: EvaluateMessage): Promise<void> => {
      const adapter = adapterFor(instruction.digest, instruction.adapter);
      const result = await trainer.evaluate(adapter, instruction.lora, instruction.maxSeqLen);
      send({ kind: 'evaluation', round: instruction.round, digest: instruction.digest, loss: result.loss, numExamples: result.numExamples });
      logger.info({ event: 'evaluated', round: instruction.round, eval_loss: result.loss }, `round ${instruction.round}: eval loss ${result.loss.toFixed(4)}`);
    };

    const handle = (message: Message): void => {
      switch (message.kind) {
        case 'welcome':
          clientId = message.clientId;
          logger.info({ event: 'welcome', client: clientId, run_id: message.runId, rounds: message.roundsTotal }, `joined run ${message.runId} as ${clientId}`);
          limits = { chunkBytes: message.chunkBytes, maxPayloadBytes: message.maxPayloadBytes };
          requestUpload();
          return;
        case 'train':
        case 'evaluate':
        case 'secaggRoster':
        case 'secaggMaskRequest':
        case 'secaggUnmaskRequest': {
          const job =
            message.kind === 'train' ? () => train(message) : message.kind === 'evaluate' ? () => evaluate(message) : async () => void send(secure.respond(message));
          work = work.then(job).catch((error: unknown) => {
            logger.error({ event: 'instruction_failed', round: message.round, err: error }, `round ${message.round}: ${(error as Error).message}`);
            if (socket.connected) send(errorMessageFor(error, message.round));
          });
          return;
        }
        case 'ack':
          if (unacked?.round === message.round) unacked = undefined;
          return;
        case 'chunk':
          onChunk(message);
          return;
        case 'chunkAck':
          uploads.get(message.transferId)?.onAck(message.nextIndex);
          return;
        case 'uploadGrant':
          upload(message.updateId);
          return;
        case 'finished':
          logger.info({ event: 'run_finished', rounds: message.roundsCompleted }, `run finished after ${plural(message.roundsCompleted, 'round')}`);
          void work.then(() => finish({ clientId, roundsTrained, roundsCompleted: message.roundsCompleted, finalDigest: message.finalDigest }));
          return;
        case 'error':
          logger.warn({ event: 'refused', code: message.code, round: message.round }, `coordinator refused: ${message.code}: ${message.message}`);
          lastRefusal = `${message.code}: ${message.message}`;
          if (FATAL_CODES.has(message.code)) fail(fatalErrorFor(message));
          // The round closed without this update: nothing left to resend.
          if (message.code === 'STALE_ROUND' && unacked?.round === message.round) unacked = undefined;
          return;
        default:
          throw new ProtocolViolationError(`coordinators may not send ${message.kind} messages`);
      }
    };

    socket.on('connect', () => {
      connectedOnce = true;
      clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      logger.info({ event: 'connected', url: options.url }, `connected to ${options.url}`);
      send({
        kind: 'hello',
        clientId: '',
        modelFingerprint: trainer.modelFingerprint,
        backend: trainer.backend,
        numTrainExamples: trainer.numTrainExamples,
        numEvalExamples: trainer.numEvalExamples,
        softwareVersion: PROTOCOL_VERSION,
        loraRank: options.loraRank ?? 0,
        gpu: trainer.gpu,
      });
    });
    socket.on('connect_error', (error) => {
      if (error.message.startsWith('unauthorized')) {
        fail(
          new UnauthorizedError(
            `the coordinator at ${options.url} refused this token (${error.message}); check --token or FEDLORA_TOKEN against the coordinator's clients list`,
          ),
        );
        return;
      }
      if (error.message.startsWith('conflict')) {
        // Another live process holds this client's connection: two sessions of one client would both train.
        fail(new UnauthorizedError(`the coordinator at ${options.url} refused this connection (${error.message}); stop the other process, or give this one its own token`));
        return;
      }
      if (error.message.startsWith('forbidden')) {
        // A ban lasts until an operator lifts it: reconnecting meanwhile is pointless.
        fail(new UnauthorizedError(`the coordinator at ${options.url} refused this client (${error.message}); ask its operator to lift the ban`));
        return;
      }
      void diagnoseTlsFailure(options.url, error, options.ca).then((tlsError) => {
        if (tlsError) fail(tlsError);
        else if (!settled) logger.warn({ event: 'connect_failed', url: options.url, reason: error.message }, `cannot reach ${options.url}: ${error.message}; retrying`);
      });
    });
    // The coordinator asks whether this connection is alive (its token connected again): it is.
    socket.on(PROBE_EVENT, (acknowledge: unknown) => {
      if (typeof acknowledge === 'function') acknowledge();
    });
    socket.on('disconnect', (reason) => {
      if (settled) return;
      if (reason === 'io server disconnect') {
        // The coordinator closed this connection on purpose, and said why just before.
        fail(new CoordinatorUnreachableError(`the coordinator closed the connection: ${lastRefusal ?? 'no reason given'}`));
        return;
      }
      logger.warn({ event: 'disconnected', reason }, `disconnected (${reason}); reconnecting`);
      const limitMs = options.reconnectTimeoutMs;
      if (limitMs !== undefined && reconnectTimer === undefined) {
        reconnectTimer = setTimeout(
          () => fail(new CoordinatorUnreachableError(`lost the coordinator at ${options.url} and could not reconnect within ${limitMs} ms; giving up`)),
          limitMs,
        );
      }
    });
    /** Decodes and handles one envelope, received whole or reassembled from chunks. */
    function receive(bytes: Uint8Array, reassembled: boolean): void {
      try {
        const message = decodeMessage(bytes);
        if (!COORDINATOR_MESSAGE_KINDS.includes(message.kind) || (reassembled && (message.kind === 'chunk' || message.kind === 'chunkAck'))) {
          throw new ProtocolViolationError(`coordinators may not send ${message.kind} messages${reassembled ? ' in chunks' : ''}`);
        }
        handle(message);
      } catch (error) {
        logger.warn({ event: 'message_refused', err: error }, `refused a message from the coordinator: ${(error as Error).message}`);
        send(errorMessageFor(error));
      }
    }

    socket.on(PROTOCOL_EVENT, (payload: unknown) => {
      const bytes = envelopeBytes(payload);
      if (!bytes) {
        logger.warn({ event: 'message_refused' }, 'refused a non-binary message from the coordinator');
        send(errorMessageFor(new MalformedMessageError(`event ${PROTOCOL_EVENT} must carry one binary protobuf Envelope`)));
        return;
      }
      receive(bytes, false);
    });
  });
}
