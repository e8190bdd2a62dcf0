// Rotary position embedding fused with the split into heads, and its gradient, with their N-API entry point.
#pragma once

#include <node_api.h>

namespace cpu_kernels {

/**
 * rotaryHeads(x, cos, sin, out, batch, seqLen, heads, headDim, backward), with D = headDim, half = D / 2 and cos, sin
 * [seqLen, D]. Forward: x [batch, seqLen, heads, D] → out [batch, heads, seqLen, D], each row x·cos + rotate_half(x)·sin
 * where rotate_half(x) = (−x[half:], x[:half]) (Hugging Face's convention). Backward: the gradient of that, from
 * dy [batch, heads, seqLen, D] to dx [batch, seqLen, heads, D], dx[:half] = dy[:half]·cos[:half] + dy[half:]·sin[half:],
 * dx[half:] = dy[half:]·cos[half:] − dy[:half]·sin[:half] (the rotation by −angle for Hugging Face's tables).
 */
napi_value RotaryHeads(napi_env env, napi_callback_info info);

}  // namespace cpu_kernels
