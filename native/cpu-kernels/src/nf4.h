// Matrix products with a weight held in bitsandbytes' NF4 format (see shared/model/nf4.ts): the weight is
// dequantised to float32 panel by panel as the SGEMM packs it, so no float copy of the whole weight ever exists.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cpu_kernels {

/** W[rows, cols], row-major, quantised in blocks of 64 consecutive elements. */
struct Nf4Matrix {
  const std::uint8_t* codes;  // two 4-bit codes per byte, the first element of a pair in the high nibble
  std::size_t rows, cols;
  // The absmax of each block: `absmax`, or when it is null (double quantisation)
  // nestedCode[nestedIndex[b]] · nestedAbsmax[b / 256] + offset.
  const float* absmax;
  const std::uint8_t* nestedIndex;
  const float* nestedAbsmax;
  const float* nestedCode;
  float offset;
};

constexpr std::size_t NF4_BLOCK = 64;
constexpr std::size_t NF4_NESTED_BLOCK = 256;

/**
 * out = x · Wᵀ (x: [m, cols], out: [m, rows]) when transposeW, else out = x · W (x: [m, rows], out: [m, cols]).
 * The second is the gradient of the first with respect to x.
 */
void nf4Gemm(const float* x, const Nf4Matrix& w, bool transposeW, std::size_t m, float* out);

}  // namespace cpu_kernels
