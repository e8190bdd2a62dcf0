#include "nf4.h"

#include <algorithm>

#include "gemm.h"

namespace cpu_kernels {
namespace {

// bitsandbytes' NF4 code book, float32.
constexpr float NF4_CODE[16] = {-1.0f,
                                -0.6961928009986877f,
                                -0.5250730514526367f,
                                -0.39491748809814453f,
                                -0.28444138169288635f,
                                -0.18477343022823334f,
                                -0.09105003625154495f,
                                0.0f,
                                0.07958029955625534f,
                                0.16093020141124725f,
                                0.24611230194568634f,
                                0.33791524171829224f,
                                0.44070982933044434f,
                                0.5626170039176941f,
                                0.7229568362236023f,
                                1.0f};

// Dequantises op(W) into the SGEMM's panels. Element (p, j) of op(W) is W[j, p] when transposed, else W[p, j].
class Nf4Panels final : public PanelSource {
 public:
  Nf4Panels(const Nf4Matrix& w, bool transposed) : w_(w), transposed_(transposed) {}

  void pack(std::size_t p0, std::size_t kc, std::size_t j0, std::size_t nc, float* out) const override {
    const std::size_t n = transposed_ ? w_.rows : w_.cols;
    for (std::size_t panel = j0; panel < j0 + nc; panel += GEMM_NR) {
      const std::size_t cols = std::min(GEMM_NR, j0 + nc - panel);
      if (transposed_) {
        // Along p the elements of row j of W are consecutive: walk them, writing down the panel's column.
        for (std::size_t q = 0; q < GEMM_NR; q++) {
          if (q < cols) {
            dequantizeRun((panel + q) * w_.cols + p0, kc, out + q, GEMM_NR);
          } else {
            for (std::size_t p = 0; p < kc; p++) out[p * GEMM_NR + q] = 0.0f;
          }
        }
      } else {
        for (std::size_t p = 0; p < kc; p++) {
          dequantizeRun((p0 + p) * n + panel, cols, out + p * GEMM_NR, 1);
          std::fill(out + p * GEMM_NR + cols, out + (p + 1) * GEMM_NR, 0.0f);
        }
      }
      out += kc * GEMM_NR;
    }
  }

 private:
  float scale(std::size_t block) const {
    if (w_.absmax != nullptr) return w_.absmax[block];
    // Two float32 operations, not one fused: bitsandbytes' dequantize_blockwise, then + offset.
    const float unshifted = w_.nestedCode[w_.nestedIndex[block]] * w_.nestedAbsmax[block / NF4_NESTED_BLOCK];
    return unshifted + w_.offset;
  }

  // count consecutive elements of W from flat index `first`, code · absmax, written `stride` floats apart.
  void dequantizeRun(std::size_t first, std::size_t count, float* out, std::size_t stride) const {
    std::size_t block = first / NF4_BLOCK;
    float absmax = scale(block);
    for (std::size_t i = first; i < first + count; i++) {
      if (i / NF4_BLOCK != block) {
        block = i / NF4_BLOCK;
        absmax = scale(block);
      }
      const std::uint8_t byte = w_.codes[i >> 1];
      *out = NF4_CODE[(i & 1) ? (byte & 0x0f) : (byte >> 4)] * absmax;
      out += stride;
    }
  }

  const Nf4Matrix& w_;
  bool transposed_;
};

}  // namespace

void nf4Gemm(const float* x, const Nf4Matrix& w, bool transposeW, std::size_t m, float* out) {
  const std::size_t k = transposeW ? w.cols : w.rows;
  const std::size_t n = transposeW ? w.rows : w.cols;
  gemmPanels(m, n, k, x, Nf4Panels(w, transposeW), out);
}

}  // namespace cpu_kernels
