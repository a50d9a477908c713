import { describe, expect, it } from 'vitest';
import { SnnError } from '../../../../../internal/snn-error';
import { foldPart, foldUnit, parseFoldUnit } from './fold-unit';

describe('fold units', () => {
  it('spell fold k of a data set as <dataset>/fold<k>, the form of the stores', () => {
    expect(foldUnit('iris', 1)).toEqual({ unit: 'iris/fold1', dataset: 'iris', part: 'fold1' });
    expect(foldUnit('htru2', 10).unit).toBe('htru2/fold10');
    expect(foldPart(4)).toBe('fold4');
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
