// N-API entry points of the matrix products, and the module's exports. Every argument is checked (napi-args.h): a
// wrong call throws a JavaScript error instead of reading or writing outside the arrays it was given. Each fused
// kernel's entry point lives beside its kernel and is exported from Init.
#include <node_api.h>

#include <cstdint>
#include <string>

#include "adam.h"
#include "attention.h"
#include "cross-entropy.h"
#include "gather.h"
#include "gemm.h"
#include "lora-path.h"
#include "napi-args.h"
#include "nf4.h"
#include "packed-gemm.h"
#include "rms-norm.h"
#include "rotary.h"
#include "swiglu.h"
#include "transpose.h"

namespace {

using namespace cpu_kernels;

// batchMatMul(a, b, out, batch, batchA, batchB, m, n, k, transposeA, transposeB): out = op(a) · op(b).
napi_value BatchMatMul(napi_env env, napi_callback_info info) {
  napi_value args[11];
  if (!readArguments(env, info, "batchMatMul", 11, args)) return nullptr;
  float *a, *b, *out;
  std::size_t lengthA, lengthB, lengthOut;
  GemmShape s{};
  if (!readFloat32Array(env, args[0], "a", &a, &lengthA) || !readFloat32Array(env, args[1], "b", &b, &lengthB) ||
      !readFloat32Array(env, args[2], "out", &out, &lengthOut) || !readSize(env, args[3], "batch", &s.batch) ||
      !readSize(env, args[4], "batchA", &s.batchA) || !readSize(env, args[5], "batchB", &s.batchB) ||
      !readSize(env, args[6], "m", &s.m) || !readSize(env, args[7], "n", &s.n) || !readSize(env, args[8], "k", &s.k) ||
      !readBool(env, args[9], "transposeA", &s.transposeA) || !readBool(env, args[10], "transposeB", &s.transposeB)) {
    return nullptr;
  }
  const bool batchesFit = (s.batchA == s.batch || s.batchA == 1) && (s.batchB == s.batch || s.batchB == 1);
  std::size_t needA, needB, needOut;
  if (!batchesFit || !product(s.batchA, s.m, s.k, &needA) || !product(s.batchB, s.k, s.n, &needB) ||
      !product(s.batch, s.m, s.n, &needOut) || lengthA < needA || lengthB < needB || lengthOut < needOut) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", "batchMatMul: array lengths do not match the shapes given");
    return nullptr;
  }
  batchGemm(s, a, b, out);
  return nullptr;
}

// nf4MatMul(x, out, m, transposeWeight, codes, rows, cols, absmax, nestedIndex, nestedAbsmax, nestedCode, offset):
// out = x · op(W) for W[rows, cols] in NF4 (see nf4.h). The block scales are `absmax`, or, when it is empty, the
// nested 8-bit ones.
napi_value Nf4MatMul(napi_env env, napi_callback_info info) {
  napi_value args[12];
  if (!readArguments(env, info, "nf4MatMul", 12, args)) return nullptr;
  float *x, *out, *absmax, *nestedAbsmax, *nestedCode;
  std::uint8_t *codes, *nestedIndex;
  std::size_t lengthX, lengthOut, lengthCodes, lengthAbsmax, lengthIndex, lengthNestedAbsmax, lengthCode, m;
  bool transposeW;
  Nf4Matrix w{};
  double offset = 0;
  if (!readFloat32Array(env, args[0], "x", &x, &lengthX) || !readFloat32Array(env, args[1], "out", &out, &lengthOut) ||
      !readSize(env, args[2], "m", &m) || !readBool(env, args[3], "transposeWeight", &transposeW) ||
      !readUint8Array(env, args[4], "codes", &codes, &lengthCodes) || !readSize(env, args[5], "rows", &w.rows) ||
      !readSize(env, args[6], "cols", &w.cols) || !readFloat32Array(env, args[7], "absmax", &absmax, &lengthAbsmax) ||
      !readUint8Array(env, args[8], "nestedIndex", &nestedIndex, &lengthIndex) ||
      !readFloat32Array(env, args[9], "nestedAbsmax", &nestedAbsmax, &lengthNestedAbsmax) ||
      !readFloat32Array(env, args[10], "nestedCode", &nestedCode, &lengthCode)) {
    return nullptr;
  }
  if (napi_get_value_double(env, args[11], &offset) != napi_ok) {
    napi_throw_type_error(env, "ERR_CPU_KERNELS", "offset must be a number");
    return nullptr;
  }
  const std::size_t k = transposeW ? w.cols : w.rows;
  const std::size_t n = transposeW ? w.rows : w.cols;
  std::size_t size, needX, needOut;
  const bool sized = product(w.rows, w.cols, 1, &size) && product(m, k, 1, &needX) && product(m, n, 1, &needOut);
  const std::size_t blocks = sized ? (size + NF4_BLOCK - 1) / NF4_BLOCK : 0;
  const bool plain = sized && lengthAbsmax == blocks;
  const bool nested = sized && lengthAbsmax == 0 && lengthIndex >= blocks && lengthCode >= 256 &&
                      lengthNestedAbsmax >= (blocks + NF4_NESTED_BLOCK - 1) / NF4_NESTED_BLOCK;
  if (!sized || (!plain && !nested) || lengthCodes < (size + 1) / 2 || lengthX < needX || lengthOut < needOut) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", "nf4MatMul: array lengths do not match the shapes given");
    return nullptr;
  }
  w.codes = codes;
  w.absmax = plain ? absmax : nullptr;
  w.nestedIndex = nestedIndex;
  w.nestedAbsmax = nestedAbsmax;
  w.nestedCode = nestedCode;
  w.offset = static_cast<float>(offset);
  nf4Gemm(x, w, transposeW, m, out);
  return nullptr;
}

napi_value Init(napi_env env, napi_value exports) {
  exportFunction(env, exports, "adamStep", AdamStepEntry);
  exportFunction(env, exports, "batchMatMul", BatchMatMul);
  exportFunction(env, exports, "nf4MatMul", Nf4MatMul);
  exportFunction(env, exports, "attentionForward", AttentionForwardEntry);
  exportFunction(env, exports, "attentionBackward", AttentionBackwardEntry);
  exportFunction(env, exports, "gatherRows", GatherRows);
  exportFunction(env, exports, "headCrossEntropy", HeadCrossEntropyEntry);
  exportFunction(env, exports, "loraPath", LoraPathEntry);
  exportFunction(env, exports, "loraPathGrad", LoraPathGradEntry);
  exportFunction(env, exports, "packMatrix", PackMatrix);
  exportFunction(env, exports, "packedMatMul", PackedMatMul);
  exportFunction(env, exports, "rmsNorm", RmsNorm);
  exportFunction(env, exports, "rmsNormGrad", RmsNormGrad);
  exportFunction(env, exports, "rotaryHeads", RotaryHeads);
  exportFunction(env, exports, "swiGlu", SwiGlu);
  exportFunction(env, exports, "swiGluGrad", SwiGluGrad);
  exportFunction(env, exports, "transpose", TransposeEntry);
  napi_value kernel, threads;
  napi_create_string_utf8(env, gemmKernelName(), NAPI_AUTO_LENGTH, &kernel);
  napi_set_named_property(env, exports, "microkernel", kernel);
  napi_create_uint32(env, gemmThreadCount(), &threads);
  napi_set_named_property(env, exports, "threads", threads);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
