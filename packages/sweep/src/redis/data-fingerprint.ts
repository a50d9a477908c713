import { createHash } from 'node:crypto';

/**
 * A SHA-256 fingerprint of prepared data (plain objects, arrays, numbers, strings and typed
 * arrays, hashed by their bytes), so two machines can check that they train on identical data.
 * Object keys are hashed in sorted order; typed arrays by type name, length and content.
 *
 * @example
 * dataFingerprint({ x: Float32Array.of(1, 2), y: [0, 1] }) === dataFingerprint({ y: [0, 1], x: Float32Array.of(1, 2) }); // true
 * @see https://arxiv.org/abs/1706.02515
 */
export function dataFingerprint(value: unknown): string {
  const hash = createHash('sha256');
  const visit = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) {
      hash.update(`<${v.constructor.name}:${v.byteLength}>`);
      hash.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    } else if (Array.isArray(v)) {
      hash.update(`[${v.length}`);
      for (const item of v) visit(item);
      hash.update(']');
    } else if (v !== null && typeof v === 'object') {
      const keys = Object.keys(v).sort();
      hash.update(`{${keys.length}`);
      for (const k of keys) {
        hash.update(JSON.stringify(k));
        visit((v as Record<string, unknown>)[k]);
      }
      hash.update('}');
    } else {
      hash.update(JSON.stringify(v) ?? 'undefined');
    }
  };
  visit(value);
  return hash.digest('hex');
}
