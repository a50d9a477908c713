import { useSnnAlphaDropout } from '@snn/selu';
import { swapRegistrations } from '../../../../internal/class-swap';
import { KERAS_BRAND } from './keras-brand';
import { KERAS_INITIALIZER_CLASSES } from './keras-initializers';
import { KerasFunctional, KerasSequential } from './keras-models';

/**
 * Makes Keras model JSON with SNN parts load right through `tf.loadLayersModel` and
 * `tf.models.modelFromJSON`, until the returned function is called:
 * - `AlphaDropout` loads as @snn/selu's alpha dropout, which drops to α′ = −λα (tfjs's built-in
 *   drops to +λα and shifts the mean), via `useSnnAlphaDropout`;
 * - Keras' variance-scaling initializers load with Keras' semantics, Var(w) = scale/n exactly:
 *   `VarianceScaling` in every mode (`fan_in`, `fan_out`, `fan_avg`) and distribution
 *   (`truncated_normal` and its legacy alias `normal`: cut at ±2σ′ with σ′ = √(scale/n)/0.8796…;
 *   `untruncated_normal`; `uniform`: U(±√(3·scale/n))), and `LecunNormal`, `LecunUniform`,
 *   `HeNormal`, `HeUniform`, `GlorotNormal`, `GlorotUniform` as Keras 2 and 3 write them (also
 *   the string identifiers `"lecun_normal"`, `"he_normal"`, …). tfjs 4.22 has no `LecunNormal`
 *   ("Unknown initializer"), draws `normal`, `HeNormal`, `GlorotNormal` with 0.774 of the
 *   variance, samples a uniform for `truncated_normal` and refuses `untruncated_normal`;
 * - Keras 3 `config.json` (entries with `module` / `registered_name`, dtype policies,
 *   `batch_shape`, functional inbound nodes as `{args, kwargs}`) loads as a `Sequential` or a
 *   functional model.
 *
 * Importing the package changes nothing; only this call does. While it is active, a tfjs model
 * whose config says `VarianceScaling` with `normal` (tfjs's `heNormal`, `leCunNormal`) also loads
 * with Keras' meaning of it, the variance-exact one; weights read from files are not affected.
 * Idempotent: while it is active a second call changes nothing and returns a no-op.
 *
 * @returns `restore()`: puts tfjs's own registrations back.
 * @example
 * const restore = useKerasSnn();
 * const model = await tf.loadLayersModel('https://example.com/keras-snn/model.json');
 * restore();
 * @see https://arxiv.org/abs/1706.02515
 */
export function useKerasSnn(): () => void {
  const restoreDropout = useSnnAlphaDropout();
  const restoreOwn = swapRegistrations(
    [...KERAS_INITIALIZER_CLASSES, KerasSequential, KerasFunctional],
    KERAS_BRAND,
  );
  return () => {
    restoreOwn();
    restoreDropout();
  };
}
