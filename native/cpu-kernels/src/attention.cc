// Flash-style causal attention (FlashAttention-2's loop order on CPU threads). The forward walks the keys in blocks
// and keeps, per query row, the running maximum and sum of its exponentiated scores, rescaling the output row when
// the maximum grows; it saves the row's logsumexp. The backward recomputes each block's probabilities from q, k and
// that logsumexp, in two passes so that no two threads write the same rows: one over key blocks writes dk and dv
// (summed over the query heads of the kv group), one over query blocks writes dq.
//
// Every product is a row combination, out[0..width) += Σ_r w[r] · m[r, 0..width): scores against a key block
// transposed to [dim, keys], the probabilities times values, and the gradients. That and the row exponential are
// the vector code, chosen once from the CPU's features like the SGEMM's microkernel.
#include "attention.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "cpu-features.h"
#include "napi-args.h"
#include "thread-pool.h"
#include "vector-exp.h"

namespace cpu_kernels {
namespace {

constexpr std::size_t QUERY_BLOCK = 64;  // query rows of one task
constexpr std::size_t KEY_BLOCK = 64;    // keys whose scores are computed together (a multiple of 8)
// Below this many multiply-adds an attention runs on the calling thread: waking workers would cost more.
constexpr double PARALLEL_MIN_WORK = 1 << 16;

// out[0..width) += Σ_r w[r] · m[r·ld + 0..width).
using RowCombination = void (*)(const float* w, std::size_t rows, const float* m, std::size_t ld, std::size_t width,
                                float* out);
// x[j] = exp(x[j] − shift) for j < n; returns Σ_j x[j].
using ShiftedExp = float (*)(float* x, std::size_t n, float shift);

void combineGeneric(const float* w, std::size_t rows, const float* m, std::size_t ld, std::size_t width, float* out) {
  for (std::size_t r = 0; r < rows; r++) {
    const float wr = w[r];
    const float* row = m + r * ld;
    for (std::size_t c = 0; c < width; c++) out[c] += wr * row[c];
  }
}

float expGeneric(float* x, std::size_t n, float shift) {
  float sum = 0;
  for (std::size_t j = 0; j < n; j++) {
    x[j] = std::exp(x[j] - shift);
    sum += x[j];
  }
  return sum;
}

#ifdef CPU_KERNELS_X86
// Columns [c, c + 8·V) of a row combination, in V accumulators held in registers across the rows: eight (64
// columns) hide the multiply-add latency.
template <int V>
__attribute__((target("avx2,fma"), always_inline)) inline void combineColumnsAvx2(const float* w, std::size_t rows,
                                                                                 const float* m, std::size_t ld,
                                                                                 std::size_t c, float* out) {
  __m256 acc[V];
  for (int i = 0; i < V; i++) acc[i] = _mm256_loadu_ps(out + c + 8 * i);
  for (std::size_t r = 0; r < rows; r++) {
    const __m256 wr = _mm256_broadcast_ss(w + r);
    const float* row = m + r * ld + c;
    for (int i = 0; i < V; i++) acc[i] = _mm256_fmadd_ps(wr, _mm256_loadu_ps(row + 8 * i), acc[i]);
  }
  for (int i = 0; i < V; i++) _mm256_storeu_ps(out + c + 8 * i, acc[i]);
}

__attribute__((target("avx2,fma"))) void combineAvx2(const float* w, std::size_t rows, const float* m, std::size_t ld,
                                                     std::size_t width, float* out) {
  std::size_t c = 0;
  for (; c + 64 <= width; c += 64) combineColumnsAvx2<8>(w, rows, m, ld, c, out);
  if (c + 32 <= width) {
    combineColumnsAvx2<4>(w, rows, m, ld, c, out);
    c += 32;
  }
  if (c + 16 <= width) {
    combineColumnsAvx2<2>(w, rows, m, ld, c, out);
    c += 16;
  }
  if (c + 8 <= width) {
    combineColumnsAvx2<1>(w, rows, m, ld, c, out);
    c += 8;
  }
  if (c < width) {
    // The last 1–7 columns, through a mask: reads and writes stay inside the rows.
    alignas(32) int lanes[8];
    for (int j = 0; j < 8; j++) lanes[j] = c + j < width ? -1 : 0;
    const __m256i mask = _mm256_load_si256(reinterpret_cast<const __m256i*>(lanes));
    __m256 a = _mm256_maskload_ps(out + c, mask);
    for (std::size_t r = 0; r < rows; r++) a = _mm256_fmadd_ps(_mm256_broadcast_ss(w + r), _mm256_maskload_ps(m + r * ld + c, mask), a);
    _mm256_maskstore_ps(out + c, mask, a);
  }
}

__attribute__((target("avx2,fma"))) float expAvx2(float* x, std::size_t n, float shift) {
  const __m256 s = _mm256_set1_ps(shift);
  __m256 sum = _mm256_setzero_ps();
  std::size_t j = 0;
  for (; j + 8 <= n; j += 8) {
    const __m256 e = exp256(_mm256_sub_ps(_mm256_loadu_ps(x + j), s));
    _mm256_storeu_ps(x + j, e);
    sum = _mm256_add_ps(sum, e);
  }
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, sum);
  float total = ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
  if (j < n) {
    alignas(32) float tail[8] = {};
    for (std::size_t t = j; t < n; t++) tail[t - j] = x[t] - shift;
    _mm256_store_ps(tail, exp256(_mm256_load_ps(tail)));
    for (std::size_t t = j; t < n; t++) {
      x[t] = tail[t - j];
      total += x[t];
    }
  }
  return total;
}
#endif

struct Dispatch {
  RowCombination combine;
  ShiftedExp exp;
};

Dispatch chooseVectorCode() {
#ifdef CPU_KERNELS_X86
  if (useAvx2Fma()) return {combineAvx2, expAvx2};
#endif
  return {combineGeneric, expGeneric};
}

const Dispatch& dispatch() {
  static const Dispatch chosen = chooseVectorCode();
  return chosen;
}

// Each thread's blocks, grown to the largest shape seen.
struct Scratch {
  std::vector<float> keysT, valuesT;  // [dim, KEY_BLOCK]: a key block and a value block transposed
  std::vector<float> scores, dScores;  // [KEY_BLOCK]
  std::vector<float> probsT, dScoresT;  // [KEY_BLOCK, QUERY_BLOCK]: a tile transposed
  std::vector<float> rowMax, rowSum;  // [QUERY_BLOCK]

  void reserve(std::size_t dim) {
    keysT.resize(dim * KEY_BLOCK);
    valuesT.resize(dim * KEY_BLOCK);
    scores.resize(KEY_BLOCK);
    dScores.resize(KEY_BLOCK);
    probsT.resize(KEY_BLOCK * QUERY_BLOCK);
    dScoresT.resize(KEY_BLOCK * QUERY_BLOCK);
    rowMax.resize(QUERY_BLOCK);
    rowSum.resize(QUERY_BLOCK);
  }
};

Scratch& scratch(std::size_t dim) {
  thread_local Scratch buffers;
  buffers.reserve(dim);
  return buffers;
}

// rows [s0, s0 + width) of m[·, dim] → out[dim, KEY_BLOCK].
void transposeBlock(const float* m, std::size_t s0, std::size_t width, std::size_t dim, float* out) {
  for (std::size_t j = 0; j < width; j++) {
    const float* row = m + (s0 + j) * dim;
    for (std::size_t d = 0; d < dim; d++) out[d * KEY_BLOCK + j] = row[d];
  }
}

// The rows of one (batch, head) or (batch, kv head) pair.
struct Heads {
  const AttentionShape& s;
  std::size_t past() const { return s.keys - s.queries; }
  std::size_t group() const { return s.heads / s.kvHeads; }
  std::size_t queryRows(std::size_t b, std::size_t h) const { return (b * s.heads + h) * s.queries; }
  std::size_t keyRows(std::size_t b, std::size_t h) const { return (b * s.kvHeads + h / group()) * s.keys; }
  // Keys [s0, s0 + n) of the block at s0 (of `width`) that query t sees: 0 when it sees none.
  std::size_t visible(std::size_t t, std::size_t s0, std::size_t width) const {
    const std::size_t end = past() + t + 1;
    return end <= s0 ? 0 : std::min(width, end - s0);
  }
};

// scores[0..n) = (q_t · k_j) / √dim for the transposed key block.
void scaledScores(const Dispatch& vec, const float* query, const float* keysT, std::size_t n, std::size_t dim, float scale,
                  float* scores) {
  std::fill(scores, scores + n, 0.0f);
  vec.combine(query, dim, keysT, KEY_BLOCK, n, scores);
  for (std::size_t j = 0; j < n; j++) scores[j] *= scale;
}

// For query row t and the first n keys of a block: probabilities p_j = exp(score_j − logsumexp) into `probs`, and
// the scores' gradient scaled by 1/√dim, scale · p_j · (dOut_t · v_j − δ_t), into `dScores`.
void recomputeRow(const Dispatch& vec, const float* query, const float* dOutRow, float logsumexp, float delta,
                  const Scratch& ws, std::size_t n, std::size_t dim, float scale, float* probs, float* dScores) {
  scaledScores(vec, query, ws.keysT.data(), n, dim, scale, probs);
  vec.exp(probs, n, logsumexp);
  std::fill(dScores, dScores + n, 0.0f);
  vec.combine(dOutRow, dim, ws.valuesT.data(), KEY_BLOCK, n, dScores);
  for (std::size_t j = 0; j < n; j++) dScores[j] = scale * probs[j] * (dScores[j] - delta);
}

// Runs task(i) for i < count, on the pool when the attention is large enough to pay for waking it.
template <typename Task>
void forEachTask(const AttentionShape& s, std::size_t count, const Task& task) {
  if (static_cast<double>(s.batch) * s.heads * s.queries * s.keys * s.dim < PARALLEL_MIN_WORK) {
    for (std::size_t i = 0; i < count; i++) task(i);
  } else {
    sharedPool().run(count, task);
  }
}

// 1/√dim rounded once from double, as the tfjs composition rounds it.
float scoreScale(std::size_t dim) { return static_cast<float>(1.0 / std::sqrt(static_cast<double>(dim))); }

std::size_t blocks(std::size_t length, std::size_t block) { return (length + block - 1) / block; }

// One task's query rows [t0, t1) of one (batch, head): its rows start at row qRow of q, its kv head's at row kRow
// of k and v.
struct QueryBlock {
  std::size_t t0, t1, qRow, kRow;
};

// Runs task(block) for every block of QUERY_BLOCK query rows of every (batch, head).
template <typename Task>
void forEachQueryBlock(const AttentionShape& s, const Task& task) {
  const Heads heads{s};
  const std::size_t queryBlocks = blocks(s.queries, QUERY_BLOCK);
  forEachTask(s, s.batch * s.heads * queryBlocks, [&](std::size_t index) {
    const std::size_t bh = index / queryBlocks;
    const std::size_t b = bh / s.heads, h = bh % s.heads;
    const std::size_t t0 = (index % queryBlocks) * QUERY_BLOCK;
    task(QueryBlock{t0, std::min(s.queries, t0 + QUERY_BLOCK), heads.queryRows(b, h), heads.keyRows(b, h)});
  });
}

}  // namespace

void attentionForward(const AttentionShape& s, const float* q, const float* k, const float* v, float* out,
                      float* logsumexp) {
  if (s.batch * s.heads * s.queries * s.dim == 0) return;
  const Dispatch& vec = dispatch();
  const Heads heads{s};
  const float scale = scoreScale(s.dim);
  forEachQueryBlock(s, [&](const QueryBlock& block) {
    const auto [t0, t1, qRow, kRow] = block;
    Scratch& ws = scratch(s.dim);
    std::fill(ws.rowMax.begin(), ws.rowMax.end(), -std::numeric_limits<float>::infinity());
    std::fill(ws.rowSum.begin(), ws.rowSum.end(), 0.0f);
    std::fill(out + (qRow + t0) * s.dim, out + (qRow + t1) * s.dim, 0.0f);
    const std::size_t keyEnd = heads.past() + t1;  // the block's last query sees keys [0, keyEnd)
    for (std::size_t s0 = 0; s0 < keyEnd; s0 += KEY_BLOCK) {
      const std::size_t width = std::min(KEY_BLOCK, s.keys - s0);
      transposeBlock(k + kRow * s.dim, s0, width, s.dim, ws.keysT.data());
      for (std::size_t t = t0; t < t1; t++) {
        const std::size_t n = heads.visible(t, s0, width);
        if (n == 0) continue;
        float* row = out + (qRow + t) * s.dim;
        float* probs = ws.scores.data();
        scaledScores(vec, q + (qRow + t) * s.dim, ws.keysT.data(), n, s.dim, scale, probs);
        float& max = ws.rowMax[t - t0];
        const float blockMax = *std::max_element(probs, probs + n);
        if (blockMax > max) {
          // Rescale what was accumulated under the smaller maximum (nothing, on the first block).
          const float correction = std::exp(max - blockMax);
          ws.rowSum[t - t0] *= correction;
          for (std::size_t d = 0; d < s.dim; d++) row[d] *= correction;
          max = blockMax;
        }
        ws.rowSum[t - t0] += vec.exp(probs, n, max);
        vec.combine(probs, n, v + (kRow + s0) * s.dim, s.dim, s.dim, row);
      }
    }
    for (std::size_t t = t0; t < t1; t++) {
      float* row = out + (qRow + t) * s.dim;
      const float sum = ws.rowSum[t - t0];
      for (std::size_t d = 0; d < s.dim; d++) row[d] /= sum;
      logsumexp[qRow + t] = ws.rowMax[t - t0] + std::log(sum);
    }
  });
}

void attentionBackward(const AttentionShape& s, const float* q, const float* k, const float* v, const float* out,
                       const float* logsumexp, const float* dOut, float* dq, float* dk, float* dv) {
  if (s.batch * s.kvHeads * s.keys * s.dim == 0) return;
  std::fill(dk, dk + s.batch * s.kvHeads * s.keys * s.dim, 0.0f);
  std::fill(dv, dv + s.batch * s.kvHeads * s.keys * s.dim, 0.0f);
  if (s.queries == 0) return;
  const Dispatch& vec = dispatch();
  const Heads heads{s};
  const float scale = scoreScale(s.dim);
  // δ_t = dOut_t · out_t, the softmax's correction term, per query row.
  const std::size_t rows = s.batch * s.heads * s.queries;
  std::vector<float> delta(rows);
  for (std::size_t r = 0; r < rows; r++) {
    float sum = 0;
    for (std::size_t d = 0; d < s.dim; d++) sum += dOut[r * s.dim + d] * out[r * s.dim + d];
    delta[r] = sum;
  }

  // dk, dv: one task per key block of each (batch, kv head), over every query row of the group that sees it.
  const std::size_t keyBlocks = blocks(s.keys, KEY_BLOCK);
  forEachTask(s, s.batch * s.kvHeads * keyBlocks, [&](std::size_t task) {
    const std::size_t bk = task / keyBlocks;
    const std::size_t b = bk / s.kvHeads, kvHead = bk % s.kvHeads;
    const std::size_t s0 = (task % keyBlocks) * KEY_BLOCK;
    const std::size_t width = std::min(KEY_BLOCK, s.keys - s0);
    const std::size_t kRow = (b * s.kvHeads + kvHead) * s.keys;
    Scratch& ws = scratch(s.dim);
    transposeBlock(k + kRow * s.dim, s0, width, s.dim, ws.keysT.data());
    transposeBlock(v + kRow * s.dim, s0, width, s.dim, ws.valuesT.data());
    const std::size_t firstQuery = s0 > heads.past() ? s0 - heads.past() : 0;  // earlier queries see none of it
    for (std::size_t h = kvHead * heads.group(); h < (kvHead + 1) * heads.group(); h++) {
      const std::size_t qRow = heads.queryRows(b, h);
      for (std::size_t t0 = firstQuery; t0 < s.queries; t0 += QUERY_BLOCK) {
        const std::size_t tileRows = std::min(QUERY_BLOCK, s.queries - t0);
        for (std::size_t t = t0; t < t0 + tileRows; t++) {
          const std::size_t n = heads.visible(t, s0, width);
          const std::size_t r = qRow + t;
          recomputeRow(vec, q + r * s.dim, dOut + r * s.dim, logsumexp[r], delta[r], ws, n, s.dim, scale,
                       ws.scores.data(), ws.dScores.data());
          for (std::size_t j = 0; j < width; j++) {
            ws.probsT[j * QUERY_BLOCK + (t - t0)] = j < n ? ws.scores[j] : 0.0f;
            ws.dScoresT[j * QUERY_BLOCK + (t - t0)] = j < n ? ws.dScores[j] : 0.0f;
          }
        }
        for (std::size_t j = 0; j < width; j++) {
          // dv_j += Σ_t p_tj · dOut_t;  dk_j += Σ_t dS_tj · q_t (dS already scaled).
          vec.combine(&ws.probsT[j * QUERY_BLOCK], tileRows, dOut + (qRow + t0) * s.dim, s.dim, s.dim, dv + (kRow + s0 + j) * s.dim);
          vec.combine(&ws.dScoresT[j * QUERY_BLOCK], tileRows, q + (qRow + t0) * s.dim, s.dim, s.dim, dk + (kRow + s0 + j) * s.dim);
        }
      }
    }
  });

  // dq: one task per query block of each (batch, head), over the keys its rows see.
  forEachQueryBlock(s, [&](const QueryBlock& block) {
    const auto [t0, t1, qRow, kRow] = block;
    Scratch& ws = scratch(s.dim);
    std::fill(dq + (qRow + t0) * s.dim, dq + (qRow + t1) * s.dim, 0.0f);
    for (std::size_t s0 = 0; s0 < heads.past() + t1; s0 += KEY_BLOCK) {
      const std::size_t width = std::min(KEY_BLOCK, s.keys - s0);
      transposeBlock(k + kRow * s.dim, s0, width, s.dim, ws.keysT.data());
      transposeBlock(v + kRow * s.dim, s0, width, s.dim, ws.valuesT.data());
      for (std::size_t t = t0; t < t1; t++) {
        const std::size_t n = heads.visible(t, s0, width);
        if (n == 0) continue;
        const std::size_t r = qRow + t;
        recomputeRow(vec, q + r * s.dim, dOut + r * s.dim, logsumexp[r], delta[r], ws, n, s.dim, scale,
                     ws.scores.data(), ws.dScores.data());
        vec.combine(ws.dScores.data(), n, k + (kRow + s0) * s.dim, s.dim, s.dim, dq + r * s.dim);
      }
    }
  });
}

namespace {

// Reads the shape from args[0..6) and checks it: heads a multiple of kvHeads, queries ≤ keys.
bool readShape(napi_env env, const napi_value* args, const char* name, AttentionShape* s) {
  if (!readSize(env, args[0], "batch", &s->batch) || !readSize(env, args[1], "heads", &s->heads) ||
      !readSize(env, args[2], "kvHeads", &s->kvHeads) || !readSize(env, args[3], "queries", &s->queries) ||
      !readSize(env, args[4], "keys", &s->keys) || !readSize(env, args[5], "dim", &s->dim)) {
    return false;
  }
  if (s->kvHeads == 0 || s->heads % s->kvHeads != 0 || s->queries > s->keys) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", (std::string(name) + ": heads must be a multiple of kvHeads and queries at most keys").c_str());
    return false;
  }
  return true;
}

// Elements of q (and out, dq), of k (and v, dk, dv) and of logsumexp, or false when they overflow.
bool sizes(const AttentionShape& s, std::size_t* queryElements, std::size_t* keyElements, std::size_t* rows) {
  std::size_t queryRows, keyRows;
  return product(s.batch, s.heads, s.queries, &queryRows) && product(queryRows, s.dim, 1, queryElements) &&
         product(s.batch, s.kvHeads, s.keys, &keyRows) && product(keyRows, s.dim, 1, keyElements) &&
         product(queryRows, 1, 1, rows);
}

// What an array argument holds: one element per element of q, of k, or per query row.
enum class Extent { Queries, Keys, Rows };

// Reads N Float32Arrays holding `extents`, then the shape, and checks their lengths. False when it threw.
template <std::size_t N>
bool readAttentionCall(napi_env env, napi_callback_info info, const char* name, const char* const (&names)[N],
                       const Extent (&extents)[N], float* (&data)[N], AttentionShape* s) {
  napi_value args[N + 6];
  if (!readArguments(env, info, name, N + 6, args)) return false;
  std::size_t lengths[N];
  for (std::size_t i = 0; i < N; i++) {
    if (!readFloat32Array(env, args[i], names[i], &data[i], &lengths[i])) return false;
  }
  if (!readShape(env, args + N, name, s)) return false;
  std::size_t queryElements, keyElements, rows;
  bool fits = sizes(*s, &queryElements, &keyElements, &rows);
  for (std::size_t i = 0; fits && i < N; i++) {
    const Extent e = extents[i];
    fits = lengths[i] >= (e == Extent::Queries ? queryElements : e == Extent::Keys ? keyElements : rows);
  }
  if (!fits) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", (std::string(name) + ": array lengths do not match the shapes given").c_str());
  }
  return fits;
}

}  // namespace

napi_value AttentionForwardEntry(napi_env env, napi_callback_info info) {
  static const char* const names[] = {"q", "k", "v", "out", "logsumexp"};
  static const Extent extents[] = {Extent::Queries, Extent::Keys, Extent::Keys, Extent::Queries, Extent::Rows};
  float* data[5];
  AttentionShape s{};
  if (readAttentionCall(env, info, "attentionForward", names, extents, data, &s)) {
    attentionForward(s, data[0], data[1], data[2], data[3], data[4]);
  }
  return nullptr;
}

napi_value AttentionBackwardEntry(napi_env env, napi_callback_info info) {
  static const char* const names[] = {"q", "k", "v", "out", "logsumexp", "dOut", "dq", "dk", "dv"};
  static const Extent extents[] = {Extent::Queries, Extent::Keys,    Extent::Keys, Extent::Queries, Extent::Rows,
                                   Extent::Queries, Extent::Queries, Extent::Keys, Extent::Keys};
  float* data[9];
  AttentionShape s{};
  if (readAttentionCall(env, info, "attentionBackward", names, extents, data, &s)) {
    attentionBackward(s, data[0], data[1], data[2], data[3], data[4], data[5], data[6], data[7], data[8]);
  }
  return nullptr;
}

}  // namespace cpu_kernels
