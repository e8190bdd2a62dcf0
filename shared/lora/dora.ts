/**
 * DoRA (Liu et al. 2024, PEFT `use_dora`): each adapted module's output rows are rescaled so that row o of the
 * weight W' = W + s·B A has norm m_o, a trained magnitude: W'' = m · W' / ‖W'‖ (norms over the input axis, the
 * norm taken as a constant in the gradient, as PEFT does). PEFT starts m at the base weight's row norms ‖W‖.
 *
 * Only a holder of the base weights knows ‖W‖, and the coordinator holds none: a run's adapters (global adapter,
 * updates, checkpoints) carry each magnitude as its offset from ‖W‖, which starts at zero and averages as the
 * magnitudes do. PEFT directories written by `export`, and those of other tools, hold m itself.
 */
import { makeAdapter, type AdapterWeights, type TensorData } from './adapter.js';
import { PEFT_PREFIX } from './lora.js';
import { TensorMismatchError } from '../infra/errors.js';

/** The suffix of PEFT's magnitude tensor: `base_model.model.<module>.lora_magnitude_vector`, [out]. */
export const DORA_MAGNITUDE_SUFFIX = '.lora_magnitude_vector';

/** Safetensors `__metadata__` key marking an adapter whose magnitudes are offsets from the base row norms. */
export const DORA_OFFSET_METADATA = 'fedlora_dora_magnitude';
export const DORA_OFFSET_VALUE = 'offset_from_weight_row_norm';

export function doraMagnitudeName(modulePath: string): string {
  return `${PEFT_PREFIX}${modulePath}${DORA_MAGNITUDE_SUFFIX}`;
}

/** Whether a PEFT directory's metadata says its magnitudes are a run's offsets rather than PEFT's magnitudes. */
export function holdsMagnitudeOffsets(metadata: Readonly<Record<string, string>>): boolean {
  return metadata[DORA_OFFSET_METADATA] === DORA_OFFSET_VALUE;
}

/**
 * The adapter with `sign` · ‖W‖ added to every magnitude tensor: +1 turns offsets into PEFT's magnitudes, −1
 * PEFT's magnitudes into offsets. `rowNorms` gives ‖W‖ of a module path.
 */
export function shiftMagnitudes(adapter: AdapterWeights, rowNorms: (modulePath: string) => Float32Array, sign: 1 | -1): AdapterWeights {
  return makeAdapter(
    [...adapter].map(([name, t]): [string, TensorData] => {
      if (!name.endsWith(DORA_MAGNITUDE_SUFFIX)) return [name, t];
      const norms = rowNorms(name.slice(PEFT_PREFIX.length, -DORA_MAGNITUDE_SUFFIX.length));
      if (norms.length !== t.data.length) {
        throw new TensorMismatchError(`tensor ${name} has ${t.data.length} values, but the module's weight has ${norms.length} output rows`);
      }
      return [name, { shape: [...t.shape], data: t.data.map((value, o) => value + sign * norms[o]) }];
    }),
  );
}

/**
 * DoRA's merge after LoRA's: each output row of `weight` (= W + s·B A, [out, in] row-major, or [in, out] when
 * `fanInFanOut`) rescaled in place to the norm `magnitude` gives it.
 */
export function rescaleRowsTo(weight: Float32Array, magnitude: TensorData, fanInFanOut: boolean): void {
  const outFeatures = magnitude.data.length;
  const inFeatures = weight.length / outFeatures;
  const index = (o: number, i: number) => (fanInFanOut ? i * outFeatures + o : o * inFeatures + i);
  for (let o = 0; o < outFeatures; o++) {
    let square = 0;
    for (let i = 0; i < inFeatures; i++) square += weight[index(o, i)] ** 2;
    const scale = magnitude.data[o] / Math.sqrt(square);
    for (let i = 0; i < inFeatures; i++) weight[index(o, i)] *= scale;
  }
}
