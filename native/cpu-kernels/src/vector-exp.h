// e^x for eight floats at once, shared by the kernels that exponentiate (attention's softmax, SwiGLU's sigmoid).
#pragma once

#include "cpu-features.h"

#ifdef CPU_KERNELS_X86
namespace cpu_kernels {

// Cephes' expf: x = n·ln 2 + r with |r| ≤ ½·ln 2, e^r by a degree-5 polynomial (relative error ~1e-7), 2^n built
// from the exponent bits. x is clamped to 88 above; below −87, where e^x leaves float's normal range, the result is
// 0: denormal probabilities would slow every product that reads them.
__attribute__((target("avx2,fma"))) inline __m256 exp256(__m256 x) {
  const __m256 representable = _mm256_cmp_ps(x, _mm256_set1_ps(-87.0f), _CMP_GE_OQ);
  x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.0f)), _mm256_set1_ps(88.0f));
  const __m256 n = _mm256_floor_ps(_mm256_fmadd_ps(x, _mm256_set1_ps(1.44269504088896341f), _mm256_set1_ps(0.5f)));
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
  __m256 p = _mm256_set1_ps(1.9875691500e-4f);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
  p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
  const __m256i bits = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  return _mm256_and_ps(_mm256_mul_ps(p, _mm256_castsi256_ps(bits)), representable);
}

}  // namespace cpu_kernels
#endif
