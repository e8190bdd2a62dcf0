/**
 * Local LoRA training on the silo's data with tfjs: the LocalTrainer the session drives each round.
 */
import * as tf from '@tensorflow/tfjs';
import { subtract, type AdapterWeights } from '../shared/lora/adapter.js';
import { Adam } from '../shared/lora/adam.js';
import { selectBackend, type BackendChoice } from '../shared/model/backend.js';
import { ConfigError, DataError, GpuFailureError } from '../shared/infra/errors.js';
import { silentLogger, type Logger } from '../shared/infra/log.js';
import { trainedPart, type LoraConfig } from '../shared/lora/lora.js';
import { withTextEmbeddings } from '../shared/lora/prompt-text-init.js';
import { isVisionLanguageModel, type CausalLM, type ImageInput } from '../shared/model/causal-lm.js';
import type { ImageTokens } from '../shared/model/image-tokens.js';
import { ImageInputs, towerTrains } from './image-features.js';
import { makeImageBatch, type PixelStore, type ImageExample } from './image-data.js';
import { loadSiloData, siloImages, type TrainingSet } from './silo-data.js';
import { resolveModel, textModelConfig, type LlavaDescriptor, type TextModelConfig } from '../shared/model/model-config.js';
import { loadModel, loadTokenizer } from '../shared/model/load.js';
import type { Quantization } from '../shared/model/quantize.js';
import { trainHyperParamsSchema, type TrainHyperParams } from '../shared/lora/training.js';
import { describeIssues } from '../shared/infra/zod-issues.js';
import { gpuLabel, reopenWebGpuBackend, WEBGPU_BACKEND, webGpuDescription, webGpuFailure, webGpuFailureSoFar } from '../shared/model/webgpu-backend.js';
import {
  checkDataSources,
  DEFAULT_EVAL_FRACTION,
  MixedSampler,
  type DataSource,
  makeBatch,
  packExamples,
  reportTruncation,
  type Batch,
  type Example,
} from './data.js';
import type { EvalResult, LocalTrainer, QaRequest, TrainProgress, TrainResult } from './local-trainer.js';
import { evaluateQa, type QaItem } from './qa.js';
import { greedyAnswers } from './qa-answers.js';
import type { Tokenizer } from '../shared/model/tokenizer.js';
import { DEFAULT_DATA_SET, type DataSetInfo, type DataShare, type SetEvaluation } from '../shared/wire/messages.js';

export interface TrainerOptions {
  /** Model id, e.g. `builtin:tiny`, or a Hugging Face checkpoint directory. */
  readonly model: string;
  /** JSONL file of the silo's examples: its one set, named `default` (or give `dataSets`). */
  readonly dataPath?: string;
  /** The silo's named sets. */
  readonly dataSets?: readonly DataSource[];
  readonly backend: BackendChoice;
  /** Hold the base model's linear projections in NF4 (QLoRA); float32 when absent. */
  readonly quantize?: Quantization;
  /** Share of each set's examples held out for evaluate(); 0.1 by default. */
  readonly evalFraction?: number;
  readonly logger?: Logger;
  /** Vision-language models: images with more pixels are refused (DEFAULT_MAX_IMAGE_PIXELS by default). */
  readonly maxImagePixels?: number;
  /** Vision-language models: bytes of preprocessed pixels and of tower features kept, each (256 MiB by default). */
  readonly imageCacheBytes?: number;
}

const DEFAULT_IMAGE_CACHE_BYTES = 256 * 2 ** 20;

/**
 * Sequences per forward pass in evaluate(): at most 16, and fewer when their logits would exceed 2^24 values
 * (64 MiB; a 50k vocabulary at 256 positions is 12.6M per sequence), unless the loss is fused and never holds
 * them. It only bounds memory, not the result.
 */
const EVAL_MAX_BATCH_SIZE = 16;
const EVAL_LOGIT_BUDGET = 2 ** 24;

/** The sets `options` names: `dataSets`, or the one file `dataPath` as the set `default`. */
function dataSources(options: TrainerOptions): readonly DataSource[] {
  const sources = options.dataSets ?? (options.dataPath === undefined ? [] : [{ name: DEFAULT_DATA_SET, path: options.dataPath, qa: false }]);
  checkDataSources(sources);
  return sources;
}

export async function createTrainer(options: TrainerOptions): Promise<LocalTrainer> {
  const logger = options.logger ?? silentLogger();
  const sources = dataSources(options);
  const backend = await selectBackend(options.backend, logger);
  const gpu = backend === WEBGPU_BACKEND ? gpuLabel(webGpuDescription()!) : undefined;
  const descriptor = resolveModel(options.model);
  const tokenizer = await loadTokenizer(descriptor);
  const evalFraction = options.evalFraction ?? DEFAULT_EVAL_FRACTION;
  const cacheBytes = options.imageCacheBytes ?? DEFAULT_IMAGE_CACHE_BYTES;
  const images = descriptor.architecture === 'llava' ? siloImages(descriptor, options.maxImagePixels, cacheBytes) : undefined;
  const { sets, questions } = await loadSiloData(sources, tokenizer, evalFraction, images, logger);
  const model = await loadModel(descriptor, options.quantize);
  logger.info(
    {
      model: descriptor.id,
      backend,
      gpu,
      quantize: options.quantize,
      sets: sets.map((set) => ({ name: set.name, trainExamples: set.train.length, evalExamples: set.eval.length })),
    },
    'local trainer ready',
  );
  const trainer = new LoraTrainer(backend, gpu, model, options.quantize, tokenizer, sets, questions, logger);
  if (images) trainer.readImages(images.tokens, images.pixels, cacheBytes);
  return trainer;
}

/** A batch with what the model reads for its images. */
type ModelBatch = Batch & { readonly imageInput?: ImageInput };

/** A step's loss on its way back from the backend. */
interface LossReading {
  readonly step: number;
  readonly loss: Promise<number>;
  readonly tokens: number;
}

/** Lets socket I/O (heartbeats, cancellations) run between steps; a resolved promise would not. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class LoraTrainer implements LocalTrainer {
  readonly modelFingerprint: string;
  readonly dataSets: readonly DataSetInfo[];
  /** Set once the model was let go with a failed GPU, until it is loaded onto a working one. */
  private modelGone = false;
  /** The maxSeqLen whose truncation was reported: once per file, not every round. */
  private truncationReportedFor: number | undefined;
  /** Vision-language models: how batches carry images, and the model input for them. */
  private images: { readonly tokens: ImageTokens; readonly pixels: PixelStore; readonly cacheBytes: number; inputs: ImageInputs } | undefined;
  /** Whether the round in progress reads cached tower features (the tower is frozen). */
  private cacheFeatures = false;

  constructor(
    readonly backend: string,
    readonly gpu: string | undefined,
    private model: CausalLM,
    private readonly quantize: Quantization | undefined,
    private readonly tokenizer: Tokenizer,
    private readonly sets: readonly TrainingSet[],
    /** The QA sets' questions, by set name. */
    private readonly questions: ReadonlyMap<string, readonly QaItem[]>,
    private readonly logger: Logger,
  ) {
    this.modelFingerprint = model.descriptor.fingerprint;
    this.dataSets = [
      ...sets.map((set) => ({ name: set.name, numTrainExamples: set.train.length, numEvalExamples: set.eval.length, qa: false })),
      ...[...questions].map(([name, items]) => ({ name, numTrainExamples: 0, numEvalExamples: items.length, qa: true })),
    ];
  }

  /** Makes batches carry their images, for a vision-language model. */
  readImages(tokens: ImageTokens, pixels: PixelStore, cacheBytes: number): void {
    if (!isVisionLanguageModel(this.model)) throw new ConfigError(`model ${this.model.descriptor.id} reads no images`);
    this.images = { tokens, pixels, cacheBytes, inputs: new ImageInputs(this.model, pixels, cacheBytes) };
  }

  /** The batch of `examples`, with its images' model input (the caller disposes it) for a vision-language model. */
  private async batchOf(examples: readonly Example[], maxSeqLen: number): Promise<ModelBatch> {
    if (!this.images) return makeBatch(examples, maxSeqLen, this.tokenizer.padId);
    const batch = makeImageBatch(examples as ImageExample[], maxSeqLen, this.tokenizer.padId, this.images.tokens);
    return { ...batch, imageInput: await this.images.inputs.input(batch.images, this.cacheFeatures) };
  }

  /** Whether a round with `lora` can reuse tower features: a vision-language model whose tower it leaves frozen. */
  private setLora(lora: LoraConfig): void {
    this.cacheFeatures = this.images !== undefined && !towerTrains(this.model.descriptor as LlavaDescriptor, lora);
  }

  get numTrainExamples(): number {
    return this.sets.reduce((n, set) => n + set.train.length, 0);
  }

  get numEvalExamples(): number {
    return this.sets.reduce((n, set) => n + set.eval.length, 0);
  }

  /** The set's training rows: its examples, or them packed into rows of maxSeqLen tokens (packed once). */
  private trainingRows(set: TrainingSet, params: TrainHyperParams): readonly Example[] {
    if (!params.packing) return set.train;
    if (set.packed?.maxSeqLen !== params.maxSeqLen) set.packed = { maxSeqLen: params.maxSeqLen, rows: packExamples(set.train, params.maxSeqLen) };
    return set.packed.rows;
  }

  /** The sets a round trains on, with their weights: those of `data` this client holds, or every set at weight 1. */
  private setsFor(data: readonly DataShare[] | undefined): { set: TrainingSet; weight: number }[] {
    if (!data || data.length === 0) return this.sets.map((set) => ({ set, weight: 1 }));
    const chosen = data.flatMap(({ name, weight }) => {
      const set = this.sets.find((candidate) => candidate.name === name);
      return set ? [{ set, weight }] : [];
    });
    if (chosen.length === 0) {
      throw new DataError(`this round trains on ${data.map((share) => share.name).join(', ')}, and this client holds none of those sets`);
    }
    return chosen;
  }

  async train(
    global: AdapterWeights,
    lora: LoraConfig,
    params: TrainHyperParams,
    onProgress?: (progress: TrainProgress) => void,
    data?: readonly DataShare[],
  ): Promise<TrainResult> {
    this.checkHyperParams(params);
    const sets = this.setsFor(data);
    if (this.truncationReportedFor !== params.maxSeqLen) {
      this.truncationReportedFor = params.maxSeqLen;
      for (const set of this.sets) {
        // Packed rows cut no training example short; held-out examples are truncated either way.
        reportTruncation(this.logger, set.path, params.packing ? set.eval : [...set.train, ...set.eval], params.maxSeqLen);
      }
    }
    await this.reopenFailedDevice();
    return this.failingWithGpu('training', () => this.trainRound(global, lora, params, sets, onProgress));
  }

  private async trainRound(
    global: AdapterWeights,
    lora: LoraConfig,
    params: TrainHyperParams,
    sets: readonly { set: TrainingSet; weight: number }[],
    onProgress?: (progress: TrainProgress) => void,
  ): Promise<TrainResult> {
    const started = performance.now();
    // The global adapter as the model holds it; the update is the same difference in the run's layout.
    const start = await withTextEmbeddings(global, lora, this.model, this.tokenizer);
    this.model.loadAdapter(lora, start);
    this.setLora(lora);
    const variables = this.model.trainableVariables();
    // A fresh Adam per round: every round starts from a new global adapter, and moments carried over from this
    // silo's previous local trajectory would keep pushing the new round in the silo's old direction (client drift).
    const optimizer = new Adam(params.learningRate);
    const rows = sets.map(({ set }) => this.trainingRows(set, params));
    const sampler = new MixedSampler(
      rows.map((setRows) => setRows.length),
      sets.map(({ weight }) => weight),
      params.seed,
    );
    // FedProx pulls the local adapter towards the global one it started from: keep that starting point.
    const anchor = params.proximalMu > 0 ? variables.map((variable) => tf.clone(variable)) : [];
    let lossSum = 0;
    let tokenCount = 0;
    let reportedAt = performance.now();
    const report = async ({ step, loss, tokens }: LossReading): Promise<void> => {
      const value = await loss;
      lossSum += value;
      const now = performance.now();
      onProgress?.({ step, totalSteps: params.localSteps, loss: value, tokensPerSecond: tokens / ((now - reportedAt) / 1000) });
      reportedAt = now;
    };
    let previous: LossReading | undefined;
    try {
      for (let step = 1; step <= params.localSteps; step++) {
        const examples = sampler.next(params.batchSize).map(([set, i]) => rows[set][i]);
        const batch = await this.batchOf(examples, params.maxSeqLen);
        const config = textModelConfig(this.model.descriptor).config;
        const perMicroBatch = microBatchSize(config, batch.length, webGpuDescription()?.maxStorageBufferBindingSize, this.model.fusesLoss());
        // Usually the whole batch fits: it is then its own single micro-batch, not built a second time.
        const microBatches: ModelBatch[] = [];
        if (perMicroBatch >= examples.length) microBatches.push(batch);
        else {
          tf.dispose(Object.values(batch.imageInput ?? {}));
          for (let start = 0; start < examples.length; start += perMicroBatch) {
            microBatches.push(await this.batchOf(examples.slice(start, start + perMicroBatch), params.maxSeqLen));
          }
        }
        const { cost, grads } = accumulatedGradients(this.model, microBatches, batch.targetCount, variables, anchor, params.proximalMu);
        tf.dispose(microBatches.flatMap((micro) => Object.values(micro.imageInput ?? {})));
        optimizer.applyGradients(grads);
        tf.dispose(Object.values(grads));
        // The step's one read-back, awaited only after the next step is queued: a GPU works through this step
        // while the next one is recorded, instead of idling at every step's end.
        const loss = cost
          .data()
          .then((values) => values[0])
          .finally(() => cost.dispose());
        loss.catch(() => undefined); // awaited below, or abandoned when an error ends the round first
        tokenCount += batch.tokenCount;
        if (previous) await report(previous);
        previous = { step, loss, tokens: batch.tokenCount };
        await yieldToEventLoop();
      }
      if (previous) await report(previous);
    } finally {
      optimizer.dispose();
      tf.dispose(anchor);
    }
    // With A frozen (FFA-LoRA) only the B factors change, and only they are sent.
    const update = subtract(trainedPart(await this.model.readAdapter(), lora), trainedPart(start, lora));
    const durationMs = performance.now() - started;
    const result: TrainResult = {
      update,
      numExamples: Math.max(1, Math.round(sets.reduce((n, { set, weight }) => n + weight * set.train.length, 0))),
      trainLoss: lossSum / params.localSteps,
      tokensPerSecond: tokenCount / (durationMs / 1000),
      steps: params.localSteps,
      durationMs,
    };
    this.logger.debug({ steps: result.steps, trainLoss: result.trainLoss, tokensPerSecond: result.tokensPerSecond, durationMs }, 'local training done');
    return result;
  }

  async evaluate(adapter: AdapterWeights, lora: LoraConfig, maxSeqLen: number, qa?: QaRequest): Promise<EvalResult> {
    this.checkMaxSeqLen(maxSeqLen);
    const questioned = (qa?.sets ?? []).filter((name) => this.questions.has(name));
    if (this.numEvalExamples === 0 && questioned.length === 0) {
      throw new DataError('this silo has no held-out examples to evaluate on (it needs at least 2 examples and evalFraction > 0)');
    }
    await this.reopenFailedDevice();
    return this.failingWithGpu('evaluation', async () => {
      this.model.loadAdapter(lora, await withTextEmbeddings(adapter, lora, this.model, this.tokenizer));
      this.setLora(lora);
      const sets: SetEvaluation[] = [];
      let nll = 0;
      let targets = 0;
      for (const set of this.sets.filter((candidate) => candidate.eval.length > 0)) {
        const { loss, targetCount } = await heldOutLoss(this.model, set.eval, maxSeqLen, (examples) => this.batchOf(examples, maxSeqLen));
        sets.push({ name: set.name, numExamples: set.eval.length, loss, qa: false, exactMatch: 0, f1: 0 });
        nll += loss * targetCount;
        targets += targetCount;
      }
      const loaded = { descriptor: this.model.descriptor, model: this.model, tokenizer: this.tokenizer };
      for (const name of questioned) {
        const { report } = await evaluateQa(this.questions.get(name)!, greedyAnswers(loaded, qa!.maxNewTokens));
        sets.push({ name, numExamples: report.questions, loss: 0, qa: true, exactMatch: report.exact_match, f1: report.f1 });
      }
      return { loss: nll / Math.max(targets, 1), numExamples: this.numEvalExamples, sets };
    });
  }

  /**
   * Runs `work` (`what`, for the message), and if the GPU failed meanwhile (device lost, out of memory), throws
   * GpuFailureError instead of its result or its error: whatever it computed after the failure is not to be trusted.
   */
  private async failingWithGpu<T>(what: string, work: () => Promise<T>): Promise<T> {
    const failure = () => (this.backend === WEBGPU_BACKEND ? webGpuFailureSoFar() : Promise.resolve(undefined));
    let result: T;
    try {
      result = await work();
    } catch (error) {
      const reason = await failure();
      throw reason === undefined ? error : new GpuFailureError(what, reason);
    }
    const reason = await failure();
    if (reason !== undefined) throw new GpuFailureError(what, reason);
    return result;
  }

  /** After the GPU failed: opens a new device and loads the model onto it again, for the next round. */
  private async reopenFailedDevice(): Promise<void> {
    const reason = this.backend === WEBGPU_BACKEND ? webGpuFailure() : undefined;
    if (reason === undefined && !this.modelGone) return;
    if (reason !== undefined) {
      this.logger.warn({ event: 'gpu_reopening', reason }, `the GPU failed (${reason}); opening it again and reloading the model`);
      this.model.dispose();
      this.modelGone = true;
      try {
        await reopenWebGpuBackend(this.logger);
      } catch (error) {
        throw new GpuFailureError('opening the GPU again', `${reason}; then ${(error as Error).message}`);
      }
    }
    this.model = await loadModel(this.model.descriptor, this.quantize);
    this.modelGone = false;
    // Features cached on the failed device are gone with it.
    if (this.images) {
      this.images.inputs.dispose();
      this.readImages(this.images.tokens, this.images.pixels, this.images.cacheBytes);
    }
  }

  private checkHyperParams(params: TrainHyperParams): void {
    const checked = trainHyperParamsSchema.safeParse(params);
    if (!checked.success) throw new ConfigError(describeIssues(checked.error, undefined, '; '));
    // Packed rows would cut images apart and lose which image each run of image tokens belongs to.
    if (params.packing && this.images) throw new ConfigError('packing is not supported on image data: turn train.packing off');
    this.checkMaxSeqLen(params.maxSeqLen);
  }

  private checkMaxSeqLen(maxSeqLen: number): void {
    // A sequence of maxSeqLen tokens occupies maxSeqLen − 1 input positions; makeBatch checks the lower bound.
    const limit = textModelConfig(this.model.descriptor).config.maxPositionEmbeddings + 1;
    if (maxSeqLen > limit) {
      throw new ConfigError(`maxSeqLen must be at most ${limit} for ${this.model.descriptor.id}, got ${maxSeqLen}`);
    }
  }

  dispose(): void {
    this.images?.inputs.dispose();
    this.model.dispose();
  }
}

/**
 * Mean cross-entropy (natural log) per target token of `examples` under the model's current adapter, evaluated
 * without dropout, in batches of sequences truncated to maxSeqLen.
 */
export async function heldOutLoss(
  model: CausalLM,
  examples: readonly Example[],
  maxSeqLen: number,
  batchOf: (examples: readonly Example[]) => Promise<ModelBatch> | ModelBatch,
): Promise<{ loss: number; targetCount: number }> {
  let nll = 0;
  let targetCount = 0;
  const perSequence = maxSeqLen * textModelConfig(model.descriptor).config.vocabSize;
  const byLogits = model.fusesLoss() ? Infinity : Math.floor(EVAL_LOGIT_BUDGET / perSequence);
  const batchSize = Math.max(1, Math.min(EVAL_MAX_BATCH_SIZE, byLogits));
  for (let start = 0; start < examples.length; start += batchSize) {
    const batch = await batchOf(examples.slice(start, start + batchSize));
    const sum = nllSum(model, batch, false);
    tf.dispose(Object.values(batch.imageInput ?? {}));
    nll += (await sum.data())[0];
    sum.dispose();
    targetCount += batch.targetCount;
    await yieldToEventLoop();
  }
  return { loss: nll / Math.max(targetCount, 1), targetCount };
}

/**
 * Bytes that backprop may keep alive for one micro-batch. The wasm heap (which native-cpu shares) ends at 4 GiB and
 * also holds the base weights (540 MB for SmolLM2-135M), so a batch whose activations would not fit is split.
 */
const MICRO_BATCH_BUDGET_BYTES = 2 ** 30;

/**
 * Sequences per micro-batch: as many as fit MICRO_BATCH_BUDGET_BYTES by an upper estimate of the float32 values
 * backprop keeps per position (per layer about 16 hidden-sized, 6 intermediate-sized and 3 attention-row-sized
 * tensors; for the loss, 4 vocabulary-sized rows of logits, or with the fused loss (`fusedLoss`) one hidden-sized
 * row of its gradient: its chunks of logits live outside the wasm heap, one at a time), at least 1. On a GPU, each
 * activation must also fit one storage buffer (`maxTensorBytes`): the widest are the logits, the MLP's and the
 * attention scores.
 */
export function microBatchSize(config: TextModelConfig['config'], positions: number, maxTensorBytes = Infinity, fusedLoss = false): number {
  const perLayer = 16 * config.hiddenSize + 6 * config.intermediateSize + 3 * config.numHeads * positions;
  const perPosition = config.numLayers * perLayer + (fusedLoss ? config.hiddenSize : 4 * config.vocabSize);
  const widestPerSequence = 4 * positions * Math.max(fusedLoss ? 0 : config.vocabSize, config.intermediateSize, config.numHeads * positions);
  if (widestPerSequence > maxTensorBytes) {
    throw new ConfigError(
      `one sequence of ${positions} positions makes activations of ${(widestPerSequence / 2 ** 20).toFixed(1)} MiB, more than this GPU's ` +
        `largest storage buffer (${(maxTensorBytes / 2 ** 20).toFixed(1)} MiB): lower maxSeqLen or choose another --backend`,
    );
  }
  const bySequences = Math.floor(Math.min(MICRO_BATCH_BUDGET_BYTES / (4 * perPosition * positions), maxTensorBytes / widestPerSequence));
  return Math.max(1, bySequences);
}

/**
 * The gradients of one step's objective, summed over micro-batches so that only one micro-batch's activations are
 * alive at a time. The objective is the mean cross-entropy over the whole batch's `targetCount` targets, plus
 * FedProx's proximal term (mu/2)·Σ‖w − w_global‖² when mu > 0 (`anchor` holds w_global in the variables' order):
 * each micro-batch contributes its cross-entropy sum divided by the batch's target count, and the first one also
 * the proximal term, so the sum equals the gradient of the whole batch's objective.
 */
export function accumulatedGradients(
  model: CausalLM,
  microBatches: readonly ModelBatch[],
  targetCount: number,
  variables: readonly tf.Variable[],
  anchor: readonly tf.Tensor[],
  mu: number,
): { cost: tf.Scalar; grads: tf.NamedTensorMap } {
  let cost: tf.Scalar | undefined;
  let grads: tf.NamedTensorMap | undefined;
  microBatches.forEach((micro, index) => {
    const part = tf.variableGrads(() => {
      const loss = tf.div<tf.Scalar>(nllSum(model, micro, true), Math.max(targetCount, 1));
      if (index > 0 || mu === 0) return loss;
      const distances = variables.map((variable, i) => tf.sum(tf.square(tf.sub(variable, anchor[i]))));
      return tf.add<tf.Scalar>(loss, tf.mul(tf.addN(distances), mu / 2));
    }, variables as tf.Variable[]);
    if (!cost || !grads) {
      ({ value: cost, grads } = part);
      return;
    }
    const previous = { cost, grads };
    cost = tf.add<tf.Scalar>(previous.cost, part.value);
    grads = Object.fromEntries(Object.entries(previous.grads).map(([name, grad]) => [name, tf.add(grad, part.grads[name])]));
    tf.dispose([previous.cost, part.value, ...Object.values(previous.grads), ...Object.values(part.grads)]);
  });
  return { cost: cost!, grads: grads! };
}

/** Sum over target tokens of −log p(target), weighted by the loss mask. */
function nllSum(model: CausalLM, batch: ModelBatch, training: boolean): tf.Scalar {
  return tf.tidy(() => model.nll(tf.tensor2d(batch.inputIds, [batch.batchSize, batch.length], 'int32'), batch, { training, images: batch.imageInput }));
}
