// Each row of D elements is read once and written once, rotated, at its place in the other layout: the transpose
// between [batch, seqLen, heads, D] and [batch, heads, seqLen, D] costs no pass of its own. Rows are spread over the
// pool. The forward row computes x·cos − x₂·sin as the tfjs composition does (x·cos + (−x₂)·sin), without FMA.
#include "rotary.h"

#include <cstddef>
#include <string>

#include "cpu-features.h"
#include "napi-args.h"
#include "thread-pool.h"

namespace cpu_kernels {
namespace {

struct RotaryShape {
  std::size_t batch, seqLen, heads, headDim;
  bool backward;
};

// One row: src → dst with cos, sin the position's rows; x = (x₁, x₂), c = (c₁, c₂), s = (s₁, s₂) by halves.
void forwardRowGeneric(const float* x, const float* c, const float* s, float* out, std::size_t half) {
  for (std::size_t k = 0; k < half; k++) {
    out[k] = x[k] * c[k] - x[k + half] * s[k];
    out[k + half] = x[k + half] * c[k + half] + x[k] * s[k + half];
  }
}

void backwardRowGeneric(const float* dy, const float* c, const float* s, float* out, std::size_t half) {
  for (std::size_t k = 0; k < half; k++) {
    out[k] = dy[k] * c[k] + dy[k + half] * s[k + half];
    out[k + half] = dy[k + half] * c[k + half] - dy[k] * s[k];
  }
}

#ifdef CPU_KERNELS_X86
__attribute__((target("avx2,fma"))) void forwardRowAvx2(const float* x, const float* c, const float* s, float* out,
                                                        std::size_t half) {
  std::size_t k = 0;
  for (; k + 8 <= half; k += 8) {
    const __m256 x1 = _mm256_loadu_ps(x + k), x2 = _mm256_loadu_ps(x + half + k);
    _mm256_storeu_ps(out + k, _mm256_sub_ps(_mm256_mul_ps(x1, _mm256_loadu_ps(c + k)), _mm256_mul_ps(x2, _mm256_loadu_ps(s + k))));
    _mm256_storeu_ps(out + half + k, _mm256_add_ps(_mm256_mul_ps(x2, _mm256_loadu_ps(c + half + k)),
                                                   _mm256_mul_ps(x1, _mm256_loadu_ps(s + half + k))));
  }
  for (; k < half; k++) {
    out[k] = x[k] * c[k] - x[k + half] * s[k];
    out[k + half] = x[k + half] * c[k + half] + x[k] * s[k + half];
  }
}

__attribute__((target("avx2,fma"))) void backwardRowAvx2(const float* dy, const float* c, const float* s, float* out,
                                                         std::size_t half) {
  std::size_t k = 0;
  for (; k + 8 <= half; k += 8) {
    const __m256 d1 = _mm256_loadu_ps(dy + k), d2 = _mm256_loadu_ps(dy + half + k);
    _mm256_storeu_ps(out + k, _mm256_add_ps(_mm256_mul_ps(d1, _mm256_loadu_ps(c + k)), _mm256_mul_ps(d2, _mm256_loadu_ps(s + half + k))));
    _mm256_storeu_ps(out + half + k, _mm256_sub_ps(_mm256_mul_ps(d2, _mm256_loadu_ps(c + half + k)),
                                                   _mm256_mul_ps(d1, _mm256_loadu_ps(s + k))));
  }
  for (; k < half; k++) {
    out[k] = dy[k] * c[k] + dy[k + half] * s[k + half];
    out[k + half] = dy[k + half] * c[k + half] - dy[k] * s[k];
  }
}
#endif

using RowKernel = void (*)(const float*, const float*, const float*, float*, std::size_t);

void rotaryHeads(const float* in, const float* cos, const float* sin, float* out, const RotaryShape& r) {
  const RowKernel row = r.backward ? CPU_KERNELS_CHOOSE(backwardRowAvx2, backwardRowGeneric)
                                   : CPU_KERNELS_CHOOSE(forwardRowAvx2, forwardRowGeneric);
  const std::size_t rows = r.batch * r.heads * r.seqLen, d = r.headDim;
  parallelRows(rows, rowChunks(rows, d), [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; i++) {
      // Row i of [batch, heads, seqLen] is row j of [batch, seqLen, heads].
      const std::size_t t = i % r.seqLen, h = (i / r.seqLen) % r.heads, b = i / (r.seqLen * r.heads);
      const std::size_t j = (b * r.seqLen + t) * r.heads + h;
      const float* src = in + (r.backward ? i : j) * d;
      float* dst = out + (r.backward ? j : i) * d;
      row(src, cos + t * d, sin + t * d, dst, d / 2);
    }
  });
}

}  // namespace

napi_value RotaryHeads(napi_env env, napi_callback_info info) {
  napi_value args[9];
  if (!readArguments(env, info, "rotaryHeads", 9, args)) return nullptr;
  float *in, *cos, *sin, *out;
  std::size_t lengthIn, lengthCos, lengthSin, lengthOut, size, table;
  RotaryShape r{};
  if (!readFloat32Array(env, args[0], "x", &in, &lengthIn) || !readFloat32Array(env, args[1], "cos", &cos, &lengthCos) ||
      !readFloat32Array(env, args[2], "sin", &sin, &lengthSin) || !readFloat32Array(env, args[3], "out", &out, &lengthOut) ||
      !readSize(env, args[4], "batch", &r.batch) || !readSize(env, args[5], "seqLen", &r.seqLen) ||
      !readSize(env, args[6], "heads", &r.heads) || !readSize(env, args[7], "headDim", &r.headDim) ||
      !readBool(env, args[8], "backward", &r.backward)) {
    return nullptr;
  }
  std::size_t rows = 0;
  if (r.headDim % 2 != 0 || !product(r.batch, r.heads, r.seqLen, &rows) || !product(rows, r.headDim, 1, &size) ||
      !product(r.seqLen, r.headDim, 1, &table) || lengthIn < size || lengthOut < size || lengthCos < table ||
      lengthSin < table) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", "rotaryHeads: headDim must be even and the array lengths match the shapes given");
    return nullptr;
  }
  rotaryHeads(in, cos, sin, out, r);
  return nullptr;
}

}  // namespace cpu_kernels
