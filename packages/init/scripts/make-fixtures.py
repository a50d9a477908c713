"""Reference values for @snn/init's truncated-normal correction.

A standard normal truncated to [-2, 2] has standard deviation 0.8796256610342398 (variance
0.7737413035499232). Keras's `TruncatedNormal`-based LeCun initializer divides sigma by that
standard deviation so the truncated weights still have variance 1/fan_in. This script computes
both numbers with scipy.stats.truncnorm, independently of our TypeScript constant.

Run from the repository root with Debian's interpreter (it has scipy):
    /usr/bin/python3 packages/init/scripts/make-fixtures.py
"""

import json
import pathlib

import scipy
from scipy import stats

CUT = 2.0
dist = stats.truncnorm(-CUT, CUT, loc=0.0, scale=1.0)

fixture = {
    "generator": "packages/init/scripts/make-fixtures.py",
    "scipy": scipy.__version__,
    "truncnorm": {
        "a": -CUT,
        "b": CUT,
        "mean": float(dist.mean()),
        "std": float(dist.std()),
        "variance": float(dist.var()),
        # Probability mass a standard normal keeps inside [-2, 2] (the rejection rate is 1 - this).
        "massInside": float(stats.norm.cdf(CUT) - stats.norm.cdf(-CUT)),
    },
}

out = pathlib.Path(__file__).resolve().parent.parent / "src" / "fixtures" / "truncnorm.json"
out.write_text(json.dumps(fixture, indent=2) + "\n")
print(f"wrote {out}: std={fixture['truncnorm']['std']!r} variance={fixture['truncnorm']['variance']!r}")
