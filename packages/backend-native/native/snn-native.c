/*
 * snn-native: the matrix products of the `snn-native` tfjs backend (@snn/backend-native, enabled
 * by @snn/runtime), on a BLAS linked statically into this addon (OpenBLAS, or BLIS through its
 * CBLAS layer).
 *
 * The backend is tfjs's wasm backend; its tensors live in the wasm heap. JavaScript passes a typed
 * array over that heap (an ArrayBuffer, or a SharedArrayBuffer for the threaded build) and byte
 * offsets, and the functions below read the operands and write the result there: no tensor is
 * copied. Every offset and size is checked against the heap's length before anything is touched.
 *
 *   gemm(heap, batch, batchA, batchB, m, n, k, transA, transB, aOff, bOff, cOff,
 *        biasOff, biasSize, activation, leakyAlpha)
 *       C[i] = act(op(A[i % batchA]) · op(B[i % batchB]) + bias),  i < batch,
 *       op(X) = Xᵀ when its flag is set; row-major, C[i] is m×n; bias (biasOff ≥ 0) has one
 *       entry per column (biasSize = n) or one for all (biasSize = 1).
 *   selu(heap, size, xOff, yOff)                 y = λ·x (x > 0), λα·(eˣ − 1) (x ≤ 0)
 *   seluGrad(heap, size, dyOff, xOff, dxOff)     dx = dy·λ (x > 0), dy·λα·eˣ (x ≤ 0)
 *   axpy(heap, size, xOff, yOff, outOff, alpha)  out = alpha·x + y   (the SGD update)
 *   sumRows(heap, rows, cols, xOff, outOff)      out[c] = Σ_j x[j·cols + c]   (sums over leading axes)
 *   weightNorm(heap, rows, cols, vOff, gOff, wOff, eps)
 *       w[r, c] = v[r, c] · g[c] / √(Σ_j v[j, c]² + eps)   (a weight-normalized kernel)
 *   weightNormGrad(heap, rows, cols, dwOff, vOff, gOff, dvOff, dgOff, eps)
 *       dv, dg: the gradients of that map, given dw
 *   layerNorm(heap, rows, cols, xOff, gammaOff, betaOff, yOff, muOff, aOff, eps)
 *       y = (x − μ)·(σ² + eps)^(−1/2)·γ + β per row (a layer-normalized batch), μ and σ² + eps out
 *   layerNormGrad(heap, rows, cols, dyOff, xOff, gammaOff, powOff, dxOff, dgammaOff, dbetaOff, eps)
 *       dx, dγ, dβ of that map, given dy and (σ² + eps)^1.5 per row
 *   aleaUniform(heap, size, outOff, s0, s1, s2, c)
 *       out[i] = the i-th number of Baagøe's Alea generator from state (s0, s1, s2, c), in float32
 *   dropout(heap, size, xOff, uOff, outOff, mode, threshold, a, b, dropped)  a mask applied
 *   dropoutGrad(heap, size, dyOff, uOff, dxOff, mode, threshold, a)    its input gradient
 *       mode 0, alpha dropout: keep = u ≥ threshold, out = keep ? x·a + b : dropped
 *       mode 1, inverted dropout: keep = u < threshold, out = x·(keep·a)
 *   highway(heap, size, cOff, hOff, tOff, yOff)    y = c + t·(h − c)   (a highway layer's gate)
 *   highwayGrad(heap, size, dyOff, cOff, hOff, tOff, sOff, dcOff, dhOff, dtOff)
 *       dc = dy − dy·t, dh = dy·t·s, dt = dy·(h − c)·(t·(1 − t)): its gradients through the gate,
 *       ReLU (s = step of its input) and sigmoid
 *   batchNormGrad(heap, rows, cols, dyOff, xOff, meanOff, varianceOff, scaleOff, dxOff, dmeanOff,
 *                 dvarianceOff, dscaleOff, doffsetOff, eps)
 *       the five gradients of tfjs's FusedBatchNorm (one mean, variance, scale per column)
 *   setThreads(n), info() -> { blas, threads, cores }
 */
#include <math.h>
#include <node_api.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "blas.h"

/* SELU's constants at full precision (Klambauer et al. 2017, eq. 14), as tfjs-core's kernels. */
#define SELU_LAMBDA 1.0507009873554804934193349852946
#define SELU_ALPHA 1.6732632423543772848170429916717

enum activation { LINEAR = 0, RELU, RELU6, ELU, LEAKYRELU, SIGMOID };

#define CHECK(call)                                                                              \
  do {                                                                                           \
    if ((call) != napi_ok) return throw_error(env, "snn-native: N-API call failed: " #call);      \
  } while (0)

static napi_value throw_error(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

/* Reads `count` arguments; the first must be a typed array over the heap. */
static int heap_args(napi_env env, napi_callback_info info, size_t count, napi_value *argv,
                     char **heap, size_t *heap_bytes) {
  size_t argc = count;
  napi_typedarray_type type;
  size_t length, offset;
  napi_value buffer;
  void *data;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != count) return 0;
  if (napi_get_typedarray_info(env, argv[0], &type, &length, &data, &buffer, &offset) != napi_ok)
    return 0;
  if (type != napi_uint8_array) return 0;
  *heap = data;
  *heap_bytes = length;
  return 1;
}

static int64_t int_arg(napi_env env, napi_value value) {
  int64_t out = -1;
  napi_get_value_int64(env, value, &out);
  return out;
}

static double number_arg(napi_env env, napi_value value) {
  double out = NAN;
  napi_get_value_double(env, value, &out);
  return out;
}

/* True when `count` float32 values from byte offset `off` lie inside the heap and are aligned. */
static int in_heap(int64_t off, int64_t count, size_t heap_bytes) {
  return off >= 0 && count >= 0 && off % 4 == 0 && (uint64_t)(off + 4 * count) <= heap_bytes;
}

static void activate(float *c, int64_t size, int activation, float leaky_alpha) {
  switch (activation) {
    case RELU:
      for (int64_t i = 0; i < size; i++) c[i] = c[i] > 0.0f ? c[i] : 0.0f;
      break;
    case RELU6:
      for (int64_t i = 0; i < size; i++) c[i] = fminf(fmaxf(c[i], 0.0f), 6.0f);
      break;
    case ELU:
      for (int64_t i = 0; i < size; i++) c[i] = c[i] > 0.0f ? c[i] : expm1f(c[i]);
      break;
    case LEAKYRELU:
      for (int64_t i = 0; i < size; i++) c[i] = c[i] > 0.0f ? c[i] : leaky_alpha * c[i];
      break;
    case SIGMOID:
      for (int64_t i = 0; i < size; i++) c[i] = 1.0f / (1.0f + expf(-c[i]));
      break;
    default:
      break;
  }
}

static napi_value gemm(napi_env env, napi_callback_info info) {
  napi_value argv[16];
  char *heap;
  size_t heap_bytes;
  if (!heap_args(env, info, 16, argv, &heap, &heap_bytes))
    return throw_error(env, "snn-native gemm: expected (Uint8Array heap, 15 numbers)");
  const int64_t batch = int_arg(env, argv[1]), batch_a = int_arg(env, argv[2]),
                batch_b = int_arg(env, argv[3]), m = int_arg(env, argv[4]),
                n = int_arg(env, argv[5]), k = int_arg(env, argv[6]);
  bool trans_a = false, trans_b = false;
  napi_get_value_bool(env, argv[7], &trans_a);
  napi_get_value_bool(env, argv[8], &trans_b);
  const int64_t a_off = int_arg(env, argv[9]), b_off = int_arg(env, argv[10]),
                c_off = int_arg(env, argv[11]), bias_off = int_arg(env, argv[12]),
                bias_size = int_arg(env, argv[13]);
  const int activation = (int)int_arg(env, argv[14]);
  const float leaky_alpha = (float)number_arg(env, argv[15]);

  if (batch < 1 || batch_a < 1 || batch_b < 1 || m < 1 || n < 1 || k < 0 ||
      m > INT32_MAX || n > INT32_MAX || k > INT32_MAX || activation < LINEAR ||
      activation > SIGMOID || !in_heap(a_off, batch_a * m * k, heap_bytes) ||
      !in_heap(b_off, batch_b * k * n, heap_bytes) || !in_heap(c_off, batch * m * n, heap_bytes) ||
      (bias_off >= 0 && ((bias_size != n && bias_size != 1) ||
                         !in_heap(bias_off, bias_size, heap_bytes))))
    return throw_error(env, "snn-native gemm: shape or offset outside the heap");

  const float *bias = bias_off >= 0 ? (const float *)(heap + bias_off) : NULL;
  for (int64_t i = 0; i < batch; i++) {
    const float *a = (const float *)(heap + a_off) + (i % batch_a) * m * k;
    const float *b = (const float *)(heap + b_off) + (i % batch_b) * k * n;
    float *c = (float *)(heap + c_off) + i * m * n;
    /* With a bias, C starts as the bias broadcast over rows and the BLAS adds the product. */
    if (bias != NULL)
      for (int64_t r = 0; r < m; r++)
        for (int64_t j = 0; j < n; j++) c[r * n + j] = bias[bias_size == 1 ? 0 : j];
    if (k == 0) {
      if (bias == NULL)
        for (int64_t j = 0; j < m * n; j++) c[j] = 0.0f;
    } else {
      cblas_sgemm(CblasRowMajor, trans_a ? CblasTrans : CblasNoTrans,
                  trans_b ? CblasTrans : CblasNoTrans, (int)m, (int)n, (int)k, 1.0f, a,
                  trans_a ? (int)m : (int)k, b, trans_b ? (int)k : (int)n, bias ? 1.0f : 0.0f, c,
                  (int)n);
    }
    activate(c, m * n, activation, leaky_alpha);
  }
  return NULL;
}

/*
 * Elementwise loops, written so that GCC vectorises them (no calls, both sides of each select
 * computed) for the baseline instruction set (SSE2 on x86-64), or the machine's own when a local
 * build asks for -march=native: each element's result is the same either way, as no operation is
 * fused or reordered (-ffp-contract=off, no -ffast-math). eˣ comes from exp_poly, not libm, whose
 * expf is not vectorised and whose variant depends on the CPU.
 */
/* (eˣ − 1)/x by its Taylor series, Σₖ₌₀⁷ xᵏ/(k+1)!: truncation |x|⁸/9! < 2.2e-10 for |x| ≤ 0.35. */
static inline float expm1_over_x(float x) {
  float p = 1.0f / 40320.0f;
  p = p * x + 1.0f / 5040.0f;
  p = p * x + 1.0f / 720.0f;
  p = p * x + 1.0f / 120.0f;
  p = p * x + 1.0f / 24.0f;
  p = p * x + 1.0f / 6.0f;
  p = p * x + 0.5f;
  return p * x + 1.0f;
}

/*
 * eˣ in float32 within about 1 ulp: x = n·ln2 + r with |r| ≤ ln2/2 (Cody–Waite, ln2 in two
 * parts), eʳ = 1 + r·(eʳ − 1)/r by the series above, times 2ⁿ built in the exponent bits. x is
 * clamped to [−87, 88], where 2ⁿ stays a normal float.
 */
static inline float exp_poly(float x) {
  const float low = x < -87.0f ? -87.0f : x;
  x = low > 88.0f ? 88.0f : low;
  const float shifter = 12582912.0f; /* 1.5·2²³: adding it rounds to an integer */
  const float n = (x * 1.44269504088896341f + shifter) - shifter;
  float r = x - n * 0.693145751953125f; /* ln2, high part (exact product for |n| < 2¹²) */
  r = r - n * 1.42860682030941723212e-6f; /* ln2, low part */
  const float p = 1.0f + r * expm1_over_x(r);
  union {
    int32_t i;
    float f;
  } scale = {.i = ((int32_t)n + 127) << 23};
  return p * scale.f;
}

/* exp_poly, and 0 below −87 (e⁻⁸⁷ ≈ 1.6e-38: below that, float32 has only subnormals). */
static inline float exp_flush(float x) {
  const float e = exp_poly(x);
  return x < -87.0f ? 0.0f : e;
}

/*
 * eˣ − 1 for x ≤ 0 without cancellation: x·(eˣ − 1)/x by the series when x > −0.35, eˣ − 1
 * below, where |eˣ − 1| > 0.29 keeps the subtraction's error under 2.5e-7 relative.
 */
static inline float expm1_negative(float x) {
  const float series = x * expm1_over_x(x);
  const float direct = exp_poly(x) - 1.0f;
  return x > -0.35f ? series : direct;
}

/* y = λx (x > 0), λα(eˣ − 1) (x ≤ 0); NaN stays NaN. */
static void selu_loop(const float *restrict x, float *restrict y, int64_t size) {
  const float lambda = (float)SELU_LAMBDA, lambda_alpha = (float)(SELU_LAMBDA * SELU_ALPHA);
  for (int64_t i = 0; i < size; i++) {
    const float v = x[i];
    const float positive = lambda * v; /* also NaN for NaN */
    const float negative = lambda_alpha * expm1_negative(v);
    y[i] = v <= 0.0f ? negative : positive;
  }
}

/* dx = λ·dy (x > 0), λα·eˣ·dy (x ≤ 0): tfjs-core's SELU gradient in one pass. */
static void selu_grad_loop(const float *restrict dy, const float *restrict x,
                           float *restrict dx, int64_t size) {
  const float lambda = (float)SELU_LAMBDA, lambda_alpha = (float)(SELU_LAMBDA * SELU_ALPHA);
  for (int64_t i = 0; i < size; i++) {
    const float positive = lambda * dy[i];
    const float negative = lambda_alpha * exp_flush(x[i]) * dy[i];
    dx[i] = x[i] <= 0.0f ? negative : x[i] > 0.0f ? positive : x[i]; /* NaN x gives NaN */
  }
}

/* out = alpha·x + y: the SGD update w − η·g in one pass. */
static void axpy_loop(float alpha, const float *restrict x, const float *restrict y,
                      float *restrict out, int64_t size) {
  for (int64_t i = 0; i < size; i++) out[i] = alpha * x[i] + y[i];
}

/*
 * out[c] = Σ_{j < rows} x[j·cols + c], each column summed in float32 from 0 with j ascending: the
 * order of tfjs's wasm Sum kernel (which transposes the summed axes last and adds in sequence), so
 * the result is the same bit for bit. The compiler vectorises across columns; no column's
 * additions are reordered (no -ffast-math).
 */
static void sum_rows_loop(const float *restrict x, int64_t rows, int64_t cols, float *restrict out) {
  for (int64_t c = 0; c < cols; c++) out[c] = 0.0f;
  for (int64_t j = 0; j < rows; j++) {
    const float *row = x + j * cols;
    for (int64_t c = 0; c < cols; c++) out[c] += row[c];
  }
}

/*
 * Weight normalization, w = v · g / ‖v‖ per column (Salimans & Kingma 2016), as tfjs-core runs
 * its composite mul(v, div(g, sqrt(add(sum(square(v), 0), eps)))) on the wasm kernels, one
 * float32 rounding per operation in the same order, so the result is the composite's bit for bit:
 *
 *   n[c] = √(fl(Σ_j fl(v[j, c]²)) + eps),  s[c] = g[c] / n[c],  w[r, c] = v[r, c] · s[c]
 *
 * with each column summed from 0 in row order (the Sum kernel's order). `norm` and `scale` are
 * `cols` floats of scratch.
 */
static void weight_norm_scale(const float *restrict v, const float *restrict g, int64_t rows,
                              int64_t cols, float eps, float *restrict norm,
                              float *restrict scale) {
  for (int64_t c = 0; c < cols; c++) norm[c] = 0.0f;
  for (int64_t j = 0; j < rows; j++) {
    const float *row = v + j * cols;
    for (int64_t c = 0; c < cols; c++) {
      const float square = row[c] * row[c];
      norm[c] += square;
    }
  }
  for (int64_t c = 0; c < cols; c++) {
    const float shifted = norm[c] + eps;
    norm[c] = sqrtf(shifted);
    scale[c] = g[c] / norm[c];
  }
}

static void weight_norm_loop(const float *restrict v, const float *restrict g, int64_t rows,
                             int64_t cols, float eps, float *restrict w, float *restrict scratch) {
  float *norm = scratch, *scale = scratch + cols;
  weight_norm_scale(v, g, rows, cols, eps, norm, scale);
  for (int64_t j = 0; j < rows; j++)
    for (int64_t c = 0; c < cols; c++) w[j * cols + c] = v[j * cols + c] * scale[c];
}

/*
 * The gradients of weight_norm_loop given dw, as tfjs-core's registered gradients of that
 * composite compute them (Multiply, RealDiv, Sqrt, Add, Sum, Square), operation by operation:
 *
 *   t[c]  = Σ_j fl(dw[j, c] · v[j, c])              (Multiply's gradient for s, summed over rows)
 *   dg[c] = t[c] / n[c]                              (RealDiv's for g)
 *   dn[c] = −(fl(t[c] · g[c]) / fl(n[c] · n[c]))     (RealDiv's for n)
 *   dq[c] = dn[c] / fl(n[c] · 2)                     (Sqrt's: dy / (√x · 2), √x = n)
 *   dv[r, c] = fl(dw[r, c] · s[c]) + fl(dq[c] · fl(v[r, c] · 2))   (Multiply's + Square's)
 *
 * (Add's and Sum's gradients pass dq through unchanged; the two terms of dv are added once, and
 * float addition is commutative, so the order tfjs accumulates them in does not matter.)
 * `scratch` is 3·cols floats.
 */
static void weight_norm_grad_loop(const float *restrict dw, const float *restrict v,
                                  const float *restrict g, int64_t rows, int64_t cols, float eps,
                                  float *restrict dv, float *restrict dg, float *restrict scratch) {
  float *norm = scratch, *scale = scratch + cols, *dq = scratch + 2 * cols;
  weight_norm_scale(v, g, rows, cols, eps, norm, scale);
  for (int64_t c = 0; c < cols; c++) dq[c] = 0.0f;
  for (int64_t j = 0; j < rows; j++) {
    for (int64_t c = 0; c < cols; c++) {
      const float product = dw[j * cols + c] * v[j * cols + c];
      dq[c] += product;
    }
  }
  for (int64_t c = 0; c < cols; c++) {
    const float t = dq[c];
    dg[c] = t / norm[c];
    const float numerator = t * g[c];
    const float denominator = norm[c] * norm[c];
    const float dn = -(numerator / denominator);
    const float twice = norm[c] * 2.0f;
    dq[c] = dn / twice;
  }
  for (int64_t j = 0; j < rows; j++) {
    for (int64_t c = 0; c < cols; c++) {
      const int64_t i = j * cols + c;
      const float direct = dw[i] * scale[c];
      const float twice_v = v[i] * 2.0f;
      const float through_norm = dq[c] * twice_v;
      dv[i] = direct + through_norm;
    }
  }
}

/*
 * Layer normalization over the last axis of x (rows × cols), as @snn/snn-layers' `layerNorm`
 * writes it in tfjs ops — tf.moments(x, −1, true), then add(mul(mul(sub(x, μ), rsqrt(add(σ², ε))),
 * γ), β) — with the float32 roundings of the wasm kernels in their order (Mean: a sum from 0 in
 * order, then divided by cols; Rsqrt: 1 / √a, each rounded), so the values are the composite's
 * bit for bit:
 *
 *   μ = fl(Σ_k x[k]) / cols,  σ² = fl(Σ_k fl((x[k] − μ)²)) / cols,  a = σ² + ε,  ρ = 1 / √a
 *   y[k] = fl(fl(fl(x[k] − μ) · ρ) · γ[k]) + β[k]
 *
 * μ and a of each row are written out for the gradient.
 */
static void layer_norm_row_moments(const float *restrict x, int64_t cols, float eps, float *mu,
                                   float *a) {
  const float n = (float)cols;
  float sum = 0.0f;
  for (int64_t k = 0; k < cols; k++) sum += x[k];
  const float mean = sum / n;
  float squares = 0.0f;
  for (int64_t k = 0; k < cols; k++) {
    const float d = x[k] - mean;
    const float square = d * d;
    squares += square;
  }
  const float variance = squares / n;
  *mu = mean;
  *a = variance + eps;
}

static void layer_norm_loop(const float *restrict x, const float *restrict gamma,
                            const float *restrict beta, int64_t rows, int64_t cols, float eps,
                            float *restrict y, float *restrict mu, float *restrict a) {
  for (int64_t j = 0; j < rows; j++) {
    const float *row = x + j * cols;
    float *out = y + j * cols;
    layer_norm_row_moments(row, cols, eps, mu + j, a + j);
    const float root = sqrtf(a[j]);
    const float rho = 1.0f / root;
    for (int64_t k = 0; k < cols; k++) {
      const float centred = row[k] - mu[j];
      const float normalized = centred * rho;
      const float scaled = normalized * gamma[k];
      out[k] = scaled + beta[k];
    }
  }
}

/*
 * The gradients of layer_norm_loop given dy, as tfjs-core's registered gradients of that
 * composite compute them, operation by operation, with `pow` = a^1.5 per row (the wasm Pow
 * kernel's value, passed in: Rsqrt's gradient is −dy / (a^1.5 · 2)), c = x − μ, n = c·ρ:
 *
 *   dβ[k] = Σ_j dy[j, k],  dγ[k] = Σ_j fl(dy[j, k] · n[j, k])       (sums over rows, in order)
 *   dn = dy·γ,  dc = dn·ρ,  dρ = Σ_k fl(dn·c)                        (per row, over k in order)
 *   da = −(dρ / fl(pow · 2)),  dq = fl(da · 1) / cols                (Rsqrt's; Mean's for σ²)
 *   dd[k] = dq · fl(c[k] · 2)                                         (Square's)
 *   dμ = −Σ_k dc[k] + −Σ_k dd[k]                                      (the two Subs)
 *   dx[k] = fl(fl(dc[k] + dd[k]) + fl(dμ · 1) / cols)
 *
 * the last in the order tfjs's backward pass adds x's three gradients (the layer's Sub, then
 * moments' Cast, then its Mean: the reverse of the order they were recorded in). `scratch` holds
 * 2·cols floats.
 */
static void layer_norm_grad_loop(const float *restrict dy, const float *restrict x,
                                 const float *restrict gamma, const float *restrict pow_a,
                                 int64_t rows, int64_t cols, float eps, float *restrict dx,
                                 float *restrict dgamma, float *restrict dbeta,
                                 float *restrict scratch) {
  const float n = (float)cols;
  float *dc = scratch, *dd = scratch + cols;
  for (int64_t k = 0; k < cols; k++) dgamma[k] = dbeta[k] = 0.0f;
  for (int64_t j = 0; j < rows; j++) {
    const float *row = x + j * cols, *drow = dy + j * cols;
    float mu, a;
    layer_norm_row_moments(row, cols, eps, &mu, &a);
    const float root = sqrtf(a);
    const float rho = 1.0f / root;
    float drho = 0.0f;
    for (int64_t k = 0; k < cols; k++) {
      const float c = row[k] - mu;
      const float normalized = c * rho;
      const float product = drow[k] * normalized;
      dgamma[k] += product;
      dbeta[k] += drow[k];
      const float dn = drow[k] * gamma[k];
      dc[k] = dn * rho;
      const float contribution = dn * c;
      drho += contribution;
    }
    const float twice_pow = pow_a[j] * 2.0f;
    const float da = -(drho / twice_pow);
    const float dq = (da * 1.0f) / n;
    float sum_dc = 0.0f, sum_dd = 0.0f;
    for (int64_t k = 0; k < cols; k++) {
      const float c = row[k] - mu;
      const float twice_c = c * 2.0f;
      dd[k] = dq * twice_c;
      sum_dc += dc[k];
      sum_dd += dd[k];
    }
    const float dmu = -sum_dc + -sum_dd;
    const float through_mean = (dmu * 1.0f) / n;
    for (int64_t k = 0; k < cols; k++) {
      const float first_two = dc[k] + dd[k];
      dx[j * cols + k] = first_two + through_mean;
    }
  }
}

/*
 * The gradients of tfjs's `FusedBatchNorm`, y = (x − m)·r·s + o with r = (v + ε)^(−1/2) per
 * column (x: rows × cols; m, v, s: cols; `scale` NULL for s = 1), as tfjs-core's registered
 * gradient computes them, operation by operation (wasm kernels: one float32 rounding each; sums
 * over the rows from 0 in order, as `Sum` over the leading axes), so all five are its values bit
 * for bit:
 *
 *   r = 1 / √(v + ε),  h = fl(fl(r·r)·r)·(−0.5),  c = x − m,  e = dy·s
 *   dx = fl(dy·r)·s
 *   dm = Σ fl(fl(r·(−1))·e),  dv = Σ fl(fl(h·c)·e),  ds = Σ fl(dy·fl(c·r)),  do = Σ dy
 */
static void batch_norm_grad_loop(const float *restrict dy, const float *restrict x,
                                 const float *restrict mean, const float *restrict variance,
                                 const float *restrict scale, int64_t rows, int64_t cols,
                                 float eps, float *restrict dx, float *restrict dmean,
                                 float *restrict dvariance, float *restrict dscale,
                                 float *restrict doffset, float *restrict scratch) {
  float *rsqrt = scratch, *half_cube = scratch + cols;
  for (int64_t c = 0; c < cols; c++) {
    const float shifted = variance[c] + eps;
    const float root = sqrtf(shifted);
    const float r = 1.0f / root;
    rsqrt[c] = r;
    const float square = r * r;
    const float cube = square * r;
    half_cube[c] = cube * -0.5f;
    dmean[c] = dvariance[c] = dscale[c] = doffset[c] = 0.0f;
  }
  for (int64_t j = 0; j < rows; j++) {
    for (int64_t c = 0; c < cols; c++) {
      const int64_t i = j * cols + c;
      const float s = scale == NULL ? 1.0f : scale[c];
      const float r = rsqrt[c];
      const float centred = x[i] - mean[c];
      const float scaled_dy = dy[i] * s;
      const float dy_r = dy[i] * r;
      dx[i] = dy_r * s;
      const float minus_r = r * -1.0f;
      const float mean_term = minus_r * scaled_dy;
      dmean[c] += mean_term;
      const float h_c = half_cube[c] * centred;
      const float variance_term = h_c * scaled_dy;
      dvariance[c] += variance_term;
      const float normalized = centred * r;
      const float scale_term = dy[i] * normalized;
      dscale[c] += scale_term;
      doffset[c] += dy[i];
    }
  }
}

/*
 * Per-column moments of x (rows × cols) as tfjs-core's `tf.moments(x, 0)` computes them on the
 * wasm kernels (Mean: each column summed from 0 in row order, then divided by rows; Sub, Square:
 * one rounding each), so both are its values bit for bit:
 *
 *   m[c] = fl(Σ_j x[j, c]) / rows,  v[c] = fl(Σ_j fl(fl(x[j, c] − m[c])²)) / rows
 */
static void batch_norm_moments(const float *restrict x, int64_t rows, int64_t cols,
                               float *restrict mean, float *restrict variance) {
  const float n = (float)rows;
  for (int64_t c = 0; c < cols; c++) mean[c] = variance[c] = 0.0f;
  for (int64_t j = 0; j < rows; j++)
    for (int64_t c = 0; c < cols; c++) mean[c] += x[j * cols + c];
  for (int64_t c = 0; c < cols; c++) mean[c] = mean[c] / n;
  for (int64_t j = 0; j < rows; j++) {
    for (int64_t c = 0; c < cols; c++) {
      const float d = x[j * cols + c] - mean[c];
      const float square = d * d;
      variance[c] += square;
    }
  }
  for (int64_t c = 0; c < cols; c++) variance[c] = variance[c] / n;
}

/*
 * Batch normalization in training, as tfjs-layers' `BatchNormalization` computes it for a batch
 * x (rows × cols): the moments above, then the wasm `FusedBatchNorm` kernel,
 *
 *   y[j, c] = fl(β[c] + fl(fl(x[j, c] − m[c]) · γ[c]) / fl(√fl(v[c] + ε)))
 *
 * with that kernel's roundings — its quotient and sum are taken in double and rounded once (found
 * by comparing against the kernel, 0 of 1,600 values apart where an all-float32 quotient and sum
 * leave 475) — then the layer's moving averages with decay d = 1 − momentum (as float32),
 *
 *   m̄ ← fl(m̄ − fl(fl(m̄ − m) · d)),  v̄ ← fl(v̄ − fl(fl(v̄ − v) · d))
 *
 * so y and the new moving statistics are the layer's bit for bit. `scratch` holds 3·cols floats.
 */
static void batch_norm_train_loop(const float *restrict x, const float *restrict gamma,
                                  const float *restrict beta, const float *restrict moving_mean,
                                  const float *restrict moving_variance, int64_t rows,
                                  int64_t cols, float eps, float decay, float *restrict y,
                                  float *restrict new_mean, float *restrict new_variance,
                                  float *restrict scratch) {
  float *root = scratch, *mean = scratch + cols, *variance = scratch + 2 * cols;
  batch_norm_moments(x, rows, cols, mean, variance);
  for (int64_t c = 0; c < cols; c++) {
    const float shifted = variance[c] + eps;
    root[c] = sqrtf(shifted);
    const float mean_gap = moving_mean[c] - mean[c];
    const float mean_step = mean_gap * decay;
    new_mean[c] = moving_mean[c] - mean_step;
    const float variance_gap = moving_variance[c] - variance[c];
    const float variance_step = variance_gap * decay;
    new_variance[c] = moving_variance[c] - variance_step;
  }
  for (int64_t j = 0; j < rows; j++) {
    for (int64_t c = 0; c < cols; c++) {
      const int64_t i = j * cols + c;
      const float centred = x[i] - mean[c];
      const float scaled = centred * gamma[c];
      y[i] = (float)((double)beta[c] + (double)scaled / (double)root[c]);
    }
  }
}

/*
 * The gradients of batch_norm_train_loop given dy, as tfjs's backward pass computes them through
 * the layer's ops (FusedBatchNorm's gradient, batch_norm_grad_loop; then Mean's, Square's, Sub's
 * and Cast's for the variance and the mean), operation by operation, d = x − m:
 *
 *   dq[c] = fl(dv[c] · 1) / rows                        (Mean's, for v)
 *   dd[j, c] = dq[c] · fl(d[j, c] · 2)                   (Square's)
 *   dM[c] = dm[c] + −Σ_j dd[j, c]                        (FusedBatchNorm's, then Sub's for m)
 *   dx[j, c] = fl(fl(dx_bn[j, c] + dd[j, c]) + fl(dM[c] · 1) / rows)
 *
 * x's three gradients added in the order tfjs's backward pass adds them (FusedBatchNorm's through
 * its reshape, then moments' Cast, then its Mean: the reverse of the order they were recorded in).
 * dγ and dβ are FusedBatchNorm's dscale and doffset. `scratch` holds 8·cols floats.
 */
static void batch_norm_train_grad_loop(const float *restrict dy, const float *restrict x,
                                       const float *restrict gamma, int64_t rows, int64_t cols,
                                       float eps, float *restrict dx, float *restrict dgamma,
                                       float *restrict dbeta, float *restrict scratch) {
  const float n = (float)rows;
  float *mean = scratch, *variance = scratch + cols, *dmean = scratch + 2 * cols,
        *dvariance = scratch + 3 * cols, *dq = scratch + 4 * cols, *sum_dd = scratch + 5 * cols,
        *grad_scratch = scratch + 6 * cols;
  batch_norm_moments(x, rows, cols, mean, variance);
  batch_norm_grad_loop(dy, x, mean, variance, gamma, rows, cols, eps, dx, dmean, dvariance, dgamma,
                       dbeta, grad_scratch);
  for (int64_t c = 0; c < cols; c++) {
    dq[c] = (dvariance[c] * 1.0f) / n;
    sum_dd[c] = 0.0f;
  }
  for (int64_t j = 0; j < rows; j++) {
    for (int64_t c = 0; c < cols; c++) {
      const int64_t i = j * cols + c;
      const float d = x[i] - mean[c];
      const float twice_d = d * 2.0f;
      const float dd = dq[c] * twice_d;
      sum_dd[c] += dd;
      dx[i] = dx[i] + dd;
    }
  }
  for (int64_t c = 0; c < cols; c++) {
    const float dm = dmean[c] + -sum_dd[c];
    dq[c] = (dm * 1.0f) / n;
  }
  for (int64_t j = 0; j < rows; j++)
    for (int64_t c = 0; c < cols; c++) dx[j * cols + c] = dx[j * cols + c] + dq[c];
}

/*
 * Baagøe's Alea generator, as seedrandom's `alea` (tfjs's `tf.randomUniform` with a seed) runs it
 * in JavaScript doubles, one rounding per operation in the same order (no fused multiply-adds):
 *
 *   t = 2091639·s0 + c·2⁻³²,  (s0, s1) = (s1, s2),  c = ToInt32(t),  s2 = t − c,  out = fl32(s2)
 *
 * so the numbers are tfjs's bit for bit (uniform on [0, 1), rounded to float32 as a Float32Array
 * store rounds). t < 2³¹, so ToInt32 is truncation.
 */
static void alea_uniform_loop(double s0, double s1, double s2, double c, float *restrict out,
                              int64_t size) {
  for (int64_t i = 0; i < size; i++) {
    const double scaled = 2091639.0 * s0;
    const double carry = c * 2.3283064365386963e-10;
    const double t = scaled + carry;
    s0 = s1;
    s1 = s2;
    c = (double)(int32_t)t;
    s2 = t - c;
    out[i] = (float)s2;
  }
}

/*
 * Dropout with a mask from uniform noise u, as @snn/selu's `alphaDropout` (mode 0) and
 * @snn/snn-layers' `seededDropout` (mode 1) write it in tfjs ops, one float32 rounding per
 * operation in their order, so output and gradient are the composite's bit for bit:
 *
 *   mode 0: where(u ≥ θ, fl(x·a) + b, dropped);       dx = fl(dy·keep)·a
 *   mode 1: x·fl(keep·a) with keep = u < θ;            dx = dy·fl(keep·a)
 *
 * (keep as 1 or 0; dy·0 keeps dy's sign, as tfjs's Multiply by the cast mask does).
 */
static void dropout_loop(const float *restrict x, const float *restrict u, float *restrict out,
                         int64_t size, int mode, float threshold, float a, float b,
                         float dropped) {
  for (int64_t i = 0; i < size; i++) {
    if (mode == 0) {
      const float scaled = x[i] * a;
      const float kept = scaled + b;
      out[i] = u[i] >= threshold ? kept : dropped;
    } else {
      const float keep = u[i] < threshold ? 1.0f : 0.0f;
      const float factor = keep * a;
      out[i] = x[i] * factor;
    }
  }
}

static void dropout_grad_loop(const float *restrict dy, const float *restrict u,
                              float *restrict dx, int64_t size, int mode, float threshold,
                              float a) {
  for (int64_t i = 0; i < size; i++) {
    if (mode == 0) {
      const float keep = u[i] >= threshold ? 1.0f : 0.0f;
      const float masked = dy[i] * keep;
      dx[i] = masked * a;
    } else {
      const float keep = u[i] < threshold ? 1.0f : 0.0f;
      const float factor = keep * a;
      dx[i] = dy[i] * factor;
    }
  }
}

/*
 * A highway layer's gate, y = c + t·(h − c) (the carry c, the transform h = relu(·), the gate
 * t = σ(·)), as @snn/snn-layers' `Highway` writes it in tfjs ops: add(c, mul(t, sub(h, c))), one
 * float32 rounding per operation in that order.
 */
static void highway_loop(const float *restrict c, const float *restrict h,
                         const float *restrict t, float *restrict y, int64_t size) {
  for (int64_t i = 0; i < size; i++) {
    const float difference = h[i] - c[i];
    const float gated = t[i] * difference;
    y[i] = c[i] + gated;
  }
}

/*
 * Its gradients given dy, through the gate and through the two activations before it, rounded as
 * tfjs-core's gradients of Add, Multiply, Sub, Relu and Sigmoid round them:
 *
 *   dh = dy·t;  dc = dy + (−dh);  dt = dy·(h − c)
 *   dh_in = dh·s          (Relu: dy·step(x), s the wasm Step of ReLU's input)
 *   dt_in = dt·(t·(1 − t)) (Sigmoid: dy·(y·(1 − y)) with its output y = t)
 *
 * a − b is a + (−b) in IEEE arithmetic, bit for bit, so dc is tfjs's add(dy, neg(dh)).
 */
static void highway_grad_loop(const float *restrict dy, const float *restrict c,
                              const float *restrict h, const float *restrict t,
                              const float *restrict s, float *restrict dc,
                              float *restrict dh_in, float *restrict dt_in, int64_t size) {
  for (int64_t i = 0; i < size; i++) {
    const float dh = dy[i] * t[i];
    const float difference = h[i] - c[i];
    const float dt = dy[i] * difference;
    const float complement = 1.0f - t[i];
    const float slope = t[i] * complement;
    dc[i] = dy[i] - dh;
    dh_in[i] = dh * s[i];
    dt_in[i] = dt * slope;
  }
}

/*
 * Reads (heap, size, offset_1 … offset_count[, alpha]) into `vectors` (float pointers into the
 * heap), `size` and `alpha`, checking that every vector of `size` floats lies in the heap.
 */
static int vector_args(napi_env env, napi_callback_info info, size_t count, bool with_alpha,
                       float **vectors, int64_t *size, float *alpha) {
  napi_value argv[12];
  char *heap;
  size_t heap_bytes;
  const size_t argc = 2 + count + (with_alpha ? 1 : 0);
  if (argc > 12 || !heap_args(env, info, argc, argv, &heap, &heap_bytes)) return 0;
  *size = int_arg(env, argv[1]);
  for (size_t i = 0; i < count; i++) {
    const int64_t offset = int_arg(env, argv[2 + i]);
    if (!in_heap(offset, *size, heap_bytes)) return 0;
    vectors[i] = (float *)(heap + offset);
  }
  if (with_alpha) *alpha = (float)number_arg(env, argv[2 + count]);
  return 1;
}

static napi_value selu(napi_env env, napi_callback_info info) {
  float *v[2];
  int64_t size;
  if (!vector_args(env, info, 2, false, v, &size, NULL))
    return throw_error(env, "snn-native selu: expected (heap, size, xOff, yOff) inside the heap");
  selu_loop(v[0], v[1], size);
  return NULL;
}

static napi_value selu_grad(napi_env env, napi_callback_info info) {
  float *v[3];
  int64_t size;
  if (!vector_args(env, info, 3, false, v, &size, NULL))
    return throw_error(env, "snn-native seluGrad: expected (heap, size, dyOff, xOff, dxOff) inside the heap");
  selu_grad_loop(v[0], v[1], v[2], size);
  return NULL;
}

static napi_value axpy(napi_env env, napi_callback_info info) {
  float *v[3];
  int64_t size;
  float alpha;
  if (!vector_args(env, info, 3, true, v, &size, &alpha))
    return throw_error(env, "snn-native axpy: expected (heap, size, xOff, yOff, outOff, alpha) inside the heap");
  axpy_loop(alpha, v[0], v[1], v[2], size);
  return NULL;
}

static napi_value sum_rows(napi_env env, napi_callback_info info) {
  napi_value argv[5];
  char *heap;
  size_t heap_bytes;
  const char *usage =
      "snn-native sumRows: expected (heap, rows, cols, xOff, outOff) with rows, cols ≥ 0 inside the heap";
  if (!heap_args(env, info, 5, argv, &heap, &heap_bytes)) return throw_error(env, usage);
  const int64_t rows = int_arg(env, argv[1]);
  const int64_t cols = int_arg(env, argv[2]);
  const int64_t x_off = int_arg(env, argv[3]);
  const int64_t out_off = int_arg(env, argv[4]);
  /* Bounded by the heap first, so that rows · cols cannot overflow. */
  const int64_t limit = (int64_t)(heap_bytes / 4);
  if (rows < 0 || cols < 0 || rows > limit || cols > limit) return throw_error(env, usage);
  if (!in_heap(x_off, rows * cols, heap_bytes) || !in_heap(out_off, cols, heap_bytes))
    return throw_error(env, usage);
  sum_rows_loop((const float *)(heap + x_off), rows, cols, (float *)(heap + out_off));
  return NULL;
}

/*
 * Reads (heap, rows, cols, offset_1 … offset_count, eps): each offset starts rows·cols floats
 * (kind[i] 1), cols floats (0) or rows floats (2), all inside the heap.
 */
static int matrix_args(napi_env env, napi_callback_info info, size_t count, const int *kind,
                       int64_t *rows, int64_t *cols, float **arrays, float *eps) {
  napi_value argv[12];
  char *heap;
  size_t heap_bytes;
  const size_t argc = 3 + count + 1;
  if (argc > 12 || !heap_args(env, info, argc, argv, &heap, &heap_bytes)) return 0;
  *rows = int_arg(env, argv[1]);
  *cols = int_arg(env, argv[2]);
  /* Bounded by the heap first, so that rows · cols cannot overflow. */
  const int64_t limit = (int64_t)(heap_bytes / 4);
  if (*rows < 0 || *cols < 0 || *rows > limit || *cols > limit) return 0;
  for (size_t i = 0; i < count; i++) {
    const int64_t offset = int_arg(env, argv[3 + i]);
    const int64_t floats = kind[i] == 1 ? *rows * *cols : kind[i] == 2 ? *rows : *cols;
    if (!in_heap(offset, floats, heap_bytes)) return 0;
    arrays[i] = (float *)(heap + offset);
  }
  *eps = (float)number_arg(env, argv[3 + count]);
  return 1;
}

static napi_value weight_norm(napi_env env, napi_callback_info info) {
  static const int full[] = {1, 0, 1};
  float *a[3];
  int64_t rows, cols;
  float eps;
  if (!matrix_args(env, info, 3, full, &rows, &cols, a, &eps))
    return throw_error(env, "snn-native weightNorm: expected (heap, rows, cols, vOff, gOff, wOff, eps) with rows, cols ≥ 0 inside the heap");
  float *scratch = malloc(sizeof(float) * 2 * (size_t)(cols > 0 ? cols : 1));
  if (scratch == NULL) return throw_error(env, "snn-native weightNorm: out of memory for 2·cols floats of scratch");
  weight_norm_loop(a[0], a[1], rows, cols, eps, a[2], scratch);
  free(scratch);
  return NULL;
}

static napi_value weight_norm_grad(napi_env env, napi_callback_info info) {
  static const int full[] = {1, 1, 0, 1, 0};
  float *a[5];
  int64_t rows, cols;
  float eps;
  if (!matrix_args(env, info, 5, full, &rows, &cols, a, &eps))
    return throw_error(env, "snn-native weightNormGrad: expected (heap, rows, cols, dwOff, vOff, gOff, dvOff, dgOff, eps) with rows, cols ≥ 0 inside the heap");
  float *scratch = malloc(sizeof(float) * 3 * (size_t)(cols > 0 ? cols : 1));
  if (scratch == NULL) return throw_error(env, "snn-native weightNormGrad: out of memory for 3·cols floats of scratch");
  weight_norm_grad_loop(a[0], a[1], a[2], rows, cols, eps, a[3], a[4], scratch);
  free(scratch);
  return NULL;
}

static napi_value layer_norm(napi_env env, napi_callback_info info) {
  /* x, γ, β, y, μ, a: rows·cols, cols, cols, rows·cols, rows, rows floats. */
  static const int full[] = {1, 0, 0, 1, 2, 2};
  float *a[6];
  int64_t rows, cols;
  float eps;
  if (!matrix_args(env, info, 6, full, &rows, &cols, a, &eps))
    return throw_error(env, "snn-native layerNorm: expected (heap, rows, cols, xOff, gammaOff, betaOff, yOff, muOff, aOff, eps) with rows, cols ≥ 0 inside the heap");
  layer_norm_loop(a[0], a[1], a[2], rows, cols, eps, a[3], a[4], a[5]);
  return NULL;
}

static napi_value layer_norm_grad(napi_env env, napi_callback_info info) {
  /* dy, x, γ, a^1.5, dx, dγ, dβ. */
  static const int full[] = {1, 1, 0, 2, 1, 0, 0};
  float *a[7];
  int64_t rows, cols;
  float eps;
  if (!matrix_args(env, info, 7, full, &rows, &cols, a, &eps))
    return throw_error(env, "snn-native layerNormGrad: expected (heap, rows, cols, dyOff, xOff, gammaOff, powOff, dxOff, dgammaOff, dbetaOff, eps) with rows, cols ≥ 0 inside the heap");
  float *scratch = malloc(sizeof(float) * 2 * (size_t)(cols > 0 ? cols : 1));
  if (scratch == NULL) return throw_error(env, "snn-native layerNormGrad: out of memory for 2·cols floats of scratch");
  layer_norm_grad_loop(a[0], a[1], a[2], a[3], rows, cols, eps, a[4], a[5], a[6], scratch);
  free(scratch);
  return NULL;
}

static napi_value batch_norm_grad(napi_env env, napi_callback_info info) {
  /* dy, x, mean, variance, scale (or −1), dx, dmean, dvariance, dscale, doffset. */
  napi_value argv[14];
  char *heap;
  size_t heap_bytes;
  const char *usage =
      "snn-native batchNormGrad: expected (heap, rows, cols, dyOff, xOff, meanOff, varianceOff, scaleOff or -1, dxOff, dmeanOff, dvarianceOff, dscaleOff, doffsetOff, eps) with rows, cols ≥ 0 inside the heap";
  if (!heap_args(env, info, 14, argv, &heap, &heap_bytes)) return throw_error(env, usage);
  const int64_t rows = int_arg(env, argv[1]);
  const int64_t cols = int_arg(env, argv[2]);
  const int64_t limit = (int64_t)(heap_bytes / 4);
  if (rows < 0 || cols < 0 || rows > limit || cols > limit) return throw_error(env, usage);
  static const int full[] = {1, 1, 0, 0, 0, 1, 0, 0, 0, 0};
  float *a[10];
  for (int i = 0; i < 10; i++) {
    const int64_t offset = int_arg(env, argv[3 + i]);
    if (i == 4 && offset == -1) {
      a[i] = NULL;
      continue;
    }
    if (!in_heap(offset, full[i] ? rows * cols : cols, heap_bytes)) return throw_error(env, usage);
    a[i] = (float *)(heap + offset);
  }
  const float eps = (float)number_arg(env, argv[13]);
  float *scratch = malloc(sizeof(float) * 2 * (size_t)(cols > 0 ? cols : 1));
  if (scratch == NULL) return throw_error(env, "snn-native batchNormGrad: out of memory for 2·cols floats of scratch");
  batch_norm_grad_loop(a[0], a[1], a[2], a[3], a[4], rows, cols, eps, a[5], a[6], a[7], a[8], a[9],
                       scratch);
  free(scratch);
  return NULL;
}

static napi_value bias_add(napi_env env, napi_callback_info info) {
  /* c (rows × cols) += b (cols) per row, one float32 rounding each: tfjs's Add with a bias. */
  static const int full[] = {1, 0};
  float *a[2];
  int64_t rows, cols;
  float unused;
  if (!matrix_args(env, info, 2, full, &rows, &cols, a, &unused))
    return throw_error(env, "snn-native biasAdd: expected (heap, rows, cols, cOff, biasOff, 0) with rows, cols ≥ 0 inside the heap");
  for (int64_t j = 0; j < rows; j++)
    for (int64_t c = 0; c < cols; c++) a[0][j * cols + c] = a[0][j * cols + c] + a[1][c];
  return NULL;
}

static napi_value batch_norm_train(napi_env env, napi_callback_info info) {
  /* x, γ, β, m̄, v̄, y, new m̄, new v̄: rows·cols, cols ×4, rows·cols, cols ×2 floats; eps, decay. */
  static const int full[] = {1, 0, 0, 0, 0, 1, 0, 0};
  napi_value argv[13];
  char *heap;
  size_t heap_bytes;
  const char *usage =
      "snn-native batchNormTrain: expected (heap, rows, cols, xOff, gammaOff, betaOff, movingMeanOff, movingVarianceOff, yOff, newMeanOff, newVarianceOff, eps, decay) with rows, cols ≥ 0 inside the heap";
  if (!heap_args(env, info, 13, argv, &heap, &heap_bytes)) return throw_error(env, usage);
  const int64_t rows = int_arg(env, argv[1]);
  const int64_t cols = int_arg(env, argv[2]);
  const int64_t limit = (int64_t)(heap_bytes / 4);
  if (rows < 0 || cols < 0 || rows > limit || cols > limit) return throw_error(env, usage);
  float *a[8];
  for (int i = 0; i < 8; i++) {
    const int64_t offset = int_arg(env, argv[3 + i]);
    if (!in_heap(offset, full[i] ? rows * cols : cols, heap_bytes)) return throw_error(env, usage);
    a[i] = (float *)(heap + offset);
  }
  const float eps = (float)number_arg(env, argv[11]);
  const float decay = (float)number_arg(env, argv[12]);
  float *scratch = malloc(sizeof(float) * 3 * (size_t)(cols > 0 ? cols : 1));
  if (scratch == NULL) return throw_error(env, "snn-native batchNormTrain: out of memory for 3·cols floats of scratch");
  batch_norm_train_loop(a[0], a[1], a[2], a[3], a[4], rows, cols, eps, decay, a[5], a[6], a[7],
                        scratch);
  free(scratch);
  return NULL;
}

static napi_value batch_norm_train_grad(napi_env env, napi_callback_info info) {
  /* dy, x, γ, dx, dγ, dβ. */
  static const int full[] = {1, 1, 0, 1, 0, 0};
  float *a[6];
  int64_t rows, cols;
  float eps;
  if (!matrix_args(env, info, 6, full, &rows, &cols, a, &eps))
    return throw_error(env, "snn-native batchNormTrainGrad: expected (heap, rows, cols, dyOff, xOff, gammaOff, dxOff, dgammaOff, dbetaOff, eps) with rows, cols ≥ 0 inside the heap");
  float *scratch = malloc(sizeof(float) * 8 * (size_t)(cols > 0 ? cols : 1));
  if (scratch == NULL) return throw_error(env, "snn-native batchNormTrainGrad: out of memory for 8·cols floats of scratch");
  batch_norm_train_grad_loop(a[0], a[1], a[2], rows, cols, eps, a[3], a[4], a[5], scratch);
  free(scratch);
  return NULL;
}

static napi_value alea_uniform(napi_env env, napi_callback_info info) {
  napi_value argv[7];
  char *heap;
  size_t heap_bytes;
  const char *usage =
      "snn-native aleaUniform: expected (heap, size, outOff, s0, s1, s2, c) with size ≥ 0 inside the heap and s0, s1, s2 in [0, 1)";
  if (!heap_args(env, info, 7, argv, &heap, &heap_bytes)) return throw_error(env, usage);
  const int64_t size = int_arg(env, argv[1]);
  const int64_t out_off = int_arg(env, argv[2]);
  double state[4];
  for (int i = 0; i < 4; i++) state[i] = number_arg(env, argv[3 + i]);
  for (int i = 0; i < 3; i++)
    if (!(state[i] >= 0.0 && state[i] < 1.0)) return throw_error(env, usage);
  if (!(state[3] >= 0.0 && state[3] < 2091640.0)) return throw_error(env, usage);
  if (!in_heap(out_off, size, heap_bytes)) return throw_error(env, usage);
  alea_uniform_loop(state[0], state[1], state[2], state[3], (float *)(heap + out_off), size);
  return NULL;
}

/* (heap, size, inOff, uOff, outOff, mode, threshold, a[, b, dropped]): the dropout arguments. */
static int dropout_args(napi_env env, napi_callback_info info, size_t argc, float **arrays,
                        int64_t *size, int *mode, float *numbers) {
  napi_value argv[10];
  char *heap;
  size_t heap_bytes;
  if (!heap_args(env, info, argc, argv, &heap, &heap_bytes)) return 0;
  *size = int_arg(env, argv[1]);
  for (int i = 0; i < 3; i++) {
    const int64_t offset = int_arg(env, argv[2 + i]);
    if (!in_heap(offset, *size, heap_bytes)) return 0;
    arrays[i] = (float *)(heap + offset);
  }
  const int64_t m = int_arg(env, argv[5]);
  if (m != 0 && m != 1) return 0;
  *mode = (int)m;
  for (size_t i = 6; i < argc; i++) numbers[i - 6] = (float)number_arg(env, argv[i]);
  return 1;
}

static napi_value dropout(napi_env env, napi_callback_info info) {
  float *a[3];
  float numbers[4];
  int64_t size;
  int mode;
  if (!dropout_args(env, info, 10, a, &size, &mode, numbers))
    return throw_error(env, "snn-native dropout: expected (heap, size, xOff, uOff, outOff, mode 0 or 1, threshold, a, b, dropped) inside the heap");
  dropout_loop(a[0], a[1], a[2], size, mode, numbers[0], numbers[1], numbers[2], numbers[3]);
  return NULL;
}

static napi_value dropout_grad(napi_env env, napi_callback_info info) {
  float *a[3];
  float numbers[4];
  int64_t size;
  int mode;
  if (!dropout_args(env, info, 8, a, &size, &mode, numbers))
    return throw_error(env, "snn-native dropoutGrad: expected (heap, size, dyOff, uOff, dxOff, mode 0 or 1, threshold, a) inside the heap");
  dropout_grad_loop(a[0], a[1], a[2], size, mode, numbers[0], numbers[1]);
  return NULL;
}

static napi_value highway(napi_env env, napi_callback_info info) {
  float *v[4];
  int64_t size;
  if (!vector_args(env, info, 4, false, v, &size, NULL))
    return throw_error(env, "snn-native highway: expected (heap, size, cOff, hOff, tOff, yOff) inside the heap");
  highway_loop(v[0], v[1], v[2], v[3], size);
  return NULL;
}

static napi_value highway_grad(napi_env env, napi_callback_info info) {
  float *v[8];
  int64_t size;
  if (!vector_args(env, info, 8, false, v, &size, NULL))
    return throw_error(env, "snn-native highwayGrad: expected (heap, size, dyOff, cOff, hOff, tOff, sOff, dcOff, dhOff, dtOff) inside the heap");
  highway_grad_loop(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], size);
  return NULL;
}

static napi_value set_threads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  const int64_t threads = argc == 1 ? int_arg(env, argv[0]) : -1;
  if (threads < 1 || threads > 1024)
    return throw_error(env, "snn-native setThreads: expected an integer in [1, 1024]");
  blas_set_threads((int)threads);
  return NULL;
}

static napi_value info(napi_env env, napi_callback_info cb) {
  (void)cb;
  napi_value out, blas, threads, cores;
  CHECK(napi_create_object(env, &out));
  CHECK(napi_create_string_utf8(env, blas_config(), NAPI_AUTO_LENGTH, &blas));
  CHECK(napi_create_int32(env, blas_get_threads(), &threads));
  CHECK(napi_create_int32(env, blas_get_cores(), &cores));
  CHECK(napi_set_named_property(env, out, "blas", blas));
  CHECK(napi_set_named_property(env, out, "threads", threads));
  CHECK(napi_set_named_property(env, out, "cores", cores));
  return out;
}

#if defined(__x86_64__) && !defined(SNN_BLIS)
/*
 * OpenBLAS built with DYNAMIC_ARCH picks its kernels by CPU model when it is loaded (SkylakeX's
 * AVX-512 kernels on a Xeon, Haswell's on an AMD EPYC, …), and those kernels round differently, so
 * the same training run gave other weights on another machine. Every x86-64 CPU with AVX2 and FMA
 * (Intel since Haswell, AMD since Zen) runs Haswell's kernels, so they are asked for there
 * (OPENBLAS_CORETYPE=Haswell): a result is then the same on all of them. A core the user set is
 * kept, SNN_BLAS_CORE=native keeps OpenBLAS's own choice, and an older CPU (or an emulated one)
 * keeps it too: it cannot run Haswell's kernels. The CPU's features come from CPUID, as OpenBLAS
 * reads them, not from /proc/cpuinfo, which shows the host's under an emulator.
 *
 * Priority 101 runs this before OpenBLAS's own constructor (gotoblas_init, default priority),
 * which reads OPENBLAS_CORETYPE once, when the addon is loaded.
 */
__attribute__((constructor(101))) static void pin_blas_core(void) {
  const char *choice = getenv("SNN_BLAS_CORE");
  if (getenv("OPENBLAS_CORETYPE") != NULL || (choice != NULL && strcmp(choice, "native") == 0))
    return;
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
    setenv("OPENBLAS_CORETYPE", "Haswell", 0);
}
#endif

NAPI_MODULE_INIT() {
  const napi_property_descriptor functions[] = {
      {"gemm", NULL, gemm, NULL, NULL, NULL, napi_default, NULL},
      {"selu", NULL, selu, NULL, NULL, NULL, napi_default, NULL},
      {"seluGrad", NULL, selu_grad, NULL, NULL, NULL, napi_default, NULL},
      {"axpy", NULL, axpy, NULL, NULL, NULL, napi_default, NULL},
      {"sumRows", NULL, sum_rows, NULL, NULL, NULL, napi_default, NULL},
      {"weightNorm", NULL, weight_norm, NULL, NULL, NULL, napi_default, NULL},
      {"weightNormGrad", NULL, weight_norm_grad, NULL, NULL, NULL, napi_default, NULL},
      {"layerNorm", NULL, layer_norm, NULL, NULL, NULL, napi_default, NULL},
      {"layerNormGrad", NULL, layer_norm_grad, NULL, NULL, NULL, napi_default, NULL},
      {"batchNormGrad", NULL, batch_norm_grad, NULL, NULL, NULL, napi_default, NULL},
      {"biasAdd", NULL, bias_add, NULL, NULL, NULL, napi_default, NULL},
      {"batchNormTrain", NULL, batch_norm_train, NULL, NULL, NULL, napi_default, NULL},
      {"batchNormTrainGrad", NULL, batch_norm_train_grad, NULL, NULL, NULL, napi_default, NULL},
      {"aleaUniform", NULL, alea_uniform, NULL, NULL, NULL, napi_default, NULL},
      {"dropout", NULL, dropout, NULL, NULL, NULL, napi_default, NULL},
      {"dropoutGrad", NULL, dropout_grad, NULL, NULL, NULL, napi_default, NULL},
      {"highway", NULL, highway, NULL, NULL, NULL, napi_default, NULL},
      {"highwayGrad", NULL, highway_grad, NULL, NULL, NULL, napi_default, NULL},
      {"setThreads", NULL, set_threads, NULL, NULL, NULL, napi_default, NULL},
      {"info", NULL, info, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, sizeof functions / sizeof functions[0], functions) !=
      napi_ok)
    return NULL;
  return exports;
}
