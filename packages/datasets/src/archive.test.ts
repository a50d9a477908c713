import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { checkEntryPath, checkLinkTarget } from '../../../internal/archive-paths';
import { SnnError } from '../../../internal/snn-error';
import { readZipMembers } from '../../../internal/zip-members';
import { readTarMembers } from './node/tar-members';
import { type TarEntry, gz, tarBytes, tempDir } from './testing/fixtures';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

let count = 0;
function tarFile(entries: TarEntry[], compress = true): string {
  const path = join(tmp.path, `a${count++}.tar${compress ? '.gz' : ''}`);
  writeFileSync(path, compress ? gz(tarBytes(entries)) : tarBytes(entries));
  return path;
}

describe('archive entry names', () => {
  it('normalises harmless names', () => {
    expect(checkEntryPath('a.tar', './data/iris/iris.txt')).toBe('data/iris/iris.txt');
    expect(checkEntryPath('a.tar', 'data//x/')).toBe('data/x');
  });

  it.each([
    '../x',
    'a/../../x',
    'a/..',
    '/etc/passwd',
    '\\\\server\\x',
    'C:\\x',
    'C:x',
    'a\\..\\..\\x',
  ])('refuses %s, naming archive and entry', (entry) => {
    expect(() => checkEntryPath('data.tar.gz', entry)).toThrow(SnnError);
    expect(() => checkEntryPath('data.tar.gz', entry)).toThrow(
      `data.tar.gz: refusing archive entry "${entry}"`,
    );
  });

  it('accepts links that stay inside, refuses links that escape', () => {
    expect(() => checkLinkTarget('a.tar', 'd/link', 'file', false)).not.toThrow();
    expect(() => checkLinkTarget('a.tar', 'd/e/link', '../file', false)).not.toThrow();
    expect(() => checkLinkTarget('a.tar', 'd/link', '../../etc/passwd', false)).toThrow(
      /points outside the target folder/,
    );
    expect(() => checkLinkTarget('a.tar', 'd/link', '/etc/passwd', false)).toThrow(/absolute path/);
    expect(() => checkLinkTarget('a.tar', 'd/hard', '../x', true)).toThrow(/points outside/);
  });
});

describe('tar members', () => {
  it('reads wanted regular files of tar and tar.gz into memory', async () => {
    const entries: TarEntry[] = [
      { name: 'data/', type: '5' },
      { name: 'data/a.txt', data: 'alpha' },
      { name: './data/b.dat', data: 'beta' },
      { name: 'data/link', type: '2', link: 'a.txt' },
    ];
    for (const compress of [true, false]) {
      const m = await readTarMembers(tarFile(entries, compress), (p) => p !== 'data/link');
      expect([...m.keys()].sort()).toEqual(['data/a.txt', 'data/b.dat']);
      expect(new TextDecoder().decode(m.get('data/b.dat'))).toBe('beta');
    }
  });

  it.each([
    ['../ path', { name: '../evil.txt', data: 'x' }],
    ['nested ../ path', { name: 'data/../../evil.txt', data: 'x' }],
    ['absolute path', { name: '/tmp/evil.txt', data: 'x' }],
    ['escaping symbolic link', { name: 'data/link', type: '2', link: '../../etc/passwd' }],
    ['absolute symbolic link', { name: 'data/link', type: '2', link: '/etc/passwd' }],
    ['escaping hard link', { name: 'data/hard', type: '1', link: '../outside' }],
  ] as Array<[string, TarEntry]>)(
    'refuses an entry with %s, naming archive and entry',
    async (_, evil) => {
      const archive = tarFile([{ name: 'data/a.txt', data: 'alpha' }, evil]);
      const error = await readTarMembers(archive, () => true).catch((e) => e);
      expect(error).toBeInstanceOf(SnnError);
      expect(error.message).toContain(`${archive}: refusing archive entry "${evil.name}"`);
    },
  );

  it('refuses bad gzip and non-tar bytes, naming the archive', async () => {
    const bad = join(tmp.path, 'bad.tar.gz');
    writeFileSync(bad, Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    await expect(readTarMembers(bad, () => true)).rejects.toThrow(
      /bad\.tar\.gz: not a readable tar\/tar\.gz archive/,
    );
    const junk = join(tmp.path, 'junk.tar');
    writeFileSync(junk, new Uint8Array(2000).fill(7));
    await expect(readTarMembers(junk, () => true)).rejects.toThrow(
      /junk\.tar: not a readable tar\/tar\.gz archive/,
    );
    await expect(readTarMembers(join(tmp.path, 'none.tar.gz'), () => true)).rejects.toThrow(
      /archive not found/,
    );
  });
});

describe('zip members', () => {
  it('reads wanted members', () => {
    const zip = zipSync({ 'x/a.csv': strToU8('a'), 'b.csv': strToU8('b') });
    const m = readZipMembers(zip, 'z.zip', (p) => p.endsWith('a.csv'));
    expect([...m.keys()]).toEqual(['x/a.csv']);
  });

  it('refuses symbolic links escaping the archive (Unix mode in the central directory)', () => {
    const link = (target: string) =>
      zipSync({
        'ok.csv': strToU8('a'),
        'data/link': [strToU8(target), { os: 3, attrs: (0o120777 << 16) >>> 0 }],
      });
    expect(() => readZipMembers(link('../../etc/passwd'), 'z.zip', () => true)).toThrow(
      /z\.zip: refusing archive entry "data\/link" \(a symbolic link to "\.\.\/\.\.\/etc\/passwd"\)/,
    );
    expect([...readZipMembers(link('../ok.csv'), 'z.zip', () => true).keys()]).toEqual(['ok.csv']);
  });

  it('refuses bytes that are not a zip, naming the archive', () => {
    expect(() => readZipMembers(strToU8('PK not really'), 'y.zip', () => true)).toThrow(
      /y\.zip: not a readable zip archive/,
    );
  });
});
