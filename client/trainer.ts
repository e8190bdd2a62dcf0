/**
 * Local LoRA training on the silo's data with tfjs: the LocalTrainer the session drives each round.
 */
import * as tf from '@tensorflow/tfjs';
import { subtract, type AdapterWeights } from '../shared/adapter.js';
import { selectBackend, type BackendChoice } from '../shared/backend.js';
import { ConfigError, DataError } from '../shared/errors.js';
import { silentLogger, type Logger } from '../shared/log.js';
import type { LoraConfig } from '../shared/lora.js';
import { resolveModel } from '../shared/model/config.js';
import { createModel, type LlamaModel } from '../shared/model/llama.js';
import { ByteTokenizer } from '../shared/model/tokenizer.js';
import type { TrainHyperParams } from '../shared/training.js';
import { BatchSampler, loadExamples, makeBatch, splitHeldOut, type Batch, type Example } from './data.js';
import type { EvalResult, LocalTrainer, TrainProgress, TrainResult } from './local-trainer.js';

export interface TrainerOptions {
  /** Model id, e.g. `builtin:tiny`. */
  readonly model: string;
  /** JSONL file of the silo's examples. */
  readonly dataPath: string;
  readonly backend: BackendChoice;
  /** Share of examples held out for evaluate(); 0.1 by default. */
  readonly evalFraction?: number;
  readonly logger?: Logger;
}

/** Sequences per forward pass in evaluate(); it only bounds memory, the result does not depend on it. */
const EVAL_BATCH_SIZE = 16;

export async function createTrainer(options: TrainerOptions): Promise<LocalTrainer> {
  const logger = options.logger ?? silentLogger();
  const backend = await selectBackend(options.backend, logger);
  const descriptor = resolveModel(options.model);
  const tokenizer = new ByteTokenizer();
  if (tokenizer.vocabSize !== descriptor.config.vocabSize) {
    throw new ConfigError(
      `model ${descriptor.id} has ${descriptor.config.vocabSize} tokens but the byte tokenizer has ${tokenizer.vocabSize}`,
    );
  }
  const split = splitHeldOut(await loadExamples(options.dataPath, tokenizer), options.evalFraction);
  if (split.train.length === 0) throw new DataError(`${options.dataPath}: no examples left for training`);
  logger.info(
    { model: descriptor.id, backend, trainExamples: split.train.length, evalExamples: split.eval.length },
    'local trainer ready',
  );
  return new LoraTrainer(backend, createModel(descriptor), split.train, split.eval, tokenizer.padId, logger);
}

/** Lets socket I/O (heartbeats, cancellations) run between steps; a resolved promise would not. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class LoraTrainer implements LocalTrainer {
  readonly modelFingerprint: string;

  constructor(
    readonly backend: string,
    private readonly model: LlamaModel,
    private readonly trainExamples: readonly Example[],
    private readonly evalExamples: readonly Example[],
    private readonly padId: number,
    private readonly logger: Logger,
  ) {
    this.modelFingerprint = model.descriptor.fingerprint;
  }

  get numTrainExamples(): number {
    return this.trainExamples.length;
  }

  get numEvalExamples(): number {
    return this.evalExamples.length;
  }

  async train(
    global: AdapterWeights,
    lora: LoraConfig,
    params: TrainHyperParams,
    onProgress?: (progress: TrainProgress) => void,
  ): Promise<TrainResult> {
    this.checkHyperParams(params);
    const started = performance.now();
    this.model.loadAdapter(lora, global);
    const variables = this.model.trainableVariables();
    // A fresh Adam per round: every round starts from a new global adapter, and moments carried over from this
    // silo's previous local trajectory would keep pushing the new round in the silo's old direction (client drift).
    const optimizer = tf.train.adam(params.learningRate);
    const sampler = new BatchSampler(this.trainExamples.length, params.seed);
    let lossSum = 0;
    let tokenCount = 0;
    try {
      for (let step = 1; step <= params.localSteps; step++) {
        const stepStarted = performance.now();
        const indices = sampler.next(params.batchSize);
        const batch = makeBatch(
          indices.map((i) => this.trainExamples[i]),
          params.maxSeqLen,
          this.padId,
        );
        const cost = optimizer.minimize(() => this.meanLoss(batch), true, variables)!;
        const loss = (await cost.data())[0];
        cost.dispose();
        lossSum += loss;
        tokenCount += batch.tokenCount;
        const tokensPerSecond = batch.tokenCount / ((performance.now() - stepStarted) / 1000);
        onProgress?.({ step, totalSteps: params.localSteps, loss, tokensPerSecond });
        await yieldToEventLoop();
      }
    } finally {
      optimizer.dispose();
    }
    const update = subtract(this.model.readAdapter(), global);
    const durationMs = performance.now() - started;
    const result: TrainResult = {
      update,
      numExamples: this.trainExamples.length,
      trainLoss: lossSum / params.localSteps,
      tokensPerSecond: tokenCount / (durationMs / 1000),
      steps: params.localSteps,
      durationMs,
    };
    this.logger.debug(
      { steps: result.steps, trainLoss: result.trainLoss, tokensPerSecond: result.tokensPerSecond, durationMs },
      'local training done',
    );
    return result;
  }

  async evaluate(adapter: AdapterWeights, lora: LoraConfig, maxSeqLen: number): Promise<EvalResult> {
    this.checkMaxSeqLen(maxSeqLen);
    if (this.evalExamples.length === 0) {
      throw new DataError('this silo has no held-out examples to evaluate on (it needs at least 2 examples and evalFraction > 0)');
    }
    this.model.loadAdapter(lora, adapter);
    let nllSum = 0;
    let targetCount = 0;
    for (let start = 0; start < this.evalExamples.length; start += EVAL_BATCH_SIZE) {
      const batch = makeBatch(this.evalExamples.slice(start, start + EVAL_BATCH_SIZE), maxSeqLen, this.padId);
      const sum = this.nllSum(batch);
      nllSum += (await sum.data())[0];
      sum.dispose();
      targetCount += batch.targetCount;
      await yieldToEventLoop();
    }
    return { loss: nllSum / Math.max(targetCount, 1), numExamples: this.evalExamples.length };
  }

  /** Mean cross-entropy per target token; a batch whose targets were all truncated away has loss 0. */
  private meanLoss(batch: Batch): tf.Scalar {
    return tf.tidy(() => tf.div(this.nllSum(batch), Math.max(batch.targetCount, 1)));
  }

  /** Sum over target tokens of −log p(target), weighted by the loss mask. */
  private nllSum(batch: Batch): tf.Scalar {
    return tf.tidy(() => {
      const { batchSize, length } = batch;
      const vocabSize = this.model.config.vocabSize;
      const logits = this.model.forward(tf.tensor2d(batch.inputIds, [batchSize, length], 'int32'));
      const logProbs = tf.logSoftmax(tf.reshape(logits, [batchSize * length, vocabSize])); // [B·T, V]
      // One-hot products instead of gathering the targets' log-probabilities: the wasm backend has no gradient
      // for gather (no UnsortedSegmentSum). The one-hot is made as int32 and cast because wasm's OneHot kernel
      // ignores its dtype argument (a float32 request returns int32 bit patterns).
      const targets = tf.cast(tf.oneHot(tf.tensor1d(batch.targetIds, 'int32'), vocabSize), 'float32'); // [B·T, V]
      const weightedTargets = tf.mul(targets, tf.tensor2d(batch.lossWeights, [batchSize * length, 1]));
      return tf.neg(tf.sum<tf.Scalar>(tf.mul(logProbs, weightedTargets)));
    });
  }

  private checkHyperParams(params: TrainHyperParams): void {
    if (!Number.isInteger(params.localSteps) || params.localSteps < 1) {
      throw new ConfigError(`localSteps must be a positive integer, got ${params.localSteps}`);
    }
    if (!Number.isInteger(params.batchSize) || params.batchSize < 1) {
      throw new ConfigError(`batchSize must be a positive integer, got ${params.batchSize}`);
    }
    if (!(params.learningRate > 0 && Number.isFinite(params.learningRate))) {
      throw new ConfigError(`learningRate must be a positive number, got ${params.learningRate}`);
    }
    this.checkMaxSeqLen(params.maxSeqLen);
  }

  private checkMaxSeqLen(maxSeqLen: number): void {
    // A sequence of maxSeqLen tokens occupies maxSeqLen − 1 input positions; makeBatch checks the lower bound.
    const limit = this.model.config.maxPositionEmbeddings + 1;
    if (maxSeqLen > limit) {
      throw new ConfigError(`maxSeqLen must be at most ${limit} for ${this.model.descriptor.id}, got ${maxSeqLen}`);
    }
  }

  dispose(): void {
    this.model.dispose();
  }
}
