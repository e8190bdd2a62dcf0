#include "packed-gemm.h"

#include "gemm.h"
#include "napi-args.h"

namespace cpu_kernels {

napi_value PackMatrix(napi_env env, napi_callback_info info) {
  napi_value args[5];
  if (!readArguments(env, info, "packMatrix", 5, args)) return nullptr;
  float *b, *out;
  std::size_t lengthB, lengthOut, k, n, size;
  bool transposed;
  if (!readFloat32Array(env, args[0], "b", &b, &lengthB) || !readFloat32Array(env, args[1], "out", &out, &lengthOut) ||
      !readSize(env, args[2], "k", &k) || !readSize(env, args[3], "n", &n) || !readBool(env, args[4], "transposed", &transposed)) {
    return nullptr;
  }
  // The padded size is at most (n + GEMM_NR)·k: checked for overflow before packedPanelsSize computes it.
  if (!product(n + GEMM_NR, k, 1, &size) || !product(n, k, 1, &size) || lengthB < size || lengthOut < packedPanelsSize(k, n)) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", "packMatrix: array lengths do not match the shapes given");
    return nullptr;
  }
  packPanels(b, k, n, transposed, out);
  return nullptr;
}

napi_value PackedMatMul(napi_env env, napi_callback_info info) {
  napi_value args[7];
  if (!readArguments(env, info, "packedMatMul", 7, args)) return nullptr;
  float *a, *packed, *out;
  std::size_t lengthA, lengthPacked, lengthOut, m, k, n, padded, needA, needOut;
  bool transposedProduct;
  if (!readFloat32Array(env, args[0], "a", &a, &lengthA) || !readFloat32Array(env, args[1], "packed", &packed, &lengthPacked) ||
      !readFloat32Array(env, args[2], "out", &out, &lengthOut) || !readSize(env, args[3], "m", &m) || !readSize(env, args[4], "k", &k) ||
      !readSize(env, args[5], "n", &n) || !readBool(env, args[6], "transposedProduct", &transposedProduct)) {
    return nullptr;
  }
  const std::size_t depth = transposedProduct ? n : k;
  const std::size_t width = transposedProduct ? k : n;
  if (!product(n + GEMM_NR, k, 1, &padded) || !product(m, depth, 1, &needA) || !product(m, width, 1, &needOut) ||
      lengthPacked < packedPanelsSize(k, n) || lengthA < needA || lengthOut < needOut) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", "packedMatMul: array lengths do not match the shapes given");
    return nullptr;
  }
  gemmPacked(m, n, k, a, packed, transposedProduct, out);
  return nullptr;
}

}  // namespace cpu_kernels
