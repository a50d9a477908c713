import { expect, it } from 'vitest';
import { SnnError } from '../../../internal/snn-error';
import { batchNormBlock } from './batch-norm-block';

it('batchNormBlock is Dense (He normal) → ReLU → BatchNormalization, BN after the activation', () => {
  const block = batchNormBlock({ units: 6, seed: 3, name: 'b' });
  expect(block.map((l) => [l.getClassName(), l.name])).toEqual([
    ['Dense', 'b_dense'],
    ['ReLU', 'b_relu'],
    ['BatchNormalization', 'b'],
  ]);
  const config = block[0]!.getConfig() as Record<string, any>;
  expect(config.units).toBe(6);
  expect(config.activation).toBe('linear');
  expect(config.kernelInitializer).toEqual({
    className: 'SnnHeNormal',
    config: { seed: 3, truncated: false },
  });
});

it('batchNormBlock rejects bad options with an SnnError', () => {
  expect(() => batchNormBlock({ units: 1.5 })).toThrow(SnnError);
});
