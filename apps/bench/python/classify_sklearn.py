"""scikit-learn peer for apps/bench/src/classify.ts: the same documents and the same folds.

Usage: /usr/bin/python3 apps/bench/python/classify_sklearn.py INPUT.json
INPUT.json = {"texts": [...], "labels": [...], "folds": [{"train": [...], "test": [...]}, ...]}
Prints one JSON object: per model, per-fold accuracy and fit seconds (vectorizer + model,
timed inside Python), plus the library versions.
"""
import json, sys, time
import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC

data = json.load(open(sys.argv[1]))
texts = np.array(data["texts"], dtype=object)
labels = np.array(data["labels"], dtype=object)
models = {
    "tfidf+LinearSVC": lambda: LinearSVC(),
    "tfidf+LogReg(C=100)": lambda: LogisticRegression(C=100, max_iter=1000),
}
out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "models": {}}
for name, make in models.items():
    accs, secs = [], []
    for f in data["folds"]:
        tr, te = np.array(f["train"]), np.array(f["test"])
        t0 = time.perf_counter()
        vec = TfidfVectorizer(lowercase=True)
        Xtr = vec.fit_transform(texts[tr])
        clf = make().fit(Xtr, labels[tr])
        secs.append(time.perf_counter() - t0)
        pred = clf.predict(vec.transform(texts[te]))
        accs.append(float(np.mean(pred == labels[te])))
    out["models"][name] = {"accuracy": accs, "seconds": secs}
print(json.dumps(out))
