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

// loraPath(x, base, a, b, out, lowRank, rows, in, outFeatures, rank, scaling).
napi_value LoraPathEntry(napi_env env, napi_callback_info info);

}  // namespace cpu_kernels
