// Softmax cross-entropy over the vocabulary straight from the final hidden states and the frozen output head,
// chunk by chunk of rows: only one chunk's logits exist at a time, never the whole [rows, vocab] matrix or its
// gradient.
#pragma once

#include <node_api.h>

#include <cstddef>
#include <cstdint>

namespace cpu_kernels {

struct HeadLoss {
  const float* hidden;           // [rows, width]
  const float* head;             // [vocab, width]: logits = hidden · headᵀ
  const std::int32_t* targetIds; // [rows], in [0, vocab) wherever the weight is not 0
  const float* lossWeights;      // [rows]; rows of weight 0 are skipped
  std::size_t rows, width, vocab;
};

/**
 * Σ_i w_i · (logsumexp(logits_i) − logits_i[target_i]), and, when `hiddenGradient` [rows, width] is not null, its
 * gradient with respect to the hidden states, Σ_v w_i · (softmax(logits_i)_v − [v = target_i]) · head_v.
 */
double headCrossEntropy(const HeadLoss& loss, float* hiddenGradient);

// headCrossEntropy(hidden, head, targetIds, lossWeights, rows, width, vocab, hiddenGradient) → the loss; the
// gradient is written into hiddenGradient unless it is empty.
napi_value HeadCrossEntropyEntry(napi_env env, napi_callback_info info);

}  // namespace cpu_kernels
