// Both passes have two forms. Where the factors are small enough to stay in a core's cache (rank · (in + out)
// floats, LoRA's usual sizes), each row is computed on its own, rows spread over the pool: one pass over x, dy and
// the outputs, with no product too thin to pay for its packing. Larger factors go through the SGEMM.
#include "lora-path.h"

#include <algorithm>
#include <string>
#include <vector>

#include "gemm.h"
#include "napi-args.h"
#include "thread-pool.h"
#include "vector-ops.h"

namespace cpu_kernels {
namespace {

// Factors of at most this many floats (256 KiB) are computed row by row.
constexpr std::size_t ROW_WISE_FACTOR_FLOATS = 1 << 16;
// Rows of the output that one task of the SGEMM form's final pass scales and adds.
constexpr std::size_t ROWS_PER_TASK = 64;

bool rowWise(const LoraPath& p) { return p.rank * (p.in + p.out) <= ROW_WISE_FACTOR_FLOATS; }

// B [out, rank] transposed to [rank, out], so that every row operation reads contiguous rows.
std::vector<float> transposedB(const LoraPath& p) {
  std::vector<float> bT(p.rank * p.out);
  for (std::size_t o = 0; o < p.out; o++) {
    for (std::size_t k = 0; k < p.rank; k++) bT[k * p.out + o] = p.b[o * p.rank + k];
  }
  return bT;
}

// lowRank_i = x_i Aᵀ, out_i = base_i + s · lowRank_i Bᵀ for rows [begin, end).
template <typename Ops>
void forwardRows(const LoraPath& p, const float* bT, const float* base, float* out, float* lowRank, std::size_t begin,
                 std::size_t end) {
  for (std::size_t i = begin; i < end; i++) {
    float* low = lowRank + i * p.rank;
    float* row = out + i * p.out;
    std::fill(row, row + p.out, 0.0f);
    for (std::size_t k = 0; k < p.rank; k++) {
      low[k] = Ops::dot(p.x + i * p.in, p.a + k * p.in, p.in);
      Ops::axpy(low[k], bT + k * p.out, row, p.out);
    }
    for (std::size_t o = 0; o < p.out; o++) row[o] = base[i * p.out + o] + row[o] * p.scaling;
  }
}

// For rows [begin, end), with t_i = s · dy_i B: dx_i = t_i A, and into this chunk's sums dA += t_iᵀ x_i and
// dBᵀ += (s · lowRank_i)ᵀ dy_i. `t` holds rank floats.
template <typename Ops>
void backwardRows(const LoraPath& p, const float* bT, const float* dOut, const float* lowRank, float* dx, float* dA,
                  float* dBT, float* t, std::size_t begin, std::size_t end) {
  for (std::size_t i = begin; i < end; i++) {
    const float* dy = dOut + i * p.out;
    const float* x = p.x + i * p.in;
    float* dxRow = dx + i * p.in;
    std::fill(dxRow, dxRow + p.in, 0.0f);
    for (std::size_t k = 0; k < p.rank; k++) t[k] = Ops::dot(dy, bT + k * p.out, p.out) * p.scaling;
    for (std::size_t k = 0; k < p.rank; k++) {
      Ops::axpy(t[k], p.a + k * p.in, dxRow, p.in);
      Ops::axpy(t[k], x, dA + k * p.in, p.in);
      Ops::axpy(lowRank[i * p.rank + k] * p.scaling, dy, dBT + k * p.out, p.out);
    }
  }
}

void forwardRowsGeneric(const LoraPath& p, const float* bT, const float* base, float* out, float* lowRank,
                        std::size_t begin, std::size_t end) {
  forwardRows<GenericOps>(p, bT, base, out, lowRank, begin, end);
}

void backwardRowsGeneric(const LoraPath& p, const float* bT, const float* dOut, const float* lowRank, float* dx,
                         float* dA, float* dBT, float* t, std::size_t begin, std::size_t end) {
  backwardRows<GenericOps>(p, bT, dOut, lowRank, dx, dA, dBT, t, begin, end);
}

#ifdef CPU_KERNELS_X86
CPU_KERNELS_AVX2_ENTRY void forwardRowsAvx2(const LoraPath& p, const float* bT, const float* base, float* out,
                                            float* lowRank, std::size_t begin, std::size_t end) {
  forwardRows<Avx2Ops>(p, bT, base, out, lowRank, begin, end);
}

CPU_KERNELS_AVX2_ENTRY void backwardRowsAvx2(const LoraPath& p, const float* bT, const float* dOut,
                                             const float* lowRank, float* dx, float* dA, float* dBT, float* t,
                                             std::size_t begin, std::size_t end) {
  backwardRows<Avx2Ops>(p, bT, dOut, lowRank, dx, dA, dBT, t, begin, end);
}
#endif

// Rows' share of the work, for rowChunks: the multiply-adds of one row.
std::size_t rowCost(const LoraPath& p) { return p.rank * (p.in + p.out); }

// out[i] = base[i] + out[i] · s over [rows, out], as the separate operations round it.
void addScaled(const LoraPath& p, const float* base, float* out) {
  sharedPool().run((p.rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK, [&](std::size_t task) {
    const std::size_t first = task * ROWS_PER_TASK * p.out;
    const std::size_t last = std::min(p.rows, (task + 1) * ROWS_PER_TASK) * p.out;
    for (std::size_t i = first; i < last; i++) out[i] = base[i] + out[i] * p.scaling;
  });
}

}  // namespace

void loraPathForward(const LoraPath& p, const float* base, float* out, float* lowRank) {
  if (p.rows == 0 || p.out == 0) return;
  if (!rowWise(p)) {
    batchGemm({1, 1, 1, p.rows, p.rank, p.in, false, true}, p.x, p.a, lowRank);
    batchGemm({1, 1, 1, p.rows, p.out, p.rank, false, true}, lowRank, p.b, out);
    addScaled(p, base, out);
    return;
  }
  const std::vector<float> bT = transposedB(p);
  const auto rows = CPU_KERNELS_CHOOSE(forwardRowsAvx2, forwardRowsGeneric);
  parallelRows(p.rows, rowChunks(p.rows, rowCost(p)),
               [&](std::size_t, std::size_t begin, std::size_t end) { rows(p, bT.data(), base, out, lowRank, begin, end); });
}

void loraPathBackward(const LoraPath& p, const float* dOut, const float* lowRank, float* dx, float* dA, float* dB) {
  if (p.rows == 0 || p.rank == 0) {
    std::fill(dx, dx + p.rows * p.in, 0.0f);
    std::fill(dA, dA + p.rank * p.in, 0.0f);
    std::fill(dB, dB + p.out * p.rank, 0.0f);
    return;
  }
  if (!rowWise(p)) {
    std::vector<float> t(p.rows * p.rank), scaledLow(p.rows * p.rank);
    batchGemm({1, 1, 1, p.rows, p.rank, p.out, false, false}, dOut, p.b, t.data());
    for (std::size_t i = 0; i < t.size(); i++) {
      t[i] *= p.scaling;
      scaledLow[i] = lowRank[i] * p.scaling;
    }
    batchGemm({1, 1, 1, p.rows, p.in, p.rank, false, false}, t.data(), p.a, dx);
    batchGemm({1, 1, 1, p.rank, p.in, p.rows, true, false}, t.data(), p.x, dA);
    batchGemm({1, 1, 1, p.out, p.rank, p.rows, true, false}, dOut, scaledLow.data(), dB);
    return;
  }
  const std::vector<float> bT = transposedB(p);
  const std::size_t chunks = rowChunks(p.rows, rowCost(p));
  // Per chunk: its dA [rank, in], its dBᵀ [rank, out] and its t [rank].
  const std::size_t stride = p.rank * (p.in + p.out + 1);
  std::vector<float> partials(chunks * stride, 0.0f);
  const auto rows = CPU_KERNELS_CHOOSE(backwardRowsAvx2, backwardRowsGeneric);
  parallelRows(p.rows, chunks, [&](std::size_t chunk, std::size_t begin, std::size_t end) {
    float* mine = partials.data() + chunk * stride;
    rows(p, bT.data(), dOut, lowRank, dx, mine, mine + p.rank * p.in, mine + p.rank * (p.in + p.out), begin, end);
  });
  // The SGEMM form overwrites all three; here each row writes its dx, and dA, dB sum the chunks'.
  std::fill(dA, dA + p.rank * p.in, 0.0f);
  std::fill(dB, dB + p.out * p.rank, 0.0f);
  for (std::size_t chunk = 0; chunk < chunks; chunk++) {
    const float* mine = partials.data() + chunk * stride;
    for (std::size_t j = 0; j < p.rank * p.in; j++) dA[j] += mine[j];
    for (std::size_t k = 0; k < p.rank; k++) {
      for (std::size_t o = 0; o < p.out; o++) dB[o * p.rank + k] += mine[p.rank * p.in + k * p.out + o];
    }
  }
}

namespace {

// Reads x, a, b, the shape and the scaling from args[xArg], args[aArg], args[bArg] and args[shapeArg..+5), and checks
// x, a and b against the shape.
bool readPath(napi_env env, const napi_value* args, const char* name, std::size_t xArg, std::size_t aArg, std::size_t bArg,
              std::size_t shapeArg, LoraPath* p) {
  float *x, *a, *b;
  std::size_t lengthX, lengthA, lengthB, needX, needA, needB;
  if (!readFloat32Array(env, args[xArg], "x", &x, &lengthX) || !readFloat32Array(env, args[aArg], "a", &a, &lengthA) ||
      !readFloat32Array(env, args[bArg], "b", &b, &lengthB) || !readSize(env, args[shapeArg], "rows", &p->rows) ||
      !readSize(env, args[shapeArg + 1], "in", &p->in) || !readSize(env, args[shapeArg + 2], "outFeatures", &p->out) ||
      !readSize(env, args[shapeArg + 3], "rank", &p->rank) || !readFiniteFloat(env, args[shapeArg + 4], "scaling", &p->scaling)) {
    return false;
  }
  if (!product(p->rows, p->in, 1, &needX) || !product(p->rank, p->in, 1, &needA) || !product(p->out, p->rank, 1, &needB) ||
      lengthX < needX || lengthA < needA || lengthB < needB) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", (std::string(name) + ": array lengths do not match the shapes given").c_str());
    return false;
  }
  p->x = x;
  p->a = a;
  p->b = b;
  return true;
}

// Reads args[arg] as a Float32Array of at least rows · cols floats.
bool readMatrix(napi_env env, napi_value arg, const char* name, const char* array, std::size_t rows, std::size_t cols, float** data) {
  std::size_t length, need;
  if (!readFloat32Array(env, arg, array, data, &length)) return false;
  if (!product(rows, cols, 1, &need) || length < need) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", (std::string(name) + ": array lengths do not match the shapes given").c_str());
    return false;
  }
  return true;
}

}  // namespace

napi_value LoraPathEntry(napi_env env, napi_callback_info info) {
  napi_value args[11];
  if (!readArguments(env, info, "loraPath", 11, args)) return nullptr;
  LoraPath p{};
  float *base, *out, *lowRank;
  if (!readPath(env, args, "loraPath", 0, 2, 3, 6, &p) || !readMatrix(env, args[1], "loraPath", "base", p.rows, p.out, &base) ||
      !readMatrix(env, args[4], "loraPath", "out", p.rows, p.out, &out) ||
      !readMatrix(env, args[5], "loraPath", "lowRank", p.rows, p.rank, &lowRank)) {
    return nullptr;
  }
  loraPathForward(p, base, out, lowRank);
  return nullptr;
}

napi_value LoraPathGradEntry(napi_env env, napi_callback_info info) {
  napi_value args[13];
  if (!readArguments(env, info, "loraPathGrad", 13, args)) return nullptr;
  LoraPath p{};
  float *dOut, *lowRank, *dx, *dA, *dB;
  if (!readPath(env, args, "loraPathGrad", 1, 2, 3, 8, &p) || !readMatrix(env, args[0], "loraPathGrad", "dy", p.rows, p.out, &dOut) ||
      !readMatrix(env, args[4], "loraPathGrad", "lowRank", p.rows, p.rank, &lowRank) ||
      !readMatrix(env, args[5], "loraPathGrad", "dx", p.rows, p.in, &dx) ||
      !readMatrix(env, args[6], "loraPathGrad", "da", p.rank, p.in, &dA) ||
      !readMatrix(env, args[7], "loraPathGrad", "db", p.out, p.rank, &dB)) {
    return nullptr;
  }
  loraPathBackward(p, dOut, lowRank, dx, dA, dB);
  return nullptr;
}

}  // namespace cpu_kernels
