// Every operation is tfjs's AdamOptimizer's, in its order and in float32, each constant rounded to float32 from the
// double it is derived from as tfjs rounds its scalars, so that the step equals tf.train.adam's but for the
// compiler's vectorization of the same operations (no contraction into FMAs: -ffp-contract=off).
#include "adam.h"

#include <cmath>
#include <cstddef>
#include <string>

#include "napi-args.h"
#include "thread-pool.h"

namespace cpu_kernels {
namespace {

struct AdamConstants {
  float beta1, oneMinusBeta1, beta2, oneMinusBeta2, epsilon, firstCorrection, secondCorrection, negativeLearningRate;
};

void adamRange(const float* const in[4], float* const out[3], const AdamConstants& c, std::size_t begin, std::size_t end) {
  const float *value = in[0], *gradient = in[1], *m = in[2], *v = in[3];
  for (std::size_t i = begin; i < end; i++) {
    const float g = gradient[i];
    const float newM = m[i] * c.beta1 + g * c.oneMinusBeta1;
    const float newV = v[i] * c.beta2 + (g * g) * c.oneMinusBeta2;
    const float step = (newM / c.firstCorrection) / (std::sqrt(newV / c.secondCorrection) + c.epsilon);
    out[0][i] = step * c.negativeLearningRate + value[i];
    out[1][i] = newM;
    out[2][i] = newV;
  }
}

}  // namespace

napi_value AdamStepEntry(napi_env env, napi_callback_info info) {
  napi_value args[14];
  if (!readArguments(env, info, "adamStep", 14, args)) return nullptr;
  static const char* const names[] = {"value", "gradient", "m", "v", "newValue", "newM", "newV"};
  float* arrays[7];
  std::size_t lengths[7], size;
  for (std::size_t i = 0; i < 7; i++) {
    if (!readFloat32Array(env, args[i], names[i], &arrays[i], &lengths[i])) return nullptr;
  }
  double learningRate, beta1, beta2, epsilon, firstCorrection, secondCorrection;
  if (!readSize(env, args[7], "size", &size) || !readFiniteDouble(env, args[8], "learningRate", &learningRate) ||
      !readFiniteDouble(env, args[9], "beta1", &beta1) || !readFiniteDouble(env, args[10], "beta2", &beta2) ||
      !readFiniteDouble(env, args[11], "epsilon", &epsilon) ||
      !readFiniteDouble(env, args[12], "firstCorrection", &firstCorrection) ||
      !readFiniteDouble(env, args[13], "secondCorrection", &secondCorrection)) {
    return nullptr;
  }
  for (const std::size_t length : lengths) {
    if (length < size) {
      napi_throw_range_error(env, "ERR_CPU_KERNELS", "adamStep: arrays are shorter than size");
      return nullptr;
    }
  }
  const AdamConstants c{static_cast<float>(beta1),   static_cast<float>(1 - beta1),
                        static_cast<float>(beta2),   static_cast<float>(1 - beta2),
                        static_cast<float>(epsilon), static_cast<float>(firstCorrection),
                        static_cast<float>(secondCorrection), static_cast<float>(-learningRate)};
  const float* const in[4] = {arrays[0], arrays[1], arrays[2], arrays[3]};
  float* const out[3] = {arrays[4], arrays[5], arrays[6]};
  parallelRows(size, rowChunks(size, 4), [&](std::size_t, std::size_t begin, std::size_t end) { adamRange(in, out, c, begin, end); });
  return nullptr;
}

}  // namespace cpu_kernels
