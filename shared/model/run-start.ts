/**
 * What a run starts from: the base model (checked against the fingerprint the operator expects), the LoRA
 * configuration completed with what the model implies, and the initial global adapter — fresh from the seed, or
 * an existing PEFT adapter.
 */
import { assertSameLayout, elementCount, makeAdapter, type AdapterWeights, type TensorData } from '../lora/adapter.js';
import { ConfigError, type FedloraError } from '../infra/errors.js';
import { SeededRandom } from '../infra/random.js';
import { doraMagnitudeName, holdsMagnitudeOffsets } from '../lora/dora.js';
import { initialAdapter, peftMethod, type LoraConfig, type SavedWeight } from '../lora/lora.js';
import { PREFIX_ENCODER, PROMPT_EMBEDDINGS, usesLoraFactors, type PeftSpec } from '../lora/peft-method.js';
import { fullSavedWeightNames, readPeftAdapter, type PeftAdapter } from '../lora/peft.js';
import { holdsPromptOffsets, startsFromText } from '../lora/prompt-text-init.js';
import { loraTargets, resolveModelForCoordinator, textHiddenSize, storesWeightsFanInFanOut, type ModelDescriptor } from './model-config.js';
import { encoderHiddenSize, prefixLayout, prefixTensorShapes, type PrefixLayout } from './prefix-layout.js';
import { trainedBaseWeights } from './weight-shapes.js';

export interface RunStartOptions {
  /** `builtin:tiny` or a Hugging Face checkpoint directory. */
  readonly model: string;
  /** SHA-256 the operator expects the base model to have; a different checkpoint is refused at start-up. */
  readonly modelFingerprint?: string;
  readonly lora: LoraConfig;
  readonly seed: number;
  /** A PEFT adapter directory to start from instead of a fresh adapter. */
  readonly initialAdapter?: string;
}

export interface RunStart {
  readonly model: ModelDescriptor;
  readonly lora: LoraConfig;
  readonly initialAdapter: AdapterWeights;
}

export async function prepareRunStart(options: RunStartOptions): Promise<RunStart> {
  const model = resolveModelForCoordinator(options.model, options.modelFingerprint);
  const factors = usesLoraFactors(peftMethod(options.lora));
  const lora: LoraConfig = factors && storesWeightsFanInFanOut(model) ? { ...options.lora, fanInFanOut: true } : options.lora;
  const fresh = await initialPeftAdapter(model, lora, options.seed);
  if (options.initialAdapter === undefined) return { model, lora, initialAdapter: fresh };

  const peft = await readPeftAdapter(options.initialAdapter);
  if (peftMethod(peft.lora) !== peftMethod(lora)) {
    throw new ConfigError(`initialAdapter ${options.initialAdapter} is a ${peftMethod(peft.lora)} adapter; the run trains ${peftMethod(lora)}`);
  }
  if (peftMethod(lora) === 'dora' && !holdsMagnitudeOffsets(peft.metadata)) {
    throw new ConfigError(
      `initialAdapter ${options.initialAdapter} holds DoRA magnitudes, which only a holder of the base weights can turn into a run's offsets: start from a run's checkpoint (rounds/N)`,
    );
  }
  const textMismatch = promptTextMismatch(peft, lora);
  if (textMismatch !== undefined) throw new ConfigError(`initialAdapter ${options.initialAdapter} ${textMismatch}`);
  if (!factors) return { model, lora, initialAdapter: checkedInitialAdapter(fresh, peft.adapter, options) };
  const differences = (['r', 'alpha', 'useRslora'] as const).filter((key) => (peft.lora[key] ?? false) !== (lora[key] ?? false));
  const sameSet = (a: readonly string[] = [], b: readonly string[] = []) => [...a].sort().join() === [...b].sort().join();
  if (differences.length > 0 || !sameSet(peft.lora.targetModules, lora.targetModules) || !sameSet(peft.lora.modulesToSave, lora.modulesToSave)) {
    throw new ConfigError(
      `initialAdapter ${options.initialAdapter} has r ${peft.lora.r}, lora_alpha ${peft.lora.alpha}, target_modules ` +
        `${peft.lora.targetModules.join(',')}, modules_to_save ${peft.lora.modulesToSave?.join(',') || 'none'}, use_rslora ${peft.lora.useRslora ?? false}; ` +
        'set lora to the same values to continue from it',
    );
  }
  const full = fullSavedWeightNames(peft.adapter);
  if (full.length > 0) {
    throw new ConfigError(
      `initialAdapter ${options.initialAdapter} holds the full weights ${full.join(', ')} of its modules_to_save (PEFT's layout), and the ` +
        "coordinator, which holds no base weights, cannot turn them into the differences a run averages: start from a run's round checkpoint " +
        '(rounds/N), which keeps the differences',
    );
  }
  return { model, lora, initialAdapter: checkedInitialAdapter(fresh, peft.adapter, options) };
}

/**
 * Why a prompt-tuning adapter cannot start the run: its embeddings are offsets from another text's embeddings than
 * the run's, or whole embeddings where the run carries offsets (or the reverse), which only a weight holder converts.
 */
function promptTextMismatch(peft: PeftAdapter, lora: LoraConfig): string | undefined {
  if (peftMethod(lora) !== 'prompt-tuning') return undefined;
  const offsets = holdsPromptOffsets(peft.metadata);
  const runText = startsFromText(lora) ? JSON.stringify(lora.peft!.promptTuningInitText) : undefined;
  const adapterText = offsets ? JSON.stringify(peft.lora.peft!.promptTuningInitText) : undefined;
  if (runText === adapterText) return undefined;
  const holds = offsets ? `holds offsets from the embeddings of the text ${adapterText}` : 'holds whole prompt embeddings';
  const wants = runText === undefined ? 'the run starts from random embeddings' : `the run carries offsets from the embeddings of ${runText}`;
  return `${holds}, and ${wants}: only a holder of the base weights can convert them; start from a run's checkpoint (rounds/N) of the same promptTuningInit and promptTuningInitText`;
}

function checkedInitialAdapter(fresh: AdapterWeights, given: AdapterWeights, options: RunStartOptions): AdapterWeights {
  try {
    assertSameLayout(fresh, given);
  } catch (error) {
    throw new ConfigError(`initialAdapter ${options.initialAdapter} does not fit model ${options.model}: ${(error as FedloraError).message}`);
  }
  return given;
}

/**
 * A fresh adapter of the run's method, shaped from the model's config alone (the coordinator holds no weights),
 * reproducible from `seed`: LoRA's factors (DoRA's with magnitude offsets of zero, i.e. PEFT's initial ‖W‖), or
 * prompt-tuning's virtual tokens drawn as PEFT's nn.Embedding does, N(0, 1) (with text initialisation, offsets of
 * zero from the text's embeddings).
 */
export async function initialPeftAdapter(model: ModelDescriptor, lora: LoraConfig, seed: number): Promise<AdapterWeights> {
  const method = peftMethod(lora);
  if (method === 'prompt-tuning') {
    const hiddenSize = textHiddenSize(model);
    const count = lora.peft!.numVirtualTokens;
    const data = new Float32Array(count * hiddenSize);
    // Text initialisation: offsets of zero from the text's embeddings, which clients add (prompt-text-init.ts).
    if (!startsFromText(lora)) new SeededRandom(seed).fillNormal(data, 1);
    return makeAdapter([[PROMPT_EMBEDDINGS, { shape: [count, hiddenSize], data }]]);
  }
  if (method === 'prefix-tuning') return initialPrefix(lora.peft!, prefixLayout(model), seed);
  const trained = await trainedWeightsOf(model, lora);
  if (method === 'bitfit') return initialAdapter([], lora.r, seed, trained);
  const targets = loraTargets(model, lora.targetModules);
  const factors = initialAdapter(targets, lora.r, seed, trained);
  if (method !== 'dora') return factors;
  return makeAdapter([
    ...factors,
    ...targets.map((target): [string, TensorData] => [
      doraMagnitudeName(target.modulePath),
      { shape: [target.outFeatures], data: new Float32Array(target.outFeatures) },
    ]),
  ]);
}

/** PEFT's PrefixEncoder at initialisation: embeddings N(0, 1), the projection's Linear layers U(±1/√in) as PyTorch's. */
function initialPrefix(spec: PeftSpec, layout: PrefixLayout, seed: number): AdapterWeights {
  const random = new SeededRandom(seed);
  return makeAdapter(
    prefixTensorShapes(spec, layout).map(([name, shape]): [string, TensorData] => {
      const data = new Float32Array(elementCount(shape));
      if (name === PROMPT_EMBEDDINGS || name === PREFIX_ENCODER.embedding) return [name, { shape, data: random.fillNormal(data, 1) }];
      const first = name === PREFIX_ENCODER.firstWeight || name === PREFIX_ENCODER.firstBias;
      const inFeatures = first ? layout.tokenDim : encoderHiddenSize(spec, layout);
      const bound = 1 / Math.sqrt(inFeatures);
      return [name, { shape, data: random.fillUniform(data, -bound, bound) }];
    }),
  );
}

/**
 * The base weights `lora` trains in full (modules_to_save, biases), shaped from config.json. The shapes of every
 * architecture live beside the models, which load tfjs, so they are imported only when some weight trains in full:
 * a coordinator otherwise never loads it.
 */
async function trainedWeightsOf(model: ModelDescriptor, lora: LoraConfig): Promise<SavedWeight[]> {
  if (peftMethod(lora) !== 'bitfit' && (lora.modulesToSave ?? []).length === 0 && (lora.bias ?? 'none') === 'none') return [];
  const { modelWeightShapes } = await import('./base-weights.js');
  return trainedBaseWeights(model, modelWeightShapes(model), lora);
}
