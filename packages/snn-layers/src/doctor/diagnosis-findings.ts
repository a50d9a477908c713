import { THEOREM1_DOMAIN } from '@snn/selu';
import type { DiagnosisInputs, Finding, KernelMoments, LayerDiagnosis } from './diagnosis-types';
import type { Block } from './model-anatomy';

const LECUN_FIX =
  "re-initialize the kernel with LeCun normal, Var(w) = 1/fan_in: kernelInitializer: lecunNormal() of @snn/init in tfjs, kernel_initializer='lecun_normal' in Keras, nn.init.kaiming_normal_(w, nonlinearity='linear') in PyTorch; then retrain";
const SELU_FIX =
  "use SELU in every hidden layer: activation: 'selu' (or seluLayer() of @snn/selu) in tfjs, activation='selu' in Keras";

/**
 * τ̄ = mean over units of Σwᵢ² ≈ Var(w)·fan_in: inside Theorem 1's τ range all is well; within
 * [0.8, 1.25] (the τ range of Theorems 2 and 3) the variance still stays bounded, so a warning;
 * beyond it activations shrink or grow with depth.
 */
const TAU_WARNING_RANGE = [0.8, 1.25] as const;

/** The known recipe whose Var(w)·fan_in is nearest to τ̄ (within 10%), or null. */
function likelyCause(tau: number, fanIn: number, units: number): string | null {
  const candidates: [number, string][] = [
    [2, 'He/MSRA initialization (Var(w) = 2/fan_in)'],
    [
      1.548,
      "He normal cut at ±2σ without the variance correction, as tfjs's heNormal (Var(w) ≈ 1.55/fan_in)",
    ],
    [0.5625, "PyTorch's kaiming init with the 3/4 SELU gain (Var(w) = 0.5625/fan_in)"],
    [
      0.774,
      "a normal cut at ±2σ without the variance correction, as tfjs's leCunNormal (Var(w) ≈ 0.77/fan_in)",
    ],
  ];
  if (fanIn !== units) {
    candidates.push(
      [fanIn / units, 'fan-out scaling (Var(w) = 1/fan_out)'],
      [
        (2 * fanIn) / (fanIn + units),
        'Glorot/Xavier fan-avg scaling (Var(w) = 2/(fan_in + fan_out))',
      ],
    );
  }
  let best: [number, string] | null = null;
  for (const candidate of candidates) {
    const distance = Math.abs(Math.log(tau / candidate[0]));
    if (distance < 0.1 && (best === null || distance < best[0])) best = [distance, candidate[1]];
  }
  return best?.[1] ?? null;
}

/**
 * What the config's initializer says about a kernel whose τ is off: the Var(w)·fan_in it draws,
 * and why the kernel differs when that is LeCun's, or that tfjs read a Keras `normal` its own way.
 */
function initializerNote(layer: LayerDiagnosis): string {
  if (layer.initializer === null) return '';
  const note = `; initializer in the config: ${layer.initializer}`;
  const drawn = layer.initializerTau;
  if (drawn === null) return note;
  const [low, high] = THEOREM1_DOMAIN.tau;
  if (drawn >= low && drawn <= high) {
    return `${note}, which draws LeCun's variance (Var(w)·fan_in = ${drawn.toFixed(3)}): the weights have moved away from their initialization (training, or weights of another model)`;
  }
  const tfjsNormal = /^VarianceScaling\(.*, normal\)$/.test(layer.initializer)
    ? ' (tfjs\'s reading of Keras\' "normal": cut at ±2σ without the variance correction; useKerasSnn() reads it as Keras does)'
    : '';
  return `${note}, which draws Var(w)·fan_in = ${drawn.toFixed(3)}${tfjsNormal}`;
}

function kernelFinding(layer: LayerDiagnosis, weights: KernelMoments): Finding | null {
  const [low, high] = THEOREM1_DOMAIN.tau;
  const tau = weights.tau;
  if (tau >= low && tau <= high) return null;
  const inWarningRange = tau >= TAU_WARNING_RANGE[0] && tau <= TAU_WARNING_RANGE[1];
  const cause = likelyCause(tau, weights.fanIn, weights.units);
  return {
    code: 'kernel-variance',
    level: inWarningRange ? 'warning' : 'error',
    layer: layer.name,
    message: `kernel has Var(w)·fan_in ≈ τ = ${tau.toFixed(3)} (fan_in ${weights.fanIn}, ${weights.units} units), outside Theorem 1's τ ∈ [${low}, ${high}]${cause === null ? '' : `: looks like ${cause}`}${initializerNote(layer)}`,
    fix: LECUN_FIX,
  };
}

/**
 * Layers whose weights hold NaN or ±∞: every output is then NaN, whatever the initialization, so
 * this is its own error and not reported as a kernel variance.
 */
export function nonFiniteFindings(layers: readonly LayerDiagnosis[]): Finding[] {
  return layers
    .filter((l) => l.nonFiniteWeights > 0)
    .map((l) => ({
      code: 'non-finite-weights' as const,
      level: 'error' as const,
      layer: l.name,
      message: `${l.nonFiniteWeights} weight value${l.nonFiniteWeights === 1 ? ' is' : 's are'} NaN or ±∞: the layer outputs NaN for every input`,
      fix: 'the weights come from a training that diverged (lower the learning rate, check the inputs for NaN) or from a corrupt file: export them again',
    }));
}

/** The structural checks of a SELU network: activations, kernels, dropout, batch normalization. */
export function structureFindings(
  hidden: readonly Block[],
  layers: ReadonlyMap<string, LayerDiagnosis>,
): Finding[] {
  const findings: Finding[] = [];
  for (const block of hidden) {
    const dense = layers.get(block.dense.name)!;
    if (block.activation !== 'selu') {
      findings.push({
        code: 'non-selu-activation',
        level: 'error',
        layer: block.output.name,
        message: `hidden layer uses activation '${block.activation}' in a SELU network; only SELU keeps activations at mean 0, variance 1`,
        fix: SELU_FIX,
      });
    }
    const kernel =
      dense.weights === null || dense.nonFiniteWeights > 0
        ? null
        : kernelFinding(dense, dense.weights);
    if (kernel !== null) findings.push(kernel);
    for (const entry of [...block.before, ...block.after]) {
      if (entry.batchNorm) {
        findings.push({
          code: 'batch-norm',
          level: 'warning',
          layer: entry.name,
          message: `${entry.className} in a SELU network: SELU with LeCun weights normalizes by itself, batch statistics only add noise and a train/test gap`,
          fix: 'remove the BatchNormalization layers (the paper’s SNNs use none)',
        });
      }
      if (block.activation !== 'selu') continue;
      if (entry.dropout === 'standard') {
        findings.push({
          code: 'plain-dropout',
          level: 'error',
          layer: entry.name,
          message: `${entry.className} after SELU sets units to 0 and rescales by 1/(1 − rate): this shifts mean and variance away from (0, 1)`,
          fix: 'use alpha dropout instead: alphaDropoutLayer({ rate: 0.05 }) of @snn/selu in tfjs, AlphaDropout(0.05) in Keras (rates 0.05–0.1)',
        });
      }
      if (entry.dropout === 'alpha-tfjs') {
        findings.push({
          code: 'tfjs-alpha-dropout',
          level: 'error',
          layer: entry.name,
          message:
            "tfjs's built-in AlphaDropout drops units to +λα instead of −λα: the mean moves to 0.32 at rate 0.1 in training",
          fix: 'call useKerasSnn() (or useSnnAlphaDropout()) before loading the model, or build it with alphaDropoutLayer() of @snn/selu',
        });
      }
    }
  }
  return findings;
}

/** Inputs whose features are not standardized. */
export function inputFindings(inputs: DiagnosisInputs): Finding[] {
  if (inputs.unstandardized.length === 0) return [];
  const shown = inputs.unstandardized.slice(0, 5).join(', ');
  const more = inputs.unstandardized.length > 5 ? ', …' : '';
  return [
    {
      code: 'unstandardized-inputs',
      level: 'error',
      layer: null,
      message: `${inputs.unstandardized.length} of ${inputs.features} input features are not standardized (feature ${shown}${more}); overall mean ${inputs.mean.toFixed(3)}, variance ${inputs.variance.toFixed(3)}. SNNs assume mean 0, variance 1 per feature`,
      fix: "standardize every feature with the training set's mean and standard deviation (standardize() of @snn/datasets, scikit-learn's StandardScaler)",
    },
  ];
}

/** Where hidden activations leave Theorem 1's domain, input to output. */
export function domainFindings(
  hidden: readonly LayerDiagnosis[],
  otherFindings: number,
): Finding[] {
  const measured = hidden.filter((l) => l.activations !== null);
  const first = measured.find((l) => !l.activations!.inDomain);
  if (first === undefined) return [];
  const last = measured.at(-1)!;
  const a = first.activations!;
  const z = last.activations!;
  const lastOut = !z.inDomain;
  return [
    {
      code: 'leaves-domain',
      level: lastOut ? 'error' : 'warning',
      layer: first.name,
      message: `activations leave Theorem 1's domain (mean ∈ [${THEOREM1_DOMAIN.mean.join(', ')}], variance ∈ [${THEOREM1_DOMAIN.variance.join(', ')}]) at ${first.name} (mean ${a.mean.toFixed(3)}, variance ${a.variance.toFixed(3)})${last === first ? '' : `; at ${last.name}: mean ${z.mean.toFixed(3)}, variance ${z.variance.toFixed(3)}${lastOut ? '' : ' (back inside)'}`}`,
      fix:
        otherFindings > 0
          ? 'fix the findings above; they move the activations off the fixed point'
          : 'check that the inputs are standardized and every hidden kernel has Var(w) = 1/fan_in',
    },
  ];
}
