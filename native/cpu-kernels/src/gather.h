// Gathering rows of a float32 table by index (an embedding lookup, tfjs's GatherV2 along one axis), with its N-API
// entry point.
#pragma once

#include <node_api.h>

namespace cpu_kernels {

/**
 * gatherRows(table, indices, out, outer, rows, width): out[o, i, 0..width) = table[o, indices[i], 0..width) for
 * table [outer, rows, width] and out [outer, indices.length, width]. An index outside [0, rows) is refused, naming it,
 * before anything is written.
 */
napi_value GatherRows(napi_env env, napi_callback_info info);

}  // namespace cpu_kernels
