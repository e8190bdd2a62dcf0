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

/**
 * Where op(B) comes from when it is not a plain float matrix: packs depth [p0, p0 + kc) × columns [j0, j0 + nc) of
 * op(B) into consecutive panels of GEMM_NR columns, p-major within a panel, missing columns padded with zeros.
 * Called concurrently from the pool's threads.
 */
class PanelSource {
 public:
  virtual ~PanelSource() = default;
  virtual void pack(std::size_t p0, std::size_t kc, std::size_t j0, std::size_t nc, float* out) const = 0;
};

/** Columns of one packed panel of op(B). */
constexpr std::size_t GEMM_NR = 16;

/** C[m, n] = A[m, k] · op(B), with op(B) packed block by block from `b`: it never exists whole. */
void gemmPanels(std::size_t m, std::size_t n, std::size_t k, const float* a, const PanelSource& b, float* c);

/** Name of the microkernel chosen for this CPU, e.g. "avx2-fma" or "generic". */
const char* gemmKernelName();

/** Threads that share the work (the caller included). */
unsigned gemmThreadCount();

}  // namespace cpu_kernels
