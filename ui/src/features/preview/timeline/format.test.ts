import { describe, expect, it } from 'vitest';
import { commonBase } from './format';

describe('commonBase', () => {
  it('is the shared directory of the page URLs, never less than the origin', () => {
    expect(commonBase(['https://x.io/a/b/issues', 'https://x.io/a/b/issues?page=2'])).toBe('https://x.io/a/b/');
    expect(commonBase(['https://x.io/a/issues/1/comments', 'https://x.io/a/issues/12/comments'])).toBe('https://x.io/a/issues/');
    expect(commonBase(['https://x.io/a', 'https://y.io/a'])).toBe('');
    expect(commonBase(['https://x.io/posts'])).toBe('https://x.io/');
    expect(commonBase([])).toBe('');
  });
});
