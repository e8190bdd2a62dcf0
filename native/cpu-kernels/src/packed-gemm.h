// N-API entry points of the products with a matrix packed once for the SGEMM (a frozen weight): see gemm.h.
#pragma once

#include <node_api.h>

namespace cpu_kernels {

// packMatrix(b, out, k, n, transposed): out = op(b)[k, n] packed whole (packPanels).
napi_value PackMatrix(napi_env env, napi_callback_info info);

// packedMatMul(a, packed, out, m, k, n, transposedProduct): out[m, n] = a[m, k] · P, or out[m, k] = a[m, n] · Pᵀ,
// for P[k, n] packed by packMatrix.
napi_value PackedMatMul(napi_env env, napi_callback_info info);

}  // namespace cpu_kernels
