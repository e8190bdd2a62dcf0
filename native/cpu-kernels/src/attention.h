// Causal grouped-query attention computed flash-style: keys are visited block by block with an online softmax, so
// the [T, S] scores never exist whole; the backward recomputes them from q, k and the forward's row logsumexps.
#pragma once

#include <node_api.h>

#include <cstddef>

namespace cpu_kernels {

/**
 * q, out, dq: [batch, heads, queries, dim]; k, v, dk, dv: [batch, kvHeads, keys, dim]; logsumexp: [batch, heads,
 * queries]. kv head j serves query heads j·R … (j+1)·R − 1 (R = heads / kvHeads); the queries are the last
 * `queries` of the `keys` positions, and query t attends keys s ≤ keys − queries + t. Scores are scaled by 1/√dim.
 */
struct AttentionShape {
  std::size_t batch, heads, kvHeads, queries, keys, dim;
};

/** out = softmax(q·kᵀ/√dim + causal mask) · v, and each query row's logsumexp of its scaled, masked scores. */
void attentionForward(const AttentionShape& shape, const float* q, const float* k, const float* v, float* out,
                      float* logsumexp);

/** dq, dk, dv (overwritten) from the output's gradient dOut and the forward's out and logsumexp. */
void attentionBackward(const AttentionShape& shape, const float* q, const float* k, const float* v, const float* out,
                       const float* logsumexp, const float* dOut, float* dq, float* dk, float* dv);

// The N-API entry points, exported from addon.cc: attentionForward(q, k, v, out, logsumexp, batch, heads, kvHeads,
// queries, keys, dim) and attentionBackward(q, k, v, out, logsumexp, dOut, dq, dk, dv, batch, heads, kvHeads,
// queries, keys, dim), every argument checked (napi-args.h).
napi_value AttentionForwardEntry(napi_env env, napi_callback_info info);
napi_value AttentionBackwardEntry(napi_env env, napi_callback_info info);

}  // namespace cpu_kernels
