import { describe, expect, it } from 'vitest';
import { FormatError, NotFittedError, createRng } from '@embfact/core';
import { KMeans, MiniBatchKMeans, adjustedRandIndex } from '../src/index.js';

function blobs(seed: number, k: number, per: number, d: number, spread = 1) {
  const rng = createRng(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => (rng.next() * 2 - 1) * 10));
  const data = new Float32Array(k * per * d);
  const y: number[] = [];
  for (let i = 0; i < k * per; i++) {
    const c = i % k;
    for (let t = 0; t < d; t++) data[i * d + t] = centres[c][t] + spread * rng.normal();
    y.push(c);
  }
  return { X: { data, rows: k * per, cols: d }, y };
}

describe('MiniBatchKMeans', () => {
  it('sample weights of any scale give the unweighted clustering; counts are in the weights\' units', () => {
    const { X } = blobs(5, 3, 40, 4);
    const ref = new MiniBatchKMeans({ k: 3, batchSize: 32, seed: 1 }).fit(X, { sampleWeight: new Array(X.rows).fill(1) });
    for (const scale of [1e300, 1e-320]) {
      const mb = new MiniBatchKMeans({ k: 3, batchSize: 32, seed: 1 }).fit(X, { sampleWeight: new Array(X.rows).fill(scale) });
      expect(Array.from(mb.labels)).toEqual(Array.from(ref.labels));
      expect(mb.clusterCenters.data).toBeAllClose(ref.clusterCenters.data, 0, 1e-12);
      expect(Number.isFinite(mb.inertia)).toBe(true);
      expect(() => new MiniBatchKMeans({ k: 3, seed: 1 }).fit(X, { sampleWeight: new Array(X.rows).fill(1e307) })).toThrow(/overflows float64/);
      if (scale > 1) expect(mb.counts[0] / (ref.counts[0] * scale)).toBeCloseTo(1, 12);
    }
  });
  it('data far from the origin (offset 1e9) is clustered as at the origin, and predict agrees (was one cluster)', () => {
    const { X } = blobs(6, 3, 50, 2);
    const ref = new MiniBatchKMeans({ k: 3, batchSize: 64, seed: 1 }).fit(X);
    const far = { ...X, data: Float64Array.from(X.data, (v) => v + 1e9) };
    const mb = new MiniBatchKMeans({ k: 3, batchSize: 64, seed: 1 }).fit(far);
    expect(adjustedRandIndex(mb.labels, ref.labels)).toBe(1);
    expect(Array.from(mb.predict(far))).toEqual(Array.from(mb.labels));
    expect(Array.from(MiniBatchKMeans.fromJSON(JSON.parse(JSON.stringify(mb.toJSON()))).predict(far))).toEqual(Array.from(mb.labels));
  });
  it('data too large for float64 squared distances is a RangeError naming the entry (was a TypeError deep inside)', () => {
    const huge = [[0, 0], [1e200, 0], [2e200, 0], [0, 1e200]];
    expect(() => new MiniBatchKMeans({ k: 2 }).fit(huge)).toThrow(RangeError);
    expect(() => new MiniBatchKMeans({ k: 2 }).fit(huge)).toThrow(/MiniBatchKMeans.fit has an entry of magnitude 1\.00e\+200 at row 1, column 0/);
    const km = new MiniBatchKMeans({ k: 2, seed: 0 }).fit([[0, 0], [1, 0], [10, 0], [11, 0]]);
    expect(() => km.predict([[1e160, 0]])).toThrow(/MiniBatchKMeans.predict has an entry of magnitude 1\.00e\+160/);
  });
  it('recovers separated blobs and gets close to full KMeans inertia', () => {
    const { X, y } = blobs(1, 6, 500, 8);
    const mb = new MiniBatchKMeans({ k: 6, batchSize: 256, seed: 2 }).fit(X);
    expect(adjustedRandIndex(y, mb.labels)).toBeGreaterThan(0.99);
    const full = new KMeans({ k: 6, seed: 2, nInit: 3 }).fit(X);
    expect(mb.inertia).toBeLessThan(full.inertia * 1.02);
    expect(mb.nSteps).toBeGreaterThan(0);
    let total = 0;
    for (const c of mb.counts) total += c;
    expect(total).toBe(mb.nSteps * 256);
    expect(Array.from(mb.predict(X))).toEqual(Array.from(mb.labels));
  });

  it('is deterministic per seed; spherical centres are unit norm', () => {
    const { X } = blobs(2, 4, 200, 5);
    const a = new MiniBatchKMeans({ k: 4, batchSize: 100, seed: 7, spherical: true }).fit(X);
    const b = new MiniBatchKMeans({ k: 4, batchSize: 100, seed: 7, spherical: true }).fit(X);
    expect(a.clusterCenters.data).toEqual(b.clusterCenters.data);
    for (let j = 0; j < 4; j++) {
      let s = 0;
      for (let t = 0; t < 5; t++) s += a.clusterCenters.data[j * 5 + t] ** 2;
      expect(Math.sqrt(s)).toBeAllClose(1, 1e-12);
    }
  });

  it('toJSON / fromJSON round trip; NotFittedError before fit and without computeLabels', () => {
    const { X } = blobs(3, 3, 50, 4);
    const mb = new MiniBatchKMeans({ k: 3, batchSize: 32, seed: 1 }).fit(X);
    const back = MiniBatchKMeans.fromJSON(JSON.parse(JSON.stringify(mb.toJSON())));
    expect(back.clusterCenters.data).toEqual(mb.clusterCenters.data);
    expect(Array.from(back.predict(X))).toEqual(Array.from(mb.predict(X)));
    expect(() => MiniBatchKMeans.fromJSON({ name: 'KMeans', version: 1 })).toThrow(FormatError);
    // a corrupted file is a FormatError saying what is wrong
    const json = JSON.parse(JSON.stringify(mb.toJSON()));
    const load = (patch: Record<string, unknown>, options?: Record<string, unknown>) => () =>
      MiniBatchKMeans.fromJSON({ ...json, options: { ...json.options, ...options }, state: { ...json.state, ...patch } });
    expect(load({ counts: [1, 2] })).toThrow(/Serialized MiniBatchKMeans state: counts must hold k = 3 finite numbers ≥ 0/);
    expect(load({ nSteps: 'x' })).toThrow(/nSteps must be an integer ≥ 0; got "x"/);
    expect(load({ inertia: -1 })).toThrow(/inertia must be null or a finite number ≥ 0; got -1/);
    expect(load({ centres: [[0], [1, 1], [2, 2]] })).toThrow(FormatError);
    expect(load({ centres: [[1e200, 0, 0, 0], [0, 0, 0, 0], [1, 1, 1, 1]] })).toThrow(/has an entry of magnitude 1\.00e\+200/);
    expect(load({}, { batchSize: 0 })).toThrow(FormatError);
    expect(load({}, { batchSize: 0 })).toThrow(/Serialized MiniBatchKMeans has invalid options: The 'batchSize' option/);
    expect(() => new MiniBatchKMeans({ k: 2 }).labels).toThrow(NotFittedError);
    const nolab = new MiniBatchKMeans({ k: 3, computeLabels: false, batchSize: 32 }).fit(X);
    expect(() => nolab.labels).toThrow(NotFittedError);
    expect(nolab.clusterCenters.rows).toBe(3);
  });

  it('bad input: k > n, NaN, empty, bad options', () => {
    expect(() => new MiniBatchKMeans({ k: 5 }).fit([[1], [2]])).toThrow(/at least k = 5 rows; got 2/);
    expect(() => new MiniBatchKMeans({ k: 1 }).fit([[1], [NaN]])).toThrow(/entry \(1, 0\) is NaN/);
    expect(() => new MiniBatchKMeans({ k: 1 }).fit([])).toThrow(/at least 1 row/);
    expect(() => new MiniBatchKMeans({ k: 2, batchSize: 0 })).toThrow(/'batchSize'/);
    expect(() => new MiniBatchKMeans({ k: 2, initSize: 1 })).toThrow(/'initSize'/);
  });
});
