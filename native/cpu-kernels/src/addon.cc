// N-API entry points. Every argument is checked here: a wrong call throws a JavaScript error instead of reading
// or writing outside the arrays it was given.
#include <node_api.h>

#include <cstdint>
#include <string>

#include "gemm.h"
#include "nf4.h"

namespace {

using cpu_kernels::GemmShape;
using cpu_kernels::Nf4Matrix;

bool throwIfFailed(napi_env env, napi_status status, const char* what) {
  if (status == napi_ok) return false;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_error(env, "ERR_CPU_KERNELS", what);
  return true;
}

bool readTypedArray(napi_env env, napi_value value, const char* name, napi_typedarray_type expected, void** data,
                    std::size_t* length) {
  bool isTypedArray = false;
  napi_is_typedarray(env, value, &isTypedArray);
  napi_typedarray_type type;
  if (isTypedArray) napi_get_typedarray_info(env, value, &type, length, data, nullptr, nullptr);
  if (!isTypedArray || type != expected) {
    const char* what = expected == napi_float32_array ? " must be a Float32Array" : " must be a Uint8Array";
    napi_throw_type_error(env, "ERR_CPU_KERNELS", (std::string(name) + what).c_str());
    return false;
  }
  return true;
}

bool readFloat32Array(napi_env env, napi_value value, const char* name, float** data, std::size_t* length) {
  void* raw = nullptr;
  if (!readTypedArray(env, value, name, napi_float32_array, &raw, length)) return false;
  *data = static_cast<float*>(raw);
  return true;
}

bool readUint8Array(napi_env env, napi_value value, const char* name, std::uint8_t** data, std::size_t* length) {
  void* raw = nullptr;
  if (!readTypedArray(env, value, name, napi_uint8_array, &raw, length)) return false;
  *data = static_cast<std::uint8_t*>(raw);
  return true;
}

bool readSize(napi_env env, napi_value value, const char* name, std::size_t* out) {
  double number = 0;
  if (napi_get_value_double(env, value, &number) != napi_ok || !(number >= 0) || number > 9007199254740991.0 ||
      number != static_cast<double>(static_cast<std::int64_t>(number))) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", (std::string(name) + " must be a non-negative integer").c_str());
    return false;
  }
  *out = static_cast<std::size_t>(number);
  return true;
}

bool readBool(napi_env env, napi_value value, const char* name, bool* out) {
  if (napi_get_value_bool(env, value, out) != napi_ok) {
    napi_throw_type_error(env, "ERR_CPU_KERNELS", (std::string(name) + " must be a boolean").c_str());
    return false;
  }
  return true;
}

// x·y·z, or false when it overflows.
bool product(std::size_t x, std::size_t y, std::size_t z, std::size_t* out) {
  std::size_t xy;
  return !__builtin_mul_overflow(x, y, &xy) && !__builtin_mul_overflow(xy, z, out);
}

// Reads exactly `count` arguments of `name` into args, or throws and returns false.
bool readArguments(napi_env env, napi_callback_info info, const char* name, std::size_t count, napi_value* args) {
  std::size_t argc = count;
  if (throwIfFailed(env, napi_get_cb_info(env, info, &argc, args, nullptr, nullptr), "bad call")) return false;
  if (argc != count) {
    napi_throw_type_error(env, "ERR_CPU_KERNELS", (std::string(name) + " takes " + std::to_string(count) + " arguments").c_str());
    return false;
  }
  return true;
}

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
  cpu_kernels::batchGemm(s, a, b, out);
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
  const std::size_t blocks = sized ? (size + cpu_kernels::NF4_BLOCK - 1) / cpu_kernels::NF4_BLOCK : 0;
  const bool plain = sized && lengthAbsmax == blocks;
  const bool nested = sized && lengthAbsmax == 0 && lengthIndex >= blocks && lengthCode >= 256 &&
                      lengthNestedAbsmax >= (blocks + cpu_kernels::NF4_NESTED_BLOCK - 1) / cpu_kernels::NF4_NESTED_BLOCK;
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
  cpu_kernels::nf4Gemm(x, w, transposeW, m, out);
  return nullptr;
}

napi_value Init(napi_env env, napi_value exports) {
  napi_value fn, nf4, kernel, threads;
  napi_create_function(env, "batchMatMul", NAPI_AUTO_LENGTH, BatchMatMul, nullptr, &fn);
  napi_set_named_property(env, exports, "batchMatMul", fn);
  napi_create_function(env, "nf4MatMul", NAPI_AUTO_LENGTH, Nf4MatMul, nullptr, &nf4);
  napi_set_named_property(env, exports, "nf4MatMul", nf4);
  napi_create_string_utf8(env, cpu_kernels::gemmKernelName(), NAPI_AUTO_LENGTH, &kernel);
  napi_set_named_property(env, exports, "microkernel", kernel);
  napi_create_uint32(env, cpu_kernels::gemmThreadCount(), &threads);
  napi_set_named_property(env, exports, "threads", threads);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
