/**
 * NF4_MAT_MUL on the webgpu backend: a WGSL kernel that reads the weight's packed 4-bit codes and block scales,
 * dequantises each tile of the weight into workgroup memory as it multiplies, and accumulates in float32, so no
 * float32 copy of the weight exists on the GPU. The codes and scales are uploaded once per Nf4Tensor (its device
 * copy, freed when the model is) and reused by every product of every step.
 *
 * Double-quantised scales are decoded in the shader (dynamicMap[q] · absmax₂ + offset, as nf4.ts does on the host),
 * not once at upload into a float32 scale per block: the GPU then holds nf4-dq's 8-bit scales, the memory saving
 * it is chosen for, and the decode costs three cached reads per weight value read.
 */
import type * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend, WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { ABSMAX_BLOCK_SIZE, type DeviceCopy, NF4_BLOCK_SIZE, NF4_CODE, type Nf4Tensor } from './nf4.js';
import { type Nf4MatMulAttrs, nf4ProductShape } from './nf4-matmul.js';

/** Output rows and columns of one workgroup, and the depth along k of each tile it multiplies. */
const TILE = 32;
/** Threads per side of a workgroup: each computes TILE / THREADS rows × as many columns, strided by THREADS. */
const THREADS = 8;
const PER_THREAD = TILE / THREADS;

/** Bytes packed four to a 32-bit word, the first in the low byte (storage buffers hold no bytes). */
function packWords(bytes: Uint8Array): Int32Array {
  const words = new Int32Array(Math.ceil(bytes.length / 4));
  new Uint8Array(words.buffer).set(bytes);
  return words;
}

/** The weight's buffers on one webgpu backend, in the order the shader binds them after x. */
class UploadedNf4 implements DeviceCopy {
  readonly buffers: readonly tf.TensorInfo[];

  constructor(
    private readonly backend: WebGPUBackend,
    weight: Nf4Tensor,
  ) {
    const { absmax } = weight;
    const scales = absmax instanceof Float32Array ? [absmax] : [packWords(absmax.quantized), absmax.absmax, absmax.code];
    this.buffers = [packWords(weight.codes), ...scales].map((values) => {
      const buffer = backend.makeTensorInfo([values.length], values instanceof Int32Array ? 'int32' : 'float32', values);
      backend.uploadToGPU(buffer.dataId);
      return buffer;
    });
  }

  dispose(): void {
    for (const buffer of this.buffers) this.backend.disposeData(buffer.dataId);
  }
}

/** x [m, k] · op(W) → [m, n]; one workgroup per TILE × TILE block of the output. */
class Nf4MatMulProgram implements WebGPUProgram {
  readonly variableNames: string[];
  readonly outputShape: number[];
  shaderKey: string;
  readonly dispatchLayout = { x: [1], y: [0] };
  dispatch: [number, number, number];
  readonly workgroupSize: [number, number, number] = [THREADS, THREADS, 1];
  /** The weight's stored columns (its row stride), and the nested scales' offset. */
  readonly uniforms = 'cols : i32, offset : f32,';

  constructor(
    m: number,
    n: number,
    private readonly transposeWeight: boolean,
    private readonly nested: boolean,
  ) {
    this.outputShape = [m, n];
    this.dispatch = [Math.ceil(n / TILE), Math.ceil(m / TILE), 1];
    this.variableNames = ['x', 'codes', ...(nested ? ['absmaxIndices', 'absmaxScales', 'absmaxCode'] : ['absmax'])];
    this.shaderKey = `nf4MatMul_${transposeWeight}_${nested}`;
  }

  getUserCode(): string {
    const blockScale = this.nested
      ? `let q = (bitcast<u32>(absmaxIndices[block >> 2u]) >> ((block & 3u) * 8u)) & 0xffu;
         return absmaxCode[q] * absmaxScales[block / ${ABSMAX_BLOCK_SIZE}u] + uniforms.offset;`
      : 'return absmax[block];';
    // The weight tile is read along the weight's rows: along k for Wᵀ ([n, k] stored), along n for W ([k, n]).
    const [column, depth, element] = this.transposeWeight
      ? ['i / TILE', 'i % TILE', 'col * uniforms.cols + p']
      : ['i % TILE', 'i / TILE', 'p * uniforms.cols + col'];
    return `
      const TILE = ${TILE};
      const THREADS = ${THREADS};
      const PER_THREAD = ${PER_THREAD};
      // Rows padded by one value, so that a column's values fall in different shared-memory banks.
      var<workgroup> xTile : array<array<f32, TILE + 1>, TILE>;
      var<workgroup> wTile : array<array<f32, TILE + 1>, TILE>;
      var<private> NF4_CODE : array<f32, 16> = array<f32, 16>(${Array.from(NF4_CODE, (value) => value.toString()).join(', ')});

      fn blockScale(block : u32) -> f32 {
        ${blockScale}
      }

      // Element e of the weight as stored (row-major): two codes per byte, the first in the high nibble, four
      // bytes per word, the first in the low byte.
      fn weightAt(e : i32) -> f32 {
        let index = u32(e);
        let code = (bitcast<u32>(codes[index >> 3u]) >> (((index & 7u) ^ 1u) * 4u)) & 0xfu;
        return NF4_CODE[code] * blockScale(index / ${NF4_BLOCK_SIZE}u);
      }

      fn main() {
        let m = uniforms.outShape[0];
        let n = uniforms.outShape[1];
        let k = uniforms.xShape[1];
        let tx = i32(localId.x);
        let ty = i32(localId.y);
        let firstRow = i32(workgroupId.y) * TILE;
        let firstCol = i32(workgroupId.x) * TILE;
        var acc : array<array<f32, PER_THREAD>, PER_THREAD>;
        for (var p0 = 0; p0 < k; p0 = p0 + TILE) {
          for (var i = i32(localIndex); i < TILE * TILE; i = i + THREADS * THREADS) {
            let row = firstRow + i / TILE;
            let xp = p0 + i % TILE;
            var xValue = 0.0;
            if (row < m && xp < k) {
              xValue = x[row * k + xp];
            }
            xTile[i / TILE][i % TILE] = xValue;
            let col = firstCol + ${column};
            let p = p0 + ${depth};
            var wValue = 0.0;
            if (col < n && p < k) {
              wValue = weightAt(${element});
            }
            wTile[${depth}][${column}] = wValue;
          }
          workgroupBarrier();
          for (var d = 0; d < TILE; d = d + 1) {
            var a : array<f32, PER_THREAD>;
            var b : array<f32, PER_THREAD>;
            for (var r = 0; r < PER_THREAD; r = r + 1) {
              a[r] = xTile[ty + r * THREADS][d];
              b[r] = wTile[d][tx + r * THREADS];
            }
            for (var r = 0; r < PER_THREAD; r = r + 1) {
              for (var s = 0; s < PER_THREAD; s = s + 1) {
                acc[r][s] = acc[r][s] + a[r] * b[s];
              }
            }
          }
          workgroupBarrier();
        }
        for (var r = 0; r < PER_THREAD; r = r + 1) {
          for (var s = 0; s < PER_THREAD; s = s + 1) {
            let row = firstRow + ty + r * THREADS;
            let col = firstCol + tx + s * THREADS;
            if (row < m && col < n) {
              result[row * n + col] = acc[r][s];
            }
          }
        }
      }
    `;
  }
}

interface Nf4MatMulArgs {
  readonly inputs: { x: tf.TensorInfo };
  readonly backend: WebGPUBackend;
  readonly attrs: Nf4MatMulAttrs;
}

/** The kernel function registered as NF4_MAT_MUL for the webgpu backend. */
export function webGpuNf4MatMul({ inputs: { x }, backend, attrs }: Nf4MatMulArgs): tf.TensorInfo {
  const { weight, transposeWeight } = attrs;
  const { m, k, n } = nf4ProductShape(x, attrs);
  // An empty operand binds no buffer (WebGPU refuses empty bindings): the product is zeros, or empty.
  if (m * k * n === 0) return backend.makeTensorInfo([m, n], 'float32', new Float32Array(m * n));
  const nested = weight.absmax instanceof Float32Array ? undefined : weight.absmax;
  const uploaded = weight.deviceCopy(backend, () => new UploadedNf4(backend, weight));
  const program = new Nf4MatMulProgram(m, n, transposeWeight, nested !== undefined);
  return backend.runWebGPUProgram(program, [x, ...uploaded.buffers], 'float32', [
    { type: 'int32', data: [weight.shape[1]] },
    { type: 'float32', data: [nested?.offset ?? 0] },
  ]);
}
