import { expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { layerWidths } from './layer-widths';

it('rectangular: every hidden layer has `width` units', () => {
  expect(layerWidths({ width: 7, depth: 3, outputDim: 2 })).toEqual([7, 7, 7]);
});

it('conic: widths shrink geometrically from width towards outputDim', () => {
  // Ratio (4/64)^(1/4) = 1/2 exactly.
  expect(layerWidths({ width: 64, depth: 4, outputDim: 4, shape: 'conic' })).toEqual([
    64, 32, 16, 8,
  ]);
  // 1024 → 2 over 3 layers: ratio (2/1024)^(1/3) = 1/8.
  expect(layerWidths({ width: 1024, depth: 3, outputDim: 2, shape: 'conic' })).toEqual([
    1024, 128, 16,
  ]);
  expect(layerWidths({ width: 5, depth: 1, outputDim: 3, shape: 'conic' })).toEqual([5]);
});

it('rejects bad arguments with an SnnError', () => {
  expect(() => layerWidths({ width: 0, depth: 2, outputDim: 2 })).toThrow(SnnError);
  expect(() => layerWidths({ width: 4, depth: 1.5, outputDim: 2 })).toThrow(/depth/);
  expect(() =>
    layerWidths({ width: 4, depth: 2, outputDim: 2, shape: 'pyramid' as 'conic' }),
  ).toThrow(/shape/);
});
