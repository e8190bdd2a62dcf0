/**
 * What the session needs from local training. The session knows sockets and nothing of tfjs; the trainer
 * knows tfjs and nothing of sockets. This interface is the seam between them.
 */
import type { AdapterWeights } from '../shared/lora/adapter.js';
import type { LoraConfig } from '../shared/lora/lora.js';
import type { TrainHyperParams } from '../shared/lora/training.js';
import type { DataSetInfo, DataShare, SetEvaluation } from '../shared/wire/messages.js';

export interface TrainProgress {
  readonly step: number;
  readonly totalSteps: number;
  readonly loss: number;
  readonly tokensPerSecond: number;
}

export interface TrainResult {
  /** local adapter − global adapter, same names and shapes as the global adapter. */
  readonly update: AdapterWeights;
  /** Weight of this client in FedAvg: the training examples of the sets trained on, each counted its set's weight times. */
  readonly numExamples: number;
  /** Mean training loss over the round's steps. */
  readonly trainLoss: number;
  readonly tokensPerSecond: number;
  readonly steps: number;
  readonly durationMs: number;
}

export interface EvalResult {
  /** Mean token-level cross-entropy of the given adapter on the held-out slices of every set. */
  readonly loss: number;
  readonly numExamples: number;
  /** Per named set: the held-out loss, and the answers' scores of the QA sets asked for. */
  readonly sets?: readonly SetEvaluation[];
}

/** QA sets to answer after a round, and how long an answer may be. */
export interface QaRequest {
  readonly sets: readonly string[];
  readonly maxNewTokens: number;
}

export interface LocalTrainer {
  /** Name of the tfjs backend in use (`webgpu`, `tensorflow`, `native-cpu`, `wasm`, `cpu`). */
  readonly backend: string;
  /** The GPU the webgpu backend runs on (vendor, architecture, name), announced in the hello. */
  readonly gpu?: string;
  /** Fingerprint of the base model; the coordinator refuses a client whose model differs. */
  readonly modelFingerprint: string;
  readonly numTrainExamples: number;
  readonly numEvalExamples: number;
  /** The named sets, announced in the hello; absent: one `default` set of the examples above. */
  readonly dataSets?: readonly DataSetInfo[];
  /**
   * Loads `global` into the LoRA variables, trains `params.localSteps` steps on the sets `data` names (with their
   * weights; absent or empty: every training set, weight 1), returns the update.
   */
  train(
    global: AdapterWeights,
    lora: LoraConfig,
    params: TrainHyperParams,
    onProgress?: (progress: TrainProgress) => void,
    data?: readonly DataShare[],
  ): Promise<TrainResult>;
  /** Loss of `adapter` on the held-out slices, and the answers to the QA sets `qa` names, without training. */
  evaluate(adapter: AdapterWeights, lora: LoraConfig, maxSeqLen: number, qa?: QaRequest): Promise<EvalResult>;
  dispose(): void;
}
