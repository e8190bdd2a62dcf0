// The two vector operations of the row-wise kernels, as a policy the kernel's row loop is written over once:
// GenericOps in portable C++, Avx2Ops in AVX2 + FMA. A loop instantiated with Avx2Ops is called from a function
// marked CPU_KERNELS_AVX2_ENTRY, which inlines it and the operations whole, so that the vector code runs only where
// cpu-features.h chose it.
#pragma once

#include <cstddef>

#include "cpu-features.h"

namespace cpu_kernels {

struct GenericOps {
  // Σ a·b, in 8 interleaved partial sums like Avx2Ops' lanes.
  static float dot(const float* a, const float* b, std::size_t n) {
    float lanes[8] = {};
    std::size_t j = 0;
    for (; j + 8 <= n; j += 8) {
      for (std::size_t l = 0; l < 8; l++) lanes[l] += a[j + l] * b[j + l];
    }
    float sum = ((lanes[0] + lanes[4]) + (lanes[1] + lanes[5])) + ((lanes[2] + lanes[6]) + (lanes[3] + lanes[7]));
    for (; j < n; j++) sum += a[j] * b[j];
    return sum;
  }

  // y += alpha · x.
  static void axpy(float alpha, const float* x, float* y, std::size_t n) {
    for (std::size_t j = 0; j < n; j++) y[j] += alpha * x[j];
  }
};

#ifdef CPU_KERNELS_X86
#define CPU_KERNELS_AVX2_ENTRY __attribute__((target("avx2,fma"), flatten))

struct Avx2Ops {
  __attribute__((target("avx2,fma"))) static float horizontalSum(__m256 v) {
    const __m128 half = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    const __m128 quarter = _mm_add_ps(half, _mm_movehl_ps(half, half));
    return _mm_cvtss_f32(_mm_add_ss(quarter, _mm_shuffle_ps(quarter, quarter, 1)));
  }

  __attribute__((target("avx2,fma"))) static float dot(const float* a, const float* b, std::size_t n) {
    __m256 acc = _mm256_setzero_ps();
    std::size_t j = 0;
    for (; j + 8 <= n; j += 8) acc = _mm256_fmadd_ps(_mm256_loadu_ps(a + j), _mm256_loadu_ps(b + j), acc);
    float sum = horizontalSum(acc);
    for (; j < n; j++) sum += a[j] * b[j];
    return sum;
  }

  __attribute__((target("avx2,fma"))) static void axpy(float alpha, const float* x, float* y, std::size_t n) {
    const __m256 a = _mm256_set1_ps(alpha);
    std::size_t j = 0;
    for (; j + 8 <= n; j += 8) _mm256_storeu_ps(y + j, _mm256_fmadd_ps(a, _mm256_loadu_ps(x + j), _mm256_loadu_ps(y + j)));
    for (; j < n; j++) y[j] += alpha * x[j];
  }
};
#endif

}  // namespace cpu_kernels
