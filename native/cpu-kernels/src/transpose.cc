// Axes of size 1 are dropped and neighbouring axes that stay neighbours are merged first, so that the permutation
// left is the smallest that describes the copy: splitting heads, [B, T, H, D] → [B, H, T, D], becomes copies of D
// contiguous floats. The output is written in order, rows of it spread over the pool.
#include "transpose.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "napi-args.h"
#include "thread-pool.h"

namespace cpu_kernels {
namespace {

struct Permutation {
  std::vector<std::size_t> shape;  // x's axes, after dropping and merging
  std::vector<std::size_t> perm;   // out's axis i is x's axis perm[i]
};

// The same copy over fewer axes: size-1 axes dropped, and x's axes a, a + 1 merged where out keeps them adjacent.
Permutation simplified(const std::vector<std::size_t>& shape, const std::vector<std::size_t>& perm) {
  std::vector<std::size_t> kept;  // x's axes of size > 1, renumbered in x's order
  std::vector<std::size_t> number(shape.size());
  for (std::size_t a = 0; a < shape.size(); a++) {
    if (shape[a] > 1) {
      number[a] = kept.size();
      kept.push_back(shape[a]);
    }
  }
  std::vector<std::size_t> order;  // out's axes as kept x axes
  for (const std::size_t a : perm) {
    if (shape[a] > 1) order.push_back(number[a]);
  }
  // Runs of out's axes that are consecutive x axes merge into one.
  Permutation result;
  std::vector<std::size_t> runStart;  // per run: its first x axis
  for (std::size_t i = 0; i < order.size(); i++) {
    if (i > 0 && order[i] == order[i - 1] + 1) continue;
    runStart.push_back(order[i]);
  }
  std::vector<std::size_t> starts = runStart;
  std::sort(starts.begin(), starts.end());
  for (std::size_t r = 0; r < starts.size(); r++) {
    const std::size_t end = r + 1 < starts.size() ? starts[r + 1] : kept.size();
    std::size_t size = 1;
    for (std::size_t a = starts[r]; a < end; a++) size *= kept[a];
    result.shape.push_back(size);
  }
  for (const std::size_t start : runStart) result.perm.push_back(std::lower_bound(starts.begin(), starts.end(), start) - starts.begin());
  return result;
}

void transpose(const float* x, float* out, const Permutation& p) {
  const std::size_t rank = p.shape.size();
  std::size_t total = 1;
  for (const std::size_t size : p.shape) total *= size;
  if (rank <= 1) {
    std::copy_n(x, total, out);
    return;
  }
  std::vector<std::size_t> stride(rank);  // x's strides
  stride[rank - 1] = 1;
  for (std::size_t a = rank - 1; a > 0; a--) stride[a - 1] = stride[a] * p.shape[a];
  // Out's last axis: a contiguous run of x when it is x's last axis too, else a strided walk.
  const std::size_t innerAxis = p.perm[rank - 1];
  const std::size_t inner = p.shape[innerAxis];
  const std::size_t innerStride = stride[innerAxis];
  const std::size_t rows = total / inner;
  parallelRows(rows, rowChunks(rows, inner), [&](std::size_t, std::size_t begin, std::size_t end) {
    for (std::size_t row = begin; row < end; row++) {
      // x's offset of out's row `row`: its index along out's axes 0 … rank − 2, mapped to x's strides.
      std::size_t offset = 0, rest = row;
      for (std::size_t i = rank - 1; i-- > 0;) {
        const std::size_t axis = p.perm[i];
        offset += (rest % p.shape[axis]) * stride[axis];
        rest /= p.shape[axis];
      }
      float* target = out + row * inner;
      if (innerStride == 1) {
        std::memcpy(target, x + offset, inner * sizeof(float));
      } else {
        for (std::size_t j = 0; j < inner; j++) target[j] = x[offset + j * innerStride];
      }
    }
  });
}

// Reads an Int32Array of non-negative values into `values`.
bool readSizes(napi_env env, napi_value arg, const char* name, std::vector<std::size_t>* values) {
  std::int32_t* data;
  std::size_t length;
  if (!readInt32Array(env, arg, name, &data, &length)) return false;
  for (std::size_t i = 0; i < length; i++) {
    if (data[i] < 0) {
      napi_throw_range_error(env, "ERR_CPU_KERNELS", (std::string("transpose: ") + name + " holds a negative value").c_str());
      return false;
    }
    values->push_back(static_cast<std::size_t>(data[i]));
  }
  return true;
}

}  // namespace

napi_value TransposeEntry(napi_env env, napi_callback_info info) {
  napi_value args[4];
  if (!readArguments(env, info, "transpose", 4, args)) return nullptr;
  float *x, *out;
  std::size_t lengthX, lengthOut;
  std::vector<std::size_t> shape, perm;
  if (!readFloat32Array(env, args[0], "x", &x, &lengthX) || !readFloat32Array(env, args[1], "out", &out, &lengthOut) ||
      !readSizes(env, args[2], "shape", &shape) || !readSizes(env, args[3], "perm", &perm)) {
    return nullptr;
  }
  std::vector<bool> seen(shape.size(), false);
  bool valid = perm.size() == shape.size();
  for (std::size_t i = 0; valid && i < perm.size(); i++) {
    valid = perm[i] < shape.size() && !seen[perm[i]];
    if (valid) seen[perm[i]] = true;
  }
  std::size_t total = 1;
  for (std::size_t i = 0; valid && i < shape.size(); i++) valid = product(total, shape[i], 1, &total);
  if (!valid || lengthX < total || lengthOut < total) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", "transpose: perm must permute the axes of shape, and the arrays hold shape's elements");
    return nullptr;
  }
  if (total > 0) transpose(x, out, simplified(shape, perm));
  return nullptr;
}

}  // namespace cpu_kernels
