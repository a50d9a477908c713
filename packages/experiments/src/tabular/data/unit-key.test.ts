import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../../../internal/snn-error';
import { foldPart, foldUnit, parseFoldUnit, repeatUnit, taskKey, validationKey } from './unit-key';

describe('unit names and task keys', () => {
  it('spell fold k of a data set as <dataset>/fold<k>, the form of the stores', () => {
    expect(foldUnit('iris', 1)).toEqual({ unit: 'iris/fold1', dataset: 'iris', part: 'fold1' });
    expect(foldUnit('htru2', 10).unit).toBe('htru2/fold10');
    expect(foldPart(4)).toBe('fold4');
  });

  it('spell repeat r as part repeat<r> of the one unit <dataset>', () => {
    expect(repeatUnit('tox21', 3)).toEqual({ unit: 'tox21', dataset: 'tox21', part: 'repeat3' });
  });

  it('key a task <dataset>/<part>/<arch>/<axis>=<value>/…', () => {
    const config = {
      arch: 'snn',
      depth: 2,
      width: 16,
      lr: 0.1,
      dropout: 0,
      shape: 'rectangular',
      l2: 0,
    } as const;
    expect(taskKey(foldUnit('iris', 1), config)).toBe(
      'iris/fold1/snn/depth=2/width=16/lr=0.1/dropout=0/shape=rectangular/l2=0',
    );
    expect(taskKey(repeatUnit('tox21', 2), { ...config, arch: 'resnet', bottleneck: 0.5 })).toBe(
      'tox21/repeat2/resnet/depth=2/width=16/lr=0.1/dropout=0/shape=rectangular/l2=0/bottleneck=0.5',
    );
  });

  it('seed the validation split of a unit by <unit>/validation', () => {
    expect(validationKey(foldUnit('iris', 1).unit)).toBe('iris/fold1/validation');
    expect(validationKey(repeatUnit('tox21', 1).unit)).toBe('tox21/validation');
  });

  it('read back what they write', () => {
    for (const [dataset, fold] of [
      ['iris', 1],
      ['statlog-german-credit', 4],
      ['htru2', 10],
    ] as const) {
      expect(parseFoldUnit(foldUnit(dataset, fold).unit)).toEqual({ dataset, fold });
    }
  });

  it('refuse other units by name', () => {
    for (const unit of [
      'tox21',
      'iris/fold0',
      'iris/fold',
      'iris/repeat1',
      'a/b/fold1',
      '/fold1',
    ]) {
      expect(() => parseFoldUnit(unit)).toThrow(SnnError);
    }
    expect(() => parseFoldUnit('tox21')).toThrow(/"tox21" is not a fold unit/);
  });
});
