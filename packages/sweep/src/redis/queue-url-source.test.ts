import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { queueErrorLog } from './queue-error-log';
import { QUEUE_URL_ENV, readQueueUrl } from './queue-url-source';

describe('readQueueUrl', () => {
  const dir = mkdtempSync(join(tmpdir(), 'snn-queue-url-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (text: string) => {
    const path = join(dir, `url-${Math.random().toString(16).slice(2)}`);
    writeFileSync(path, text);
    chmodSync(path, 0o600);
    return path;
  };

  it('takes `url`, else the first line of `file`, else SNN_QUEUE_URL, else null', () => {
    const env = { [QUEUE_URL_ENV]: ' redis://:env-pw@db:6379/1 \n' };
    expect(readQueueUrl({ url: 'redis://127.0.0.1:6379', env })).toBe('redis://127.0.0.1:6379');
    expect(readQueueUrl({ file: file('rediss://u:file-pw@db:6380/2\r\n# note\n'), env })).toBe(
      'rediss://u:file-pw@db:6380/2',
    );
    expect(readQueueUrl({ env })).toBe('redis://:env-pw@db:6379/1');
    expect(readQueueUrl({ env: {} })).toBeNull();
  });

  it('refuses both options, an empty or missing file and a bad URL, never showing the login', () => {
    expect(() => readQueueUrl({ url: 'redis://h:1', file: 'x' })).toThrow(
      /^`url` and `file` were both given; pass one of them/,
    );
    const empty = file('\n');
    expect(() => readQueueUrl({ file: empty })).toThrow(`\`file\` ${empty} is empty`);
    expect(() => readQueueUrl({ file: join(dir, 'absent') })).toThrow(/cannot read it \(ENOENT\)/);
    const bad = file('http://someone:file-pw@db:80\n');
    expect(() => readQueueUrl({ file: bad })).toThrow(
      `the URL in \`file\` ${bad} must use redis:// or rediss:// (TLS), got http://… in "http://***:***@db:80"`,
    );
    expect(() => readQueueUrl({ env: { [QUEUE_URL_ENV]: 'redis://:env-pw@db:1/x' } })).toThrow(
      /^SNN_QUEUE_URL: the path of a Redis URL is a database number \(\/0 … \/15\), got "\/x"$/,
    );
    expect(() => readQueueUrl({ env: { [QUEUE_URL_ENV]: 'db:6379' } })).toThrow(
      /^SNN_QUEUE_URL must use redis:\/\/ or rediss:\/\/ \(TLS\)/,
    );
  });
});

describe('queueErrorLog', () => {
  it('prints the first error at once, then one summary per interval, and the recovery', async () => {
    const lines: string[] = [];
    const errors = queueErrorLog((l) => lines.push(l), 'worker', 200);
    const refused = Object.assign(new Error('WRONGPASS invalid username-password pair'), {
      command: { name: 'auth', args: ['alice', 'pw'] },
    });
    for (let i = 0; i < 20; i++) errors.error(refused);
    expect(lines).toEqual([
      'worker: WRONGPASS invalid username-password pair (retrying with back-off; a summary follows while it lasts)',
    ]);
    await new Promise((r) => setTimeout(r, 250));
    errors.error(new Error('connect ECONNREFUSED redis://bob:pw2@db:6379'));
    expect(lines[1]).toMatch(
      /^worker: still failing after 21 attempts over 0 s \(last: connect ECONNREFUSED redis:\/\/\*\*\*:\*\*\*@db:6379\); retrying$/,
    );
    errors.ready();
    expect(lines[2]).toMatch(/^worker: connected again after 21 failed attempts over 0 s/);
    errors.ready();
    expect(lines).toHaveLength(3);
    expect(lines.join('\n')).not.toMatch(/alice|bob|pw/);
  });
});
