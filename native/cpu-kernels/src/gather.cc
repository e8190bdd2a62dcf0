// The rows are copied whole; the indices are checked first, so a refused call leaves `out` untouched.
#include "gather.h"

#include <algorithm>
#include <cstdint>
#include <string>

#include "napi-args.h"
#include "thread-pool.h"

namespace cpu_kernels {

napi_value GatherRows(napi_env env, napi_callback_info info) {
  napi_value args[6];
  if (!readArguments(env, info, "gatherRows", 6, args)) return nullptr;
  float *table, *out;
  std::int32_t* indices;
  std::size_t tableLength, count, outLength, outer, rows, width, tableSize, outSize;
  if (!readFloat32Array(env, args[0], "table", &table, &tableLength) ||
      !readInt32Array(env, args[1], "indices", &indices, &count) ||
      !readFloat32Array(env, args[2], "out", &out, &outLength) || !readSize(env, args[3], "outer", &outer) ||
      !readSize(env, args[4], "rows", &rows) || !readSize(env, args[5], "width", &width)) {
    return nullptr;
  }
  if (!product(outer, rows, width, &tableSize) || !product(outer, count, width, &outSize) || tableLength < tableSize ||
      outLength < outSize) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", "gatherRows: array lengths do not match the shapes given");
    return nullptr;
  }
  for (std::size_t i = 0; i < count; i++) {
    if (indices[i] < 0 || static_cast<std::size_t>(indices[i]) >= rows) {
      const std::string message = "gatherRows: index " + std::to_string(indices[i]) + " at position " + std::to_string(i) +
                                  " is not in [0, " + std::to_string(rows) + ")";
      napi_throw_range_error(env, "ERR_CPU_KERNELS", message.c_str());
      return nullptr;
    }
  }
  parallelRows(outer * count, rowChunks(outer * count, width), [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t row = begin; row < end; row++) {
      const std::size_t o = row / count, i = row % count;
      std::copy_n(table + (o * rows + static_cast<std::size_t>(indices[i])) * width, width, out + row * width);
    }
  });
  return nullptr;
}

}  // namespace cpu_kernels
