/**
 * The fused kernels that the native-cpu backend computes in the addon, one file each beside this list; their tfjs
 * compositions and gradients are in shared/model/fused/.
 */
import type { NativeKernel } from '../cpu-kernels.js';
import { nativeAdamStep } from './adam-step.js';
import { NATIVE_CAUSAL_ATTENTION, NATIVE_CAUSAL_ATTENTION_GRAD } from './attention.js';
import { nativeHeadCrossEntropy } from './cross-entropy.js';
import { nativeLoraPath, nativeLoraPathGrad } from './lora-path.js';

import { nativeRmsNorm, nativeRmsNormGrad } from './rms-norm.js';
import { nativeRotaryHeads, nativeRotaryHeadsGrad } from './rotary.js';
import { nativeSwiGlu, nativeSwiGluGrad } from './swiglu.js';

export const NATIVE_FUSED_KERNELS: readonly NativeKernel[] = [
  nativeAdamStep,
  NATIVE_CAUSAL_ATTENTION,
  NATIVE_CAUSAL_ATTENTION_GRAD,
  nativeHeadCrossEntropy,
  nativeLoraPath,
  nativeLoraPathGrad,
  nativeRmsNorm,
  nativeRmsNormGrad,
  nativeRotaryHeads,
  nativeRotaryHeadsGrad,
  nativeSwiGlu,
  nativeSwiGluGrad,
];
