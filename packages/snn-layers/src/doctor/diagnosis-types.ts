import type { DropoutKind } from './model-anatomy';

/** How serious a finding is: `error` breaks self-normalization, `warning` weakens it. */
export type FindingLevel = 'error' | 'warning' | 'info';

/** What a finding is about. */
export type FindingCode =
  | 'not-an-snn'
  | 'non-selu-activation'
  | 'kernel-variance'
  | 'non-finite-weights'
  | 'plain-dropout'
  | 'tfjs-alpha-dropout'
  | 'batch-norm'
  | 'unstandardized-inputs'
  | 'leaves-domain';

/** One thing the doctor found, with the fix. */
export interface Finding {
  code: FindingCode;
  level: FindingLevel;
  /** The layer concerned, or null for the model or its inputs. */
  layer: string | null;
  message: string;
  fix: string;
}

/** Weight moments of a kernel (see `weightMoments` of @snn/init), averaged over units. */
export interface KernelMoments {
  fanIn: number;
  units: number;
  /** Mean over units of ω = Σᵢ wᵢ. */
  omega: number;
  /** Mean over units of τ = Σᵢ wᵢ², ≈ Var(w)·fanIn: 1 for LeCun initialization. */
  tau: number;
}

/** One layer of a {@link Diagnosis}. */
export interface LayerDiagnosis {
  name: string;
  className: string;
  /** The activation the layer applies, or null. */
  activation: string | null;
  /** The kernel initializer as the config names it, or null. */
  initializer: string | null;
  /**
   * Var(w)·fan_in that this initializer draws for the layer's kernel (see `initializerTau`): 1 for
   * LeCun's variance (Keras' `VarianceScaling` with scale 1 and `fan_in` in any distribution,
   * `LecunNormal`, `LecunUniform`, @snn/init's LeCun initializers), 2 for He, 0.774 for tfjs's
   * uncorrected `leCunNormal`; null for layers without a kernel or an initializer not known.
   */
  initializerTau: number | null;
  /** Moments of the layer's actual kernel, or null for layers without one. */
  weights: KernelMoments | null;
  /** How many of the layer's weight values (kernel, bias, …) are NaN or ±∞; 0 for layers without weights. */
  nonFiniteWeights: number;
  dropout: DropoutKind | null;
  /** Mean and variance of the layer's output when it ends a hidden block, else null. */
  activations: { mean: number; variance: number; inDomain: boolean } | null;
}

/** The inputs the diagnosis pushed through the model. */
export interface DiagnosisInputs {
  source: 'data' | 'synthetic';
  samples: number;
  features: number;
  mean: number;
  variance: number;
  /** Indices of features that are not standardized (mean far from 0 or variance far from 1). */
  unstandardized: number[];
}

/** The result of `diagnoseModel`. */
export interface Diagnosis {
  /** Whether the model has SELU hidden layers; the SNN checks run only then. */
  selu: boolean;
  layers: LayerDiagnosis[];
  findings: Finding[];
  inputs: DiagnosisInputs;
  /** No error-level finding. */
  ok: boolean;
}
