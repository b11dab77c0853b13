"""numpy / scikit-learn peers for apps/bench/src/core.ts.

Usage: /usr/bin/python3 core_peers.py MATRIX.f64 ROWS COLS RUNS
Reads a raw little-endian float64 row-major matrix, times (inside Python, median of RUNS):
  svd      : centering + numpy.linalg.svd(Ac, full_matrices=False)   (LAPACK dgesdd, U computed)
  qr       : centering + numpy.linalg.qr(Ac)                          (LAPACK dgeqrf + dorgqr)
  gram_eigh: centering + Ac.T @ Ac + numpy.linalg.eigh               (the Gram route)
  pca_whiten: sklearn.decomposition.PCA(whiten=True).fit_transform(A)
and prints one JSON object on stdout. BLAS threads: whatever the environment sets.
"""
import json
import statistics
import sys
import time

import numpy as np

path, rows, cols, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
A = np.fromfile(path, dtype='<f8').reshape(rows, cols)


CPU = {}


def timed(fn):
    ts, cs = [], []
    out = None
    for _ in range(runs):
        c0 = time.process_time()
        t0 = time.perf_counter()
        out = fn()
        ts.append(time.perf_counter() - t0)
        cs.append(time.process_time() - c0)
    CPU[fn] = statistics.median(cs)
    return statistics.median(ts), ts, out


def svd():
    Ac = A - A.mean(axis=0)
    return np.linalg.svd(Ac, full_matrices=False)


def qr():
    Ac = A - A.mean(axis=0)
    return np.linalg.qr(Ac)


def gram_eigh():
    Ac = A - A.mean(axis=0)
    return np.linalg.eigh(Ac.T @ Ac)


result = {'numpy': np.__version__}
t, ts, out = timed(svd)
result['svd'] = {'median_s': t, 'cpu_s': CPU[svd], 'runs_s': ts, 's_first': float(out[1][0]), 's_last': float(out[1][-1])}
t, ts, _ = timed(qr)
result['qr'] = {'median_s': t, 'cpu_s': CPU[qr], 'runs_s': ts}
t, ts, _ = timed(gram_eigh)
result['gram_eigh'] = {'median_s': t, 'cpu_s': CPU[gram_eigh], 'runs_s': ts}
try:
    import sklearn
    from sklearn.decomposition import PCA
    t, ts, _ = timed(lambda: PCA(whiten=True).fit_transform(A))
    result['pca_whiten'] = {'median_s': t, 'runs_s': ts, 'sklearn': sklearn.__version__}
except ImportError as err:
    result['pca_whiten'] = {'skipped': str(err)}
print(json.dumps(result))
