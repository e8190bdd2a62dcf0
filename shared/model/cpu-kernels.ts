/**
 * fedlora's native addon (fedlora-cpu-kernels, native/cpu-kernels/) as the native-cpu backend sees it: the functions
 * it exports, and how a tfjs kernel hands it tensors where they live on the backend's wasm heap.
 */
import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** An attention's shape as the addon's attention kernels take it. */
export type AttentionShape = [batch: number, heads: number, kvHeads: number, queries: number, keys: number, dim: number];

/** What the addon exports (see native/cpu-kernels/src/addon.cc). */
export interface CpuKernels {
  /**
   * One Adam step over `size` elements into newValue, newM, newV, in tf.train.adam's order of operations
   * (shared/model/fused/adam-step.ts); firstCorrection and secondCorrection are 1 − β1^t and 1 − β2^t.
   */
  adamStep(
    value: Float32Array,
    gradient: Float32Array,
    m: Float32Array,
    v: Float32Array,
    newValue: Float32Array,
    newM: Float32Array,
    newV: Float32Array,
    size: number,
    learningRate: number,
    beta1: number,
    beta2: number,
    epsilon: number,
    firstCorrection: number,
    secondCorrection: number,
  ): void;
  /** out[batch, m, n] = op(a) · op(b); an operand with a batch of 1 serves every product. */
  batchMatMul(
    a: Float32Array,
    b: Float32Array,
    out: Float32Array,
    batch: number,
    batchA: number,
    batchB: number,
    m: number,
    n: number,
    k: number,
    transposeA: boolean,
    transposeB: boolean,
  ): void;
  /**
   * out[m, n] = x · op(W) for W[rows, cols] in NF4 (shared/model/nf4.ts): x · Wᵀ when transposeWeight, else x · W.
   * The block scales are `absmax`, or when it is empty `nestedCode[nestedIndex[b]] · nestedAbsmax[b / 256] + offset`.
   */
  nf4MatMul(
    x: Float32Array,
    out: Float32Array,
    m: number,
    transposeWeight: boolean,
    codes: Uint8Array,
    rows: number,
    cols: number,
    absmax: Float32Array,
    nestedIndex: Uint8Array,
    nestedAbsmax: Float32Array,
    nestedCode: Float32Array,
    offset: number,
  ): void;
  /**
   * Causal grouped-query attention, flash-style (native/cpu-kernels/src/attention.h): out = softmax(q·kᵀ/√dim +
   * causal mask) · v and each query row's logsumexp. q, out: [batch, heads, queries, dim]; k, v: [batch, kvHeads,
   * keys, dim]; logsumexp: [batch, heads, queries]; the queries are the last of the keys' positions.
   */
  attentionForward(q: Float32Array, k: Float32Array, v: Float32Array, out: Float32Array, logsumexp: Float32Array, ...shape: AttentionShape): void;
  /** dq, dk, dv of attentionForward from the output's gradient dOut and the forward's out and logsumexp. */
  attentionBackward(
    q: Float32Array,
    k: Float32Array,
    v: Float32Array,
    out: Float32Array,
    logsumexp: Float32Array,
    dOut: Float32Array,
    dq: Float32Array,
    dk: Float32Array,
    dv: Float32Array,
    ...shape: AttentionShape
  ): void;
  /**
   * out[o, i, 0..width) = table[o, indices[i], 0..width) for table [outer, rows, width] (an embedding lookup); an
   * index outside [0, rows) is refused before anything is written.
   */
  gatherRows(table: Float32Array, indices: Int32Array, out: Float32Array, outer: number, rows: number, width: number): void;
  /**
   * Σ_i w_i · (logsumexp(hidden_i · headᵀ) − hidden_i · head[target_i]) over rows of weight ≠ 0 (hidden [rows, width],
   * head [vocab, width]), a chunk of rows' logits at a time; the gradient with respect to hidden goes into
   * hiddenGradient [rows, width] unless it is empty. A weighted target outside the vocabulary is refused.
   */
  headCrossEntropy(
    hidden: Float32Array,
    head: Float32Array,
    targetIds: Int32Array,
    lossWeights: Float32Array,
    rows: number,
    width: number,
    vocab: number,
    hiddenGradient: Float32Array,
  ): number;
  /** out = base + scaling · lowRank Bᵀ, lowRank = x Aᵀ (x [rows, in], A [rank, in], B [outFeatures, rank]); both written. */
  loraPath(
    x: Float32Array,
    base: Float32Array,
    a: Float32Array,
    b: Float32Array,
    out: Float32Array,
    lowRank: Float32Array,
    rows: number,
    inFeatures: number,
    outFeatures: number,
    rank: number,
    scaling: number,
  ): void;
  /**
   * loraPath's gradients for the output gradient dy [rows, outFeatures], with t = s · dy B: dx = t A [rows, in],
   * da = tᵀ x [rank, in], db = dyᵀ (s · lowRank) [outFeatures, rank]; all three written.
   */
  loraPathGrad(
    dy: Float32Array,
    x: Float32Array,
    a: Float32Array,
    b: Float32Array,
    lowRank: Float32Array,
    dx: Float32Array,
    da: Float32Array,
    db: Float32Array,
    rows: number,
    inFeatures: number,
    outFeatures: number,
    rank: number,
    scaling: number,
  ): void;
  /**
   * out = op(b)[k, n] packed whole for the SGEMM: ⌈n / 16⌉ panels of [k][16], missing columns zero (b stored [n, k]
   * when transposed, else [k, n]). out holds at least ⌈n / 16⌉ · 16 · k floats.
   */
  packMatrix(b: Float32Array, out: Float32Array, k: number, n: number, transposed: boolean): void;
  /** For P[k, n] packed by packMatrix: out[m, n] = a[m, k] · P, or with transposedProduct out[m, k] = a[m, n] · Pᵀ. */
  packedMatMul(a: Float32Array, packed: Float32Array, out: Float32Array, m: number, k: number, n: number, transposedProduct: boolean): void;
  /** y[rows, cols] = x · rsqrt(mean(x²) + eps) · weight over each row (shared/model/fused/rms-norm.ts). */
  rmsNorm(x: Float32Array, weight: Float32Array, y: Float32Array, rows: number, cols: number, eps: number): void;
  /** RMSNorm's gradients for the output gradient dy: dx[rows, cols] and dweight[cols], summed over the rows. */
  rmsNormGrad(dy: Float32Array, x: Float32Array, weight: Float32Array, dx: Float32Array, dweight: Float32Array, rows: number, cols: number, eps: number): void;
  /**
   * Rotary embedding fused with the split into heads (shared/model/fused/rotary.ts), cos and sin [seqLen, headDim]:
   * x [batch, seqLen, heads, headDim] → out [batch, heads, seqLen, headDim] rotated; with `backward`, its gradient,
   * from dy [batch, heads, seqLen, headDim] to dx [batch, seqLen, heads, headDim].
   */
  rotaryHeads(
    x: Float32Array,
    cos: Float32Array,
    sin: Float32Array,
    out: Float32Array,
    batch: number,
    seqLen: number,
    heads: number,
    headDim: number,
    backward: boolean,
  ): void;
  /** out = silu(gate) · up elementwise over `size` elements (shared/model/fused/swiglu.ts). */
  swiGlu(gate: Float32Array, up: Float32Array, out: Float32Array, size: number): void;
  /** SwiGLU's gradients for the output gradient dy: dgate and dup. */
  swiGluGrad(dy: Float32Array, gate: Float32Array, up: Float32Array, dgate: Float32Array, dup: Float32Array, size: number): void;
  /** out = x with its axes permuted: out's axis i is x's axis perm[i] (shape is x's). */
  transpose(x: Float32Array, out: Float32Array, shape: Int32Array, perm: Int32Array): void;
  /**
   * The microkernel chosen for this CPU: `avx2-fma` or `generic`; `generic` everywhere when the environment variable
   * FEDLORA_CPU_KERNELS_PORTABLE=1 was set as the addon loaded (the fused kernels then run their portable code too).
   */
  readonly microkernel: string;
  readonly threads: number;
}

/** A variable, not a literal, so that TypeScript does not require the optional package to be installed. */
const KERNELS_PACKAGE: string = 'fedlora-cpu-kernels';

let loaded: CpuKernels | undefined;

/** The addon, or an error saying why it cannot be used. */
export function loadCpuKernels(): CpuKernels {
  loaded ??= createRequire(import.meta.url)(KERNELS_PACKAGE) as CpuKernels;
  return loaded;
}

type HeapArray = Float32Array | Int32Array;

/**
 * A float32 (or, given Int32Array, int32) view of a tensor where it lives on the backend's wasm heap (make views after
 * allocating: growth detaches them).
 */
export function heapView<T extends HeapArray = Float32Array>(
  backend: BackendWasm,
  tensor: tf.TensorInfo,
  length: number,
  type: new (buffer: ArrayBuffer, byteOffset: number, length: number) => T = Float32Array as never,
): T {
  const heap = (backend.wasm as unknown as { HEAPU8: Uint8Array<ArrayBuffer> }).HEAPU8.buffer;
  return new type(heap, backend.dataIdMap.get(tensor.dataId)!.memoryOffset, length);
}

/**
 * Throws unless `tensor` is float32 of exactly `shape`: a kernel given views of the heap sized from the shapes must
 * not read past a tensor whose shape disagrees with its fellow inputs'.
 */
export function assertFloat32Shape(kernelName: string, name: string, tensor: tf.TensorInfo, shape: readonly number[]): void {
  if (tensor.dtype !== 'float32' || tensor.shape.length !== shape.length || tensor.shape.some((size, axis) => size !== shape[axis])) {
    throw new Error(`${kernelName}: ${name} must be float32 [${shape.join(', ')}], got ${tensor.dtype} [${tensor.shape.join(', ')}]`);
  }
}

/** What a native kernel is given: tfjs's kernel arguments on the native-cpu backend. */
export interface NativeKernelArgs {
  readonly inputs: tf.NamedTensorInfoMap;
  readonly backend: BackendWasm;
  readonly attrs: tf.NamedAttrMap;
}

/** A tfjs kernel of the native-cpu backend computed by the addon (the fused kernels, shared/model/fused/). */
export interface NativeKernel {
  readonly kernelName: string;
  run(kernels: CpuKernels, args: NativeKernelArgs): tf.TensorInfo | tf.TensorInfo[];
}

/**
 * A float32 tensor of `shape` on the active wasm-heap backend, allocated but not filled, handed to `keep` at once,
 * and a slot that fills it: each write takes a fresh view of the heap, which any allocation in between may have
 * grown (detaching older views).
 */
export function heapTensorSlot(shape: readonly number[], keep: (tensor: tf.Tensor) => void): { write(offset: number, values: Float32Array): void } {
  const backend = tf.backend() as BackendWasm;
  const info = backend.makeOutput([...shape], 'float32');
  keep(tf.engine().makeTensorFromTensorInfo(info));
  const size = tf.util.sizeFromShape([...shape]);
  return { write: (offset, values) => heapView(backend, info, size).set(values, offset) };
}
