// N-API entry points. Every argument is checked here: a wrong call throws a JavaScript error instead of reading
// or writing outside the arrays it was given.
#include <node_api.h>

#include <cstdint>
#include <string>

#include "gemm.h"

namespace {

using cpu_kernels::GemmShape;

bool throwIfFailed(napi_env env, napi_status status, const char* what) {
  if (status == napi_ok) return false;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_error(env, "ERR_CPU_KERNELS", what);
  return true;
}

bool readFloat32Array(napi_env env, napi_value value, const char* name, float** data, std::size_t* length) {
  bool isTypedArray = false;
  napi_is_typedarray(env, value, &isTypedArray);
  napi_typedarray_type type;
  void* raw = nullptr;
  if (isTypedArray) napi_get_typedarray_info(env, value, &type, length, &raw, nullptr, nullptr);
  if (!isTypedArray || type != napi_float32_array) {
    napi_throw_type_error(env, "ERR_CPU_KERNELS", (std::string(name) + " must be a Float32Array").c_str());
    return false;
  }
  *data = static_cast<float*>(raw);
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

// batchMatMul(a, b, out, batch, batchA, batchB, m, n, k, transposeA, transposeB): out = op(a) · op(b).
napi_value BatchMatMul(napi_env env, napi_callback_info info) {
  std::size_t argc = 11;
  napi_value args[11];
  if (throwIfFailed(env, napi_get_cb_info(env, info, &argc, args, nullptr, nullptr), "bad call")) return nullptr;
  if (argc != 11) {
    napi_throw_type_error(env, "ERR_CPU_KERNELS", "batchMatMul takes 11 arguments");
    return nullptr;
  }
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

napi_value Init(napi_env env, napi_value exports) {
  napi_value fn, kernel, threads;
  napi_create_function(env, "batchMatMul", NAPI_AUTO_LENGTH, BatchMatMul, nullptr, &fn);
  napi_set_named_property(env, exports, "batchMatMul", fn);
  napi_create_string_utf8(env, cpu_kernels::gemmKernelName(), NAPI_AUTO_LENGTH, &kernel);
  napi_set_named_property(env, exports, "microkernel", kernel);
  napi_create_uint32(env, cpu_kernels::gemmThreadCount(), &threads);
  napi_set_named_property(env, exports, "threads", threads);
  return exports;
}

}  // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
