// LoRA's low-rank path added into a frozen layer's output in one pass: out = base + s · (x Aᵀ) Bᵀ, without the
// intermediate [rows, out] products that the separate operations would allocate.
#pragma once

#include <node_api.h>

#include <cstddef>

namespace cpu_kernels {

struct LoraPath {
  const float* x;  // [rows, in]
  const float* a;  // [rank, in]
  const float* b;  // [out, rank]
  std::size_t rows, in, out, rank;
  float scaling;
};

/** out = base + s · lowRank Bᵀ with lowRank = x Aᵀ [rows, rank], which is written too (the gradient reads it). */
void loraPathForward(const LoraPath& path, const float* base, float* out, float* lowRank);

/**
 * The gradients for the output gradient dOut [rows, out], with t = s · dOut B: dx = t A [rows, in], dA = tᵀ x
 * [rank, in], dB = dOutᵀ (s · lowRank) [out, rank]; all three are overwritten.
 */
void loraPathBackward(const LoraPath& path, const float* dOut, const float* lowRank, float* dx, float* dA, float* dB);

// loraPath(x, base, a, b, out, lowRank, rows, in, outFeatures, rank, scaling).
napi_value LoraPathEntry(napi_env env, napi_callback_info info);

// loraPathGrad(dy, x, a, b, lowRank, dx, da, db, rows, in, outFeatures, rank, scaling).
napi_value LoraPathGradEntry(napi_env env, napi_callback_info info);

}  // namespace cpu_kernels
