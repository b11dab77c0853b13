"""scikit-learn / faiss k-means peers for apps/bench/src/cluster.ts.

Usage: /usr/bin/python3 cluster_peers.py X.f32 INIT.f64 ROWS COLS K ITERS RUNS
Reads the data (raw little-endian float32, row-major) and the initial centres (float64, K x COLS),
and runs, from exactly those centres, max_iter=ITERS, tol=0, n_init=1 (timed inside Python,
median of RUNS, wall and CPU time; BLAS/OpenMP may use both cores):
  sklearn KMeans(algorithm='lloyd') on float32 and float64 data, and algorithm='elkan' (float64);
  faiss.Kmeans(niter=ITERS) with the same init when faiss is importable, else reported skipped.
Prints one JSON object on stdout (times in seconds, final inertia, iterations, versions).
"""
import json
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans

xpath, ipath, rows, cols, k, iters, runs = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:8])
X32 = np.fromfile(xpath, dtype="<f4").reshape(rows, cols)
X64 = X32.astype(np.float64)
C0 = np.fromfile(ipath, dtype="<f8").reshape(k, cols)


def timed(fn):
    ts, cs, out = [], [], None
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        ts.append(time.perf_counter() - t0)
        cs.append(time.process_time() - c0)  # CPU time of all the process's threads
    return statistics.median(ts), ts, out, statistics.median(cs)


def sk(X, algorithm):
    def run():
        return KMeans(n_clusters=k, init=C0.astype(X.dtype), n_init=1, max_iter=iters, tol=0.0, algorithm=algorithm).fit(X)
    med, ts, km, cpu = timed(run)
    # inertia recomputed in float64 from the returned centres and labels, like the other peers
    c = km.cluster_centers_.astype(np.float64)
    inertia = float(((X64 - c[km.labels_]) ** 2).sum())
    return {"seconds": med, "cpu": cpu, "runs": ts, "inertia": inertia, "inertiaReported": float(km.inertia_), "nIter": int(km.n_iter_)}


out = {"sklearn": sklearn.__version__, "numpy": np.__version__,
       "lloyd32": sk(X32, "lloyd"), "lloyd64": sk(X64, "lloyd"), "elkan64": sk(X64, "elkan")}
try:
    import faiss  # noqa: F401

    def run_faiss():
        km = faiss.Kmeans(cols, k, niter=iters, verbose=False, seed=0, min_points_per_centroid=1, max_points_per_centroid=10 ** 9)
        km.train(X32, init_centroids=C0.astype(np.float32))
        return km

    med, ts, km, cpu = timed(run_faiss)
    _, lab = km.index.search(X32, 1)
    c = km.centroids.astype(np.float64)
    out["faiss"] = {"seconds": med, "cpu": cpu, "runs": ts, "inertia": float(((X64 - c[lab[:, 0]]) ** 2).sum()), "version": faiss.__version__}
except ImportError as e:
    out["faiss"] = {"skipped": f"faiss not importable ({e})"}
print(json.dumps(out))
