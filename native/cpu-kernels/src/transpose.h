// Permuting a float32 tensor's axes (tfjs's Transpose), with its N-API entry point.
#pragma once

#include <node_api.h>

namespace cpu_kernels {

/**
 * transpose(x, out, shape, perm): out = x with its axes permuted, out's axis i being x's axis perm[i]; shape
 * (x's) and perm are Int32Arrays of one length, perm a permutation of 0 … rank − 1.
 */
napi_value TransposeEntry(napi_env env, napi_callback_info info);

}  // namespace cpu_kernels
