// SwiGLU's activation, out = silu(gate) · up = gate · sigmoid(gate) · up elementwise, and its gradient, with their
// N-API entry points.
#pragma once

#include <node_api.h>

namespace cpu_kernels {

/** swiGlu(gate, up, out, size): out = gate · sigmoid(gate) · up. */
napi_value SwiGlu(napi_env env, napi_callback_info info);

/**
 * swiGluGrad(dy, gate, up, dgate, dup, size): dup = dy · silu(gate),
 * dgate = dy · up · sigmoid(gate) · (1 + gate · (1 − sigmoid(gate))).
 */
napi_value SwiGluGrad(napi_env env, napi_callback_info info);

}  // namespace cpu_kernels
