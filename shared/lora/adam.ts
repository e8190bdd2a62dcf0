/**
 * Adam over a set of variables, with tf.train.adam's defaults and arithmetic (β1 0.9, β2 0.999, ε the backend's,
 * bias corrections accumulated in float32), each variable's step one fused kernel where the backend has it
 * (shared/model/fused/adam-step.ts). The moments start at zero with the first gradient a variable receives.
 */
import * as tf from '@tensorflow/tfjs';
import { adamStep } from '../model/fused/adam-step.js';

const BETA1 = 0.9;
const BETA2 = 0.999;

export class Adam {
  private readonly moments = new Map<string, { m: tf.Tensor; v: tf.Tensor }>();
  // β^t as tfjs keeps it: a float32 product, one factor per step.
  private beta1Power = Math.fround(BETA1);
  private beta2Power = Math.fround(BETA2);

  constructor(private readonly learningRate: number) {}

  /** One step: each named variable moves by its gradient in `gradients` (keyed by variable name). */
  applyGradients(gradients: tf.NamedTensorMap): void {
    const attrs = {
      learningRate: this.learningRate,
      beta1: BETA1,
      beta2: BETA2,
      epsilon: tf.backend().epsilon(),
      firstCorrection: Math.fround(1 - this.beta1Power),
      secondCorrection: Math.fround(1 - this.beta2Power),
    };
    for (const [name, gradient] of Object.entries(gradients)) {
      const variable = tf.engine().registeredVariables[name];
      if (!variable) throw new Error(`Adam: no variable named ${name}`);
      const moments = this.moments.get(name) ?? { m: tf.zerosLike(variable), v: tf.zerosLike(variable) };
      const [value, m, v] = adamStep(variable, gradient, moments.m, moments.v, attrs);
      variable.assign(value);
      tf.dispose([value, moments.m, moments.v]);
      this.moments.set(name, { m, v });
    }
    this.beta1Power = Math.fround(this.beta1Power * Math.fround(BETA1));
    this.beta2Power = Math.fround(this.beta2Power * Math.fround(BETA2));
  }

  dispose(): void {
    for (const { m, v } of this.moments.values()) tf.dispose([m, v]);
    this.moments.clear();
  }
}
