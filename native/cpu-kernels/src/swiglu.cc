// Elementwise over the whole tensor, split into ranges over the pool. The AVX2 code computes exp with Cephes' expf
// polynomial (relative error about 1e-7), the portable code with std::exp.
#include "swiglu.h"

#include <cmath>
#include <cstddef>
#include <string>

#include "cpu-features.h"
#include "napi-args.h"
#include "thread-pool.h"
#include "vector-exp.h"

namespace cpu_kernels {
namespace {

float sigmoid(float x) { return 1.0f / (1.0f + std::exp(-x)); }

void forwardGeneric(const float* gate, const float* up, float* out, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; i++) out[i] = gate[i] * sigmoid(gate[i]) * up[i];
}

void backwardGeneric(const float* dy, const float* gate, const float* up, float* dgate, float* dup, std::size_t begin,
                     std::size_t end) {
  for (std::size_t i = begin; i < end; i++) {
    const float s = sigmoid(gate[i]);
    dup[i] = dy[i] * (gate[i] * s);
    dgate[i] = dy[i] * up[i] * s * (1.0f + gate[i] * (1.0f - s));
  }
}

#ifdef CPU_KERNELS_X86
__attribute__((target("avx2,fma"))) __m256 sigmoid256(__m256 x) {
  const __m256 one = _mm256_set1_ps(1.0f);
  return _mm256_div_ps(one, _mm256_add_ps(one, exp256(_mm256_sub_ps(_mm256_setzero_ps(), x))));
}

__attribute__((target("avx2,fma"))) void forwardAvx2(const float* gate, const float* up, float* out, std::size_t begin,
                                                     std::size_t end) {
  std::size_t i = begin;
  for (; i + 8 <= end; i += 8) {
    const __m256 g = _mm256_loadu_ps(gate + i);
    _mm256_storeu_ps(out + i, _mm256_mul_ps(_mm256_mul_ps(g, sigmoid256(g)), _mm256_loadu_ps(up + i)));
  }
  forwardGeneric(gate, up, out, i, end);
}

__attribute__((target("avx2,fma"))) void backwardAvx2(const float* dy, const float* gate, const float* up, float* dgate,
                                                      float* dup, std::size_t begin, std::size_t end) {
  const __m256 one = _mm256_set1_ps(1.0f);
  std::size_t i = begin;
  for (; i + 8 <= end; i += 8) {
    const __m256 g = _mm256_loadu_ps(gate + i), d = _mm256_loadu_ps(dy + i);
    const __m256 s = sigmoid256(g);
    _mm256_storeu_ps(dup + i, _mm256_mul_ps(d, _mm256_mul_ps(g, s)));
    const __m256 slope = _mm256_fmadd_ps(g, _mm256_sub_ps(one, s), one);
    _mm256_storeu_ps(dgate + i, _mm256_mul_ps(_mm256_mul_ps(_mm256_mul_ps(d, _mm256_loadu_ps(up + i)), s), slope));
  }
  backwardGeneric(dy, gate, up, dgate, dup, i, end);
}
#endif

// Reads `size` from args[count] and checks that each of the `count` arrays before it holds that many elements.
bool readSizeFitting(napi_env env, napi_value* args, const char* name, const std::size_t lengths[], std::size_t count,
                     std::size_t* size) {
  if (!readSize(env, args[count], "size", size)) return false;
  for (std::size_t i = 0; i < count; i++) {
    if (lengths[i] < *size) {
      napi_throw_range_error(env, "ERR_CPU_KERNELS", (std::string(name) + ": arrays are shorter than size").c_str());
      return false;
    }
  }
  return true;
}

}  // namespace

napi_value SwiGlu(napi_env env, napi_callback_info info) {
  napi_value args[4];
  if (!readArguments(env, info, "swiGlu", 4, args)) return nullptr;
  float *gate, *up, *out;
  std::size_t lengths[3], size;
  if (!readFloat32Array(env, args[0], "gate", &gate, &lengths[0]) || !readFloat32Array(env, args[1], "up", &up, &lengths[1]) ||
      !readFloat32Array(env, args[2], "out", &out, &lengths[2]) || !readSizeFitting(env, args, "swiGlu", lengths, 3, &size)) {
    return nullptr;
  }
  const auto range = CPU_KERNELS_CHOOSE(forwardAvx2, forwardGeneric);
  parallelRows(size, rowChunks(size, 1), [&](std::size_t, std::size_t begin, std::size_t end) { range(gate, up, out, begin, end); });
  return nullptr;
}

napi_value SwiGluGrad(napi_env env, napi_callback_info info) {
  napi_value args[6];
  if (!readArguments(env, info, "swiGluGrad", 6, args)) return nullptr;
  float *dy, *gate, *up, *dgate, *dup;
  std::size_t lengths[5], size;
  if (!readFloat32Array(env, args[0], "dy", &dy, &lengths[0]) || !readFloat32Array(env, args[1], "gate", &gate, &lengths[1]) ||
      !readFloat32Array(env, args[2], "up", &up, &lengths[2]) || !readFloat32Array(env, args[3], "dgate", &dgate, &lengths[3]) ||
      !readFloat32Array(env, args[4], "dup", &dup, &lengths[4]) ||
      !readSizeFitting(env, args, "swiGluGrad", lengths, 5, &size)) {
    return nullptr;
  }
  const auto range = CPU_KERNELS_CHOOSE(backwardAvx2, backwardGeneric);
  parallelRows(size, rowChunks(size, 1),
               [&](std::size_t, std::size_t begin, std::size_t end) { range(dy, gate, up, dgate, dup, begin, end); });
  return nullptr;
}

}  // namespace cpu_kernels
