#!/usr/bin/python3
"""Reference fixtures for @snn/selu, independent of the package's own code.

Run from the repository root with Debian's Python (torch 1.13, numpy, scipy, mpmath):

    /usr/bin/python3 packages/selu/scripts/make-fixtures.py

Writes packages/selu/src/fixtures/*.json:
- special-functions.json  erf, erfc, erfcx at 50 significant digits (mpmath)
- selu.json               SELU values and gradients in float64 by torch autograd, at float32 inputs
- selu-moments.json       the paper's map g and its Jacobian by numerical integration (scipy quad)
- selu-parameters.json    alpha, lambda for fixed points by root finding on integrated moments
- alpha-dropout.json      alpha dropout a, b from the paper's formula, checked against torch
- keras-alpha-dropout-model.json  a Keras 2 model topology with an AlphaDropout layer
"""
import json
import math
import os

import mpmath
import numpy as np
import torch
from scipy import integrate, optimize

torch.set_num_threads(1)
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'src', 'fixtures')
os.makedirs(OUT, exist_ok=True)

# Paper eq. 14 constants, as in Keras/PyTorch.
ALPHA01 = 1.6732632423543772848170429916717
LAMBDA01 = 1.0507009873554804934193349852946
# Official getSELUparameters notebook, fixed point (-0.1, 2).
ALPHA_M01_V2 = 1.9769021954241999
LAMBDA_M01_V2 = 1.073851239616047


def dump(name, obj):
    with open(os.path.join(OUT, name), 'w') as f:
        json.dump(obj, f, indent=1)
        f.write('\n')
    print('wrote', name)


# --- special functions -------------------------------------------------------------------
mpmath.mp.dps = 50
xs = [0.0, 1e-12, 1e-5, 0.1, 0.3, 0.46875, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 3.99, 4.0, 4.01, 5.0,
      6.0, 8.0, 10.0, 15.0, 20.0, 26.0, 26.5, 27.0, 30.0, 100.0, 1e4, 1e7, 1e8]
xs = sorted(set(xs + [-x for x in xs]))
special = []
for x in xs:
    mx = mpmath.mpf(x)
    erfcx = mpmath.exp(mx * mx) * mpmath.erfc(mx)
    special.append({
        'x': x,
        'erf': float(mpmath.erf(mx)),
        'erfc': float(mpmath.erfc(mx)),
        # e^{x^2} overflows a double for x < -26.6: recorded as null
        'erfcx': float(erfcx) if erfcx < mpmath.mpf('1e308') else None,
    })
dump('special-functions.json', {'points': special})


# --- selu values and gradients -----------------------------------------------------------
points = [-20, -10, -5, -3, -2, -1.5, -1, -0.7, -0.5, -0.25, -0.1, -1e-2, -1e-3, -1e-4, -1e-5,
          -1e-6, -1e-7, -1e-8, 0, 1e-8, 1e-6, 1e-4, 1e-2, 0.1, 0.5, 1, 1.5, 2, 3, 5, 10, 50]
x32 = np.array(points, dtype=np.float32)  # the exact float32 inputs the tests feed to tfjs


def selu_torch(x, alpha, lam):
    if alpha == ALPHA01 and lam == LAMBDA01:
        return torch.nn.functional.selu(x)
    # selu(0) uses the x <= 0 branch, so the gradient at 0 is lambda*alpha as in torch's selu
    return torch.where(x > 0, lam * x, lam * alpha * torch.expm1(x))


selu_sets = []
for alpha, lam in [(ALPHA01, LAMBDA01), (ALPHA_M01_V2, LAMBDA_M01_V2), (1.5, 1.2)]:
    x = torch.tensor(x32.astype(np.float64), dtype=torch.float64, requires_grad=True)
    y = selu_torch(x, alpha, lam)
    (grad,) = torch.autograd.grad(y.sum(), x)
    selu_sets.append({
        'alpha': alpha,
        'lambda': lam,
        'x': [float(v) for v in x32.astype(np.float64)],
        'value': [float(v) for v in y.detach().numpy()],
        'gradient': [float(v) for v in grad.numpy()],
    })
dump('selu.json', {'sets': selu_sets})


# --- the mean/variance map g by numerical integration --------------------------------------
def selu_np(z, alpha, lam):
    return lam * z if z > 0 else lam * alpha * math.expm1(z)


def expect(f, m, v):
    """E[f(z)], z ~ N(m, v), integrated on both sides of the kink at 0 (t = standardised z)."""
    s = math.sqrt(v)
    t0 = -m / s

    def integrand(t):
        return f(m + s * t) * math.exp(-0.5 * t * t) / math.sqrt(2 * math.pi)

    opts = dict(epsabs=0, epsrel=1e-13, limit=500)
    lo = integrate.quad(integrand, -np.inf, t0, **opts)[0]
    hi = integrate.quad(integrand, t0, np.inf, **opts)[0]
    return lo + hi


def moments_quad(mu, nu, omega, tau, alpha, lam):
    m, v = mu * omega, nu * tau
    mean = expect(lambda z: selu_np(z, alpha, lam), m, v)
    second = expect(lambda z: selu_np(z, alpha, lam) ** 2, m, v)
    return mean, second - mean * mean


def jacobian_fd(mu, nu, omega, tau, alpha, lam):
    """Five-point central differences of the integrated moments in mu and nu."""
    def col(dmu, dnu, h):
        vals = []
        for k in (-2, -1, 1, 2):
            vals.append(np.array(moments_quad(mu + k * h * dmu, nu + k * h * dnu, omega, tau, alpha, lam)))
        fm2, fm1, fp1, fp2 = vals
        return (fm2 - 8 * fm1 + 8 * fp1 - fp2) / (12 * h)

    d_mu = col(1, 0, 1e-3)
    d_nu = col(0, 1, 1e-3 * nu)
    jac = [[float(d_mu[0]), float(d_nu[0])], [float(d_mu[1]), float(d_nu[1])]]
    norm = float(np.linalg.svd(np.array(jac), compute_uv=False)[0])
    return jac, norm


moment_points = [
    # (mu, nu, omega, tau, alpha, lambda)
    (0.0, 1.0, 0.0, 1.0, ALPHA01, LAMBDA01),
    (0.1, 1.2, 0.1, 1.05, ALPHA01, LAMBDA01),
    (-0.1, 0.8, -0.1, 0.95, ALPHA01, LAMBDA01),
    (0.1, 1.5, 0.1, 1.1, ALPHA01, LAMBDA01),
    (1.0, 1.0, 1.0, 1.0, ALPHA01, LAMBDA01),
    (-1.0, 3.0, 1.0, 1.25, ALPHA01, LAMBDA01),
    (0.0, 16.0, 0.0, 1.25, ALPHA01, LAMBDA01),   # nu*tau = 20
    (0.5, 16.0, 1.0, 1.25, ALPHA01, LAMBDA01),   # nu*tau = 20, m = 0.5
    (-1.0, 20.0, 1.0, 1.0, ALPHA01, LAMBDA01),   # nu*tau = 20, m = -1
    (3.0, 10.0, 2.0, 2.0, ALPHA01, LAMBDA01),    # nu*tau = 20, m = 6
    (-2.0, 10.0, 3.0, 2.0, ALPHA01, LAMBDA01),   # nu*tau = 20, m = -6
    (0.0, 0.1, 0.0, 1.0, ALPHA01, LAMBDA01),     # small variance (Theorem 3 region)
    (0.2, 0.16, 0.5, 0.9, ALPHA01, LAMBDA01),
    (0.0, 400.0, 0.0, 1.25, ALPHA01, LAMBDA01),  # e^{2(m+v)} = e^{1000} would overflow unscaled
    (-0.1, 2.0, 1.0, 1.0, ALPHA_M01_V2, LAMBDA_M01_V2),  # fixed point (-0.1, 2) of its SELU
    (0.3, 1.4, -0.2, 1.1, 1.5, 1.2),
]
moments = []
for mu, nu, omega, tau, alpha, lam in moment_points:
    mean, var = moments_quad(mu, nu, omega, tau, alpha, lam)
    entry = {'mean': mu, 'variance': nu, 'omega': omega, 'tau': tau, 'alpha': alpha, 'lambda': lam,
             'outMean': mean, 'outVariance': var}
    if nu * tau <= 20:
        entry['jacobian'], entry['spectralNorm'] = jacobian_fd(mu, nu, omega, tau, alpha, lam)
    moments.append(entry)
dump('selu-moments.json', {'points': moments})


# --- seluParameters by root finding on the integrated moments -----------------------------
def solve_parameters(mu, nu, omega, tau):
    """alpha, lambda with g(mu, nu) = (mu, nu): brentq in alpha on the integrated moments."""
    m, v = mu * omega, nu * tau

    def raw(alpha):
        m1 = expect(lambda z: selu_np(z, alpha, 1.0), m, v)
        m2 = expect(lambda z: selu_np(z, alpha, 1.0) ** 2, m, v)
        return m1, m2

    target2 = nu + mu * mu
    if mu == 0:
        f = lambda a: raw(a)[0]
    else:
        def f(a):
            m1, m2 = raw(a)
            # lambda = mu / m1 must be positive: outside that branch return a same-signed penalty
            if m1 * mu <= 0:
                return math.copysign(1.0, mu * mu * m2)
            return mu * mu * m2 - target2 * m1 * m1
    grid = np.linspace(0.05, 10, 400)
    vals = [f(a) for a in grid]
    for a0, a1, f0, f1 in zip(grid, grid[1:], vals, vals[1:]):
        if f0 == 0 or f0 * f1 < 0:
            alpha = optimize.brentq(f, a0, a1, xtol=1e-15, rtol=4 * np.finfo(float).eps, maxiter=200)
            m1, m2 = raw(alpha)
            lam = mu / m1 if mu != 0 else math.sqrt(target2 / m2)
            if lam > 0:
                return alpha, lam
    raise RuntimeError(f'no root for {(mu, nu, omega, tau)}')


param_targets = [(0.0, 1.0, 1.0, 1.0), (-0.1, 2.0, 1.0, 1.0), (0.0, 2.0, 1.0, 1.0),
                 (0.1, 1.0, 1.0, 1.0), (-0.5, 1.5, 1.0, 1.0), (-0.1, 2.0, 0.0, 1.0)]
params = []
for mu, nu, omega, tau in param_targets:
    alpha, lam = solve_parameters(mu, nu, omega, tau)
    params.append({'mean': mu, 'variance': nu, 'omega': omega, 'tau': tau, 'alpha': alpha, 'lambda': lam})
dump('selu-parameters.json', {'targets': params})


# --- alpha dropout a and b ----------------------------------------------------------------
def affine(rate, mean, var, alpha, lam):
    q = 1 - rate
    ap = -lam * alpha
    a = math.sqrt(var / (q * ((1 - q) * (ap - mean) ** 2 + var)))
    b = mean - a * (q * mean + (1 - q) * ap)
    return a, b, ap


def torch_affine(rate):
    """a, b and the dropped value as torch.nn.functional.alpha_dropout applies them (float64)."""
    n = 4096
    torch.manual_seed(0)
    y0 = torch.nn.functional.alpha_dropout(torch.zeros(n, dtype=torch.float64), rate, True)
    torch.manual_seed(0)
    y1 = torch.nn.functional.alpha_dropout(torch.ones(n, dtype=torch.float64), rate, True)
    kept = y1 != y0
    b = float(y0[kept][0])
    a = float(y1[kept][0] - y0[kept][0])
    dropped = float(y0[~kept][0])
    return a, b, dropped


dropout = []
for rate in (0.05, 0.1, 0.2):
    a, b, ap = affine(rate, 0.0, 1.0, ALPHA01, LAMBDA01)
    ta, tb, tdropped = torch_affine(rate)
    assert abs(ta - a) < 1e-12 and abs(tb - b) < 1e-12 and abs(tdropped - (a * ap + b)) < 1e-12
    dropout.append({'rate': rate, 'fixedPoint': {'mean': 0.0, 'variance': 1.0}, 'alpha': ALPHA01,
                    'lambda': LAMBDA01, 'a': a, 'b': b, 'alphaPrime': ap, 'droppedValue': a * ap + b,
                    'torch': {'a': ta, 'b': tb, 'droppedValue': tdropped}})
    a, b, ap = affine(rate, -0.1, 2.0, ALPHA_M01_V2, LAMBDA_M01_V2)
    dropout.append({'rate': rate, 'fixedPoint': {'mean': -0.1, 'variance': 2.0}, 'alpha': ALPHA_M01_V2,
                    'lambda': LAMBDA_M01_V2, 'a': a, 'b': b, 'alphaPrime': ap, 'droppedValue': a * ap + b})
dump('alpha-dropout.json', {'rates': dropout})


# --- a Keras 2 model topology with AlphaDropout, as `model.to_json()` writes it ------------
keras_model = {
    'class_name': 'Sequential',
    'config': {
        'name': 'sequential',
        'layers': [
            {'class_name': 'InputLayer', 'config': {
                'batch_input_shape': [None, 16], 'dtype': 'float32', 'sparse': False,
                'ragged': False, 'name': 'dense_input'}},
            {'class_name': 'Dense', 'config': {
                'name': 'dense', 'trainable': True, 'dtype': 'float32', 'batch_input_shape': [None, 16],
                'units': 16, 'activation': 'selu', 'use_bias': True,
                'kernel_initializer': {'class_name': 'VarianceScaling', 'config': {
                    'scale': 1.0, 'mode': 'fan_in', 'distribution': 'truncated_normal', 'seed': None}},
                'bias_initializer': {'class_name': 'Zeros', 'config': {}},
                'kernel_regularizer': None, 'bias_regularizer': None, 'activity_regularizer': None,
                'kernel_constraint': None, 'bias_constraint': None}},
            {'class_name': 'AlphaDropout', 'config': {
                'name': 'alpha_dropout', 'trainable': True, 'dtype': 'float32', 'rate': 0.1,
                'noise_shape': None, 'seed': None}},
        ],
    },
    'keras_version': '2.11.0',
    'backend': 'tensorflow',
}
dump('keras-alpha-dropout-model.json', keras_model)
