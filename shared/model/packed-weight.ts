/**
 * A frozen linear weight held packed for the native addon's SGEMM (native/cpu-kernels/src/gemm.h, packPanels):
 * op(W)[K, N] of the forward product x · op(W) as ⌈N / 16⌉ panels of [K][16], the layout its microkernel reads, so
 * that no product packs the weight again. The packed copy replaces the float tensor: the weight exists once. The
 * gradient's product dy · op(W)ᵀ reads the same panels 16 × 16 tile by tile (each tile contiguous), so one
 * layout serves both. Whoever needs W itself (DoRA's norms, modules_to_save, a backend without the addon) unpacks it.
 */
import { loadCpuKernels } from './cpu-kernels.js';

/** Columns of one panel: GEMM_NR of the addon. */
const PANEL = 16;

export class PackedWeight {
  /** Depth K and width N of op(W). */
  private readonly depth: number;
  private readonly width: number;

  /**
   * `shape`: W as stored ([out, in] for nn.Linear, whose product is x · Wᵀ: `transposed`; [in, out] for GPT-2's
   * Conv1D, x · W); `panels`: op(W) packed by the addon's packMatrix.
   */
  private constructor(
    readonly shape: readonly [number, number],
    readonly transposed: boolean,
    readonly panels: Float32Array,
  ) {
    [this.width, this.depth] = transposed ? shape : [shape[1], shape[0]];
  }

  /** W's `values` (row-major, `shape`) packed for the product x · op(W). */
  static pack(values: Float32Array, shape: readonly number[], transposed: boolean): PackedWeight {
    const [rows, cols] = shape;
    const [width, depth] = transposed ? [rows, cols] : [cols, rows];
    const panels = new Float32Array(Math.ceil(width / PANEL) * PANEL * depth);
    loadCpuKernels().packMatrix(values, panels, depth, width, transposed);
    return new PackedWeight([rows, cols], transposed, panels);
  }

  /** The shape of op(W): [K, N]. */
  get productShape(): [number, number] {
    return [this.depth, this.width];
  }

  /** W, row-major in its stored shape. */
  unpack(): Float32Array {
    const { depth, panels } = this;
    const [rowCount, rowLength] = this.shape;
    // Element (p, j) of op(W) lies at panel ⌊j / 16⌋, depth p, lane j mod 16.
    const at = (p: number, j: number) => panels[Math.floor(j / PANEL) * depth * PANEL + p * PANEL + (j % PANEL)];
    const values = new Float32Array(rowCount * rowLength);
    for (let row = 0; row < rowCount; row++) {
      // Row r of W is column r of op(W) = Wᵀ when transposed, else row r of op(W) = W.
      for (let q = 0; q < rowLength; q++) values[row * rowLength + q] = this.transposed ? at(q, row) : at(row, q);
    }
    return values;
  }
}
