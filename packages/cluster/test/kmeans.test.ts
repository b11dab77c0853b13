import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NotFittedError, FormatError, createRng, type Matrix } from '@embfact/core';
import { KMeans, adjustedRandIndex } from '../src/index.js';

interface KCase {
  name: string; X: number[][]; k: number; init: number[][]; sampleWeight: number[] | null;
  inertia: number; labels: number[]; centers: number[][]; nIter: number; trueLabels: number[];
}
// Reference values: scikit-learn 1.2.1 KMeans(algorithm='lloyd', n_init=1, init=<given>),
// produced by test/fixtures/make_fixtures.py (command, seed and versions in the file's meta).
const fixture = JSON.parse(readFileSync(new URL('./fixtures/kmeans_sklearn.json', import.meta.url), 'utf8')) as {
  meta: Record<string, unknown>; cases: KCase[];
};

/** Seeded Gaussian blobs: `k` centres drawn in [-scale, scale]^d, `per` points each. */
function blobs(seed: number, k: number, per: number, d: number, scale = 10, spread = 1, dtype: 'float32' | 'float64' = 'float64') {
  const rng = createRng(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => (rng.next() * 2 - 1) * scale));
  const n = k * per;
  const data = dtype === 'float32' ? new Float32Array(n * d) : new Float64Array(n * d);
  const y: number[] = [];
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < per; p++) {
      const i = c * per + p;
      for (let t = 0; t < d; t++) data[i * d + t] = centres[c][t] + spread * rng.normal();
      y.push(c);
    }
  }
  return { X: { data, rows: n, cols: d } as Matrix, y };
}

describe('KMeans on synthetic blobs', () => {
  it('recovers well-separated blobs (ARI = 1) for every algorithm, Euclidean and spherical', () => {
    const { X, y } = blobs(1, 5, 40, 6);
    for (const algorithm of ['elkan', 'hamerly', 'lloyd'] as const) {
      const km = new KMeans({ k: 5, seed: 3, algorithm, nInit: 3 }).fit(X);
      expect(adjustedRandIndex(y, km.labels)).toBe(1);
      expect(km.converged).toBe(true);
    }
    const sph = new KMeans({ k: 5, seed: 3, spherical: true }).fit(X);
    expect(adjustedRandIndex(y, sph.labels)).toBeGreaterThan(0.95);
  });

  it('inertia never increases across iterations', () => {
    const { X } = blobs(2, 8, 50, 10, 2, 1.5);
    for (const spherical of [false, true]) {
      const km = new KMeans({ k: 8, init: 'random', nInit: 1, seed: 5, tol: 0, spherical }).fit(X);
      const h = km.inertiaHistory;
      expect(h.length).toBe(km.nIter);
      expect(h.length).toBeGreaterThan(3);
      for (let i = 1; i < h.length; i++) expect(h[i]).toBeLessThanOrEqual(h[i - 1] * (1 + 1e-12));
      expect(km.inertia).toBeAllClose(h[h.length - 1], 0, 1e-9);
    }
  });

  it('Elkan and Hamerly give the same labels, centres and inertia as plain Lloyd from the same init (Euclidean and spherical)', () => {
    const { X } = blobs(4, 12, 60, 16, 1, 1.0, 'float32');
    const start = { data: Float64Array.from(X.data.subarray(0, 12 * 16)), rows: 12, cols: 16 }; // first 12 rows
    for (const spherical of [false, true]) {
      const runs = (['lloyd', 'hamerly', 'elkan'] as const).map((algorithm) =>
        new KMeans({ k: 12, init: start, algorithm, maxIter: 100, tol: 0, spherical }).fit(X));
      expect(runs[0].nIter).toBeGreaterThan(2);
      for (const r of runs.slice(1)) {
        expect(Array.from(r.labels)).toEqual(Array.from(runs[0].labels));
        expect(r.inertia).toBeAllClose(runs[0].inertia, 0, 1e-12);
        expect(r.nIter).toBe(runs[0].nIter);
        expect(r.clusterCenters).toBeAllClose(runs[0].clusterCenters, 1e-12);
      }
    }
  });

  it('is deterministic per seed and depends on it', () => {
    const { X } = blobs(5, 6, 30, 4, 1, 1.0);
    const a = new KMeans({ k: 6, seed: 11, nInit: 2 }).fit(X);
    const b = new KMeans({ k: 6, seed: 11, nInit: 2 }).fit(X);
    const c = new KMeans({ k: 6, seed: 12, nInit: 2 }).fit(X);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
    expect(a.clusterCenters.data).toEqual(b.clusterCenters.data);
    expect(a.clusterCenters.data).not.toEqual(c.clusterCenters.data);
  });

  it('keeps the best of nInit restarts', () => {
    const { X } = blobs(6, 10, 20, 5, 3, 1.0);
    const one = new KMeans({ k: 10, seed: 1, nInit: 1 }).fit(X).inertia;
    const ten = new KMeans({ k: 10, seed: 1, nInit: 10 }).fit(X).inertia;
    expect(ten).toBeLessThanOrEqual(one);
  });

  it('predict matches the training labels and transform gives the distances', () => {
    const { X } = blobs(7, 4, 25, 3);
    const km = new KMeans({ k: 4, seed: 2 }).fit(X);
    expect(Array.from(km.predict(X))).toEqual(Array.from(km.labels));
    const D = km.transform(X);
    expect(D.rows).toBe(100);
    expect(D.cols).toBe(4);
    let inertia = 0;
    for (let i = 0; i < 100; i++) {
      const row = Array.from(D.data.subarray(i * 4, i * 4 + 4));
      expect(row.indexOf(Math.min(...row))).toBe(km.labels[i]);
      inertia += Math.min(...row) ** 2;
    }
    expect(inertia).toBeAllClose(km.inertia, 0, 1e-10);
    expect(km.predict({ data: new Float64Array(0), rows: 0, cols: 3 }).length).toBe(0);
  });

  it('spherical centres are unit norm and predict follows cosine', () => {
    const { X } = blobs(8, 5, 30, 8);
    const km = new KMeans({ k: 5, seed: 4, spherical: true }).fit(X);
    const C = km.clusterCenters;
    for (let j = 0; j < 5; j++) {
      let s = 0;
      for (let t = 0; t < 8; t++) s += C.data[j * 8 + t] ** 2;
      expect(Math.sqrt(s)).toBeAllClose(1, 1e-12);
    }
    // scaling a row does not change its cluster
    const scaled = { data: X.data.map((v) => v * 7), rows: X.rows, cols: X.cols };
    expect(Array.from(km.predict(scaled))).toEqual(Array.from(km.labels));
  });

  it('toJSON / fromJSON round trip keeps state and predictions', () => {
    const { X } = blobs(9, 3, 20, 4);
    const km = new KMeans({ k: 3, seed: 1 }).fit(X);
    const back = KMeans.fromJSON(JSON.parse(JSON.stringify(km.toJSON())));
    expect(back.inertia).toBe(km.inertia);
    expect(back.nIter).toBe(km.nIter);
    expect(Array.from(back.labels)).toEqual(Array.from(km.labels));
    expect(back.clusterCenters.data).toEqual(km.clusterCenters.data);
    expect(Array.from(back.predict(X))).toEqual(Array.from(km.predict(X)));
    expect(() => KMeans.fromJSON({ ...km.toJSON(), name: 'Whitening' })).toThrow(FormatError);
    expect(() => KMeans.fromJSON({ ...km.toJSON(), version: 2 })).toThrow(FormatError);
    const unfitted = KMeans.fromJSON(JSON.parse(JSON.stringify(new KMeans({ k: 2 }).toJSON())));
    expect(() => unfitted.labels).toThrow(NotFittedError);
    expect(KMeans.fromJSON(JSON.parse(JSON.stringify(new KMeans({ k: 2, precision: 'float32' }).toJSON()))).precision).toBe('float32');
  });

  it("precision 'float32' on float64 input gives the fit on the input rounded to float32 (up to rounding: fit centres first)", () => {
    const { X } = blobs(12, 4, 60, 6);
    const M = { ...X, data: Float64Array.from(X.data, (v) => v + 1e-9) };
    const a = new KMeans({ k: 4, seed: 2, precision: 'float32' }).fit(M);
    const b = new KMeans({ k: 4, seed: 2, precision: 'float32' }).fit({ ...M, data: Float32Array.from(M.data) });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBeAllClose(b.inertia, 0, 1e-6);
    // and float64 arithmetic finds the same well-separated clusters
    const c = new KMeans({ k: 4, seed: 2 }).fit(M);
    expect(adjustedRandIndex(a.labels, c.labels)).toBe(1);
  });

  it("precision 'float32': predict uses fit's float32 arithmetic (offset included), so predict(X_train) gives labels", () => {
    // points at 1000 ± 1: fit centres them before rounding to float32, and predict must too
    const rng = createRng(5);
    const n = 20000, d = 8;
    const data = new Float64Array(n * d);
    for (let i = 0; i < data.length; i++) data[i] = 1000 + rng.normal();
    const X = { data, rows: n, cols: d };
    const km = new KMeans({ k: 64, seed: 1, nInit: 1, maxIter: 5, precision: 'float32' }).fit(X);
    const json = km.toJSON();
    expect(json.state!.offset!.length).toBe(d);
    const mismatches = (p: Int32Array) => p.reduce((m, v, i) => m + (v === km.labels[i] ? 0 : 1), 0);
    expect(mismatches(km.predict(X))).toBe(0);
    expect(mismatches(KMeans.fromJSON(JSON.parse(JSON.stringify(json))).predict(X))).toBe(0);
  });

  it('data far from the origin (offset 1e9 over unit clusters) is clustered as at the origin: fit removes the offset', () => {
    const base = [[0, 0], [0, 1], [5, 5], [5, 6], [10, 0], [10, 1]];
    const ref = new KMeans({ k: 3, seed: 0 }).fit(base);
    for (const algorithm of ['lloyd', 'elkan', 'hamerly'] as const) {
      for (const precision of ['float64', 'float32'] as const) {
        const km = new KMeans({ k: 3, seed: 0, algorithm, precision }).fit(base.map((r) => r.map((v) => v + 1e9)));
        expect(adjustedRandIndex(km.labels, ref.labels)).toBe(1); // was all one cluster (lloyd) or 2 of 3 wrong
        expect(km.inertia).toBeCloseTo(1.5, 6);
        expect(km.clusterCenters.data).toBeAllClose(ref.clusterCenters.data.map((v) => v + 1e9), 1e-5);
        expect(Array.from(km.predict(base.map((r) => r.map((v) => v + 1e9))))).toEqual(Array.from(km.labels));
      }
    }
    // the offset fit removed and saved is the column means
    expect(ref.toJSON().state!.offset).toEqual([5, 13 / 6]);
    // one far outlier does not hide the offset of the clusters (a means-vs-spread test would have)
    const withOutlier = [...base.map((r) => r.map((v) => v + 1e9)), [0, 0]];
    for (const algorithm of ['lloyd', 'elkan', 'hamerly'] as const) {
      const km = new KMeans({ k: 4, seed: 0, algorithm }).fit(withOutlier);
      expect(km.inertia).toBeCloseTo(1.5, 6);
      expect(Array.from(km.predict(withOutlier))).toEqual(Array.from(km.labels));
    }
  });

  it("precision 'float32' refuses entries whose squared distances would overflow float32", () => {
    const d = 2, limit = Math.sqrt(3.4028234663852886e38 / (4 * d)); // 6.5e18
    const big = { data: Float64Array.from([0, 0, 1e19, 0, 2, 2, 3, 3]), rows: 4, cols: d };
    expect(() => new KMeans({ k: 2, precision: 'float32' }).fit(big)).toThrow(
      /'X' argument of KMeans.fit has an entry of magnitude 1\.00e\+19 at row 1, column 0; .*overflow float32 above \|x\| = 6\.52e\+18 for 2 columns/,
    );
    // float64 values beyond float32's range round to Infinity: named as such
    expect(() => new KMeans({ k: 2, precision: 'float32' }).fit({ ...big, data: Float64Array.from([0, 0, 1e39, 0, 2, 2, 3, 3]) }))
      .toThrow(/too large for float32 \(it rounds to Infinity\) at row 1, column 0/);
    // just under the limit is fine, and float64 precision takes the large values
    const ok = { ...big, data: Float64Array.from([0, 0, limit * 0.99, 0, 1, 1, limit * 0.98, 1]) };
    const km = new KMeans({ k: 2, seed: 0, precision: 'float32' }).fit(ok);
    expect(Number.isFinite(km.inertia)).toBe(true);
    expect(Array.from(km.labels)).toEqual([0, 1, 0, 1]);
    expect(Array.from(new KMeans({ k: 2, seed: 0 }).fit(big).labels)).toEqual([0, 1, 0, 0]);
    expect(() => km.predict({ data: Float64Array.from([1e19, 0]), rows: 1, cols: 2 })).toThrow(/KMeans.predict has an entry of magnitude/);
    expect(() => new KMeans({ k: 2, precision: 'float32', init: { data: Float64Array.from([0, 0, 1e39, 0]), rows: 2, cols: 2 } }).fit(ok))
      .toThrow(/'init' option of KMeans has an entry too large for float32/);
  });

  it('float64 refuses data whose squared distances overflow or underflow (was Infinity inertia, label -1, wrong labels)', () => {
    const huge = [[0, 0], [1e200, 0], [2e200, 0], [0, 1e200]];
    expect(() => new KMeans({ k: 2 }).fit(huge)).toThrow(/entry of magnitude 1\.00e\+200 at row 1, column 0; with precision 'float64' squared distances overflow float64 above \|x\| = 4\.74e\+153 for 2 columns/);
    const km = new KMeans({ k: 2, seed: 0 }).fit([[0, 0], [1, 0], [10, 0], [11, 0]]);
    expect(() => km.predict([[1e160, 0]])).toThrow(/KMeans.predict has an entry of magnitude 1\.00e\+160/);
    expect(() => km.transform([[1e160, 0]])).toThrow(/KMeans.transform has an entry of magnitude/);
    expect(Array.from(km.predict([[1e-300, 0], [12, 0]]))).toEqual([km.labels[0], km.labels[3]]); // tiny new points are fine
    const tiny = [[0, 0], [1e-200, 0], [5e-200, 5e-200], [5e-200, 6e-200]];
    expect(() => new KMeans({ k: 2 }).fit(tiny)).toThrow(/has no entry larger than 6\.00e-200 in magnitude; with precision 'float64' squared distances underflow for data on a scale below 1\.00e-146\. Rescale the data/);
    // the same points rescaled: the intended clusters
    expect(Array.from(new KMeans({ k: 2, seed: 0 }).fit(tiny.map((r) => r.map((v) => v * 1e200))).labels)).toEqual([0, 0, 1, 1]);
  });

  it("precision 'float32' refuses data on a scale where squared distances underflow float32 (float64 takes it)", () => {
    const X = [[0, 0], [1e-30, 0], [5e-30, 5e-30], [5e-30, 6e-30]];
    expect(() => new KMeans({ k: 2, precision: 'float32' }).fit(X))
      .toThrow(/no entry larger than 6\.00e-30 in magnitude; with precision 'float32' squared distances underflow for data on a scale below 3\.\d+e-16\. Use precision 'float64' or rescale/);
    expect(Array.from(new KMeans({ k: 2, seed: 0 }).fit(X).labels)).toEqual([0, 0, 1, 1]);
    expect(new KMeans({ k: 2, seed: 0, precision: 'float32' }).fit(X.map((r) => r.map((v) => v * 1e28))).labels).toEqual(Int32Array.from([0, 0, 1, 1]));
  });

  it('sample weights of any scale give the unweighted clustering (weights are rescaled by a power of two)', () => {
    const { X } = blobs(21, 3, 20, 4);
    const ones = new Array(X.rows).fill(1);
    for (const [scale, spherical] of [[1e300, false], [1e-310, false], [5e-324, false], [1e154, true], [3, false]] as const) {
      const plain = new KMeans({ k: 3, seed: 0, spherical }).fit(X, { sampleWeight: ones });
      const km = new KMeans({ k: 3, seed: 0, spherical }).fit(X, { sampleWeight: new Array(X.rows).fill(scale) });
      expect(Array.from(km.labels)).toEqual(Array.from(plain.labels));
      expect(km.clusterCenters.data).toBeAllClose(plain.clusterCenters.data, 0, 1e-13); // weights ≈ 1.32 after rescaling, not 1
      expect(Number.isFinite(km.inertia) && km.inertia >= 0).toBe(true);
      if (scale >= 1e-300) expect(km.inertia / (plain.inertia * scale)).toBeCloseTo(1, 12);
    }
    // a wide range of weights on an ordinary scale: no false overflow (the true inertia is about 1e-300)
    const six = [[0, 0], [0, 1], [5, 5], [5, 6], [10, 0], [10, 1]];
    const wide = new KMeans({ k: 3, seed: 0 }).fit(six, { sampleWeight: [1e20, 1e-300, 1e-300, 1e-300, 1e-300, 1e-300] });
    expect(Number.isFinite(wide.inertia)).toBe(true);
    expect(wide.inertia).toBeLessThan(1e-290);
    // weights whose inertia exceeds float64 are an error, not Infinity
    const big = { ...X, data: Float64Array.from(X.data, (v) => v * 1e140) };
    expect(() => new KMeans({ k: 3, seed: 0 }).fit(big, { sampleWeight: new Array(X.rows).fill(1e30) }))
      .toThrow(/inertia Σ w·‖x − c‖² of KMeans.fit overflows float64 .*rescale X or the weights/);
  });

  it('an explicit init is checked for overflow only (the data set the scale); spherical init rows are normalized at any scale', () => {
    const X = [[1, 0.1], [1, 0.2], [0.1, 1], [0.2, 1]];
    const ref = Array.from(new KMeans({ k: 2, init: [[1, 0], [0, 1]], spherical: true }).fit(X).labels);
    for (const s of [1e-200, 1e200]) {
      expect(Array.from(new KMeans({ k: 2, init: [[s, 0], [0, s]], spherical: true }).fit(X).labels)).toEqual(ref);
    }
    expect(Array.from(new KMeans({ k: 2, init: [[0, 0], [1e-200, 0]] }).fit([[0, 0], [0.1, 0], [5, 5], [5, 6]]).labels)).toEqual([0, 0, 1, 1]);
    expect(() => new KMeans({ k: 2, init: [[0, 0], [0, 0]], spherical: true }).fit(X)).toThrow(/'init' option of KMeans must have rows of non-zero norm .*row 0 is all zeros/);
  });

  it('spherical k-means normalizes rows of 1e-200 and 1e200 without underflow or overflow', () => {
    const base = [[1, 0.1], [1, 0.2], [0.1, 1], [0.2, 1]];
    const expected = Array.from(new KMeans({ k: 2, seed: 0, spherical: true }).fit(base).labels);
    for (const scale of [1e-200, 1e200]) {
      const km = new KMeans({ k: 2, seed: 0, spherical: true }).fit(base.map((r) => r.map((v) => v * scale)));
      expect(Array.from(km.labels)).toEqual(expected);
    }
  });

  it("precision 'float32': points that become equal when rounded are reported as such", () => {
    const X = { data: Float64Array.from([0, 0, 1, 1, 1 + 1e-12, 1]), rows: 3, cols: 2 };
    expect(new KMeans({ k: 3, seed: 0 }).fit(X).inertia).toBe(0);
    expect(() => new KMeans({ k: 3, precision: 'float32' }).fit(X))
      .toThrow(/KMeans.fit \(rounded to float32 for precision 'float32'\) must have at least k = 3 distinct points .*found only 2/);
  });

  it('sample weights: integer weights equal repeated rows', () => {
    const { X } = blobs(10, 3, 10, 2, 5, 1.5);
    const w = Array.from({ length: 30 }, (_, i) => 1 + (i % 3));
    const rows: number[][] = [];
    for (let i = 0; i < 30; i++) for (let r = 0; r < w[i]; r++) rows.push(Array.from(X.data.subarray(i * 2, i * 2 + 2)));
    const init = { data: Float64Array.from(X.data.subarray(0, 6)), rows: 3, cols: 2 };
    const a = new KMeans({ k: 3, init, tol: 0 }).fit(X, { sampleWeight: w });
    const b = new KMeans({ k: 3, init, tol: 0 }).fit(rows);
    expect(a.inertia).toBeAllClose(b.inertia, 0, 1e-10);
    expect(a.clusterCenters).toBeAllClose(b.clusterCenters, 1e-10);
  });
});

describe('KMeans against scikit-learn 1.2 (same initial centres)', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: same labels, centres, n_iter and inertia (1e-6 relative)`, () => {
      for (const algorithm of ['lloyd', 'hamerly', 'elkan'] as const) {
        const km = new KMeans({ k: c.k, init: c.init, algorithm, maxIter: 300, tol: 1e-4 })
          .fit(c.X, c.sampleWeight ? { sampleWeight: c.sampleWeight } : {});
        expect(km.inertia).toBeAllClose(c.inertia, 0, 1e-6);
        expect(Array.from(km.labels)).toEqual(c.labels);
        expect(km.nIter).toBe(c.nIter);
        expect(km.clusterCenters).toBeAllClose(c.centers.flat(), 1e-8);
      }
    });
  }
  it('fixture carries its provenance', () => {
    expect(fixture.meta).toMatchObject({ sklearn: '1.2.1', seed: 0 });
    expect(String(fixture.meta.command)).toContain('make_fixtures.py');
  });
});

describe('KMeans bad input', () => {
  const X = [[0, 0], [1, 1], [2, 2]];
  it('a saved model with invalid options is a FormatError naming the option', () => {
    const json = new KMeans({ k: 2 }).fit(X).toJSON();
    expect(() => KMeans.fromJSON({ ...json, options: { ...json.options, precision: 'float16' as 'float32' } }))
      .toThrow(FormatError);
    expect(() => KMeans.fromJSON({ ...json, options: { ...json.options, precision: 'float16' as 'float32' } }))
      .toThrow(/Serialized KMeans has invalid options: The 'precision' option of KMeans must be one of/);
  });
  it('a saved model with a corrupted state is a FormatError saying what is wrong', () => {
    const json = new KMeans({ k: 2, seed: 0 }).fit(X).toJSON();
    const state = json.state!;
    const load = (patch: Record<string, unknown>) => () => KMeans.fromJSON({ ...json, state: { ...state, ...patch } });
    for (const labels of [[0, 99, 1], [0, -1, 1], [0, 'a', 1], [0, 1.5, 1]]) {
      expect(load({ labels })).toThrow(FormatError);
      expect(load({ labels })).toThrow(/labels must be integers in \[0, 1\]; entry 1 is not/);
    }
    expect(load({ inertia: 'abc' })).toThrow(/inertia must be a finite number ≥ 0; got "abc"/);
    expect(load({ nIter: -1 })).toThrow(/nIter must be an integer ≥ 0/);
    expect(load({ converged: 'x' })).toThrow(/converged must be true or false/);
    expect(load({ history: [1] })).toThrow(/history must hold nIter = \d+ finite numbers/);
    expect(load({ centres: [[0], [1, 1]] })).toThrow(FormatError);
    // centres unusable for distances (predict gave -1) or not unit for a spherical model
    expect(load({ centres: [[1e200, 0], [0, 1e200]] })).toThrow(/Serialized KMeans state: The centres of a serialized KMeans has an entry of magnitude 1\.00e\+200/);
    const sph = new KMeans({ k: 2, seed: 0, spherical: true }).fit([[1, 0.1], [1, 0.2], [0.1, 1]]).toJSON();
    expect(KMeans.fromJSON(JSON.parse(JSON.stringify(sph))).predict([[1, 0]]).length).toBe(1);
    expect(() => KMeans.fromJSON({ ...sph, state: { ...sph.state!, centres: [[100, 0], [0, 1]] } }))
      .toThrow(/must be unit rows for a spherical model; row 0 has norm 100\.000/);
    expect(Array.from(KMeans.fromJSON(JSON.parse(JSON.stringify(json))).labels)).toEqual(Array.from(state.labels));
  });
  it('a malformed EMBFACT_THREADS or EMBFACT_WASM is a RangeError, as in @embfact/core (not a silent default)', () => {
    const saved = process.env['EMBFACT_THREADS'];
    process.env['EMBFACT_THREADS'] = 'abc';
    try {
      expect(() => new KMeans({ k: 2, seed: 0 }).fit(X)).toThrow(/EMBFACT_THREADS environment variable must be an integer ≥ 1; got 'abc'/);
    } finally {
      if (saved === undefined) delete process.env['EMBFACT_THREADS']; else process.env['EMBFACT_THREADS'] = saved;
    }
    expect(new KMeans({ k: 2, seed: 0 }).fit(X).inertia).toBeGreaterThan(0);
    const savedWasm = process.env['EMBFACT_WASM'];
    process.env['EMBFACT_WASM'] = 'off';
    try {
      expect(() => new KMeans({ k: 2, seed: 0 }).fit(X)).toThrow(/EMBFACT_WASM environment variable must be 0 or false .* got 'off'/);
    } finally {
      if (savedWasm === undefined) delete process.env['EMBFACT_WASM']; else process.env['EMBFACT_WASM'] = savedWasm;
    }
  });
  it('k > n is a RangeError naming k', () => {
    expect(() => new KMeans({ k: 4 }).fit(X)).toThrow(/at least k = 4 rows; got 3/);
  });
  it('invalid options are RangeErrors naming the option', () => {
    expect(() => new KMeans({ k: 0 })).toThrow(/'k' option of KMeans must be an integer in \[1, Infinity\]; got 0/);
    expect(() => new KMeans({ k: 2, maxIter: 0 })).toThrow(/'maxIter'/);
    expect(() => new KMeans({ k: 2, tol: -1 })).toThrow(/'tol'/);
    expect(() => new KMeans({ k: 2, algorithm: 'fast' as 'lloyd' })).toThrow(/'algorithm'/);
    expect(() => new KMeans({ k: 2, precision: 'float16' as 'float32' })).toThrow(/'precision' option of KMeans must be one of .*float32.*; got "float16"/);
    expect(() => new KMeans({ k: 2, init: [[0, 0]] })).toThrow(/'init' option of KMeans must have at least 2 row\(s\); got 1/);
    expect(() => new KMeans({ k: 1, init: [[0, 0]], nInit: 3 })).toThrow(/'nInit'/);
    expect(() => new KMeans({ k: 1, init: [[0, 0, 0]] }).fit(X)).toThrow(/2 columns/);
  });
  it('k = 1 gives the weighted mean', () => {
    const km = new KMeans({ k: 1 }).fit(X, { sampleWeight: [1, 1, 2] });
    expect(km.clusterCenters).toBeAllClose([1.25, 1.25], 1e-12);
    expect(Array.from(km.labels)).toEqual([0, 0, 0]);
    expect(km.inertia).toBeAllClose(1.5625 * 2 + 0.0625 * 2 + 0.5625 * 2 * 2, 1e-12);
  });
  it('duplicate points are clustered normally', () => {
    const D = [[0, 0], [0, 0], [0, 0], [5, 5], [5, 5], [9, 9]];
    const km = new KMeans({ k: 3, seed: 1 }).fit(D);
    expect(km.inertia).toBe(0);
    expect(adjustedRandIndex([0, 0, 0, 1, 1, 2], km.labels)).toBe(1);
  });
  it('all-identical points: k-means++ throws (fewer than k distinct points); k = 1 works', () => {
    const S = [[3, 3], [3, 3], [3, 3], [3, 3]];
    expect(() => new KMeans({ k: 2 }).fit(S)).toThrow(/at least k = 2 distinct points.*found only 1/);
    const km = new KMeans({ k: 1 }).fit(S);
    expect(km.inertia).toBe(0);
    expect(km.clusterCenters.data).toEqual(new Float64Array([3, 3]));
  });
  it('explicit init with duplicate centres: empty clusters re-seeded, never NaN', () => {
    const S = [[0, 0], [0, 1], [10, 10], [10, 11]];
    const km = new KMeans({ k: 2, init: [[0, 0], [0, 0]] }).fit(S);
    expect(km.clusterCenters.data.every(Number.isFinite)).toBe(true);
    expect(new Set(km.labels).size).toBe(2);
    expect(km.inertia).toBeAllClose(1, 1e-12);
    const same = new KMeans({ k: 3, init: 'random', seed: 1 }).fit([[1, 1], [1, 1], [1, 1]]);
    expect(same.clusterCenters.data.every(Number.isFinite)).toBe(true);
    expect(same.inertia).toBe(0);
  });
  it('a NaN row is a RangeError naming the entry', () => {
    expect(() => new KMeans({ k: 1 }).fit([[0, 0], [NaN, 1]])).toThrow(/entry \(1, 0\) is NaN/);
  });
  it('an empty dataset is a RangeError', () => {
    expect(() => new KMeans({ k: 1 }).fit([])).toThrow(/at least 1 row/);
    expect(() => new KMeans({ k: 1 }).fit({ data: new Float64Array(0), rows: 0, cols: 3 })).toThrow(/at least 1 row/);
  });
  it('a zero row in spherical mode is a RangeError naming the row', () => {
    expect(() => new KMeans({ k: 1, spherical: true }).fit([[1, 0], [0, 0]])).toThrow(/row 1 is all zeros/);
  });
  it('bad sample weights are rejected', () => {
    expect(() => new KMeans({ k: 1 }).fit(X, { sampleWeight: [1, 2] })).toThrow(/one weight per row \(3\); got 2/);
    expect(() => new KMeans({ k: 1 }).fit(X, { sampleWeight: [1, -2, 1] })).toThrow(/entry 1 is -2/);
    expect(() => new KMeans({ k: 2 }).fit(X, { sampleWeight: [0, 0, 1] })).toThrow(/at least 2 positive/);
  });
  it('learned state throws NotFittedError before fit', () => {
    const km = new KMeans({ k: 2 });
    for (const get of [() => km.labels, () => km.inertia, () => km.clusterCenters, () => km.nIter, () => km.predict(X)]) {
      expect(get).toThrow(NotFittedError);
    }
  });
});
