/**
 * The `native-cpu` tfjs backend: the wasm backend's kernels, except that matrix products run in fedlora's native
 * addon (fedlora-cpu-kernels: a blocked, vectorized SGEMM on a thread pool sized to the cores), reading and
 * writing the tensors where they live on the wasm heap. The addon is an optional dependency built from source at
 * install time; where it did not build or load, this backend is unavailable and `auto` falls back to wasm.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { type CpuKernels, heapView, type NativeKernelArgs } from './cpu-kernels.js';
import { NATIVE_FUSED_KERNELS } from './native-fused/kernels.js';
import { NF4_MAT_MUL, type Nf4MatMulAttrs, nf4ProductShape } from './nf4-matmul.js';
import { PACKED_MAT_MUL, type PackedMatMulAttrs } from './packed-matmul.js';

export const NATIVE_CPU_BACKEND = 'native-cpu';

/**
 * Wasm kernels that this backend computes in the addon where it can: each returns undefined for what it does not
 * handle, which the wasm kernel then computes (set up on this backend's own module, as every wasm kernel here is).
 * NF4_MAT_MUL, PACKED_MAT_MUL and the fused kernels (shared/model/fused/) are this backend's own.
 */
type Override = (kernels: CpuKernels, args: never) => tf.TensorInfo | undefined;
const OVERRIDES: ReadonlyMap<string, Override> = new Map<string, Override>([
  [tf.BatchMatMul, nativeBatchMatMul],
  [tf.GatherV2, nativeGather],
  [tf.Transpose, nativeTranspose],
]);

/**
 * Registers the backend (once): its factory makes a separate wasm backend instance, with its own heap, and the
 * wasm kernels are registered again under this backend's name around the native ones. The wasm backend module
 * must have been imported (it registers the `wasm` factory and kernels) and its binary paths set.
 */
export function registerNativeCpuBackend(kernels: CpuKernels): void {
  if (tf.findBackendFactory(NATIVE_CPU_BACKEND)) return;
  const wasmFactory = tf.findBackendFactory('wasm');
  if (!wasmFactory) throw new Error('the wasm backend must be registered before the native-cpu backend');
  for (const config of tf.getKernelsForBackend('wasm')) {
    const override = OVERRIDES.get(config.kernelName);
    const kernelFunc: tf.KernelFunc = override ? (args) => override(kernels, args as never) ?? config.kernelFunc(args) : config.kernelFunc;
    tf.registerKernel({ ...config, backendName: NATIVE_CPU_BACKEND, kernelFunc });
  }
  tf.registerKernel({
    kernelName: NF4_MAT_MUL,
    backendName: NATIVE_CPU_BACKEND,
    kernelFunc: (args) => nativeNf4MatMul(kernels, args as unknown as Nf4MatMulArgs),
  });
  tf.registerKernel({
    kernelName: PACKED_MAT_MUL,
    backendName: NATIVE_CPU_BACKEND,
    kernelFunc: (args) => nativePackedMatMul(kernels, args as unknown as PackedMatMulArgs),
  });
  for (const { kernelName, run } of NATIVE_FUSED_KERNELS) {
    tf.registerKernel({ kernelName, backendName: NATIVE_CPU_BACKEND, kernelFunc: (args) => run(kernels, args as unknown as NativeKernelArgs) });
  }
  tf.registerBackend(NATIVE_CPU_BACKEND, wasmFactory, 0);
}

interface MatMulArgs {
  readonly inputs: { a: tf.TensorInfo; b: tf.TensorInfo };
  readonly backend: BackendWasm;
  readonly attrs: { transposeA: boolean; transposeB: boolean };
}

/**
 * BatchMatMul with the wasm kernel's semantics: operands of rank ≥ 2, batch dimensions flattened, one side's batch
 * broadcast when it is 1. Returns undefined for what it does not handle (non-float32 operands, mismatched batch
 * dimensions), which the wasm kernel then handles or refuses.
 */
function nativeBatchMatMul(kernels: CpuKernels, { inputs, backend, attrs }: MatMulArgs): tf.TensorInfo | undefined {
  const { a, b } = inputs;
  const { transposeA, transposeB } = attrs;
  if (a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const aRank = a.shape.length;
  const bRank = b.shape.length;
  const m = transposeA ? a.shape[aRank - 1] : a.shape[aRank - 2];
  const k = transposeA ? a.shape[aRank - 2] : a.shape[aRank - 1];
  const kB = transposeB ? b.shape[bRank - 1] : b.shape[bRank - 2];
  const n = transposeB ? b.shape[bRank - 2] : b.shape[bRank - 1];
  const batchA = tf.util.sizeFromShape(a.shape.slice(0, -2));
  const batchB = tf.util.sizeFromShape(b.shape.slice(0, -2));
  if (k !== kB || (batchA !== batchB && batchA !== 1 && batchB !== 1)) return undefined;
  const outBatchShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
  const batch = Math.max(batchA, batchB);
  if (tf.util.sizeFromShape(outBatchShape) !== batch) return undefined;
  const out = backend.makeOutput([...outBatchShape, m, n], 'float32');
  if (batch * m * n === 0) return out;
  const view = (tensor: tf.TensorInfo, length: number) => heapView(backend, tensor, length);
  kernels.batchMatMul(view(a, batchA * m * k), view(b, batchB * k * n), view(out, batch * m * n), batch, batchA, batchB, m, n, k, transposeA, transposeB);
  return out;
}

interface GatherArgs {
  readonly inputs: { x: tf.TensorInfo; indices: tf.TensorInfo };
  readonly backend: BackendWasm;
  readonly attrs: { axis: number; batchDims: number };
}

/**
 * GatherV2 of float32 rows by int32 indices along one axis (the embedding lookup), where the wasm kernel takes
 * milliseconds for a batch's tokens. Returns undefined for what it does not handle (other dtypes, batchDims), which
 * the wasm kernel then handles or refuses. An index out of range is refused as the wasm kernel refuses it.
 */
function nativeGather(kernels: CpuKernels, { inputs: { x, indices }, backend, attrs }: GatherArgs): tf.TensorInfo | undefined {
  if (x.dtype !== 'float32' || indices.dtype !== 'int32' || attrs.batchDims !== 0) return undefined;
  const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
  const outer = tf.util.sizeFromShape(x.shape.slice(0, axis));
  const rows = x.shape[axis];
  const width = tf.util.sizeFromShape(x.shape.slice(axis + 1));
  const count = tf.util.sizeFromShape(indices.shape);
  const out = backend.makeOutput([...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)], 'float32');
  if (outer * count * width === 0) return out;
  const ids = heapView(backend, indices, count, Int32Array);
  try {
    kernels.gatherRows(heapView(backend, x, outer * rows * width), ids, heapView(backend, out, outer * count * width), outer, rows, width);
  } catch (error) {
    backend.disposeData(out.dataId);
    throw new RangeError(`GatherV2: ${(error as Error).message.replace(/^gatherRows: /, '')}`);
  }
  return out;
}

interface TransposeArgs {
  readonly inputs: { x: tf.TensorInfo };
  readonly backend: BackendWasm;
  readonly attrs: { perm: number[] };
}

/** Transpose of float32 tensors (splitting and merging attention heads), a fraction of the wasm kernel's time. */
function nativeTranspose(kernels: CpuKernels, { inputs: { x }, backend, attrs: { perm } }: TransposeArgs): tf.TensorInfo | undefined {
  if (x.dtype !== 'float32') return undefined;
  const out = backend.makeOutput(
    perm.map((axis) => x.shape[axis]),
    'float32',
  );
  const size = tf.util.sizeFromShape(x.shape);
  if (size > 0) kernels.transpose(heapView(backend, x, size), heapView(backend, out, size), Int32Array.from(x.shape), Int32Array.from(perm));
  return out;
}

interface Nf4MatMulArgs {
  readonly inputs: { x: tf.TensorInfo };
  readonly backend: BackendWasm;
  readonly attrs: Nf4MatMulAttrs;
}

const NO_BYTES = new Uint8Array(0);
const NO_FLOATS = new Float32Array(0);

/** x · op(W) with the NF4 weight dequantised inside the addon's SGEMM (see shared/model/nf4-matmul.ts). */
function nativeNf4MatMul(kernels: CpuKernels, { inputs: { x }, backend, attrs }: Nf4MatMulArgs): tf.TensorInfo {
  const { weight, transposeWeight } = attrs;
  const [rows, cols] = weight.shape;
  const { m, k, n } = nf4ProductShape(x, attrs);
  const out = backend.makeOutput([m, n], 'float32');
  if (m * n === 0) return out;
  const nested = weight.absmax instanceof Float32Array ? undefined : weight.absmax;
  kernels.nf4MatMul(
    heapView(backend, x, m * k),
    heapView(backend, out, m * n),
    m,
    transposeWeight,
    weight.codes,
    rows,
    cols,
    nested ? NO_FLOATS : (weight.absmax as Float32Array),
    nested?.quantized ?? NO_BYTES,
    nested?.absmax ?? NO_FLOATS,
    nested?.code ?? NO_FLOATS,
    nested?.offset ?? 0,
  );
  return out;
}

interface PackedMatMulArgs {
  readonly inputs: { x: tf.TensorInfo };
  readonly backend: BackendWasm;
  readonly attrs: PackedMatMulAttrs;
}

/** x · op(W), or x · op(W)ᵀ, with W packed for the addon's SGEMM (see shared/model/packed-weight.ts). */
function nativePackedMatMul(kernels: CpuKernels, { inputs: { x }, backend, attrs: { weight, transposedProduct } }: PackedMatMulArgs): tf.TensorInfo {
  const [k, n] = weight.productShape;
  const [inner, outer] = transposedProduct ? [n, k] : [k, n];
  const [m, width] = x.shape;
  if (x.dtype !== 'float32' || x.shape.length !== 2 || width !== inner) {
    throw new Error(`${PACKED_MAT_MUL}: a float32 [N, ${inner}] input is needed, got ${x.dtype} [${x.shape.join(', ')}]`);
  }
  const out = backend.makeOutput([m, outer], 'float32');
  if (m * outer === 0) return out;
  kernels.packedMatMul(heapView(backend, x, m * inner), weight.panels, heapView(backend, out, m * outer), m, k, n, transposedProduct);
  return out;
}
