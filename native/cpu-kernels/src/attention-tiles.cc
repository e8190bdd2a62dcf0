// Attention's products are small: at a head dim of 16 a score row is 16 multiply-adds per key, and a product that
// walks one output row at a time feeds two accumulators through one long dependent chain. The AVX2 product holds a
// tile of TILE_ROWS rows by 16 columns, eight accumulators, in registers across the whole sum, which is what hides
// the multiply-add latency; narrower remainders take 8 columns, then a masked 1–7.
#include "attention-tiles.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "cpu-features.h"
#include "vector-exp.h"

namespace cpu_kernels {
namespace {

void multiplyGeneric(std::size_t rows, std::size_t cols, std::size_t n, StridedMatrix a, const float* b,
                     std::size_t ldb, float* c, std::size_t ldc, bool accumulate) {
  for (std::size_t r = 0; r < rows; r++) {
    float* out = c + r * ldc;
    if (!accumulate) std::fill(out, out + cols, 0.0f);
    for (std::size_t i = 0; i < n; i++) {
      const float w = a.data[r * a.rowStride + i * a.colStride];
      const float* row = b + i * ldb;
      for (std::size_t j = 0; j < cols; j++) out[j] += w * row[j];
    }
  }
}

void onlineSoftmaxGeneric(std::size_t rows, std::size_t cols, std::size_t dim, std::size_t ld,
                          const SoftmaxStrip& strip, float scale, float* p) {
  for (std::size_t r = 0; r < rows; r++) {
    float* row = p + r * ld;
    const std::size_t n = strip.visible[r];
    multiplyGeneric(1, n, dim, {strip.query + r * dim, dim, 1}, strip.keysT, ld, row, ld, false);
    for (std::size_t j = 0; j < n; j++) row[j] *= scale;
    const float max = std::max(strip.rowMax[r], *std::max_element(row, row + n));
    strip.correction[r] = std::exp(strip.rowMax[r] - max);
    strip.rowMax[r] = max;
    float sum = 0;
    for (std::size_t j = 0; j < n; j++) {
      row[j] = std::exp(row[j] - max);
      sum += row[j];
    }
    std::fill(row + n, row + cols, 0.0f);
    strip.rowSum[r] = strip.rowSum[r] * strip.correction[r] + sum;
  }
}

void probabilityGradientGeneric(std::size_t rows, std::size_t cols, std::size_t dim, std::size_t ld,
                                const StripInputs& in, float scale, float* p, float* dScores) {
  for (std::size_t r = 0; r < rows; r++) {
    float *prob = p + r * ld, *grad = dScores + r * ld;
    const std::size_t n = in.visible[r];
    multiplyGeneric(1, n, dim, {in.query + r * dim, dim, 1}, in.keysT, ld, prob, ld, false);
    multiplyGeneric(1, n, dim, {in.dOut + r * dim, dim, 1}, in.valuesT, ld, grad, ld, false);
    for (std::size_t j = 0; j < n; j++) {
      prob[j] = std::exp(scale * prob[j] - in.logsumexp[r]);
      grad[j] = scale * prob[j] * (grad[j] - in.delta[r]);
    }
    std::fill(prob + n, prob + cols, 0.0f);
    std::fill(grad + n, grad + cols, 0.0f);
  }
}

#ifdef CPU_KERNELS_X86
// Lanes j < count of a masked load or store.
__attribute__((target("avx2"))) __m256i firstLanes(std::size_t count) {
  return _mm256_cmpgt_epi32(_mm256_set1_epi32(static_cast<int>(count)), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
}

// One R × 8V tile of the product at c; PARTIAL (V = 1): only the lanes of `mask`, so reads and writes stay inside
// the rows.
template <int R, int V, bool PARTIAL>
__attribute__((target("avx2,fma"), always_inline)) inline void tileAvx2(std::size_t n, const float* a,
                                                                       std::size_t aRow, std::size_t aCol,
                                                                       const float* b, std::size_t ldb, float* c,
                                                                       std::size_t ldc, bool accumulate, __m256i mask) {
  __m256 acc[R][V];
  for (int r = 0; r < R; r++) {
    for (int v = 0; v < V; v++) {
      const float* from = c + r * ldc + 8 * v;
      acc[r][v] = !accumulate ? _mm256_setzero_ps() : PARTIAL ? _mm256_maskload_ps(from, mask) : _mm256_loadu_ps(from);
    }
  }
  for (std::size_t i = 0; i < n; i++) {
    __m256 row[V];
    for (int v = 0; v < V; v++) row[v] = PARTIAL ? _mm256_maskload_ps(b + i * ldb, mask) : _mm256_loadu_ps(b + i * ldb + 8 * v);
    const float* weights = a + i * aCol;
    for (int r = 0; r < R; r++) {
      const __m256 w = _mm256_broadcast_ss(weights + r * aRow);
      for (int v = 0; v < V; v++) acc[r][v] = _mm256_fmadd_ps(w, row[v], acc[r][v]);
    }
  }
  for (int r = 0; r < R; r++) {
    for (int v = 0; v < V; v++) {
      float* to = c + r * ldc + 8 * v;
      if (PARTIAL) {
        _mm256_maskstore_ps(to, mask, acc[r][v]);
      } else {
        _mm256_storeu_ps(to, acc[r][v]);
      }
    }
  }
}

// Every row of one column strip of width 8V, TILE_ROWS rows at a time, then the 1–3 left.
template <int V, bool PARTIAL>
__attribute__((target("avx2,fma"))) void columnStripAvx2(std::size_t rows, std::size_t n, StridedMatrix a,
                                                         const float* b, std::size_t ldb, float* c, std::size_t ldc,
                                                         bool accumulate, __m256i mask) {
  static_assert(TILE_ROWS == 4, "the tiles below are 4 rows high");
  std::size_t r = 0;
  for (; r + 4 <= rows; r += 4) {
    tileAvx2<4, V, PARTIAL>(n, a.data + r * a.rowStride, a.rowStride, a.colStride, b, ldb, c + r * ldc, ldc, accumulate, mask);
  }
  const float* rest = a.data + r * a.rowStride;
  switch (rows - r) {
    case 3: tileAvx2<3, V, PARTIAL>(n, rest, a.rowStride, a.colStride, b, ldb, c + r * ldc, ldc, accumulate, mask); break;
    case 2: tileAvx2<2, V, PARTIAL>(n, rest, a.rowStride, a.colStride, b, ldb, c + r * ldc, ldc, accumulate, mask); break;
    case 1: tileAvx2<1, V, PARTIAL>(n, rest, a.rowStride, a.colStride, b, ldb, c + r * ldc, ldc, accumulate, mask); break;
    default: break;
  }
}

__attribute__((target("avx2,fma"))) void multiplyAvx2(std::size_t rows, std::size_t cols, std::size_t n,
                                                      StridedMatrix a, const float* b, std::size_t ldb, float* c,
                                                      std::size_t ldc, bool accumulate) {
  const __m256i all = _mm256_set1_epi32(-1);
  std::size_t j = 0;
  for (; j + 16 <= cols; j += 16) columnStripAvx2<2, false>(rows, n, a, b + j, ldb, c + j, ldc, accumulate, all);
  if (j + 8 <= cols) {
    columnStripAvx2<1, false>(rows, n, a, b + j, ldb, c + j, ldc, accumulate, all);
    j += 8;
  }
  if (j < cols) columnStripAvx2<1, true>(rows, n, a, b + j, ldb, c + j, ldc, accumulate, firstLanes(cols - j));
}

// The sum of a vector's lanes, in a fixed order.
__attribute__((target("avx2"))) float laneSum(__m256 v) {
  const __m128 half = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  const __m128 pair = _mm_add_ps(half, _mm_movehl_ps(half, half));
  return _mm_cvtss_f32(_mm_add_ss(pair, _mm_shuffle_ps(pair, pair, 1)));
}

// The scaled scores of R rows for 8V keys from j, into p, −∞ past what each row sees; max[r] keeps the largest.
template <int R, int V>
__attribute__((target("avx2,fma"), always_inline)) inline void scoresTile(std::size_t j, std::size_t dim,
                                                                         std::size_t ld, const SoftmaxStrip& strip,
                                                                         float scale, float* p, __m256* max) {
  __m256 acc[R][V];
  for (int r = 0; r < R; r++) {
    for (int v = 0; v < V; v++) acc[r][v] = _mm256_setzero_ps();
  }
  for (std::size_t d = 0; d < dim; d++) {
    __m256 key[V];
    for (int v = 0; v < V; v++) key[v] = _mm256_loadu_ps(strip.keysT + d * ld + j + 8 * v);
    for (int r = 0; r < R; r++) {
      const __m256 w = _mm256_broadcast_ss(strip.query + r * dim + d);
      for (int v = 0; v < V; v++) acc[r][v] = _mm256_fmadd_ps(w, key[v], acc[r][v]);
    }
  }
  const __m256 s = _mm256_set1_ps(scale), unseen = _mm256_set1_ps(-std::numeric_limits<float>::infinity());
  for (int r = 0; r < R; r++) {
    for (int v = 0; v < V; v++) {
      const std::size_t first = j + 8 * v;
      const __m256 seen = _mm256_castsi256_ps(firstLanes(strip.visible[r] > first ? strip.visible[r] - first : 0));
      const __m256 score = _mm256_blendv_ps(unseen, _mm256_mul_ps(acc[r][v], s), seen);
      _mm256_storeu_ps(p + r * ld + first, score);
      max[r] = _mm256_max_ps(max[r], score);
    }
  }
}

// Horizontal maximum and sum of a vector's lanes.
__attribute__((target("avx2"))) float laneMax(__m256 v) {
  __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  m = _mm_max_ps(m, _mm_movehl_ps(m, m));
  return _mm_cvtss_f32(_mm_max_ss(m, _mm_shuffle_ps(m, m, 1)));
}

template <int R>
__attribute__((target("avx2,fma"), always_inline)) inline void onlineSoftmaxRows(std::size_t cols, std::size_t dim,
                                                                                std::size_t ld,
                                                                                const SoftmaxStrip& strip, float scale,
                                                                                float* p) {
  __m256 max[R];
  for (int r = 0; r < R; r++) max[r] = _mm256_set1_ps(strip.rowMax[r]);
  std::size_t j = 0;
  for (; j + 16 <= cols; j += 16) scoresTile<R, 2>(j, dim, ld, strip, scale, p, max);
  if (j < cols) scoresTile<R, 1>(j, dim, ld, strip, scale, p, max);
  // The rows' exponentials side by side: R independent chains through exp256.
  __m256 shift[R], sum[R];
  for (int r = 0; r < R; r++) {
    const float rowMax = laneMax(max[r]);
    strip.correction[r] = std::exp(strip.rowMax[r] - rowMax);
    strip.rowMax[r] = rowMax;
    shift[r] = _mm256_set1_ps(rowMax);
    sum[r] = _mm256_setzero_ps();
  }
  for (j = 0; j < cols; j += 8) {
    for (int r = 0; r < R; r++) {
      const __m256 e = exp256(_mm256_sub_ps(_mm256_loadu_ps(p + r * ld + j), shift[r]));  // e^−∞ = 0
      _mm256_storeu_ps(p + r * ld + j, e);
      sum[r] = _mm256_add_ps(sum[r], e);
    }
  }
  for (int r = 0; r < R; r++) strip.rowSum[r] = strip.rowSum[r] * strip.correction[r] + laneSum(sum[r]);
}

__attribute__((target("avx2,fma"))) void onlineSoftmaxAvx2(std::size_t rows, std::size_t cols, std::size_t dim,
                                                           std::size_t ld, const SoftmaxStrip& strip, float scale,
                                                           float* p) {
  switch (rows) {
    case 4: onlineSoftmaxRows<4>(cols, dim, ld, strip, scale, p); break;
    case 3: onlineSoftmaxRows<3>(cols, dim, ld, strip, scale, p); break;
    case 2: onlineSoftmaxRows<2>(cols, dim, ld, strip, scale, p); break;
    default: onlineSoftmaxRows<1>(cols, dim, ld, strip, scale, p); break;
  }
}

// Eight keys of R rows: the scores and dOut · v both accumulate in registers (2R accumulators) over the head dim,
// and the exponential and the gradient are taken there, masked to the keys each row sees.
template <int R>
__attribute__((target("avx2,fma"), always_inline)) inline void probabilityGradientTile(std::size_t j, std::size_t dim,
                                                                                      std::size_t ld,
                                                                                      const StripInputs& in,
                                                                                      float scale, float* p,
                                                                                      float* dScores) {
  __m256 score[R], dp[R];
  for (int r = 0; r < R; r++) score[r] = dp[r] = _mm256_setzero_ps();
  for (std::size_t d = 0; d < dim; d++) {
    const __m256 key = _mm256_loadu_ps(in.keysT + d * ld + j), value = _mm256_loadu_ps(in.valuesT + d * ld + j);
    for (int r = 0; r < R; r++) {
      score[r] = _mm256_fmadd_ps(_mm256_broadcast_ss(in.query + r * dim + d), key, score[r]);
      dp[r] = _mm256_fmadd_ps(_mm256_broadcast_ss(in.dOut + r * dim + d), value, dp[r]);
    }
  }
  const __m256 s = _mm256_set1_ps(scale);
  for (int r = 0; r < R; r++) {
    const __m256 seen = _mm256_castsi256_ps(firstLanes(in.visible[r] > j ? in.visible[r] - j : 0));
    const __m256 prob = _mm256_and_ps(exp256(_mm256_fmsub_ps(score[r], s, _mm256_set1_ps(in.logsumexp[r]))), seen);
    _mm256_storeu_ps(p + r * ld + j, prob);
    // Masked too: the block's columns past its keys hold stale values, whose product with p = 0 may not be 0.
    const __m256 g = _mm256_mul_ps(_mm256_mul_ps(s, prob), _mm256_sub_ps(dp[r], _mm256_set1_ps(in.delta[r])));
    _mm256_storeu_ps(dScores + r * ld + j, _mm256_and_ps(g, seen));
  }
}

__attribute__((target("avx2,fma"))) void probabilityGradientAvx2(std::size_t rows, std::size_t cols, std::size_t dim,
                                                                 std::size_t ld, const StripInputs& in, float scale,
                                                                 float* p, float* dScores) {
  for (std::size_t j = 0; j < cols; j += 8) {
    switch (rows) {
      case 4: probabilityGradientTile<4>(j, dim, ld, in, scale, p, dScores); break;
      case 3: probabilityGradientTile<3>(j, dim, ld, in, scale, p, dScores); break;
      case 2: probabilityGradientTile<2>(j, dim, ld, in, scale, p, dScores); break;
      default: probabilityGradientTile<1>(j, dim, ld, in, scale, p, dScores); break;
    }
  }
}
#endif

AttentionVectorCode chooseVectorCode() {
#ifdef CPU_KERNELS_X86
  if (useAvx2Fma()) return {multiplyAvx2, onlineSoftmaxAvx2, probabilityGradientAvx2};
#endif
  return {multiplyGeneric, onlineSoftmaxGeneric, probabilityGradientGeneric};
}

}  // namespace

const AttentionVectorCode& attentionVectorCode() {
  static const AttentionVectorCode chosen = chooseVectorCode();
  return chosen;
}

}  // namespace cpu_kernels
