/**
 * Marks the classes `useKerasSnn` registers under Keras' names, so that a second call (or a second
 * copy of the package) recognizes them and leaves them in place.
 */
export const KERAS_BRAND = Symbol.for('@snn/snn-layers:Keras');
