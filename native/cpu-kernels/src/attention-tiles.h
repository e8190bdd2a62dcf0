// The vector code of the flash-style attention (attention.cc): small matrix products over tiles of rows, and the
// softmax's row operations, in AVX2 + FMA and in portable C++, chosen once from the CPU's features.
#pragma once

#include <cstddef>

namespace cpu_kernels {

// Rows a product keeps in registers together: a caller trimming a ragged (causal) range does it per TILE_ROWS rows.
constexpr std::size_t TILE_ROWS = 4;

// A matrix read element by element: (r, i) is at data[r·rowStride + i·colStride], so a row-major matrix and its
// transpose are both views of the same memory.
struct StridedMatrix {
  const float* data;
  std::size_t rowStride, colStride;
};

// c[r·ldc + j] = (accumulate ? c[r·ldc + j] : 0) + Σ_{i<n} a(r, i) · b[i·ldb + j], for r < rows, j < cols.
using TileProduct = void (*)(std::size_t rows, std::size_t cols, std::size_t n, StridedMatrix a, const float* b,
                             std::size_t ldb, float* c, std::size_t ldc, bool accumulate);

struct AttentionVectorCode {
  TileProduct multiply;
  // max_j x[j] over j < n (n ≥ 1).
  float (*rowMax)(const float* x, std::size_t n);
  // x[j] = exp(scale · x[j] − shift) for j < n; returns Σ_j x[j].
  float (*scaledExp)(float* x, std::size_t n, float scale, float shift);
  // dp[j] = scale · p[j] · (dp[j] − delta) for j < n: a softmax row's gradient from its outputs' gradient.
  void (*softmaxGradient)(const float* p, float* dp, std::size_t n, float delta, float scale);
};

/** The AVX2 + FMA code where it runs, else the portable code (cpu-features.h). */
const AttentionVectorCode& attentionVectorCode();

}  // namespace cpu_kernels
