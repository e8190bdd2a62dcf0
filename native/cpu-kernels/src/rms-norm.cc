// Each row is read twice: once for its mean square, once to scale it. Rows are independent, so they are spread over
// the pool; the weight's gradient, a sum over rows, is summed per chunk of rows and the chunks' sums added after.
//
// With r = rsqrt(mean(x²) + eps) and g = dy · weight, the gradients are
//   dx = r · g − x · r³ · Σ(g · x) / cols,   dweight = Σ_rows dy · x · r.
#include "rms-norm.h"

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "cpu-features.h"
#include "napi-args.h"
#include "thread-pool.h"
#include "vector-ops.h"

namespace cpu_kernels {
namespace {

struct RmsNormShape {
  std::size_t rows, cols;
  float eps;
};

float inverseRms(float sumOfSquares, const RmsNormShape& s) {
  return 1.0f / std::sqrt(sumOfSquares / static_cast<float>(s.cols) + s.eps);
}

void forwardRowsGeneric(const float* x, const float* w, float* y, const RmsNormShape& s, std::size_t begin,
                        std::size_t end) {
  for (std::size_t row = begin; row < end; row++) {
    const float* xr = x + row * s.cols;
    float* yr = y + row * s.cols;
    const float r = inverseRms(GenericOps::dot(xr, xr, s.cols), s);
    for (std::size_t j = 0; j < s.cols; j++) yr[j] = xr[j] * r * w[j];
  }
}

// dwPartial accumulates Σ dy · x · r over this chunk's rows.
void backwardRowsGeneric(const float* dy, const float* x, const float* w, float* dx, float* dwPartial,
                         const RmsNormShape& s, std::size_t begin, std::size_t end) {
  for (std::size_t row = begin; row < end; row++) {
    const float* xr = x + row * s.cols;
    const float* dyr = dy + row * s.cols;
    float* dxr = dx + row * s.cols;
    const float r = inverseRms(GenericOps::dot(xr, xr, s.cols), s);
    float gx = 0.0f;
    for (std::size_t j = 0; j < s.cols; j++) gx += dyr[j] * w[j] * xr[j];
    const float correction = r * r * r * gx / static_cast<float>(s.cols);
    for (std::size_t j = 0; j < s.cols; j++) {
      dxr[j] = r * (dyr[j] * w[j]) - xr[j] * correction;
      dwPartial[j] += dyr[j] * (xr[j] * r);
    }
  }
}

#ifdef CPU_KERNELS_X86
__attribute__((target("avx2,fma"))) void forwardRowsAvx2(const float* x, const float* w, float* y,
                                                         const RmsNormShape& s, std::size_t begin, std::size_t end) {
  for (std::size_t row = begin; row < end; row++) {
    const float* xr = x + row * s.cols;
    float* yr = y + row * s.cols;
    const float r = inverseRms(Avx2Ops::dot(xr, xr, s.cols), s);
    const __m256 rv = _mm256_set1_ps(r);
    std::size_t j = 0;
    for (; j + 8 <= s.cols; j += 8) {
      _mm256_storeu_ps(yr + j, _mm256_mul_ps(_mm256_mul_ps(_mm256_loadu_ps(xr + j), rv), _mm256_loadu_ps(w + j)));
    }
    for (; j < s.cols; j++) yr[j] = xr[j] * r * w[j];
  }
}

__attribute__((target("avx2,fma"))) void backwardRowsAvx2(const float* dy, const float* x, const float* w, float* dx,
                                                          float* dwPartial, const RmsNormShape& s, std::size_t begin,
                                                          std::size_t end) {
  for (std::size_t row = begin; row < end; row++) {
    const float* xr = x + row * s.cols;
    const float* dyr = dy + row * s.cols;
    float* dxr = dx + row * s.cols;
    const float r = inverseRms(Avx2Ops::dot(xr, xr, s.cols), s);
    __m256 acc = _mm256_setzero_ps();
    std::size_t j = 0;
    for (; j + 8 <= s.cols; j += 8) {
      const __m256 g = _mm256_mul_ps(_mm256_loadu_ps(dyr + j), _mm256_loadu_ps(w + j));
      acc = _mm256_fmadd_ps(g, _mm256_loadu_ps(xr + j), acc);
    }
    float gx = Avx2Ops::horizontalSum(acc);
    for (; j < s.cols; j++) gx += dyr[j] * w[j] * xr[j];
    const float correction = r * r * r * gx / static_cast<float>(s.cols);
    const __m256 rv = _mm256_set1_ps(r), cv = _mm256_set1_ps(correction);
    for (j = 0; j + 8 <= s.cols; j += 8) {
      const __m256 xv = _mm256_loadu_ps(xr + j), dyv = _mm256_loadu_ps(dyr + j);
      const __m256 g = _mm256_mul_ps(dyv, _mm256_loadu_ps(w + j));
      _mm256_storeu_ps(dxr + j, _mm256_fnmadd_ps(xv, cv, _mm256_mul_ps(rv, g)));
      _mm256_storeu_ps(dwPartial + j, _mm256_fmadd_ps(dyv, _mm256_mul_ps(xv, rv), _mm256_loadu_ps(dwPartial + j)));
    }
    for (; j < s.cols; j++) {
      dxr[j] = r * (dyr[j] * w[j]) - xr[j] * correction;
      dwPartial[j] += dyr[j] * (xr[j] * r);
    }
  }
}
#endif

void rmsNorm(const float* x, const float* w, float* y, const RmsNormShape& s) {
  const auto rows = CPU_KERNELS_CHOOSE(forwardRowsAvx2, forwardRowsGeneric);
  parallelRows(s.rows, rowChunks(s.rows, s.cols),
               [&](std::size_t, std::size_t begin, std::size_t end) { rows(x, w, y, s, begin, end); });
}

void rmsNormGrad(const float* dy, const float* x, const float* w, float* dx, float* dw, const RmsNormShape& s) {
  const auto rows = CPU_KERNELS_CHOOSE(backwardRowsAvx2, backwardRowsGeneric);
  const std::size_t chunks = rowChunks(s.rows, s.cols);
  std::vector<float> partials(chunks * s.cols, 0.0f);
  parallelRows(s.rows, chunks, [&](std::size_t chunk, std::size_t begin, std::size_t end) {
    rows(dy, x, w, dx, partials.data() + chunk * s.cols, s, begin, end);
  });
  for (std::size_t j = 0; j < s.cols; j++) {
    float sum = 0.0f;
    for (std::size_t chunk = 0; chunk < chunks; chunk++) sum += partials[chunk * s.cols + j];
    dw[j] = sum;
  }
}

// Reads rows, cols and eps from args and checks that each array holds what they say: `matrices` of [rows, cols],
// then `vectors` of [cols].
bool readShape(napi_env env, napi_value* args, const char* name, std::size_t lengths[], std::size_t matrices,
               std::size_t vectors, RmsNormShape* s) {
  const std::size_t first = matrices + vectors;
  std::size_t size = 0;
  if (!readSize(env, args[first], "rows", &s->rows) || !readSize(env, args[first + 1], "cols", &s->cols) ||
      !readFiniteFloat(env, args[first + 2], "eps", &s->eps)) {
    return false;
  }
  bool fits = product(s->rows, s->cols, 1, &size);
  for (std::size_t i = 0; i < first; i++) fits = fits && lengths[i] >= (i < matrices ? size : s->cols);
  if (!fits) napi_throw_range_error(env, "ERR_CPU_KERNELS", (std::string(name) + ": array lengths do not match the shapes given").c_str());
  return fits;
}

}  // namespace

napi_value RmsNorm(napi_env env, napi_callback_info info) {
  napi_value args[6];
  if (!readArguments(env, info, "rmsNorm", 6, args)) return nullptr;
  float *x, *w, *y;
  std::size_t lengths[3];  // x, y: matrices; weight: a vector
  RmsNormShape s{};
  if (!readFloat32Array(env, args[0], "x", &x, &lengths[0]) || !readFloat32Array(env, args[2], "y", &y, &lengths[1]) ||
      !readFloat32Array(env, args[1], "weight", &w, &lengths[2]) || !readShape(env, args, "rmsNorm", lengths, 2, 1, &s)) {
    return nullptr;
  }
  rmsNorm(x, w, y, s);
  return nullptr;
}

napi_value RmsNormGrad(napi_env env, napi_callback_info info) {
  napi_value args[8];
  if (!readArguments(env, info, "rmsNormGrad", 8, args)) return nullptr;
  float *dy, *x, *w, *dx, *dw;
  std::size_t lengths[5];  // dy, x, dx: matrices; weight, dweight: vectors
  RmsNormShape s{};
  if (!readFloat32Array(env, args[0], "dy", &dy, &lengths[0]) || !readFloat32Array(env, args[1], "x", &x, &lengths[1]) ||
      !readFloat32Array(env, args[3], "dx", &dx, &lengths[2]) ||
      !readFloat32Array(env, args[2], "weight", &w, &lengths[3]) ||
      !readFloat32Array(env, args[4], "dweight", &dw, &lengths[4]) ||
      !readShape(env, args, "rmsNormGrad", lengths, 3, 2, &s)) {
    return nullptr;
  }
  rmsNormGrad(dy, x, w, dx, dw, s);
  return nullptr;
}

}  // namespace cpu_kernels
