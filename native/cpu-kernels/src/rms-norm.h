// RMSNorm over the last axis, y = x · rsqrt(mean(x²) + eps) · weight for x [rows, cols], and its gradient, with
// their N-API entry points.
#pragma once

#include <node_api.h>

namespace cpu_kernels {

/** rmsNorm(x, weight, y, rows, cols, eps): y = x · rsqrt(mean(x²) + eps) · weight, row by row. */
napi_value RmsNorm(napi_env env, napi_callback_info info);

/**
 * rmsNormGrad(dy, x, weight, dx, dweight, rows, cols, eps): the gradients of RMSNorm for the output gradient dy,
 * dx [rows, cols] and dweight [cols] (summed over the rows).
 */
napi_value RmsNormGrad(napi_env env, napi_callback_info info);

}  // namespace cpu_kernels
