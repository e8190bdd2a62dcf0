#include "cross-entropy.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <vector>

#include "cpu-features.h"
#include "gemm.h"
#include "napi-args.h"
#include "thread-pool.h"
#include "vector-exp.h"

namespace cpu_kernels {
namespace {

// Logits of one chunk of rows, in floats (32 MiB): the rows per chunk are this divided by the vocabulary.
constexpr std::size_t CHUNK_LOGITS = std::size_t{1} << 23;
// Narrowest slice of the vocabulary worth its own product (see VocabSlices).
constexpr std::size_t MIN_SLICE = 1024;

// The vocabulary as `count` slices of `width` consecutive head rows, then a `tail` of the rest. The products of a
// chunk run batched over the slices: hidden · sliceᵀ for the logits, and dlogits_slice · slice summed over the
// slices for the gradient, whose own shape ([rows, width of the model]) is too small to spread over the threads.
struct VocabSlices {
  std::size_t count, width, tail;

  explicit VocabSlices(std::size_t vocab)
      : count(std::clamp<std::size_t>(vocab / MIN_SLICE, 1, gemmThreadCount())), width(vocab / count), tail(vocab - count * width) {}
};

// One chunk's logits for `rows` rows: slice s of row i at slices[s·rows·width + i·width], the tail at tail[i·tail].
struct ChunkLogits {
  float* slices;
  float* tail;
  std::size_t rows;
  const VocabSlices& vocab;

  // Calls visit(values, count) for each piece of row i, in vocabulary order.
  template <typename Visit>
  void forEachPiece(std::size_t i, const Visit& visit) const {
    for (std::size_t s = 0; s < vocab.count; s++) visit(slices + (s * rows + i) * vocab.width, vocab.width);
    if (vocab.tail > 0) visit(tail + i * vocab.tail, vocab.tail);
  }

  float& at(std::size_t i, std::size_t v) const {
    const std::size_t s = v / vocab.width;
    return s < vocab.count ? slices[(s * rows + i) * vocab.width + v % vocab.width] : tail[i * vocab.tail + v - vocab.count * vocab.width];
  }
};

// The vector code of a row's softmax: its maximum, Σ exp(x − shift) (kept in place with `store`), and a scaling.
struct RowMath {
  float (*max)(const float* x, std::size_t n);
  double (*expSum)(float* x, std::size_t n, float shift, bool store);
  void (*scale)(float* x, std::size_t n, float factor);
};

float maxGeneric(const float* x, std::size_t n) {
  float max = -std::numeric_limits<float>::infinity();
  for (std::size_t v = 0; v < n; v++) max = std::max(max, x[v]);
  return max;
}

double expSumGeneric(float* x, std::size_t n, float shift, bool store) {
  double sum = 0;
  for (std::size_t v = 0; v < n; v++) {
    const float e = std::exp(x[v] - shift);
    if (store) x[v] = e;
    sum += e;
  }
  return sum;
}

void scaleGeneric(float* x, std::size_t n, float factor) {
  for (std::size_t v = 0; v < n; v++) x[v] *= factor;
}

#ifdef CPU_KERNELS_X86
// Exponentials summed in float lanes over this many logits at a time, then in double: the sum of a 128k vocabulary
// keeps double's accuracy to well within the loss's float tolerance.
constexpr std::size_t SUM_BLOCK = 256;

__attribute__((target("avx2,fma"))) float laneSum(__m256 v) {
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, v);
  return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

__attribute__((target("avx2,fma"))) float maxAvx2(const float* x, std::size_t n) {
  __m256 max = _mm256_set1_ps(-std::numeric_limits<float>::infinity());
  std::size_t v = 0;
  for (; v + 8 <= n; v += 8) max = _mm256_max_ps(max, _mm256_loadu_ps(x + v));
  alignas(32) float lanes[8];
  _mm256_store_ps(lanes, max);
  float result = *std::max_element(lanes, lanes + 8);
  for (; v < n; v++) result = std::max(result, x[v]);
  return result;
}

__attribute__((target("avx2,fma"))) double expSumAvx2(float* x, std::size_t n, float shift, bool store) {
  const __m256 s = _mm256_set1_ps(shift);
  double sum = 0;
  std::size_t v = 0;
  while (v + 8 <= n) {
    __m256 block = _mm256_setzero_ps();
    for (const std::size_t end = std::min(n, v + SUM_BLOCK); v + 8 <= end; v += 8) {
      const __m256 e = exp256(_mm256_sub_ps(_mm256_loadu_ps(x + v), s));
      if (store) _mm256_storeu_ps(x + v, e);
      block = _mm256_add_ps(block, e);
    }
    sum += laneSum(block);
  }
  if (v < n) {
    // The last 1–7 logits, padded with −∞, whose exponential is 0.
    alignas(32) float tail[8];
    std::fill(tail, tail + 8, -std::numeric_limits<float>::infinity());
    std::copy(x + v, x + n, tail);
    _mm256_store_ps(tail, exp256(_mm256_sub_ps(_mm256_load_ps(tail), s)));
    if (store) std::copy(tail, tail + (n - v), x + v);
    sum += laneSum(_mm256_load_ps(tail));
  }
  return sum;
}

__attribute__((target("avx2,fma"))) void scaleAvx2(float* x, std::size_t n, float factor) {
  const __m256 f = _mm256_set1_ps(factor);
  std::size_t v = 0;
  for (; v + 8 <= n; v += 8) _mm256_storeu_ps(x + v, _mm256_mul_ps(_mm256_loadu_ps(x + v), f));
  for (; v < n; v++) x[v] *= factor;
}
#endif

const RowMath& rowMath() {
  static const RowMath chosen = CPU_KERNELS_CHOOSE((RowMath{maxAvx2, expSumAvx2, scaleAvx2}), (RowMath{maxGeneric, expSumGeneric, scaleGeneric}));
  return chosen;
}

// Row i's loss w · (logsumexp − logit[target]); with `gradient`, its logits become w · (softmax − onehot(target)).
// One exponential per logit: with the gradient, exp(logit − max) is kept in place and scaled by w / Σ after.
double rowLoss(const ChunkLogits& logits, std::size_t i, std::int32_t target, float weight, bool gradient) {
  const RowMath& math = rowMath();
  const float targetLogit = logits.at(i, target);
  float max = -std::numeric_limits<float>::infinity();
  logits.forEachPiece(i, [&](const float* values, std::size_t count) { max = std::max(max, math.max(values, count)); });
  double sum = 0;
  logits.forEachPiece(i, [&](float* values, std::size_t count) { sum += math.expSum(values, count, max, gradient); });
  const double logSumExp = max + std::log(sum);
  if (gradient) {
    const float scale = static_cast<float>(weight / sum);
    logits.forEachPiece(i, [&](float* values, std::size_t count) { math.scale(values, count, scale); });
    logits.at(i, target) -= weight;
  }
  return static_cast<double>(weight) * (logSumExp - targetLogit);
}

}  // namespace

double headCrossEntropy(const HeadLoss& in, float* hiddenGradient) {
  const std::size_t width = in.width;
  if (hiddenGradient != nullptr) std::fill(hiddenGradient, hiddenGradient + in.rows * width, 0.0f);
  std::vector<std::size_t> weighted;
  for (std::size_t i = 0; i < in.rows; i++) {
    if (in.lossWeights[i] != 0.0f) weighted.push_back(i);
  }
  if (weighted.empty()) return 0;
  const VocabSlices vocab(in.vocab);
  const std::size_t chunkRows = std::clamp<std::size_t>(CHUNK_LOGITS / in.vocab, 1, weighted.size());
  std::unique_ptr<float[]> hidden(new float[chunkRows * width]);
  std::unique_ptr<float[]> sliceLogits(new float[vocab.count * chunkRows * vocab.width]);
  std::unique_ptr<float[]> tailLogits(new float[chunkRows * vocab.tail]);
  std::unique_ptr<float[]> partial(hiddenGradient ? new float[(vocab.count + 1) * chunkRows * width] : nullptr);
  const float* tailHead = in.head + vocab.count * vocab.width * width;
  std::vector<double> losses(weighted.size());
  for (std::size_t first = 0; first < weighted.size(); first += chunkRows) {
    const std::size_t rows = std::min(chunkRows, weighted.size() - first);
    const std::size_t* chunk = weighted.data() + first;
    // Rows in contiguous chunks: one task per row would make the threads contend for every claim.
    const auto eachRow = [&](std::size_t cost, const auto& visit) {
      parallelRows(rows, rowChunks(rows, cost), [&](std::size_t, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; i++) visit(i);
      });
    };
    eachRow(width, [&](std::size_t i) { std::copy_n(in.hidden + chunk[i] * width, width, hidden.get() + i * width); });
    batchGemm({vocab.count, 1, vocab.count, rows, vocab.width, width, false, true}, hidden.get(), in.head, sliceLogits.get());
    if (vocab.tail > 0) batchGemm({1, 1, 1, rows, vocab.tail, width, false, true}, hidden.get(), tailHead, tailLogits.get());
    const ChunkLogits logits{sliceLogits.get(), tailLogits.get(), rows, vocab};
    eachRow(4 * in.vocab, [&](std::size_t i) {
      losses[first + i] = rowLoss(logits, i, in.targetIds[chunk[i]], in.lossWeights[chunk[i]], hiddenGradient != nullptr);
    });
    if (hiddenGradient == nullptr) continue;
    // partial[s] = dlogits_slice · slice for each slice, partial[count] the tail's; their sum is the gradient.
    float* tailPartial = partial.get() + vocab.count * rows * width;
    batchGemm({vocab.count, vocab.count, vocab.count, rows, width, vocab.width, false, false}, sliceLogits.get(), in.head, partial.get());
    if (vocab.tail > 0) batchGemm({1, 1, 1, rows, width, vocab.tail, false, false}, tailLogits.get(), tailHead, tailPartial);
    eachRow((vocab.count + 1) * width, [&](std::size_t i) {
      float* out = hiddenGradient + chunk[i] * width;
      for (std::size_t s = 0; s < vocab.count; s++) {
        const float* piece = partial.get() + (s * rows + i) * width;
        for (std::size_t c = 0; c < width; c++) out[c] += piece[c];
      }
      if (vocab.tail > 0) {
        for (std::size_t c = 0; c < width; c++) out[c] += tailPartial[i * width + c];
      }
    });
  }
  double total = 0;
  for (const double loss : losses) total += loss;
  return total;
}

napi_value HeadCrossEntropyEntry(napi_env env, napi_callback_info info) {
  napi_value args[8];
  if (!readArguments(env, info, "headCrossEntropy", 8, args)) return nullptr;
  float *hidden, *head, *weights, *gradient;
  std::int32_t* targets;
  std::size_t lengthHidden, lengthHead, lengthTargets, lengthWeights, lengthGradient;
  HeadLoss loss{};
  if (!readFloat32Array(env, args[0], "hidden", &hidden, &lengthHidden) || !readFloat32Array(env, args[1], "head", &head, &lengthHead) ||
      !readInt32Array(env, args[2], "targetIds", &targets, &lengthTargets) ||
      !readFloat32Array(env, args[3], "lossWeights", &weights, &lengthWeights) || !readSize(env, args[4], "rows", &loss.rows) ||
      !readSize(env, args[5], "width", &loss.width) || !readSize(env, args[6], "vocab", &loss.vocab) ||
      !readFloat32Array(env, args[7], "hiddenGradient", &gradient, &lengthGradient)) {
    return nullptr;
  }
  std::size_t needHidden, needHead;
  if (loss.vocab == 0 || !product(loss.rows, loss.width, 1, &needHidden) || !product(loss.vocab, loss.width, 1, &needHead) ||
      lengthHidden < needHidden || lengthHead < needHead || lengthTargets < loss.rows || lengthWeights < loss.rows ||
      (lengthGradient != 0 && lengthGradient < needHidden)) {
    napi_throw_range_error(env, "ERR_CPU_KERNELS", "headCrossEntropy: array lengths do not match the shapes given");
    return nullptr;
  }
  for (std::size_t i = 0; i < loss.rows; i++) {
    if (weights[i] != 0.0f && (targets[i] < 0 || static_cast<std::size_t>(targets[i]) >= loss.vocab)) {
      const std::string message = "headCrossEntropy: target id " + std::to_string(targets[i]) + " at row " + std::to_string(i) +
                                  " is outside the vocabulary of " + std::to_string(loss.vocab);
      napi_throw_range_error(env, "ERR_CPU_KERNELS", message.c_str());
      return nullptr;
    }
  }
  loss.hidden = hidden;
  loss.head = head;
  loss.targetIds = targets;
  loss.lossWeights = weights;
  napi_value result;
  napi_create_double(env, headCrossEntropy(loss, lengthGradient == 0 ? nullptr : gradient), &result);
  return result;
}

}  // namespace cpu_kernels
