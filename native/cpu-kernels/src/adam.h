// One Adam step of one variable (shared/model/fused/adam-step.ts), with its N-API entry point.
#pragma once

#include <node_api.h>

namespace cpu_kernels {

/**
 * adamStep(value, gradient, m, v, newValue, newM, newV, size, learningRate, beta1, beta2, epsilon, firstCorrection,
 * secondCorrection): m' = β1·m + (1−β1)·g, v' = β2·v + (1−β2)·g², value' = value − lr·(m'/c1)/(√(v'/c2) + ε).
 */
napi_value AdamStepEntry(napi_env env, napi_callback_info info);

}  // namespace cpu_kernels
