import { describe, expect, it } from 'vitest';
import { loadPeer } from './redis-peers';

describe('loadPeer', () => {
  it('loads an installed peer', () => {
    expect(typeof loadPeer('bullmq').Queue).toBe('function');
  });

  it('names both packages and the install command when a peer is missing', () => {
    const missing = (name: string) => {
      throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => loadPeer('bullmq', missing)).toThrow(
      /the optional peer dependency bullmq is not installed; the Redis queue needs bullmq and ioredis .*npm install bullmq@6\.7\.0 ioredis@\^5\.11\.1/,
    );
  });

  it('passes on other load errors as they are', () => {
    const broken = () => {
      throw new SyntaxError('Unexpected token');
    };
    expect(() => loadPeer('ioredis', broken)).toThrow(SyntaxError);
  });
});
