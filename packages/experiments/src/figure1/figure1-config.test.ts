import { describe, expect, it } from 'vitest';
import { UsageError } from '../common/usage-error';
import { FIGURE1_QUICK_DEFAULTS, resolveFigure1Config } from './figure1-config';

const mnist = { n: 8000, d: 784, classes: 10 };

describe('resolveFigure1Config', () => {
  it("defaults to the paper's recipe", () => {
    expect(resolveFigure1Config({}, mnist)).toMatchObject({
      dataset: 'mnist',
      source: 'embedded',
      depths: [8, 16, 32],
      archs: ['snn', 'batchnorm'],
      epochs: 2000,
      lr: 1e-5,
      batch: 128,
      width: 784,
      trainSize: 8000,
      limit: null,
      seed: 1,
    });
  });

  it('--quick sets its defaults and explicit options win', () => {
    const quick = resolveFigure1Config({ quick: true, epochs: 4 }, mnist);
    expect(quick).toMatchObject({
      width: FIGURE1_QUICK_DEFAULTS.width,
      trainSize: FIGURE1_QUICK_DEFAULTS.limit,
      lr: FIGURE1_QUICK_DEFAULTS.lr,
      epochs: 4,
      quick: true,
    });
  });

  it('rejects impossible options with one-line usage errors', () => {
    const bad: Array<[object, RegExp]> = [
      [
        { dataset: 'imagenet' },
        /^--dataset must be one of mnist, fashion-mnist, cifar10; got "imagenet"$/,
      ],
      [{ depths: [8, 0] }, /^--depths must be integers ≥ 1/],
      [{ lr: 0 }, /^--lr must be a number > 0; got 0$/],
      [{ lr: -1e-3 }, /^--lr must be a number > 0/],
      [{ archs: ['snn', 'relu'] }, /^--archs must be one of snn, batchnorm; got "relu"$/],
      [{ epochs: 1.5 }, /^--epochs must be an integer ≥ 1/],
      [{ width: 0 }, /^--width must be an integer ≥ 1/],
    ];
    for (const [options, message] of bad) {
      expect(() => resolveFigure1Config(options, mnist)).toThrow(UsageError);
      expect(() => resolveFigure1Config(options, mnist)).toThrow(message);
    }
  });
});
