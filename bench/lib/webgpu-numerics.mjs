// The WebGPU numerics check: SELU against its float64 definition, and the forward pass and every
// gradient of the Figure-1 network and of the paper's seven architectures against tfjs's cpu
// backend (plain JavaScript kernels, an independent implementation) on the same weights and
// batch, plus no tensor leak across training steps. bench/webgpu-numerics.test.ts runs it here
// (Mesa's llvmpipe), bench/gpu-check.mjs on a GPU; the modules are passed in, so that each takes
// them from where it runs (sources here, the bundle there).

/** float32 unit roundoff u = 2⁻²⁴. */
const U = 2 ** -24;

/** λ and α of the paper in float64. */
const LAMBDA = 1.0507009873554805;
const ALPHA = 1.6732632423543772;

/**
 * Tolerance of a network's outputs and gradients, relative to the largest magnitude of the
 * reference tensor: the float32 bound for a length-K dot product summed in another order,
 * 2·K·u of Σ|terms| (Higham, γ_K for each of two summation orders), once per matrix product on
 * the path — depth forward, 2·depth more for a gradient — and 64 u for the elementwise functions.
 */
export function networkTolerance(depth, k, gradient) {
  return (gradient ? 3 : 1) * depth * 2 * k * U + 64 * U;
}

/** Largest |a − b| over the largest |b|. */
function relativeError(a, b) {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < b.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}

/**
 * SELU and its gradient on webgpu against the float64 definition, within WGSL's accuracy: exp is
 * allowed 3 + 2·|x| ulps (WGSL §16.7.1), products and the series a few more; subnormal results
 * may be flushed to 0.
 */
async function seluCheck(tf) {
  const xs = [-1e-8, -1e-3, -0.3, -0.99, -1, -1.5, -3, -10, 0, 1e-6, 0.5, 3, 30];
  const x = tf.tensor1d(xs);
  const dy = tf.tensor1d(xs.map((_, i) => 0.75 + i / 9));
  const y = tf.selu(x);
  const g = tf.grads((t) => tf.selu(t))([x], dy)[0];
  const [got, grad, dys] = await Promise.all([y.data(), g.data(), dy.data()]);
  tf.dispose([x, dy, y, g]);
  let worst = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = Math.fround(xs[i]);
    const ulps = v > 0 ? 4 : 8 + 3 + 2 * Math.abs(v);
    const want = v > 0 ? LAMBDA * v : LAMBDA * ALPHA * Math.expm1(v);
    const wantGrad = (v > 0 ? LAMBDA : LAMBDA * ALPHA * Math.exp(v)) * dys[i];
    const err = Math.abs(got[i] - want) / (ulps * 2 * U * Math.abs(want) + 2 ** -126);
    const errGrad = Math.abs(grad[i] - wantGrad) / (ulps * 2 * U * Math.abs(wantGrad) + 2 ** -126);
    worst = Math.max(worst, err, errGrad);
  }
  return {
    name: 'selu and its gradient vs float64',
    ok: worst <= 1,
    detail: `worst ${worst.toFixed(3)} of the WGSL tolerance`,
  };
}

/**
 * The loss and every gradient of `makeModel()` on a seeded batch, on `backend`, as plain arrays.
 * Categorical cross-entropy of the softmax output, training mode.
 */
async function lossAndGradients(tf, model, x, y, backend) {
  await tf.setBackend(backend);
  const f = () =>
    tf.neg(tf.mean(tf.sum(tf.mul(y, tf.log(tf.add(model.apply(x, { training: true }), 1e-7))), 1)));
  const { value, grads } = tf.variableGrads(
    f,
    model.trainableWeights.map((w) => w.read()),
  );
  const out = model.apply(x, { training: true });
  const result = {
    loss: (await value.data())[0],
    output: await out.data(),
    grads: await Promise.all(model.trainableWeights.map((w) => grads[w.read().name].data())),
  };
  tf.dispose([value, out, ...Object.values(grads)]);
  return result;
}

/** One network on webgpu against cpu: the output and each gradient within `networkTolerance`. */
async function networkCheck(tf, name, model, x, y, depth, k) {
  const cpu = await lossAndGradients(tf, model, x, y, 'cpu');
  const gpu = await lossAndGradients(tf, model, x, y, 'webgpu');
  const outErr = relativeError(gpu.output, cpu.output);
  const gradErr = Math.max(...gpu.grads.map((g, i) => relativeError(g, cpu.grads[i])));
  const outTol = networkTolerance(depth, k, false);
  const gradTol = networkTolerance(depth, k, true);
  const lossErr = Math.abs(gpu.loss - cpu.loss) / Math.abs(cpu.loss);
  return {
    name,
    ok: outErr <= outTol && gradErr <= gradTol && lossErr <= outTol,
    detail: `output ${outErr.toExponential(2)} (tolerance ${outTol.toExponential(2)}), gradients ${gradErr.toExponential(2)} (${gradTol.toExponential(2)}), loss ${lossErr.toExponential(2)}`,
  };
}

/** tf.memory().numTensors after a few more training steps equals that after the first. */
async function leakCheck(tf, model, x, y) {
  await tf.setBackend('webgpu');
  const optimizer = tf.train.sgd(0.01);
  const step = () =>
    optimizer.minimize(() =>
      tf.neg(
        tf.mean(tf.sum(tf.mul(y, tf.log(tf.add(model.apply(x, { training: true }), 1e-7))), 1)),
      ),
    );
  step();
  const before = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) step();
  const after = tf.memory().numTensors;
  optimizer.dispose();
  return {
    name: 'no tensor leak over training steps',
    ok: after === before,
    detail: `${before} → ${after} tensors`,
  };
}

/**
 * Runs every check on the registered 'webgpu' backend (`enableWebGpu` first) and 'cpu'.
 *
 * @param tf - @tensorflow/tfjs-core (with tfjs-backend-cpu loaded).
 * @param tfl - @tensorflow/tfjs-layers.
 * @param snnLayers - @snn/snn-layers (buildFnn, ARCHITECTURES).
 * @param options - `figure1`: {depth, width, batch} of the Figure-1 net (default 8, 784, 128);
 *   `log`: receives a line per check.
 * @returns The checks, each {name, ok, detail}, and whether all passed.
 */
export async function webGpuNumerics(tf, tfl, snnLayers, options = {}) {
  const { figure1 = { depth: 8, width: 784, batch: 128 }, log = () => {} } = options;
  const checks = [];
  const record = (check) => {
    checks.push(check);
    log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
  };
  await tf.setBackend('webgpu');
  record(await seluCheck(tf));

  // The Figure-1 network: width → depth × Dense(width, SELU) → Dense(10, softmax), N(0, 1/width).
  await tf.setBackend('cpu');
  const { depth, width, batch } = figure1;
  const net = tfl.sequential();
  for (let i = 0; i < depth; i++) {
    net.add(
      tfl.layers.dense({
        units: width,
        activation: 'selu',
        inputShape: i === 0 ? [width] : undefined,
        kernelInitializer: tfl.initializers.randomNormal({
          stddev: Math.sqrt(1 / width),
          seed: 10 + i,
        }),
      }),
    );
  }
  net.add(
    tfl.layers.dense({
      units: 10,
      activation: 'softmax',
      kernelInitializer: tfl.initializers.randomNormal({ stddev: Math.sqrt(1 / width), seed: 9 }),
    }),
  );
  const x = tf.randomNormal([batch, width], 0, 1, 'float32', 1);
  const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32', 2), 10);
  record(
    await networkCheck(
      tf,
      `Figure-1 network, depth ${depth}, width ${width}, batch ${batch}`,
      net,
      x,
      y,
      depth + 1,
      width,
    ),
  );
  record(await leakCheck(tf, net, x, y));
  net.dispose();
  tf.dispose([x, y]);

  // The seven architectures as `snn uci` builds them, dropout off (the masks are drawn in
  // JavaScript on every backend; the comparison is of the kernels).
  const shape = { inputDim: 16, outputDim: 3, depth: 4, width: 32, batch: 64 };
  await tf.setBackend('cpu');
  const xs = tf.randomNormal([shape.batch, shape.inputDim], 0, 1, 'float32', 3);
  const ys = tf.oneHot(
    tf.randomUniform([shape.batch], 0, shape.outputDim, 'int32', 4),
    shape.outputDim,
  );
  for (const architecture of snnLayers.ARCHITECTURES) {
    await tf.setBackend('cpu');
    const model = snnLayers.buildFnn({
      architecture,
      inputDim: shape.inputDim,
      outputDim: shape.outputDim,
      depth: shape.depth,
      width: shape.width,
      dropoutRate: 0,
      seed: 5,
    });
    // Residual and highway blocks hold two products per layer.
    record(
      await networkCheck(
        tf,
        `${architecture}: depth ${shape.depth}, width ${shape.width}`,
        model,
        xs,
        ys,
        2 * shape.depth + 2,
        shape.width,
      ),
    );
    model.dispose();
  }
  tf.dispose([xs, ys]);
  await tf.setBackend('webgpu');
  return { ok: checks.every((c) => c.ok), checks };
}
