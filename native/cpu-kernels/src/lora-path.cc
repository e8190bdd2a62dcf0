#include "lora-path.h"

#include <algorithm>

#include "gemm.h"
#include "napi-args.h"
#include "thread-pool.h"

namespace cpu_kernels {
namespace {

// Rows of the output that one task of the final pass scales and adds.
constexpr std::size_t ROWS_PER_TASK = 64;

}  // namespace

void loraPathForward(const LoraPath& p, const float* base, float* out, float* lowRank) {
  if (p.rows == 0 || p.out == 0) return;
  batchGemm({1, 1, 1, p.rows, p.rank, p.in, false, true}, p.x, p.a, lowRank);
  batchGemm({1, 1, 1, p.rows, p.out, p.rank, false, true}, lowRank, p.b, out);
  // base + s · delta, rounded as the separate operations round it.
  sharedPool().run((p.rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK, [&](std::size_t task) {
    const std::size_t first = task * ROWS_PER_TASK * p.out;
    const std::size_t last = std::min(p.rows, (task + 1) * ROWS_PER_TASK) * p.out;
    for (std::size_t i = first; i < last; i++) out[i] = base[i] + out[i] * p.scaling;
  });
}

napi_value LoraPathEntry(napi_env env, napi_callback_info info) {
  napi_value args[11];
  if (!readArguments(env, info, "loraPath", 11, args)) return nullptr;
  float *x, *base, *a, *b, *out, *lowRank;
  std::size_t lengthX, lengthBase, lengthA, lengthB, lengthOut, lengthLowRank;
  LoraPath path{};
  if (!readFloat32Array(env, args[0], "x", &x, &lengthX) || !readFloat32Array(env, args[1], "base", &base, &lengthBase) ||
      !readFloat32Array(env, args[2], "a", &a, &lengthA) || !readFloat32Array(env, args[3], "b", &b, &lengthB) ||
      !readFloat32Array(env, args[4], "out", &out, &lengthOut) || !readFloat32Array(env, args[5], "lowRank", &lowRank, &lengthLowRank) ||
      !readSize(env, args[6], "rows", &path.rows) || !readSize(env, args[7], "in", &path.in) ||
      !readSize(env, args[8], "outFeatures", &path.out) || !readSize(env, args[9], "rank", &path.rank) ||
      !readFiniteFloat(env, args[10], "scaling", &path.scaling)) {
    return nullptr;
  }
  std::size_t needX, needOut, needA, needB, needLowRank;
  if (!product(path.rows, path.in, 1, &needX) || !product(path.rows, path.out, 1, &needOut) || !product(path.rank, path.in, 1, &needA) ||
      !product(path.out, path.rank, 1, &needB) || !product(path.rows, path.rank, 1, &needLowRank) || lengthX < needX ||
      lengthBase < needOut || lengthOut < needOut || lengthA < needA || lengthB < needB || lengthLowRank < needLowRank) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", "loraPath: array lengths do not match the shapes given");
    return nullptr;
  }
  path.x = x;
  path.a = a;
  path.b = b;
  loraPathForward(path, base, out, lowRank);
  return nullptr;
}

}  // namespace cpu_kernels
