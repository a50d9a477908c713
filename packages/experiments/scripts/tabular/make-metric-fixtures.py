#!/usr/bin/python3
"""Reference values for the tabular benchmarks' metrics, computed with scikit-learn and SciPy.

Run from the repository root with Debian's interpreter (it has numpy, scipy and sklearn):

    /usr/bin/python3 packages/experiments/scripts/tabular/make-metric-fixtures.py

Writes packages/experiments/src/tabular/fixtures/metric-fixtures.json, which
packages/experiments/src/tabular/metrics/metrics.test.ts compares our TypeScript metrics with.

Wilcoxon signed-rank, two-sided and one-sided ('less': x tends to be smaller than y), zero differences dropped first (SciPy's default
zero_method='wilcox'). Our rule for the method: exact null distribution when at most 50 non-zero
differences remain and their absolute values have no ties, otherwise the normal approximation with
tie correction and without continuity correction (SciPy's default correction=False). The method is
passed to SciPy explicitly, so the fixtures do not depend on how a SciPy version resolves 'auto'.
"""
import json
import os

import numpy as np
from scipy.stats import rankdata, sem, wilcoxon
from sklearn.metrics import accuracy_score, roc_auc_score

rng = np.random.default_rng(20170608)
OUT = os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..', 'src', 'tabular', 'fixtures',
    'metric-fixtures.json')

EXACT_MAX_N = 50


def floats(a):
    return [float(v) for v in a]


def ints(a):
    return [int(v) for v in a]


# ---- accuracy ---------------------------------------------------------------------------------
accuracy_cases = []
for n, classes in [(7, 2), (150, 3), (1000, 10)]:
    y_true = rng.integers(0, classes, n)
    y_pred = np.where(rng.random(n) < 0.7, y_true, rng.integers(0, classes, n))
    accuracy_cases.append({
        'name': f'n={n} classes={classes}', 'yTrue': ints(y_true), 'yPred': ints(y_pred),
        'accuracy': float(accuracy_score(y_true, y_pred)),
    })

# ---- ROC-AUC ----------------------------------------------------------------------------------
auc_cases = []


def add_auc(name, y, s):
    auc_cases.append({'name': name, 'yTrue': ints(y), 'yScore': floats(s),
                      'auc': float(roc_auc_score(y, s))})


for n in [5, 50, 1000]:
    y = rng.integers(0, 2, n)
    y[0], y[1] = 0, 1
    add_auc(f'continuous n={n}', y, rng.normal(size=n) + 0.8 * y)
for n, levels in [(40, 3), (300, 5), (2000, 20)]:
    y = rng.integers(0, 2, n)
    y[0], y[1] = 0, 1
    # Few distinct score values: many ties within and across classes.
    add_auc(f'tied scores n={n} levels={levels}', y,
            np.round(rng.random(n) * (levels - 1) + 0.6 * y) / (levels - 1))
add_auc('all scores tied', [0, 1, 1, 0, 1], [0.5] * 5)
add_auc('perfect', [0, 0, 1, 1, 1], [0.1, 0.2, 0.3, 0.8, 0.9])
add_auc('inverted', [1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])
add_auc('imbalanced 1 positive', [0, 0, 0, 0, 0, 0, 1], [0.3, 0.1, 0.7, 0.2, 0.7, 0.0, 0.7])

# ---- rankdata ---------------------------------------------------------------------------------
rank_cases = []
for values in [rng.integers(0, 5, 12), np.round(rng.normal(size=30), 1), rng.normal(size=9),
               np.array([2.0, 2.0, 2.0, 2.0])]:
    rank_cases.append({'values': floats(values), 'ranks': floats(rankdata(values))})

# Average ranks of methods over datasets, best (highest accuracy) = rank 1, ties averaged; the
# standard error of each average (sample standard deviation of the ranks, ddof=1, over sqrt(n)).
average_rank_cases = []
for n_datasets, n_methods, denom in [(6, 3, 4), (40, 7, 10), (121, 7, 30)]:
    acc = np.round(rng.random((n_datasets, n_methods)) * denom) / denom
    ranks = np.vstack([rankdata(-row) for row in acc])
    average_rank_cases.append({
        'scores': [floats(row) for row in acc],
        'datasetRanks': [floats(row) for row in ranks],
        'averageRanks': floats(ranks.mean(axis=0)),
        'standardErrors': floats(sem(ranks, axis=0, ddof=1)),
    })

# ---- Wilcoxon signed-rank ---------------------------------------------------------------------
wilcoxon_cases = []


def add_wilcoxon(name, x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    d = x - y
    nz = d[d != 0]
    if nz.size == 0:
        wilcoxon_cases.append({'name': name, 'x': floats(x), 'y': floats(y), 'n': 0,
                               'method': 'exact', 'statistic': 0.0, 'pValue': 1.0,
                               'pValueLess': 1.0})
        return
    abs_nz = np.abs(nz)
    has_ties = np.unique(abs_nz).size != abs_nz.size
    if nz.size <= EXACT_MAX_N and not has_ties:
        res = wilcoxon(nz, method='exact', alternative='two-sided')
        less = wilcoxon(nz, method='exact', alternative='less')
        method = 'exact'
    else:
        res = wilcoxon(x, y, zero_method='wilcox', method='approx', correction=False,
                       alternative='two-sided')
        less = wilcoxon(x, y, zero_method='wilcox', method='approx', correction=False,
                        alternative='less')
        method = 'approx'
    wilcoxon_cases.append({'name': name, 'x': floats(x), 'y': floats(y), 'n': int(nz.size),
                           'method': method, 'statistic': float(res.statistic),
                           'pValue': float(res.pvalue), 'pValueLess': float(less.pvalue)})


for n in [1, 4, 6, 10, 20, 50]:
    x = rng.normal(size=n)
    add_wilcoxon(f'exact n={n}', x + 0.3, x + rng.normal(size=n))
# r+ = 1 + 4 = 5 is exactly the centre n(n+1)/4 of the null distribution: p = 1.
add_wilcoxon('exact centre', [1, -2, 4, -3], [0, 0, 0, 0])
# Zeros are dropped, then the exact distribution of the remaining n applies.
x = rng.normal(size=12)
y = x.copy()
y[[0, 3, 7]] = x[[0, 3, 7]]
y[[1, 2, 4, 5, 6, 8, 9, 10, 11]] += rng.normal(size=9)
add_wilcoxon('exact with zeros', x, y)
# HTRU2-like: 10 fold AUCs of two methods.
a = 0.978 + 0.01 * rng.normal(size=10)
add_wilcoxon('htru2-like folds', a, a - 0.002 + 0.003 * rng.normal(size=10))
# Ties among |d| -> normal approximation with tie correction, even for small n.
add_wilcoxon('ties small n', [3, 5, 2, 8, 7, 4, 6, 1], [2, 3, 3, 6, 6, 6, 5, 1])
# UCI-like: 121 (and 51, 75, 46) datasets of accuracies on a coarse grid: ties and zeros.
for n in [46, 51, 75, 121]:
    base = rng.random(n)
    x = np.round(base * 20) / 20
    y = np.round((base + 0.04 * rng.normal(size=n)).clip(0, 1) * 20) / 20
    add_wilcoxon(f'uci-like n={n}', x, y)
# Large n without ties -> approx.
x = rng.normal(size=80)
add_wilcoxon('approx n=80', x, x + 0.2 + rng.normal(size=80))
add_wilcoxon('all zero', [0.5, 0.7, 0.9], [0.5, 0.7, 0.9])

with open(OUT, 'w') as f:
    json.dump({
        'generator': 'packages/experiments/scripts/tabular/make-metric-fixtures.py',
        'accuracy': accuracy_cases, 'rocAuc': auc_cases, 'rankData': rank_cases,
        'averageRanks': average_rank_cases, 'wilcoxon': wilcoxon_cases,
    }, f, separators=(',', ':'))
    f.write('\n')
print(f'wrote {os.path.normpath(OUT)}')
