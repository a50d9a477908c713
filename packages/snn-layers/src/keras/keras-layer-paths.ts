/** One layer of a Keras model as its weights file addresses it. */
export interface KerasLayerPath {
  /** The layer's name (`config.name`). */
  name: string;
  /** Its Keras class (`class_name`). */
  className: string;
  /** Its group in model.weights.h5, e.g. `layers/dense_1`; the variables are `<path>/vars/0…`. */
  path: string;
}

/** A layer entry of a Keras model config, in Keras' snake_case form. */
export interface KerasLayerEntry {
  class_name?: unknown;
  config?: { name?: unknown } & Record<string, unknown>;
  name?: unknown;
}

/**
 * Keras' `naming.to_snake_case` (keras/src/utils/naming.py): `AlphaDropout` → `alpha_dropout`,
 * `BatchNormalization` → `batch_normalization`.
 */
export function kerasSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/**
 * Where Keras 3 stores each layer's variables in a `.keras` file's model.weights.h5
 * (`_save_container_state` in keras/src/saving/saving_lib.py): layers are addressed by their
 * class, not their name — `layers/<snake_case(class)>`, made unique with `_1`, `_2`, … in the
 * order of `model.layers`, which for a Sequential model omits the leading InputLayer and for a
 * functional model includes its InputLayers.
 *
 * @param modelClass `Sequential`, or `Functional` for a functional model.
 * @param layers The `layers` of the model's config, in order.
 * @returns One {@link KerasLayerPath} per layer of `model.layers`.
 * @example
 * kerasLayerPaths('Sequential', config.layers).map((l) => l.path);
 * // ['layers/dense', 'layers/alpha_dropout', 'layers/dense_1']
 */
export function kerasLayerPaths(
  modelClass: string,
  layers: readonly KerasLayerEntry[],
): KerasLayerPath[] {
  const listed =
    modelClass === 'Sequential' && layers[0]?.class_name === 'InputLayer'
      ? layers.slice(1)
      : layers;
  const used = new Map<string, number>();
  return listed.map((layer) => {
    const className = String(layer.class_name);
    let snake = kerasSnakeCase(className);
    const count = used.get(snake);
    used.set(snake, count === undefined ? 0 : count + 1);
    if (count !== undefined) snake = `${snake}_${count + 1}`;
    return { name: String(layer.config?.name ?? layer.name), className, path: `layers/${snake}` };
  });
}
