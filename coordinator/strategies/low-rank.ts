/**
 * Dense float64 linear algebra for products of thin factors, ΔW = left · right with left [m, k] and right [k, n],
 * k small next to m and n: thin Householder QR of each factor and an SVD (one-sided Jacobi) of the small core
 * R_left · R_rightᵀ, so that the SVD of ΔW never needs ΔW itself (no m×n matrix, no m×m or n×n SVD).
 * Matrices are row-major.
 */

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function matrix(rows: number, cols: number, data: ArrayLike<number> = new Float64Array(rows * cols)): Matrix {
  if (data.length !== rows * cols) throw new RangeError(`a ${rows}×${cols} matrix holds ${rows * cols} values, got ${data.length}`);
  return { rows, cols, data: Float64Array.from(data) };
}

export function transpose(a: Matrix): Matrix {
  const out = new Float64Array(a.data.length);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j * a.rows + i] = a.data[i * a.cols + j];
  return { rows: a.cols, cols: a.rows, data: out };
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`cannot multiply ${a.rows}×${a.cols} by ${b.rows}×${b.cols}`);
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const x = a.data[i * a.cols + k];
      if (x === 0) continue;
      for (let j = 0; j < b.cols; j++) out[i * b.cols + j] += x * b.data[k * b.cols + j];
    }
  }
  return { rows: a.rows, cols: b.cols, data: out };
}

/**
 * Thin QR by Householder reflections: a [m, n] = q [m, k] · r [k, n] with k = min(m, n), q with orthonormal
 * columns and r upper triangular.
 */
export function thinQr(a: Matrix): { q: Matrix; r: Matrix } {
  const { rows: m, cols: n } = a;
  const k = Math.min(m, n);
  const work = Float64Array.from(a.data);
  const reflectors: (Float64Array | undefined)[] = [];
  for (let j = 0; j < k; j++) {
    let norm = 0;
    for (let i = j; i < m; i++) norm += work[i * n + j] ** 2;
    norm = Math.sqrt(norm);
    const v = new Float64Array(m - j);
    for (let i = j; i < m; i++) v[i - j] = work[i * n + j];
    // Reflect onto −sign(a_jj)·‖x‖·e_1 so that v never cancels.
    v[0] += v[0] >= 0 ? norm : -norm;
    let vNorm = 0;
    for (let i = 0; i < v.length; i++) vNorm += v[i] * v[i];
    vNorm = Math.sqrt(vNorm);
    if (vNorm === 0) {
      reflectors.push(undefined);
      continue;
    }
    for (let i = 0; i < v.length; i++) v[i] /= vNorm;
    for (let c = j; c < n; c++) {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i] * work[(j + i) * n + c];
      for (let i = 0; i < v.length; i++) work[(j + i) * n + c] -= 2 * v[i] * dot;
    }
    reflectors.push(v);
  }
  const r = new Float64Array(k * n);
  for (let i = 0; i < k; i++) for (let c = i; c < n; c++) r[i * n + c] = work[i * n + c];
  // q = H_0 · H_1 ⋯ H_{k−1} applied to the first k columns of the identity.
  const q = new Float64Array(m * k);
  for (let i = 0; i < k; i++) q[i * k + i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const v = reflectors[j];
    if (!v) continue;
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i] * q[(j + i) * k + c];
      for (let i = 0; i < v.length; i++) q[(j + i) * k + c] -= 2 * v[i] * dot;
    }
  }
  return { q: { rows: m, cols: k, data: q }, r: { rows: k, cols: n, data: r } };
}

/**
 * SVD of a small matrix by one-sided Jacobi rotations (Hestenes): a [m, n] = u [m, t] · diag(s) · vᵀ [t, n],
 * t = min(m, n), singular values in decreasing order. Accurate to float64 rounding; meant for cores of at most a
 * few hundred rows, since each sweep costs O(m·n²).
 */
export function smallSvd(a: Matrix): { u: Matrix; s: Float64Array; v: Matrix } {
  if (a.rows < a.cols) {
    const { u, s, v } = smallSvd(transpose(a));
    return { u: v, s, v: u };
  }
  const { rows: m, cols: n } = a;
  // Columns are rotated in pairs: keep each one contiguous (a row-major column would be read with stride n).
  const w = Array.from({ length: n }, (_, j) => Float64Array.from({ length: m }, (_, i) => a.data[i * n + j]));
  const v = Array.from({ length: n }, (_, j) => {
    const column = new Float64Array(n);
    column[j] = 1;
    return column;
  });
  const rotate = (x: Float64Array, y: Float64Array, c: number, s: number): void => {
    for (let i = 0; i < x.length; i++) {
      const xi = x[i];
      x[i] = c * xi - s * y[i];
      y[i] = s * xi + c * y[i];
    }
  };
  for (let sweep = 0; sweep < 100; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const [x, y] = [w[p], w[q]];
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          alpha += x[i] * x[i];
          beta += y[i] * y[i];
          gamma += x[i] * y[i];
        }
        if (gamma === 0 || Math.abs(gamma) <= Number.EPSILON * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        rotate(x, y, c, c * t);
        rotate(v[p], v[q], c, c * t);
      }
    }
    if (!rotated) break;
  }
  const norms = w.map((column) => Math.sqrt(column.reduce((sum, x) => sum + x * x, 0)));
  const order = norms.map((_, j) => j).sort((x, y) => norms[y] - norms[x]);
  const u = new Float64Array(m * n);
  const vSorted = new Float64Array(n * n);
  const s = new Float64Array(n);
  order.forEach((j, rank) => {
    s[rank] = norms[j];
    for (let i = 0; i < m; i++) u[i * n + rank] = norms[j] > 0 ? w[j][i] / norms[j] : 0;
    for (let i = 0; i < n; i++) vSorted[i * n + rank] = v[j][i];
  });
  return { u: { rows: m, cols: n, data: u }, s, v: { rows: n, cols: n, data: vSorted } };
}

/** ΔW = left · diag(sigma) · right, left with orthonormal columns, right with orthonormal rows, sigma decreasing. */
export interface FactoredSvd {
  readonly left: Matrix;
  readonly sigma: Float64Array;
  readonly right: Matrix;
}

/**
 * The SVD of b · a (b [m, k], a [k, n]) through thin QRs of b and aᵀ and the SVD of their k×k core; singular
 * values at float64 rounding level (≤ σ_max · max(m, n) · ε, numpy's numerical rank) are dropped, so the rank
 * kept is at most min(m, n) however large k grows.
 */
export function factoredSvd(b: Matrix, a: Matrix): FactoredSvd {
  if (b.cols !== a.rows) throw new RangeError(`factors ${b.rows}×${b.cols} and ${a.rows}×${a.cols} do not chain`);
  const left = thinQr(b);
  const right = thinQr(transpose(a));
  const core = smallSvd(multiply(left.r, transpose(right.r)));
  const tolerance = (core.s[0] ?? 0) * Math.max(b.rows, a.cols) * Number.EPSILON;
  let kept = 0;
  while (kept < core.s.length && core.s[kept] > tolerance) kept++;
  return {
    left: firstColumns(multiply(left.q, core.u), kept),
    sigma: core.s.slice(0, kept),
    right: transpose(firstColumns(multiply(right.q, core.v), kept)),
  };
}

function firstColumns(a: Matrix, count: number): Matrix {
  const out = new Float64Array(a.rows * count);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < count; j++) out[i * count + j] = a.data[i * a.cols + j];
  return { rows: a.rows, cols: count, data: out };
}

/**
 * The best rank-`rank` approximation of the factored matrix (Eckart–Young) as factors b [m, rank] and a [rank, n]
 * with scale·b·a = left_r · diag(sigma_r) · right_r, the singular values split evenly between both (zero-padded
 * when the matrix has a lower rank), and the relative Frobenius error ‖ΔW − ΔW_r‖ / ‖ΔW‖ (0 for ΔW = 0).
 */
export function truncateSvd(svd: FactoredSvd, rank: number, scale: number): { b: Matrix; a: Matrix; relativeError: number } {
  const { left, sigma, right } = svd;
  const b = new Float64Array(left.rows * rank);
  const a = new Float64Array(rank * right.cols);
  const kept = Math.min(rank, sigma.length);
  for (let j = 0; j < kept; j++) {
    const share = Math.sqrt(sigma[j] / scale);
    for (let i = 0; i < left.rows; i++) b[i * rank + j] = left.data[i * left.cols + j] * share;
    for (let i = 0; i < right.cols; i++) a[j * right.cols + i] = right.data[j * right.cols + i] * share;
  }
  let total = 0;
  let dropped = 0;
  sigma.forEach((s, j) => {
    total += s * s;
    if (j >= rank) dropped += s * s;
  });
  return {
    b: { rows: left.rows, cols: rank, data: b },
    a: { rows: rank, cols: right.cols, data: a },
    relativeError: total > 0 ? Math.sqrt(dropped / total) : 0,
  };
}
