import { describe, expect, it } from 'vitest';
import { failedMarkdown } from './write-run-outputs';

describe('failedMarkdown', () => {
  it('lists each failed configuration with its attempts and error, table-safe', () => {
    const text = failedMarkdown([
      {
        type: 'failed',
        key: 'iris/fold1/snn/depth=2',
        error: 'out of memory | at line\n3',
        attempts: 3,
      },
    ]);
    expect(text).toContain('## Failed configurations');
    expect(text).toContain('| iris/fold1/snn/depth=2 | 3 | out of memory \\| at line 3 |');
  });

  it('is empty when nothing failed, so local runs keep their Markdown', () => {
    expect(failedMarkdown([])).toBe('');
  });
});
