#!/usr/bin/python3
"""Float64 PyTorch references for the seven networks of `buildFnn`, checked by
src/build-fnn-torch.test.ts on every backend. Run from the repository root:

    /usr/bin/python3 packages/snn-layers/scripts/make-architecture-fixtures.py

The networks come from bench/reference/torch_networks.py (buildFnn's seven, layer for layer, the
same definitions bench:grid trains). For each: input 7, width 12, 3 hidden layers (ResNet 2 blocks),
4 classes, batch 5, dropout 0; a conic highway network and a diavolo ResNet (bottleneck 0.25 of
width 10); and the Figure-1 network's structure (an SNN of depth 8, input as wide as its layers,
10 classes) at width 10. Every weight is a seeded normal draw rounded to float32
(BatchNorm's γ, β and moving statistics away from 1 and 0, WeightNorm's g away from ‖v‖, highway
gate biases, ResNet's last kernels non-zero), and so is the input, so that the float64 reference is
the exact function of the float32 values the test loads. The file holds, per network:

- `weights`: name (tfjs's), shape and values (row-major) in the order of tfjs's `getWeights()`;
- `input` [batch, inputDim] and `labels` (class indices);
- `output`: the softmax probabilities in training mode (BatchNorm on batch statistics);
- `loss`: the mean categorical cross-entropy −mean log p[label] of that output;
- `gradients`: of that loss with respect to every trainable weight (tfjs names and layout) and
  `inputGradient` with respect to the input;
- BatchNorm only: `inferenceOutput` on the moving statistics, and `movingAfterStep`, the moving
  statistics after that one training-mode pass (m ← 0.99·m + 0.01·batch statistic, biased
  variance).

Every ReLU and SELU input lies at least KINK_MARGIN from 0 (the script stops where a seed breaks
this), so that float32 rounding cannot move a value across the kink and change a derivative.

Writes packages/snn-layers/src/fixtures/architectures-torch.json.
"""
import json
import os
import sys

import numpy as np
import torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..")
sys.path.insert(0, os.path.join(ROOT, "bench", "reference"))
from torch_networks import network, tfjs_weights  # noqa: E402

OUT = os.path.join(ROOT, "packages", "snn-layers", "src", "fixtures", "architectures-torch.json")
KINK_MARGIN = 1e-4
# Significant digits of the float64 results: far below any float32 tolerance.
DIGITS = 10

SMALL = {"inputDim": 7, "outputDim": 4, "width": 12, "batch": 5}
NETWORKS = [
    {"name": arch, "arch": arch, "depth": 2 if arch == "resnet" else 3, "seed": 11 + i, **SMALL}
    for i, arch in enumerate(
        ["snn", "msra", "batchnorm", "layernorm", "weightnorm", "highway", "resnet"]
    )
] + [
    # The options that change widths: conic layers (a highway carry projection at every layer),
    # and a diavolo ResNet block whose bottleneck 0.25·10 = 2.5 rounds half up, to 3.
    {"name": "highway-conic", "arch": "highway", "depth": 3, "seed": 20, "shape": "conic", **SMALL},
    {
        "name": "resnet-diavolo",
        "arch": "resnet",
        "depth": 2,
        "seed": 21,
        "blockShape": "diavolo",
        "bottleneck": 0.25,
        **{**SMALL, "width": 10},
    },
    {
        "name": "snn-depth-8",
        "arch": "snn",
        "depth": 8,
        "seed": 30,
        "inputDim": 10,
        "outputDim": 10,
        "width": 10,
        "batch": 5,
    }
]


def float32(values):
    """Rounded to float32, kept as float64 (the values the test's Float32Arrays hold)."""
    return np.asarray(values, dtype=np.float32).astype(np.float64)


def draw(name, shape, rng):
    """A non-trivial value for the tfjs weight `name`, by its kind."""
    kind = name.rsplit("/", 1)[1]
    if kind.endswith("kernel") or kind == "v":
        fan_in = shape[0]
        scale = 1.0 if kind == "v" else (1.5 / fan_in) ** 0.5
        return rng.normal(0.0, scale, shape)
    if kind == "gate_bias":
        return rng.normal(-1.0, 0.3, shape)
    if kind == "gamma":
        return rng.normal(1.0, 0.2, shape)
    if kind == "g":
        return rng.normal(2**0.5, 0.3, shape)
    if kind == "moving_mean":
        return rng.normal(0.4, 0.2, shape)
    if kind == "moving_variance":
        return 0.5 * np.exp(rng.normal(0.0, 0.3, shape))
    if kind == "beta" or kind.endswith("bias"):
        return rng.normal(0.0, 0.1, shape)
    raise SystemExit(f"make-architecture-fixtures: no draw for weight {name}")


def flat(tensor):
    return [float(f"{v:.{DIGITS}g}") for v in tensor.detach().reshape(-1).tolist()]


def float32_list(array):
    """Shortest decimal strings of float32 values that read back (float64, then float32) exactly."""
    out = [float(str(np.float32(v))) for v in np.asarray(array).reshape(-1)]
    back = np.asarray(out, dtype=np.float64).astype(np.float32)
    assert np.array_equal(back, np.asarray(array, dtype=np.float32).reshape(-1))
    return out


class KinkWatch:
    """The smallest |input| of torch.relu and torch.selu while active (nn.ReLU and nn.SELU call them)."""

    def __init__(self):
        self.closest = float("inf")

    def __enter__(self):
        self.saved = torch.relu, torch.selu

        def watch(fn):
            def wrapped(x, *args, **kwargs):
                self.closest = min(self.closest, x.detach().abs().min().item())
                return fn(x, *args, **kwargs)

            return wrapped

        torch.relu, torch.selu = (watch(fn) for fn in self.saved)
        return self

    def __exit__(self, *exc):
        torch.relu, torch.selu = self.saved


def reference(spec):
    rng = np.random.default_rng(spec["seed"])
    options = {k: spec[k] for k in ("shape", "blockShape", "bottleneck") if k in spec}
    config = {"arch": spec["arch"], "depth": spec["depth"], "width": spec["width"], "dropout": 0, **options}
    model = network(config, spec["inputDim"], spec["outputDim"], torch).double()
    weights = []
    with torch.no_grad():
        for name, tensor in tfjs_weights(model):
            value = float32(draw(name, tuple(tensor.shape), rng))
            tensor.copy_(torch.from_numpy(value))
            weights.append({"name": name, "shape": list(tensor.shape), "values": float32_list(value)})
    x_value = float32(rng.normal(0.0, 1.0, (spec["batch"], spec["inputDim"])))
    labels = rng.integers(0, spec["outputDim"], spec["batch"])
    x = torch.from_numpy(x_value).requires_grad_(True)
    entry = {
        "name": spec["name"],
        "architecture": spec["arch"],
        "inputDim": spec["inputDim"],
        "outputDim": spec["outputDim"],
        "depth": spec["depth"],
        "width": spec["width"],
        **options,
        "weights": weights,
        "input": float32_list(x_value),
        "labels": labels.tolist(),
    }
    with KinkWatch() as kinks:
        if spec["arch"] == "batchnorm":
            model.eval()
            with torch.no_grad():
                entry["inferenceOutput"] = flat(torch.softmax(model(x), 1))
        model.train()
        logits = model(x)
        probabilities = torch.softmax(logits, 1)
        loss = -torch.log(probabilities[torch.arange(spec["batch"]), torch.from_numpy(labels)]).mean()
        loss.backward()
    if not kinks.closest >= KINK_MARGIN:
        raise SystemExit(
            f"make-architecture-fixtures: {spec['name']} has an activation input {kinks.closest:.2e} "
            f"from the kink (< {KINK_MARGIN}); pick another seed"
        )
    entry["output"] = flat(probabilities)
    entry["loss"] = float(f"{loss.item():.{DIGITS}g}")
    entry["gradients"] = [{"name": n, "values": flat(g)} for n, g in tfjs_weights(model, grad=True)]
    entry["inputGradient"] = flat(x.grad)
    if spec["arch"] == "batchnorm":
        entry["movingAfterStep"] = [
            {"name": n, "values": flat(t)} for n, t in tfjs_weights(model) if "/moving_" in n
        ]
    entry["closestKink"] = float(f"{kinks.closest:.3g}")
    return entry


def main():
    torch.set_default_dtype(torch.float64)
    networks = [reference(spec) for spec in NETWORKS]
    fixture = {
        "about": "float64 PyTorch references for buildFnn's seven networks; written by "
        "packages/snn-layers/scripts/make-architecture-fixtures.py from "
        "bench/reference/torch_networks.py",
        "torch": torch.__version__,
        "networks": networks,
    }
    with open(OUT, "w") as f:
        json.dump(fixture, f, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {os.path.relpath(OUT, ROOT)} ({os.path.getsize(OUT)} bytes)")
    for n in networks:
        print(f"  {n['name']}: loss {n['loss']:.6f}, closest kink {n['closestKink']}")


if __name__ == "__main__":
    main()
