/**
 * The data one trained configuration needs, as plain typed arrays (sent to worker processes as
 * they are). Features are standardized with statistics of `train` only.
 *
 * - `classification` (UCI): `y` holds class indices; softmax output, cross-entropy, accuracy.
 * - `binary` (HTRU2): `y` holds 0/1; one sigmoid output, binary cross-entropy, ROC-AUC.
 * - `multitask` (Tox21): `y` is n × outputs row-major with −1 where a label is missing; sigmoid
 *   outputs, binary cross-entropy over the known labels only, ROC-AUC averaged over tasks.
 */
export interface PreparedUnit {
  kind: 'classification' | 'binary' | 'multitask';
  /** Output units: classes, 1, or tasks. */
  outputs: number;
  train: LabelledRows;
  validation: LabelledRows;
  test: LabelledRows;
}

/** Rows of one part: x is n × d row-major. */
export interface LabelledRows {
  x: Float32Array;
  y: Int32Array | Float32Array;
  n: number;
  d: number;
}
