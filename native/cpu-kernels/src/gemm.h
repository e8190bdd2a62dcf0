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
  /** op(B) packed whole by packPanels, which the SGEMM then reads in place; null when pack() makes each block. */
  virtual const float* packed() const { return nullptr; }
};

/** Columns of one packed panel of op(B). */
constexpr std::size_t GEMM_NR = 16;

/** C[m, n] = A[m, k] · op(B), with op(B) packed block by block from `b`: it never exists whole. */
void gemmPanels(std::size_t m, std::size_t n, std::size_t k, const float* a, const PanelSource& b, float* c);

/**
 * Floats of op(B)[k, n] packed whole: ceil(n / GEMM_NR) panels of [k][GEMM_NR], p-major within a panel, missing
 * columns zero. A frozen weight packed once this way costs no packing in any later product.
 */
std::size_t packedPanelsSize(std::size_t k, std::size_t n);

/** Packs op(B)[k, n] whole (B stored [n, k] when transposed, else [k, n]) into `out` of packedPanelsSize floats. */
void packPanels(const float* b, std::size_t k, std::size_t n, bool transposed, float* out);

/**
 * With P[k, n] packed by packPanels: C[m, n] = A[m, k] · P, or, when `transposedProduct`, C[m, k] = A[m, n] · Pᵀ
 * (the gradient of the first with respect to A). The first reads P in place; the second packs 16 × 16 tiles of
 * it, each contiguous, so neither reads a column of the weight with a stride.
 */
void gemmPacked(std::size_t m, std::size_t n, std::size_t k, const float* a, const float* packed, bool transposedProduct, float* c);

/** Name of the microkernel chosen for this CPU, e.g. "avx2-fma" or "generic". */
const char* gemmKernelName();

/** Threads that share the work (the caller included). */
unsigned gemmThreadCount();

}  // namespace cpu_kernels
