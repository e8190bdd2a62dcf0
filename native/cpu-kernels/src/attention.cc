// Flash-style causal attention (FlashAttention-2's loop order on CPU threads). The forward walks the keys in blocks
// and keeps, per query row, the running maximum and sum of its exponentiated scores, rescaling the output row when
// the maximum grows; it saves the row's logsumexp. The backward recomputes each block's probabilities from q, k and
// that logsumexp. No two threads ever write the same rows: where there are (batch, kv head) pairs enough for the
// threads, a task per pair walks its key blocks and writes their dk and dv (summed over the query heads of the kv
// group) and the group's dq; otherwise two passes, one over key blocks writing dk and dv, one over query blocks
// writing dq, recompute the probabilities twice to have more tasks.
//
// Every product is a small matrix product over a strip of TILE_ROWS rows (attention-tiles.h), trimmed to the keys
// the strip's last row sees: scores against a key block transposed to [dim, keys], probabilities times values, and
// the gradients, dk and dv reading the probabilities of a strip of keys down their columns. The scores' softmax and
// its gradient are taken in the registers that computed them.
#include "attention.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "attention-tiles.h"
#include "napi-args.h"
#include "thread-pool.h"

namespace cpu_kernels {
namespace {

constexpr std::size_t QUERY_BLOCK = 64;  // query rows of one task, and of one pass over a key block for dk, dv
constexpr std::size_t KEY_BLOCK = 64;    // keys whose scores are computed together
static_assert(KEY_BLOCK % 8 == 0, "a block's scores are computed eight keys at a time");
// Below this many multiply-adds (about ten microseconds on one thread) an attention runs on the calling thread:
// handing tasks to the workers would cost more.
constexpr double PARALLEL_MIN_WORK = 1 << 16;
// The backward's one pass does about this share of the two passes' work (it computes each block's probabilities
// once, not twice), in tasks of whole (batch, kv head) pairs.
constexpr double ONE_PASS_WORK = 0.7;

// Each thread's blocks, grown to the largest shape seen.
struct Scratch {
  std::vector<float> keysT, valuesT;  // [dim, KEY_BLOCK]: a key block and a value block transposed
  std::vector<float> probs, dScores;  // [QUERY_BLOCK, KEY_BLOCK]: scores, then probabilities, and their gradient
  std::vector<float> rowMax, rowSum;   // the forward's online softmax, per row of a block of the kv group

  void reserve(std::size_t dim) {
    keysT.resize(dim * KEY_BLOCK);
    valuesT.resize(dim * KEY_BLOCK);
    probs.resize(QUERY_BLOCK * KEY_BLOCK);
    dScores.resize(QUERY_BLOCK * KEY_BLOCK);
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

// Row-major rows of `ld` floats, as a product's left operand; transposed(), read down its columns.
StridedMatrix rowsOf(const float* data, std::size_t ld) { return {data, ld, 1}; }
StridedMatrix transposed(const float* data, std::size_t ld) { return {data, 1, ld}; }

// The rows of one (batch, head) or (batch, kv head) pair.
struct Heads {
  const AttentionShape& s;
  std::size_t past() const { return s.keys - s.queries; }
  std::size_t group() const { return s.heads / s.kvHeads; }
  std::size_t queryRows(std::size_t b, std::size_t h) const { return (b * s.heads + h) * s.queries; }
  // Keys [s0, s0 + n) of the block at s0 (of `width`) that query t sees: 0 when it sees none.
  std::size_t visible(std::size_t t, std::size_t s0, std::size_t width) const {
    const std::size_t end = past() + t + 1;
    return end <= s0 ? 0 : std::min(width, end - s0);
  }
  // The first query that sees key j.
  std::size_t firstQuery(std::size_t j) const { return j > past() ? j - past() : 0; }
};

// The threads an attention of this shape runs on: the pool's when it is large enough to pay for waking them.
std::size_t threadsFor(const AttentionShape& s) {
  const bool large = static_cast<double>(s.batch) * s.heads * s.queries * s.keys * s.dim >= PARALLEL_MIN_WORK;
  return large ? sharedPool().size() : 1;
}

// Runs task(i) for i < count, on threadsFor(s).
template <typename Task>
void forEachTask(const AttentionShape& s, std::size_t count, const Task& task) {
  if (threadsFor(s) == 1) {
    for (std::size_t i = 0; i < count; i++) task(i);
  } else {
    sharedPool().run(count, task);
  }
}

// 1/√dim rounded once from double, as the tfjs composition rounds it.
float scoreScale(std::size_t dim) { return static_cast<float>(1.0 / std::sqrt(static_cast<double>(dim))); }

std::size_t blocks(std::size_t length, std::size_t block) { return (length + block - 1) / block; }

// One task's query rows [t0, t1) of every query head of the kv group of (batch b, kv head): the group shares each
// key block that the task transposes.
struct QueryBlock {
  std::size_t t0, t1, b, kvHead;
};

// Runs task(block) for every block of QUERY_BLOCK query rows of every (batch, kv head), the last blocks (which see
// the most keys) handed out first so that the threads finish together.
template <typename Task>
void forEachQueryBlock(const AttentionShape& s, const Task& task) {
  const std::size_t queryBlocks = blocks(s.queries, QUERY_BLOCK);
  const std::size_t pairs = s.batch * s.kvHeads;
  forEachTask(s, pairs * queryBlocks, [&](std::size_t index) {
    const std::size_t pair = index % pairs;
    const std::size_t t0 = (queryBlocks - 1 - index / pairs) * QUERY_BLOCK;
    task(QueryBlock{t0, std::min(s.queries, t0 + QUERY_BLOCK), pair / s.kvHeads, pair % s.kvHeads});
  });
}

// A strip of query rows [t, t + rows) against a key block: `keys`, what its last row sees. Each row sees at least
// the block's first key.
struct Strip {
  std::size_t t, rows, keys;
};

// Calls f(strip) for the strips of rows [t0, t1) that see some of the key block at s0.
template <typename F>
void forEachStrip(const Heads& heads, std::size_t t0, std::size_t t1, std::size_t s0, std::size_t width, const F& f) {
  for (std::size_t t = std::max(t0, heads.firstQuery(s0)); t < t1; t += TILE_ROWS) {
    const std::size_t rows = std::min(TILE_ROWS, t1 - t);
    f(Strip{t, rows, heads.visible(t + rows - 1, s0, width)});
  }
}

// visible[i]: the keys of the block at s0 (of `width`) that row i of the strip sees.
void visibleKeys(const Heads& heads, const Strip& strip, std::size_t s0, std::size_t width, std::size_t* visible) {
  for (std::size_t i = 0; i < strip.rows; i++) visible[i] = heads.visible(strip.t + i, s0, width);
}

// What the backward reads.
struct BackwardInputs {
  const float *q, *k, *v, *out, *logsumexp, *dOut;
};

// n columns rounded up to whole vectors of 8: still inside a block's KEY_BLOCK columns.
std::size_t wholeVectors(std::size_t n) { return (n + 7) / 8 * 8; }

// The backward's recomputation for a strip whose first row is row r of q, out, dOut and logsumexp: into probs, row
// i of the strip at probs + i·KEY_BLOCK, its probabilities exp(score − logsumexp); into dScores their gradient
// scaled by 1/√dim, scale · p · (dOut · v − δ) with δ = dOut · out. Entries past what a row sees are 0 up to column
// `filled` at least.
void recomputeStrip(const AttentionVectorCode& vec, const Heads& heads, const Strip& strip, std::size_t s0,
                    std::size_t width, std::size_t filled, const BackwardInputs& x, std::size_t r, const Scratch& ws,
                    float scale, float* probs, float* dScores) {
  const std::size_t dim = heads.s.dim;
  std::size_t visible[TILE_ROWS];
  visibleKeys(heads, strip, s0, width, visible);
  // δ again for each key block: dim multiply-adds a row beside the block's 5 · dim a key.
  float delta[TILE_ROWS];
  for (std::size_t i = 0; i < strip.rows; i++) {
    const float *dOut = x.dOut + (r + i) * dim, *out = x.out + (r + i) * dim;
    float sum = 0;
    for (std::size_t d = 0; d < dim; d++) sum += dOut[d] * out[d];
    delta[i] = sum;
  }
  const std::size_t cols = wholeVectors(strip.keys);
  const StripInputs in{x.q + r * dim, x.dOut + r * dim, ws.keysT.data(), ws.valuesT.data(), x.logsumexp + r, delta, visible};
  vec.probabilityGradient(strip.rows, cols, dim, KEY_BLOCK, in, scale, probs, dScores);
  for (std::size_t i = 0; cols < filled && i < strip.rows; i++) {
    std::fill(probs + i * KEY_BLOCK + cols, probs + i * KEY_BLOCK + filled, 0.0f);
    std::fill(dScores + i * KEY_BLOCK + cols, dScores + i * KEY_BLOCK + filled, 0.0f);
  }
}

}  // namespace

void attentionForward(const AttentionShape& s, const float* q, const float* k, const float* v, float* out,
                      float* logsumexp) {
  if (s.batch * s.heads * s.queries * s.dim == 0) return;
  const AttentionVectorCode& vec = attentionVectorCode();
  const Heads heads{s};
  const float scale = scoreScale(s.dim);
  const std::size_t dim = s.dim, group = heads.group();
  forEachQueryBlock(s, [&](const QueryBlock& block) {
    const auto [t0, t1, b, kvHead] = block;
    const std::size_t kRow = (b * s.kvHeads + kvHead) * s.keys;
    Scratch& ws = scratch(dim);
    // Per query head of the group and row of the block, the maximum of the scaled scores and the sum of their
    // exponentials so far.
    ws.rowMax.assign(group * QUERY_BLOCK, -std::numeric_limits<float>::infinity());
    ws.rowSum.assign(group * QUERY_BLOCK, 0.0f);
    for (std::size_t g = 0; g < group; g++) {
      const std::size_t qRow = heads.queryRows(b, kvHead * group + g);
      std::fill(out + (qRow + t0) * dim, out + (qRow + t1) * dim, 0.0f);
    }
    for (std::size_t s0 = 0; s0 < heads.past() + t1; s0 += KEY_BLOCK) {
      const std::size_t width = std::min(KEY_BLOCK, s.keys - s0);
      transposeBlock(k + kRow * dim, s0, width, dim, ws.keysT.data());
      for (std::size_t g = 0; g < group; g++) {
        const std::size_t qRow = heads.queryRows(b, kvHead * group + g);
        forEachStrip(heads, t0, t1, s0, width, [&](const Strip& strip) {
          float* scores = ws.probs.data();
          float* outRows = out + (qRow + strip.t) * dim;
          const std::size_t r = g * QUERY_BLOCK + strip.t - t0;
          std::size_t visible[TILE_ROWS];
          float correction[TILE_ROWS];
          visibleKeys(heads, strip, s0, width, visible);
          const SoftmaxStrip softmax{q + (qRow + strip.t) * dim, ws.keysT.data(), visible, &ws.rowMax[r], &ws.rowSum[r], correction};
          vec.onlineSoftmax(strip.rows, wholeVectors(strip.keys), dim, KEY_BLOCK, softmax, scale, scores);
          for (std::size_t i = 0; i < strip.rows; i++) {
            // Rescale what was accumulated under a smaller maximum (nothing, on the first block).
            if (correction[i] == 1.0f) continue;
            for (std::size_t d = 0; d < dim; d++) outRows[i * dim + d] *= correction[i];
          }
          vec.multiply(strip.rows, dim, strip.keys, rowsOf(scores, KEY_BLOCK), v + (kRow + s0) * dim, dim, outRows, dim, true);
        });
      }
    }
    for (std::size_t g = 0; g < group; g++) {
      const std::size_t qRow = heads.queryRows(b, kvHead * group + g);
      for (std::size_t t = t0; t < t1; t++) {
        float* row = out + (qRow + t) * dim;
        const float sum = ws.rowSum[g * QUERY_BLOCK + t - t0];
        for (std::size_t d = 0; d < dim; d++) row[d] /= sum;
        logsumexp[qRow + t] = ws.rowMax[g * QUERY_BLOCK + t - t0] + std::log(sum);
      }
    }
  });
}

namespace {

// The backward's inputs and outputs, and its two kinds of task.
struct Backward {
  const AttentionShape& s;
  BackwardInputs x;
  float *dq, *dk, *dv;
  const AttentionVectorCode& vec = attentionVectorCode();
  const Heads heads{s};
  const float scale = scoreScale(s.dim);

  // dk and dv of the key block at s0 of (batch b, kv head), over every query row of the group that sees it; with
  // withDq, those rows' dq gain the block's part too (which needs every key block of the pair in the same task).
  void keyBlock(std::size_t b, std::size_t kvHead, std::size_t s0, bool withDq) const {
    const std::size_t dim = s.dim, width = std::min(KEY_BLOCK, s.keys - s0);
    const std::size_t kRow = (b * s.kvHeads + kvHead) * s.keys;
    Scratch& ws = scratch(dim);
    transposeBlock(x.k + kRow * dim, s0, width, dim, ws.keysT.data());
    transposeBlock(x.v + kRow * dim, s0, width, dim, ws.valuesT.data());
    for (std::size_t h = kvHead * heads.group(); h < (kvHead + 1) * heads.group(); h++) {
      const std::size_t qRow = heads.queryRows(b, h);
      for (std::size_t c0 = heads.firstQuery(s0); c0 < s.queries; c0 += QUERY_BLOCK) {
        const std::size_t c1 = std::min(s.queries, c0 + QUERY_BLOCK);
        forEachStrip(heads, c0, c1, s0, width, [&](const Strip& strip) {
          // Zeros up to the block's width: the keys' strips below read down whole columns.
          const std::size_t r = qRow + strip.t, offset = (strip.t - c0) * KEY_BLOCK;
          float *probs = ws.probs.data() + offset, *dScores = ws.dScores.data() + offset;
          recomputeStrip(vec, heads, strip, s0, width, width, x, r, ws, scale, probs, dScores);
          if (withDq) {
            vec.multiply(strip.rows, dim, strip.keys, rowsOf(dScores, KEY_BLOCK), x.k + (kRow + s0) * dim, dim,
                         dq + r * dim, dim, true);
          }
        });
        // dv_j += Σ_t p_tj · dOut_t and dk_j += Σ_t dS_tj · q_t (dS already scaled), a strip of keys at a time over
        // the queries that see its first key.
        for (std::size_t j = 0; j < width; j += TILE_ROWS) {
          const std::size_t from = std::max(c0, heads.firstQuery(s0 + j));
          if (from >= c1) break;
          const std::size_t keyRows = std::min(TILE_ROWS, width - j), offset = (from - c0) * KEY_BLOCK + j;
          const std::size_t r = qRow + from, keyRow = (kRow + s0 + j) * dim;
          vec.multiply(keyRows, dim, c1 - from, transposed(ws.probs.data() + offset, KEY_BLOCK), x.dOut + r * dim,
                       dim, dv + keyRow, dim, true);
          vec.multiply(keyRows, dim, c1 - from, transposed(ws.dScores.data() + offset, KEY_BLOCK), x.q + r * dim, dim,
                       dk + keyRow, dim, true);
        }
      }
    }
  }

  // dq of one block of query rows of the group, over the keys its rows see.
  void queryBlock(const QueryBlock& block) const {
    const auto [t0, t1, b, kvHead] = block;
    const std::size_t dim = s.dim, kRow = (b * s.kvHeads + kvHead) * s.keys;
    Scratch& ws = scratch(dim);
    for (std::size_t s0 = 0; s0 < heads.past() + t1; s0 += KEY_BLOCK) {
      const std::size_t width = std::min(KEY_BLOCK, s.keys - s0);
      transposeBlock(x.k + kRow * dim, s0, width, dim, ws.keysT.data());
      transposeBlock(x.v + kRow * dim, s0, width, dim, ws.valuesT.data());
      for (std::size_t h = kvHead * heads.group(); h < (kvHead + 1) * heads.group(); h++) {
        forEachStrip(heads, t0, t1, s0, width, [&](const Strip& strip) {
          const std::size_t r = heads.queryRows(b, h) + strip.t;
          recomputeStrip(vec, heads, strip, s0, width, strip.keys, x, r, ws, scale, ws.probs.data(), ws.dScores.data());
          vec.multiply(strip.rows, dim, strip.keys, rowsOf(ws.dScores.data(), KEY_BLOCK), x.k + (kRow + s0) * dim, dim,
                       dq + r * dim, dim, true);
        });
      }
    }
  }
};

}  // namespace

void attentionBackward(const AttentionShape& s, const float* q, const float* k, const float* v, const float* out,
                       const float* logsumexp, const float* dOut, float* dq, float* dk, float* dv) {
  if (s.batch * s.kvHeads * s.keys * s.dim == 0) return;
  std::fill(dk, dk + s.batch * s.kvHeads * s.keys * s.dim, 0.0f);
  std::fill(dv, dv + s.batch * s.kvHeads * s.keys * s.dim, 0.0f);
  if (s.queries == 0) return;
  std::fill(dq, dq + s.batch * s.heads * s.queries * s.dim, 0.0f);
  const Backward backward{s, {q, k, v, out, logsumexp, dOut}, dq, dk, dv};
  const std::size_t keyBlocks = blocks(s.keys, KEY_BLOCK);
  const std::size_t kvPairs = s.batch * s.kvHeads;
  const std::size_t threads = threadsFor(s);
  if (ONE_PASS_WORK * static_cast<double>(blocks(kvPairs, threads) * threads) <= static_cast<double>(kvPairs)) {
    // One pass, unless its few tasks would leave threads idle for longer than it saves: a task per (batch, kv
    // head) writes the dk, dv of its keys and the dq of its group's queries.
    forEachTask(s, kvPairs, [&](std::size_t pair) {
      for (std::size_t s0 = 0; s0 < s.keys; s0 += KEY_BLOCK) backward.keyBlock(pair / s.kvHeads, pair % s.kvHeads, s0, true);
    });
    return;
  }
  // Two passes, so that there are tasks enough for the threads: one per key block of each (batch, kv head) for dk
  // and dv, the first key blocks (seen by the most queries) handed out first; then one per query block for dq.
  forEachTask(s, kvPairs * keyBlocks, [&](std::size_t task) {
    const std::size_t pair = task % kvPairs;
    backward.keyBlock(pair / s.kvHeads, pair % s.kvHeads, (task / kvPairs) * KEY_BLOCK, false);
  });
  forEachQueryBlock(s, [&](const QueryBlock& block) { backward.queryBlock(block); });
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
