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
 * - `LecunNormal` / `LecunUniform`, as Keras 2 and 3 write them (also the string identifiers
 *   `"lecun_normal"`, `"lecun_uniform"`), load as @snn/init's initializers with Keras' semantics:
 *   LeCun normal cut at ±2σ′ with σ′ = √(1/fanIn)/0.8796…, so Var(w)·fanIn = 1 (tfjs knows only
 *   `LeCunNormal`, variance 0.77/fanIn, and fails with "Unknown initializer: LecunNormal");
 * - Keras 3 `config.json` (entries with `module` / `registered_name`, dtype policies,
 *   `batch_shape`, functional inbound nodes as `{args, kwargs}`) loads as a `Sequential` or a
 *   functional model.
 *
 * Importing the package changes nothing; only this call does. Idempotent: while it is active a
 * second call changes nothing and returns a no-op.
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
