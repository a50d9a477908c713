"""The seven feed-forward networks of @snn/snn-layers' `buildFnn` in PyTorch, layer for layer.

One home for the translation: bench/reference/grid_torch.py trains these networks for bench:grid,
and packages/snn-layers/scripts/make-architecture-fixtures.py computes float64 references from
them that packages/snn-layers/src/build-fnn-torch.test.ts checks `buildFnn` against on every
backend. Hidden layer i (widths as `layerWidths`: rectangular, or conic
w_i = max(1, round(width · (outputs/width)^(i/depth)))) is, as buildFnn builds it:

  snn        Linear + SELU (+ AlphaDropout), LeCun normal N(0, 1/n)
  msra       Linear + ReLU (+ Dropout), He normal N(0, 2/n)
  batchnorm  Linear + ReLU + BatchNorm (+ Dropout), He normal; tfjs's BatchNormalization: ε = 1e-3
             inside the square root, moving statistics m ← 0.99·m + 0.01·batch statistic with the
             batch's biased variance (tfjs and Keras; torch's BatchNorm1d would use the unbiased one)
  layernorm  Linear + LayerNorm (ε = 1e-3, biased variance, γ and β per feature) + ReLU, He normal
  weightnorm w = g · v/‖v‖ per output unit (‖v‖ over the inputs), then ReLU; v He normal, g = √2
             (so Σw² = 2 per unit, He's scale exactly); WeightNormDense's 1e-12 under the root of
             ‖v‖ is left out (torch's weight_norm), a relative 1e-12/(2‖v‖²)
  highway    y = C + T·(H − C): H = relu(xW + b), T = σ(xW_T + b_T) with b_T = −2, C = x (or xW_C
             without bias where the width changes), all kernels He normal
  resnet     y = relu(S + F): F = Linear(s) ReLU Linear(m) ReLU Linear(w), s = round(bottleneck·w),
             m = s ('rectangular') or w ('diavolo'), the last kernel and bias zero; S = x, or xW_S
             without bias where the width changes
  output     Linear(outputs), LeCun normal, zero bias; the softmax is the loss's (logits out)

Biases start at zero, and JavaScript's Math.round (halves up) gives the widths. `torch` is passed
in rather than imported here: grid_torch.py sets OPENBLAS_NUM_THREADS before torch loads.

`tfjs_weights(model)` lists the parameters and buffers in the order and layout of tfjs's
`model.getWeights()` for the same network (trainable weights layer by layer, then the
BatchNormalization moving statistics; kernels [in, out]), under the names tfjs gives them.
"""

import math

BATCH_NORM_MOMENTUM = 0.99
BATCH_NORM_EPSILON = 1e-3
LAYER_NORM_EPSILON = 1e-3
HIGHWAY_GATE_BIAS = -2.0


def js_round(value):
    """JavaScript's Math.round: halves round up (Python's round() rounds them to even)."""
    return math.floor(value + 0.5)


def layer_widths(width, depth, outputs, shape="rectangular"):
    """Widths of the hidden layers, as @snn/snn-layers' layerWidths."""
    if shape == "rectangular":
        return [width] * depth
    if shape == "conic":
        ratio = outputs / width
        return [max(1, js_round(width * ratio ** (i / depth))) for i in range(depth)]
    raise ValueError(f"torch_networks: shape must be 'rectangular' or 'conic', got {shape!r}")


def residual_block_widths(units, bottleneck, block_shape="rectangular"):
    """[squeeze, middle, expand] of a residual branch, as @snn/snn-layers' residualBlockWidths."""
    squeeze = max(1, js_round(bottleneck * units))
    if block_shape not in ("rectangular", "diavolo"):
        raise ValueError(
            f"torch_networks: blockShape must be 'rectangular' or 'diavolo', got {block_shape!r}"
        )
    return [squeeze, units if block_shape == "diavolo" else squeeze, units]


# How a torch tensor reads in tfjs's layout: as it is, transposed (Linear's [out, in] weight), or
# its first column (weight_norm's g, shape [out, 1]).
LAYOUTS = {"same": lambda t: t, "transpose": lambda t: t.T, "column": lambda t: t[:, 0]}


def _tag(module, *names):
    """Marks `module`'s tensors with their tfjs names: (name, attribute, layout, trainable)."""
    module.tfjs = list(names)
    return module


def network(config, inputs, outputs, torch):
    """The buildFnn network of a grid configuration ({arch, depth, width, dropout, shape,
    blockShape, bottleneck, l2}) as a torch.nn.Sequential that returns logits."""
    nn = torch.nn

    def linear(fan_in, units, variance, kernel, bias=None):
        """Linear with weights N(0, variance/fan_in) and a zero bias (none if `bias` is None),
        tagged with the tfjs names of its kernel and bias."""
        layer = nn.Linear(fan_in, units, bias=bias is not None)
        with torch.no_grad():
            layer.weight.normal_(0.0, math.sqrt(variance / fan_in))
            if bias is not None:
                layer.bias.zero_()
        names = [(kernel, "weight", "transpose", True)]
        return _tag(layer, *names, *([(bias, "bias", "same", True)] if bias is not None else []))

    def dense(fan_in, units, variance, name):
        return linear(fan_in, units, variance, f"{name}/kernel", f"{name}/bias")

    class BatchNorm(nn.BatchNorm1d):
        """tfjs's BatchNormalization on [batch, features]: batch statistics in training, and the
        moving variance moved towards the batch's biased variance s², not torch's s²·n/(n − 1)."""

        def forward(self, x):
            if not self.training:
                return super().forward(x)
            before = self.running_var.clone()
            y = super().forward(x)
            n = x.shape[0]
            with torch.no_grad():
                # torch gave v = (1 − m)·v₀ + m·s²·n/(n − 1); v·(n − 1)/n + (1 − m)·v₀/n is
                # (1 − m)·v₀ + m·s². A new tensor: autograd holds the old one.
                self.running_var = torch.add(
                    self.running_var * ((n - 1) / n), before, alpha=(1 - self.momentum) / n
                )
            return y

    def weight_norm_dense(fan_in, units, name):
        """torch's weight_norm (dim 0: one g per output unit, the norm over the inputs) with
        g = √2; ‖v‖ without WeightNormDense's 1e-12 under the root, a relative 1e-12/(2‖v‖²)."""
        layer = nn.utils.weight_norm(dense(fan_in, units, 2.0, name), dim=0)
        with torch.no_grad():
            layer.weight_g.fill_(math.sqrt(2.0))
        return _tag(
            layer,
            (f"{name}/v", "weight_v", "transpose", True),
            (f"{name}/g", "weight_g", "column", True),
            (f"{name}/bias", "bias", "same", True),
        )

    class Highway(nn.Module):
        def __init__(self, fan_in, units, name):
            super().__init__()
            self.h = linear(fan_in, units, 2.0, f"{name}/kernel", f"{name}/bias")
            self.t = linear(fan_in, units, 2.0, f"{name}/gate_kernel", f"{name}/gate_bias")
            with torch.no_grad():
                self.t.bias.fill_(HIGHWAY_GATE_BIAS)
            self.carry = None
            if fan_in != units:
                self.carry = linear(fan_in, units, 2.0, f"{name}/carry_kernel")

        def forward(self, x):
            h = torch.relu(self.h(x))
            t = torch.sigmoid(self.t(x))
            carry = x if self.carry is None else self.carry(x)
            return carry + t * (h - carry)

    class Residual(nn.Module):
        def __init__(self, fan_in, units, bottleneck, block_shape, name):
            super().__init__()
            squeeze, middle, expand = residual_block_widths(units, bottleneck, block_shape)
            self.a = linear(fan_in, squeeze, 2.0, f"{name}/squeeze_kernel", f"{name}/squeeze_bias")
            self.b = linear(squeeze, middle, 2.0, f"{name}/middle_kernel", f"{name}/middle_bias")
            self.c = linear(middle, expand, 2.0, f"{name}/expand_kernel", f"{name}/expand_bias")
            with torch.no_grad():
                self.c.weight.zero_()
            self.shortcut = None
            if fan_in != units:
                self.shortcut = linear(fan_in, units, 2.0, f"{name}/shortcut_kernel")

        def forward(self, x):
            f = self.c(torch.relu(self.b(torch.relu(self.a(x)))))
            s = x if self.shortcut is None else self.shortcut(x)
            return torch.relu(s + f)

    arch, width, depth = config["arch"], config["width"], config["depth"]
    rate = config.get("dropout", 0) or 0
    if config.get("l2", 0):
        raise SystemExit(f"torch_networks: l2 = {config['l2']} is not translated; pass l2 0")
    widths = layer_widths(width, depth, outputs, config.get("shape", "rectangular"))
    layers = []
    fan_in = inputs
    for i, units in enumerate(widths):
        name = f"hidden_{i + 1}"
        if arch == "snn":
            layers += [dense(fan_in, units, 1.0, f"{name}_dense"), nn.SELU()]
            if rate > 0:
                layers.append(nn.AlphaDropout(rate))
        elif arch == "msra":
            layers += [dense(fan_in, units, 2.0, name), nn.ReLU()]
        elif arch == "batchnorm":
            norm = BatchNorm(units, eps=BATCH_NORM_EPSILON, momentum=1 - BATCH_NORM_MOMENTUM)
            _tag(
                norm,
                (f"{name}/gamma", "weight", "same", True),
                (f"{name}/beta", "bias", "same", True),
                (f"{name}/moving_mean", "running_mean", "same", False),
                (f"{name}/moving_variance", "running_var", "same", False),
            )
            layers += [dense(fan_in, units, 2.0, f"{name}_dense"), nn.ReLU(), norm]
        elif arch == "layernorm":
            norm = _tag(
                nn.LayerNorm(units, eps=LAYER_NORM_EPSILON),
                (f"{name}_norm/gamma", "weight", "same", True),
                (f"{name}_norm/beta", "bias", "same", True),
            )
            layers += [dense(fan_in, units, 2.0, f"{name}_dense"), norm, nn.ReLU()]
        elif arch == "weightnorm":
            layers += [weight_norm_dense(fan_in, units, name), nn.ReLU()]
        elif arch == "highway":
            layers.append(Highway(fan_in, units, name))
        elif arch == "resnet":
            layers.append(
                Residual(
                    fan_in,
                    units,
                    config.get("bottleneck", 0.5),
                    config.get("blockShape", "rectangular"),
                    name,
                )
            )
        else:
            raise SystemExit(f"torch_networks: unknown architecture {arch!r}")
        if arch != "snn" and rate > 0:
            layers.append(nn.Dropout(rate))
        fan_in = units
    layers.append(dense(fan_in, outputs, 1.0, "output"))
    return nn.Sequential(*layers)


def tfjs_weights(model, grad=False):
    """[(tfjs name, tensor)] in the order of tfjs's `model.getWeights()`: the trainable weights
    layer by layer, then the non-trainable ones (BatchNormalization's moving mean and variance).
    Each tensor is a view in tfjs's layout (Linear weights transposed to [in, out]) of the
    parameter, or with `grad` of its gradient (trainable weights only)."""
    trainable, fixed = [], []
    for module in model.modules():
        for name, attribute, layout, is_trainable in getattr(module, "tfjs", []):
            if grad and not is_trainable:
                continue
            tensor = getattr(module, attribute)
            tensor = tensor.grad if grad else tensor.data
            (trainable if is_trainable else fixed).append((name, LAYOUTS[layout](tensor)))
    return trainable + fixed
