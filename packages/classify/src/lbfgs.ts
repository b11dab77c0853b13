/**
 * Limited-memory BFGS for smooth unconstrained minimization.
 *
 * Nocedal & Wright, "Numerical Optimization" (2nd ed.): the two-loop recursion
 * (Algorithm 7.4) with the scaling H₀ = (sᵀy / yᵀy) I (eq. 7.20), and a line search
 * that enforces the strong Wolfe conditions (Algorithms 3.5 and 3.6, "zoom", with
 * safeguarded cubic interpolation, eq. 3.59). All vectors are Float64Array; the
 * objective writes its gradient into a caller-owned buffer so an iteration allocates
 * nothing.
 */

/** Objective: returns f(x) and writes ∇f(x) into `grad` (same length as `x`). */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link minimizeLbfgs}. */
export interface LbfgsOptions {
  /** Number of (s, y) pairs kept (default 10). */
  memory?: number;
  /** Maximum number of iterations (default 500). */
  maxIter?: number;
  /** Stop when ‖∇f‖_∞ ≤ gtol (the projected-gradient test of L-BFGS-B; default 1e-6). */
  gtol?: number;
  /** Stop when (f_prev − f) / max(|f_prev|, |f|, 1) ≤ ftol (default 1e-12). */
  ftol?: number;
  /** Sufficient-decrease constant of the Wolfe conditions (default 1e-4). */
  c1?: number;
  /** Curvature constant of the strong Wolfe conditions (default 0.9). */
  c2?: number;
  /** Maximum function evaluations per line search (default 40). */
  maxLineSearch?: number;
  /** Called after each iteration with (iteration, maxIter). */
  onProgress?: (done: number, total: number, label?: string) => void;
}

/** Why {@link minimizeLbfgs} stopped. */
export type LbfgsStop = 'gtol' | 'ftol' | 'maxIter' | 'lineSearch';

/** Result of {@link minimizeLbfgs}. */
export interface LbfgsResult {
  /** The minimizer found (a new array). */
  x: Float64Array;
  /** f at `x`. */
  f: number;
  /** ‖∇f(x)‖_∞. */
  gradNorm: number;
  /** Iterations performed. */
  nIter: number;
  /** Objective/gradient evaluations performed. */
  nEval: number;
  /** True when stopped by the gradient or the relative-decrease test. */
  converged: boolean;
  /** The test that stopped the run. */
  reason: LbfgsStop;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  const n = a.length;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

function normInf(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const v = Math.abs(a[i]);
    if (v > m) m = v;
  }
  return m;
}

/**
 * Minimizer of the cubic interpolating (a, fa, ga) and (b, fb, gb), safeguarded to
 * lie inside [lo + 0.1 w, hi − 0.1 w] of the bracket (falls back to bisection).
 */
function cubicStep(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  const w = hi - lo;
  const d1 = ga + gb - 3 * (fa - fb) / (a - b);
  const disc = d1 * d1 - ga * gb;
  let t = NaN;
  if (disc >= 0) {
    const d2 = Math.sign(b - a) * Math.sqrt(disc);
    t = b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
  }
  if (!Number.isFinite(t) || t < lo + 0.1 * w || t > hi - 0.1 * w) t = (lo + hi) / 2;
  return t;
}

interface Trial {
  alpha: number;
  f: number;
  g: number; // directional derivative ∇f(x + αp)ᵀp
}

/**
 * Minimize `fg` from `x0` by L-BFGS.
 *
 * The objective must be finite and continuously differentiable; a NaN or infinite
 * value met during the line search shrinks the step.
 *
 * @throws RangeError when f(x0) or ∇f(x0) is not finite
 * @example
 * const r = minimizeLbfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, new Float64Array(1));
 * // r.x[0] ≈ 3, r.converged === true
 */
export function minimizeLbfgs(fg: Objective, x0: Float64Array, opts: LbfgsOptions = {}): LbfgsResult {
  const m = opts.memory ?? 10;
  const maxIter = opts.maxIter ?? 500;
  const gtol = opts.gtol ?? 1e-6;
  const ftol = opts.ftol ?? 1e-12;
  const c1 = opts.c1 ?? 1e-4;
  const c2 = opts.c2 ?? 0.9;
  const maxLs = opts.maxLineSearch ?? 40;
  const n = x0.length;

  const x = Float64Array.from(x0);
  const g = new Float64Array(n);
  let nEval = 1;
  let f = fg(x, g);
  if (!Number.isFinite(f) || !Number.isFinite(normInf(g))) {
    throw new RangeError(`The objective passed to minimizeLbfgs must be finite at the starting point; got f = ${f}.`);
  }
  const S: Float64Array[] = [];
  const Y: Float64Array[] = [];
  const rho: number[] = [];
  const alphaBuf = new Float64Array(m);
  const p = new Float64Array(n);
  const xt = new Float64Array(n);
  const gt = new Float64Array(n);
  let gnorm = normInf(g);
  if (gnorm <= gtol) return { x, f, gradNorm: gnorm, nIter: 0, nEval, converged: true, reason: 'gtol' };

  let iter = 0;
  let reason: LbfgsStop = 'maxIter';
  while (iter < maxIter) {
    // Two-loop recursion: p = −H∇f.
    for (let i = 0; i < n; i++) p[i] = -g[i];
    const k = S.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = rho[j] * dot(S[j], p);
      alphaBuf[j] = a;
      const y = Y[j];
      for (let i = 0; i < n; i++) p[i] -= a * y[i];
    }
    if (k > 0) {
      const yy = dot(Y[k - 1], Y[k - 1]);
      const gamma = 1 / (rho[k - 1] * yy); // sᵀy / yᵀy
      for (let i = 0; i < n; i++) p[i] *= gamma;
    }
    for (let j = 0; j < k; j++) {
      const b = rho[j] * dot(Y[j], p);
      const s = S[j];
      const c = alphaBuf[j] - b;
      for (let i = 0; i < n; i++) p[i] += c * s[i];
    }
    let dphi0 = dot(g, p);
    if (!(dphi0 < 0)) {
      // Not a descent direction (numerical breakdown): restart from steepest descent.
      S.length = 0; Y.length = 0; rho.length = 0;
      for (let i = 0; i < n; i++) p[i] = -g[i];
      dphi0 = dot(g, p);
    }
    // First step: scaled so that ‖αp‖_∞ ≤ 1; afterwards the quasi-Newton step α = 1.
    const alpha0 = k === 0 ? Math.min(1, 1 / normInf(p)) : 1;

    // ---- strong Wolfe line search (N&W Alg. 3.5 / 3.6) ----
    let lastTrial: Trial | null = null;
    const evalAt = (alpha: number): Trial => {
      for (let i = 0; i < n; i++) xt[i] = x[i] + alpha * p[i];
      nEval++;
      const ft = fg(xt, gt);
      lastTrial = { alpha, f: ft, g: dot(gt, p) };
      return lastTrial;
    };
    const f0 = f;
    let accepted: Trial | null = null;
    let prev: Trial = { alpha: 0, f: f0, g: dphi0 };
    let alpha = alpha0;
    let evals = 0;
    const zoom = (lo: Trial, hi: Trial): Trial | null => {
      while (evals < maxLs) {
        let a = cubicStep(lo.alpha, lo.f, lo.g, hi.alpha, hi.f, hi.g);
        if (!Number.isFinite(hi.f)) a = (lo.alpha + hi.alpha) / 2;
        const t = evalAt(a);
        evals++;
        if (!Number.isFinite(t.f) || t.f > f0 + c1 * a * dphi0 || t.f >= lo.f) {
          hi = t;
        } else {
          if (Math.abs(t.g) <= -c2 * dphi0) return t;
          if (t.g * (hi.alpha - lo.alpha) >= 0) hi = lo;
          lo = t;
        }
        if (Math.abs(hi.alpha - lo.alpha) <= 1e-16 * Math.max(1, lo.alpha)) break;
      }
      // Budget exhausted: accept the best point with sufficient decrease, if any.
      return lo.alpha > 0 ? lo : null;
    };
    while (evals < maxLs) {
      const t = evalAt(alpha);
      evals++;
      if (!Number.isFinite(t.f) || t.f > f0 + c1 * alpha * dphi0 || (evals > 1 && t.f >= prev.f)) {
        accepted = zoom(prev, t);
        break;
      }
      if (Math.abs(t.g) <= -c2 * dphi0) { accepted = t; break; }
      if (t.g >= 0) { accepted = zoom(t, prev); break; }
      prev = t;
      alpha *= 2;
    }
    if (accepted === null) { reason = 'lineSearch'; break; }
    // xt/gt hold the last trial evaluated; recompute when the accepted one was earlier.
    if (accepted !== lastTrial) accepted = evalAt(accepted.alpha);
    iter++;
    // Update memory with s = αp, y = Δg.
    const s = S.length === m ? S.shift()! : new Float64Array(n);
    const y = Y.length === m ? Y.shift()! : new Float64Array(n);
    if (rho.length === m) rho.shift();
    for (let i = 0; i < n; i++) { s[i] = xt[i] - x[i]; y[i] = gt[i] - g[i]; }
    const sy = dot(s, y);
    const fPrev = f;
    x.set(xt); g.set(gt); f = accepted.f;
    if (sy > 1e-12 * dot(y, y) && sy > 0) { S.push(s); Y.push(y); rho.push(1 / sy); }
    gnorm = normInf(g);
    opts.onProgress?.(iter, maxIter, 'lbfgs');
    if (gnorm <= gtol) { reason = 'gtol'; break; }
    if ((fPrev - f) / Math.max(Math.abs(fPrev), Math.abs(f), 1) <= ftol) { reason = 'ftol'; break; }
  }
  return { x, f, gradNorm: gnorm, nIter: iter, nEval, converged: reason === 'gtol' || reason === 'ftol', reason };
}
