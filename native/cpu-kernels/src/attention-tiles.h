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

// The backward's recomputation for a strip of `rows` query rows against a block of keys (and values) transposed to
// [dim, ld]: p[r·ld + j] = exp(scale · q_r · k_j − logsumexp[r]) and dScores[r·ld + j] = scale · p · (dOut_r · v_j −
// delta[r]) for the keys j < visible[r] the row sees, 0 from there to `cols` (a multiple of 8, at most ld).
struct StripInputs {
  const float *query, *dOut;  // rows of `dim`
  const float *keysT, *valuesT;
  const float *logsumexp, *delta;
  const std::size_t* visible;
};
using ProbabilityGradient = void (*)(std::size_t rows, std::size_t cols, std::size_t dim, std::size_t ld,
                                     const StripInputs& in, float scale, float* p, float* dScores);

// The forward's step of the online softmax for a strip of `rows` query rows (rows of `dim` at `query`) against a
// block of keys transposed to [dim, ld]: row r's maximum rowMax[r] is raised to its largest scaled score over the
// keys j < visible[r] it sees (visible[r] ≥ 1), with correction[r] = exp(old maximum − new) for what was summed
// before; p[r·ld + j] = exp(scale · q_r · k_j − rowMax[r]) there, 0 from there to `cols` (a multiple of 8, at most
// ld); and rowSum[r] = rowSum[r] · correction[r] + Σ_j p[r·ld + j].
struct SoftmaxStrip {
  const float *query, *keysT;
  const std::size_t* visible;
  float *rowMax, *rowSum, *correction;
};
using OnlineSoftmax = void (*)(std::size_t rows, std::size_t cols, std::size_t dim, std::size_t ld,
                               const SoftmaxStrip& strip, float scale, float* p);

struct AttentionVectorCode {
  TileProduct multiply;
  OnlineSoftmax onlineSoftmax;
  ProbabilityGradient probabilityGradient;
};

/** The AVX2 + FMA code where it runs, else the portable code (cpu-features.h). */
const AttentionVectorCode& attentionVectorCode();

}  // namespace cpu_kernels
