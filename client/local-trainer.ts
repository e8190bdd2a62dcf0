/**
 * What the session needs from local training. The session knows sockets and nothing of tfjs; the trainer
 * knows tfjs and nothing of sockets. This interface is the seam between them.
 */
import type { AdapterWeights } from '../shared/lora/adapter.js';
import type { LoraConfig } from '../shared/lora/lora.js';
import type { TrainHyperParams } from '../shared/lora/training.js';

export interface TrainProgress {
  readonly step: number;
  readonly totalSteps: number;
  readonly loss: number;
  readonly tokensPerSecond: number;
}

export interface TrainResult {
  /** local adapter − global adapter, same names and shapes as the global adapter. */
  readonly update: AdapterWeights;
  /** Weight of this client in FedAvg: the number of training examples in the silo. */
  readonly numExamples: number;
  /** Mean training loss over the round's steps. */
  readonly trainLoss: number;
  readonly tokensPerSecond: number;
  readonly steps: number;
  readonly durationMs: number;
}

export interface EvalResult {
  /** Mean token-level cross-entropy of the given adapter on the held-out slice. */
  readonly loss: number;
  readonly numExamples: number;
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
  /** Loads `global` into the LoRA variables, trains `params.localSteps` steps, returns the update. */
  train(global: AdapterWeights, lora: LoraConfig, params: TrainHyperParams, onProgress?: (progress: TrainProgress) => void): Promise<TrainResult>;
  /** Loss of `adapter` on the held-out slice, without training. */
  evaluate(adapter: AdapterWeights, lora: LoraConfig, maxSeqLen: number): Promise<EvalResult>;
  dispose(): void;
}
