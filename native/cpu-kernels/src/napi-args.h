// Reading N-API arguments with checks: each reader throws a JavaScript error naming the argument and returns false,
// so that a wrong call never reads or writes outside the arrays it was given. Shared by every kernel's entry point.
#pragma once

#include <node_api.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>

namespace cpu_kernels {

inline bool throwIfFailed(napi_env env, napi_status status, const char* what) {
  if (status == napi_ok) return false;
  bool pending = false;
  napi_is_exception_pending(env, &pending);
  if (!pending) napi_throw_error(env, "ERR_CPU_KERNELS", what);
  return true;
}

inline bool readTypedArray(napi_env env, napi_value value, const char* name, napi_typedarray_type expected, void** data,
                    std::size_t* length) {
  bool isTypedArray = false;
  napi_is_typedarray(env, value, &isTypedArray);
  napi_typedarray_type type;
  if (isTypedArray) napi_get_typedarray_info(env, value, &type, length, data, nullptr, nullptr);
  if (!isTypedArray || type != expected) {
    const char* what = expected == napi_float32_array ? " must be a Float32Array"
                       : expected == napi_int32_array ? " must be an Int32Array"
                                                      : " must be a Uint8Array";
    napi_throw_type_error(env, "ERR_CPU_KERNELS", (std::string(name) + what).c_str());
    return false;
  }
  return true;
}

inline bool readFloat32Array(napi_env env, napi_value value, const char* name, float** data, std::size_t* length) {
  void* raw = nullptr;
  if (!readTypedArray(env, value, name, napi_float32_array, &raw, length)) return false;
  *data = static_cast<float*>(raw);
  return true;
}

inline bool readUint8Array(napi_env env, napi_value value, const char* name, std::uint8_t** data, std::size_t* length) {
  void* raw = nullptr;
  if (!readTypedArray(env, value, name, napi_uint8_array, &raw, length)) return false;
  *data = static_cast<std::uint8_t*>(raw);
  return true;
}

inline bool readInt32Array(napi_env env, napi_value value, const char* name, std::int32_t** data, std::size_t* length) {
  void* raw = nullptr;
  if (!readTypedArray(env, value, name, napi_int32_array, &raw, length)) return false;
  *data = static_cast<std::int32_t*>(raw);
  return true;
}

inline bool readSize(napi_env env, napi_value value, const char* name, std::size_t* out) {
  double number = 0;
  if (napi_get_value_double(env, value, &number) != napi_ok || !(number >= 0) || number > 9007199254740991.0 ||
      number != static_cast<double>(static_cast<std::int64_t>(number))) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", (std::string(name) + " must be a non-negative integer").c_str());
    return false;
  }
  *out = static_cast<std::size_t>(number);
  return true;
}

// A number that is finite in float32; the double as given, for a kernel that derives float constants from it.
inline bool readFiniteDouble(napi_env env, napi_value value, const char* name, double* out) {
  if (napi_get_value_double(env, value, out) != napi_ok || !std::isfinite(static_cast<float>(*out))) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", (std::string(name) + " must be a finite number").c_str());
    return false;
  }
  return true;
}

inline bool readFiniteFloat(napi_env env, napi_value value, const char* name, float* out) {
  double number = 0;
  if (!readFiniteDouble(env, value, name, &number)) return false;
  *out = static_cast<float>(number);
  return true;
}

inline bool readBool(napi_env env, napi_value value, const char* name, bool* out) {
  if (napi_get_value_bool(env, value, out) != napi_ok) {
    napi_throw_type_error(env, "ERR_CPU_KERNELS", (std::string(name) + " must be a boolean").c_str());
    return false;
  }
  return true;
}

// x·y·z, or false when it overflows.
inline bool product(std::size_t x, std::size_t y, std::size_t z, std::size_t* out) {
  std::size_t xy;
  return !__builtin_mul_overflow(x, y, &xy) && !__builtin_mul_overflow(xy, z, out);
}

// Reads exactly `count` arguments of `name` into args, or throws and returns false.
inline bool readArguments(napi_env env, napi_callback_info info, const char* name, std::size_t count, napi_value* args) {
  std::size_t argc = count;
  if (throwIfFailed(env, napi_get_cb_info(env, info, &argc, args, nullptr, nullptr), "bad call")) return false;
  if (argc != count) {
    napi_throw_type_error(env, "ERR_CPU_KERNELS", (std::string(name) + " takes " + std::to_string(count) + " arguments").c_str());
    return false;
  }
  return true;
}


/** Registers `fn` as exports[name]. */
inline void exportFunction(napi_env env, napi_value exports, const char* name, napi_callback fn) {
  napi_value value;
  napi_create_function(env, name, NAPI_AUTO_LENGTH, fn, nullptr, &value);
  napi_set_named_property(env, exports, name, value);
}

}  // namespace cpu_kernels
