import { THEOREM1_DOMAIN } from '@snn/selu';
import * as tf from '@tensorflow/tfjs-core';
import { Callback, type LayersModel } from '@tensorflow/tfjs-layers';
import { SnnError } from '../../../internal/snn-error';
import { type LayerStats, activationStats } from './activation-stats';

/** The region a monitor accepts; layers outside it are flagged. */
export interface NormalizationDomain {
  /** Accepted [low, high] of the activation mean. Default [−0.1, 0.1]. */
  mean?: [number, number];
  /** Accepted [low, high] of the activation variance. Default [0.8, 1.5]. */
  variance?: [number, number];
}

/** One layer in a {@link NormalizationReport}. */
export interface MonitoredLayer extends LayerStats {
  /** Whether mean and variance both lie in the domain. */
  inDomain: boolean;
}

/** What a {@link NormalizationMonitor} reports. */
export interface NormalizationReport {
  /** Epoch (0-based, as tfjs counts) or the value passed to `report`. */
  epoch: number;
  /** Every hidden layer, input to output. */
  layers: MonitoredLayer[];
  /** Names of the layers outside the domain (empty when all are inside). */
  outOfDomain: string[];
}

/** Options of {@link normalizationMonitor}. */
export interface NormalizationMonitorOptions {
  /** Report every `every` epochs (after epochs every−1, 2·every−1, …). Default 1. */
  every?: number;
  /** Called with each report. Reports are also kept in `monitor.reports`. */
  onReport?: (report: NormalizationReport) => void | Promise<void>;
  /**
   * The accepted region. Default: the domain of the paper's Theorem 1, mean ∈ [−0.1, 0.1],
   * variance ∈ [0.8, 1.5].
   */
  domain?: NormalizationDomain;
  /**
   * The probe batch, shape [batch, inputDim]; the monitor keeps a reference, the caller still owns
   * it. Default: 256 seeded N(0, 1) samples, created at the first report — the distribution of
   * standardized inputs, which is what an SNN expects.
   */
  probe?: tf.Tensor;
  /** Size of the default probe batch. Default 256. */
  probeSize?: number;
}

const PROBE_SEED = 1706;

function checkInterval(arg: string, value: unknown): [number, number] {
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((v) => typeof v === 'number' && !Number.isNaN(v)) &&
    value[0] <= value[1]
  ) {
    return [value[0], value[1]];
  }
  throw new SnnError(
    `normalizationMonitor: \`domain.${arg}\` must be an interval [low, high] with low ≤ high, got ${JSON.stringify(value)}; pass e.g. [-0.1, 0.1]`,
  );
}

/**
 * Watches how close a network stays to the self-normalizing fixed point while it trains.
 *
 * A tfjs callback: pass it to `model.fit({callbacks: [monitor]})` (or alone as `callbacks:
 * monitor`); at the end of every `every`-th epoch it computes {@link activationStats} on the probe
 * batch and flags layers whose mean or variance leaves the domain. From a custom training loop,
 * call `await monitor.report(model, epoch)` instead. Reports go to `onReport` and accumulate in
 * `reports`. The default probe tensor is freed by `dispose()`.
 *
 * @see https://arxiv.org/abs/1706.02515
 */
export class NormalizationMonitor extends Callback {
  readonly every: number;
  readonly domain: Required<NormalizationDomain>;
  /** Every report so far, oldest first. */
  readonly reports: NormalizationReport[] = [];
  private readonly onReport?: NormalizationMonitorOptions['onReport'];
  private readonly probeSize: number;
  private probe: tf.Tensor | null;
  private ownsProbe = false;

  constructor(options: NormalizationMonitorOptions = {}) {
    super();
    const every = options.every ?? 1;
    if (!Number.isInteger(every) || every < 1) {
      throw new SnnError(
        `normalizationMonitor: \`every\` must be a positive integer number of epochs, got ${JSON.stringify(every)}; pass e.g. 1`,
      );
    }
    const probeSize = options.probeSize ?? 256;
    if (!Number.isInteger(probeSize) || probeSize < 2) {
      throw new SnnError(
        `normalizationMonitor: \`probeSize\` must be an integer ≥ 2, got ${JSON.stringify(probeSize)}; pass e.g. 256`,
      );
    }
    this.every = every;
    this.probeSize = probeSize;
    this.onReport = options.onReport;
    this.probe = options.probe ?? null;
    this.domain = {
      mean: checkInterval('mean', options.domain?.mean ?? THEOREM1_DOMAIN.mean),
      variance: checkInterval('variance', options.domain?.variance ?? THEOREM1_DOMAIN.variance),
    };
  }

  /** tfjs calls this after every epoch of `model.fit`. */
  override async onEpochEnd(epoch: number): Promise<void> {
    if ((epoch + 1) % this.every === 0) await this.report(this.model, epoch);
  }

  /**
   * Measures `model` on the probe batch now, records and returns the report — the entry point for
   * custom training loops.
   */
  async report(model: LayersModel, epoch: number): Promise<NormalizationReport> {
    const stats = await activationStats(model, this.probeFor(model));
    const [meanLow, meanHigh] = this.domain.mean;
    const [varLow, varHigh] = this.domain.variance;
    const layers = stats.map((s) => ({
      ...s,
      inDomain:
        s.mean >= meanLow && s.mean <= meanHigh && s.variance >= varLow && s.variance <= varHigh,
    }));
    const report: NormalizationReport = {
      epoch,
      layers,
      outOfDomain: layers.filter((l) => !l.inDomain).map((l) => l.name),
    };
    this.reports.push(report);
    await this.onReport?.(report);
    return report;
  }

  /** Frees the default probe batch (a probe passed in options stays the caller's). */
  dispose(): void {
    if (this.ownsProbe && this.probe !== null) this.probe.dispose();
    if (this.ownsProbe) this.probe = null;
    this.ownsProbe = false;
  }

  private probeFor(model: LayersModel): tf.Tensor {
    const wanted = model.inputs[0]?.shape[1];
    if (this.ownsProbe && this.probe !== null && this.probe.shape[1] !== wanted) {
      // The default probe follows the model: a monitor reused on a wider model gets a new one.
      this.dispose();
    }
    if (this.probe === null) {
      const inputShape = model.inputs[0]?.shape ?? [];
      const inputDim = inputShape[inputShape.length - 1];
      if (model.inputs.length !== 1 || inputShape.length !== 2 || typeof inputDim !== 'number') {
        throw new SnnError(
          `normalizationMonitor: the default probe needs a model with one input of shape [batch, features], got ${JSON.stringify(model.inputs.map((i) => i.shape))}; pass \`probe\` with a batch of real inputs`,
        );
      }
      this.probe = tf.randomNormal([this.probeSize, inputDim], 0, 1, 'float32', PROBE_SEED);
      this.ownsProbe = true;
    }
    return this.probe;
  }
}

/**
 * Creates a {@link NormalizationMonitor}: per-layer mean/variance on a probe batch during
 * training, flagging layers outside the domain (default mean ∉ [−0.1, 0.1] or variance ∉
 * [0.8, 1.5]).
 *
 * @example
 * const monitor = normalizationMonitor({every: 5, onReport: (r) => console.log(r.epoch, r.outOfDomain)});
 * await model.fit(x, y, {epochs: 20, callbacks: [monitor]});
 * monitor.dispose();
 * @see https://arxiv.org/abs/1706.02515
 */
export function normalizationMonitor(
  options: NormalizationMonitorOptions = {},
): NormalizationMonitor {
  return new NormalizationMonitor(options);
}
