/**
 * The ONNX graph being built by `toOnnx`, as plain objects in the shape of onnx.proto's
 * messages (`NodeProto`, `TensorProto`, `AttributeProto`); `encodeOnnxModel` encodes them
 * with onnx.proto's protobufjs definitions (`onnx-proto`).
 */

/** onnx.proto `TensorProto.DataType.FLOAT`. */
export const ONNX_FLOAT = 1;

/** An attribute of a node: a float, an int or a list of ints. */
export type OnnxAttribute = number | { int: number } | { ints: number[] };

/** A node as onnx.proto's `NodeProto`: its attributes still in {@link OnnxAttribute} form. */
export interface OnnxNode {
  opType: string;
  name: string;
  input: string[];
  output: string[];
  attributes: Record<string, OnnxAttribute>;
}

/** A float32 constant of the graph (onnx.proto's `TensorProto` with raw little-endian data). */
export interface OnnxInitializer {
  name: string;
  dims: number[];
  values: Float32Array;
}

/**
 * Nodes and initializers of one graph, with names made unique: every value a node makes gets a
 * fresh name from a readable base (the tfjs layer's name).
 *
 * @example
 * const g = new OnnxGraph();
 * const w = g.constant('dense/kernel', new Float32Array([1, 2]), [2, 1]);
 * const y = g.node('MatMul', ['input', w], {}, 'dense');
 */
export class OnnxGraph {
  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private readonly taken = new Set<string>();

  /** Reserves `name` (a graph input, say) so no node output takes it. */
  reserve(name: string): string {
    this.taken.add(name);
    return name;
  }

  /** A name not used yet: `base`, else `base_2`, `base_3`, … */
  fresh(base: string): string {
    let name = base;
    for (let i = 2; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }

  /** Adds a float32 initializer and returns its name. */
  constant(base: string, values: Float32Array, dims: number[]): string {
    const name = this.fresh(base);
    this.initializers.push({ name, dims, values });
    return name;
  }

  /** Adds one node with one output and returns the output's name. */
  node(
    opType: string,
    input: string[],
    attributes: Record<string, OnnxAttribute> = {},
    base = opType.toLowerCase(),
  ): string {
    const output = this.fresh(base);
    this.nodes.push({ opType, name: output, input, output: [output], attributes });
    return output;
  }
}
