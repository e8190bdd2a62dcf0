// Goto-style blocked SGEMM: operands are packed into zero-padded panels (which also absorbs transposition), and a
// register-blocked microkernel computes MR × NR tiles of C. The microkernel is chosen once from the CPU's
// features: AVX2 + FMA on x86-64 when present, otherwise portable C++ that the compiler vectorizes for the target.
#include "gemm.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "cpu-features.h"
#include "thread-pool.h"

namespace cpu_kernels {
namespace {

constexpr std::size_t MR = 6;    // rows of a C tile
constexpr std::size_t NR = GEMM_NR;  // columns of a C tile (two 8-float vectors)
constexpr std::size_t KC = 256;  // depth of one packed block: an A panel and a B panel stay in L1/L2
constexpr std::size_t MC = 120;  // rows of a packed A block (a multiple of MR)
constexpr std::size_t NC = 512;  // columns of a packed B block (a multiple of NR)
// Below this many multiply-adds a product runs on the calling thread: waking workers would cost more.
constexpr std::size_t PARALLEL_MIN_WORK = 1 << 16;

// Element (r, p) of an A panel is a[r · rowStride + p · depthStride]: packed panels have (1, MR); a row-major A read
// in place has (lda, 1).
struct PanelA {
  const float* a;
  std::size_t rowStride, depthStride;
};

using Microkernel = void (*)(std::size_t kc, PanelA a, const float* b, float* c, std::size_t ldc, bool accumulate);

// c[MR, NR] (=|+=) Σ_p a[0..MR, p] ⊗ b[p, 0..NR) over a packed B panel.
void microkernelGeneric(std::size_t kc, PanelA a, const float* b, float* c, std::size_t ldc, bool accumulate) {
  float acc[MR][NR] = {};
  for (std::size_t p = 0; p < kc; p++) {
    const float* bp = b + p * NR;
    for (std::size_t r = 0; r < MR; r++) {
      const float ar = a.a[r * a.rowStride + p * a.depthStride];
      for (std::size_t j = 0; j < NR; j++) acc[r][j] += ar * bp[j];
    }
  }
  for (std::size_t r = 0; r < MR; r++) {
    float* row = c + r * ldc;
    for (std::size_t j = 0; j < NR; j++) row[j] = accumulate ? row[j] + acc[r][j] : acc[r][j];
  }
}

#ifdef CPU_KERNELS_X86
__attribute__((target("avx2,fma"))) void microkernelAvx2(std::size_t kc, PanelA panel, const float* b, float* c,
                                                         std::size_t ldc, bool accumulate) {
  __m256 c00 = _mm256_setzero_ps(), c01 = _mm256_setzero_ps(), c10 = _mm256_setzero_ps(), c11 = _mm256_setzero_ps();
  __m256 c20 = _mm256_setzero_ps(), c21 = _mm256_setzero_ps(), c30 = _mm256_setzero_ps(), c31 = _mm256_setzero_ps();
  __m256 c40 = _mm256_setzero_ps(), c41 = _mm256_setzero_ps(), c50 = _mm256_setzero_ps(), c51 = _mm256_setzero_ps();
  const float* a = panel.a;
  const std::size_t r1 = panel.rowStride, r2 = 2 * r1, r3 = 3 * r1, r4 = 4 * r1, r5 = 5 * r1;
  for (std::size_t p = 0; p < kc; p++) {
    const __m256 b0 = _mm256_loadu_ps(b);
    const __m256 b1 = _mm256_loadu_ps(b + 8);
    __m256 ar = _mm256_broadcast_ss(a);
    c00 = _mm256_fmadd_ps(ar, b0, c00);
    c01 = _mm256_fmadd_ps(ar, b1, c01);
    ar = _mm256_broadcast_ss(a + r1);
    c10 = _mm256_fmadd_ps(ar, b0, c10);
    c11 = _mm256_fmadd_ps(ar, b1, c11);
    ar = _mm256_broadcast_ss(a + r2);
    c20 = _mm256_fmadd_ps(ar, b0, c20);
    c21 = _mm256_fmadd_ps(ar, b1, c21);
    ar = _mm256_broadcast_ss(a + r3);
    c30 = _mm256_fmadd_ps(ar, b0, c30);
    c31 = _mm256_fmadd_ps(ar, b1, c31);
    ar = _mm256_broadcast_ss(a + r4);
    c40 = _mm256_fmadd_ps(ar, b0, c40);
    c41 = _mm256_fmadd_ps(ar, b1, c41);
    ar = _mm256_broadcast_ss(a + r5);
    c50 = _mm256_fmadd_ps(ar, b0, c50);
    c51 = _mm256_fmadd_ps(ar, b1, c51);
    a += panel.depthStride;
    b += NR;
  }
  const __m256 rows[MR][2] = {{c00, c01}, {c10, c11}, {c20, c21}, {c30, c31}, {c40, c41}, {c50, c51}};
  for (std::size_t r = 0; r < MR; r++) {
    float* row = c + r * ldc;
    __m256 lo = rows[r][0], hi = rows[r][1];
    if (accumulate) {
      lo = _mm256_add_ps(lo, _mm256_loadu_ps(row));
      hi = _mm256_add_ps(hi, _mm256_loadu_ps(row + 8));
    }
    _mm256_storeu_ps(row, lo);
    _mm256_storeu_ps(row + 8, hi);
  }
}
#endif

struct Dispatch {
  Microkernel kernel;
  const char* name;
};

Dispatch chooseMicrokernel() {
#ifdef CPU_KERNELS_X86
  if (useAvx2Fma()) return {microkernelAvx2, "avx2-fma"};
#endif
  return {microkernelGeneric, "generic"};
}

const Dispatch& dispatch() {
  static const Dispatch chosen = chooseMicrokernel();
  return chosen;
}

// Packs rows [0, mc) × depth [0, kc) of op(A) (starting at `a`, already offset to the block) into panels of MR
// rows, p-major within a panel, padding missing rows with zeros.
void packA(const float* a, std::size_t lda, bool transposed, std::size_t mc, std::size_t kc, float* out) {
  for (std::size_t i0 = 0; i0 < mc; i0 += MR) {
    const std::size_t rows = std::min(MR, mc - i0);
    for (std::size_t p = 0; p < kc; p++) {
      for (std::size_t r = 0; r < MR; r++) {
        const std::size_t i = i0 + r;
        *out++ = r < rows ? (transposed ? a[p * lda + i] : a[i * lda + p]) : 0.0f;
      }
    }
  }
}

// Packs depth [0, kc) × columns [0, nc) of op(B) into panels of NR columns, padding missing columns with zeros.
void packB(const float* b, std::size_t ldb, bool transposed, std::size_t kc, std::size_t nc, float* out) {
  for (std::size_t j0 = 0; j0 < nc; j0 += NR) {
    const std::size_t cols = std::min(NR, nc - j0);
    for (std::size_t p = 0; p < kc; p++) {
      if (!transposed && cols == NR) {
        std::copy(b + p * ldb + j0, b + p * ldb + j0 + NR, out);
        out += NR;
        continue;
      }
      for (std::size_t q = 0; q < NR; q++) {
        const std::size_t j = j0 + q;
        *out++ = q < cols ? (transposed ? b[j * ldb + p] : b[p * ldb + j]) : 0.0f;
      }
    }
  }
}

// op(B) read from a float matrix, row-major, stored transposed or not.
class DensePanels final : public PanelSource {
 public:
  DensePanels(const float* b, std::size_t ldb, bool transposed) : b_(b), ldb_(ldb), transposed_(transposed) {}
  void pack(std::size_t p0, std::size_t kc, std::size_t j0, std::size_t nc, float* out) const override {
    packB(transposed_ ? b_ + j0 * ldb_ + p0 : b_ + p0 * ldb_ + j0, ldb_, transposed_, kc, nc, out);
  }

 private:
  const float* b_;
  std::size_t ldb_;
  bool transposed_;
};

struct Workspace {
  std::unique_ptr<float[]> a{new float[MC * KC]};
  std::unique_ptr<float[]> b{new float[KC * NC]};
};

Workspace& workspace() {
  thread_local Workspace buffers;
  return buffers;
}

// One block of C: rows [i0, i0 + mc) and columns [j0, j0 + nc) of product `item`, over the whole depth.
void gemmBlock(const GemmShape& s, const float* a, const PanelSource& b, float* c, std::size_t i0, std::size_t mc,
               std::size_t j0, std::size_t nc) {
  const Microkernel kernel = dispatch().kernel;
  Workspace& ws = workspace();
  // Element (i, p) of op(A) is a[i·lda + p], or a[p·lda + i] when A is stored transposed.
  const std::size_t lda = s.transposeA ? s.m : s.k;
  const float* packed = b.packed();
  // A row-major A whose rows are a single depth block is read in place: packing it would cost about as much as a
  // product that deep, and its MR rows of at most KC floats stay in L1 as a packed panel would. Only a last
  // panel of fewer than MR rows is packed (zero-padded), so that no tile reads past A's rows.
  const bool aInPlace = !s.transposeA && s.k <= KC;
  const std::size_t fullRows = mc - mc % MR;
  float edge[MR * NR];
  for (std::size_t p0 = 0; p0 < s.k; p0 += KC) {
    const std::size_t kc = std::min(KC, s.k - p0);
    const float* aBlock = s.transposeA ? a + p0 * lda + i0 : a + i0 * lda + p0;
    if (!aInPlace) {
      packA(aBlock, lda, s.transposeA, mc, kc, ws.a.get());
    } else if (fullRows < mc) {
      packA(aBlock + fullRows * lda, lda, false, mc - fullRows, kc, ws.a.get() + fullRows * kc);
    }
    // Panel jr / NR of the block starts at bBlock + (jr / NR) · panelStride.
    const float* bBlock = packed ? packed + (j0 / NR) * s.k * NR + p0 * NR : ws.b.get();
    const std::size_t panelStride = packed ? s.k * NR : kc * NR;
    if (!packed) b.pack(p0, kc, j0, nc, ws.b.get());
    const bool accumulate = p0 > 0;
    for (std::size_t jr = 0; jr < nc; jr += NR) {
      const std::size_t cols = std::min(NR, nc - jr);
      for (std::size_t ir = 0; ir < mc; ir += MR) {
        const std::size_t rows = std::min(MR, mc - ir);
        float* tile = c + (i0 + ir) * s.n + j0 + jr;
        const PanelA aPanel = aInPlace && ir < fullRows ? PanelA{aBlock + ir * lda, lda, 1} : PanelA{ws.a.get() + ir * kc, 1, MR};
        const float* bPanel = bBlock + (jr / NR) * panelStride;
        if (rows == MR && cols == NR) {
          kernel(kc, aPanel, bPanel, tile, s.n, accumulate);
          continue;
        }
        // A partial tile is computed whole into a scratch tile, of which only the valid part is written.
        kernel(kc, aPanel, bPanel, edge, NR, false);
        for (std::size_t r = 0; r < rows; r++) {
          for (std::size_t q = 0; q < cols; q++) {
            float& out = tile[r * s.n + q];
            out = accumulate ? out + edge[r * NR + q] : edge[r * NR + q];
          }
        }
      }
    }
  }
}

std::size_t ceilDiv(std::size_t x, std::size_t y) { return (x + y - 1) / y; }

// The most blocks `size` splits into, of at most `most` and at least `least` (multiples of `unit`), keeping
// below `enough` blocks in all; then evened out, so that the last block is not a sliver.
std::size_t blockSize(std::size_t size, std::size_t unit, std::size_t most, std::size_t least, std::size_t others,
                      std::size_t enough) {
  std::size_t block = most;
  while (block > least && others * ceilDiv(size, block) < enough) block = std::max(least, ceilDiv(block / 2, unit) * unit);
  return ceilDiv(ceilDiv(size, unit), ceilDiv(size, block)) * unit;
}

// Runs task(item, i0, mc, j0, nc) for every block of C of every product, on the pool when there is enough work.
// A product with few rows (a sequence's positions against a weight) has few MC × NC blocks: the blocks then narrow
// until every thread has several, so that none waits idle on the others. Rows are split finer only when op(B) is
// packed already (`bPacked`): each row block packs the B blocks it reads again.
template <typename BlockTask>
void forEachBlock(const GemmShape& s, bool bPacked, const BlockTask& blockTask) {
  const std::size_t enough = 4 * static_cast<std::size_t>(sharedPool().size());
  const std::size_t nc = blockSize(s.n, NR, NC, 4 * NR, s.batch * ceilDiv(s.m, MC), enough);
  const std::size_t nBlocks = ceilDiv(s.n, nc);
  const std::size_t mc = bPacked ? blockSize(s.m, MR, MC, 4 * MR, s.batch * nBlocks, enough) : MC;
  const std::size_t mBlocks = ceilDiv(s.m, mc);
  const std::size_t tasks = s.batch * mBlocks * nBlocks;
  const auto task = [&](std::size_t index) {
    const std::size_t item = index / (mBlocks * nBlocks);
    const std::size_t block = index % (mBlocks * nBlocks);
    const std::size_t i0 = (block / nBlocks) * mc;
    const std::size_t j0 = (block % nBlocks) * nc;
    blockTask(item, i0, std::min(mc, s.m - i0), j0, std::min(nc, s.n - j0));
  };
  // In double: the product of four sizes may exceed 64 bits even when each output fits in memory.
  if (static_cast<double>(s.batch) * s.m * s.n * s.k < PARALLEL_MIN_WORK) {
    for (std::size_t i = 0; i < tasks; i++) task(i);
  } else {
    sharedPool().run(tasks, task);
  }
}

// op(B) packed whole by packPanels, read in place: P[k, n].
class PrepackedPanels final : public PanelSource {
 public:
  PrepackedPanels(const float* panels, std::size_t k) : panels_(panels), k_(k) {}
  void pack(std::size_t p0, std::size_t kc, std::size_t j0, std::size_t nc, float* out) const override {
    for (std::size_t j = j0; j < j0 + nc; j += NR, out += kc * NR) {
      const float* from = panels_ + (j / NR) * k_ * NR + p0 * NR;
      std::copy(from, from + kc * NR, out);
    }
  }
  const float* packed() const override { return panels_; }

 private:
  const float* panels_;
  std::size_t k_;
};

// Pᵀ[n, k] for P[k, n] packed whole by packPanels. Pᵀ's element (p, j) is P's (j, p), which lies in the 16 × 16 tile
// of P's panel p / NR holding rows j / NR · NR onwards: 1 KiB, contiguous, so the transposition stays in L1.
class TransposedPanels final : public PanelSource {
 public:
  TransposedPanels(const float* panels, std::size_t k) : panels_(panels), k_(k) {}
  void pack(std::size_t p0, std::size_t kc, std::size_t j0, std::size_t nc, float* out) const override {
    for (std::size_t j = j0; j < j0 + nc; j += NR, out += kc * NR) {
      const std::size_t cols = std::min(NR, j0 + nc - j);
      for (std::size_t p = 0; p < kc; p++) {
        const std::size_t column = p0 + p;
        const float* from = panels_ + (column / NR) * k_ * NR + j * NR + column % NR;
        float* row = out + p * NR;
        for (std::size_t q = 0; q < cols; q++) row[q] = from[q * NR];
        std::fill(row + cols, row + NR, 0.0f);
      }
    }
  }

 private:
  const float* panels_;
  std::size_t k_;
};

}  // namespace

void batchGemm(const GemmShape& s, const float* a, const float* b, float* c) {
  if (s.batch == 0 || s.m == 0 || s.n == 0) return;
  if (s.k == 0) {
    std::fill(c, c + s.batch * s.m * s.n, 0.0f);
    return;
  }
  forEachBlock(s, false, [&](std::size_t item, std::size_t i0, std::size_t mc, std::size_t j0, std::size_t nc) {
    const float* aItem = a + (s.batchA == 1 ? 0 : item) * s.m * s.k;
    const DensePanels bItem(b + (s.batchB == 1 ? 0 : item) * s.k * s.n, s.transposeB ? s.k : s.n, s.transposeB);
    gemmBlock(s, aItem, bItem, c + item * s.m * s.n, i0, mc, j0, nc);
  });
}

void gemmPanels(std::size_t m, std::size_t n, std::size_t k, const float* a, const PanelSource& b, float* c) {
  const GemmShape s{1, 1, 1, m, n, k, false, false};
  if (m == 0 || n == 0) return;
  if (k == 0) {
    std::fill(c, c + m * n, 0.0f);
    return;
  }
  forEachBlock(s, b.packed() != nullptr,
               [&](std::size_t, std::size_t i0, std::size_t mc, std::size_t j0, std::size_t nc) { gemmBlock(s, a, b, c, i0, mc, j0, nc); });
}

std::size_t packedPanelsSize(std::size_t k, std::size_t n) { return ceilDiv(n, NR) * NR * k; }

void packPanels(const float* b, std::size_t k, std::size_t n, bool transposed, float* out) {
  sharedPool().run(ceilDiv(n, NR), [&](std::size_t panel) {
    const std::size_t j0 = panel * NR;
    packB(transposed ? b + j0 * k : b + j0, transposed ? k : n, transposed, k, std::min(NR, n - j0), out + j0 * k);
  });
}

void gemmPacked(std::size_t m, std::size_t n, std::size_t k, const float* a, const float* packed, bool transposedProduct,
                float* c) {
  if (transposedProduct) {
    gemmPanels(m, k, n, a, TransposedPanels(packed, k), c);
  } else {
    gemmPanels(m, n, k, a, PrepackedPanels(packed, k), c);
  }
}

const char* gemmKernelName() { return dispatch().name; }

unsigned gemmThreadCount() { return sharedPool().size(); }

}  // namespace cpu_kernels
