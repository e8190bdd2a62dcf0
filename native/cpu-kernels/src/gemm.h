// Single-precision matrix products C = op(A) · op(B) for row-major matrices, with optional transposition of
// either operand, batched with broadcasting of a single-matrix operand, spread over a pool of threads.
#pragma once

#include <cstddef>

namespace cpu_kernels {

struct GemmShape {
  std::size_t batch;   // products computed
  std::size_t batchA;  // matrices in A: batch, or 1 (broadcast)
  std::size_t batchB;  // matrices in B: batch, or 1 (broadcast)
  std::size_t m, n, k; // op(A): [m, k], op(B): [k, n], C: [m, n]
  bool transposeA;     // A stored [k, m]
  bool transposeB;     // B stored [n, k]
};

/** C[batch, m, n] = op(A) · op(B); C is overwritten. */
void batchGemm(const GemmShape& shape, const float* a, const float* b, float* c);

/** Name of the microkernel chosen for this CPU, e.g. "avx2-fma" or "generic". */
const char* gemmKernelName();

/** Threads that share the work (the caller included). */
unsigned gemmThreadCount();

}  // namespace cpu_kernels
