import { describe, expect, it } from 'vitest';
import type { CursorState } from '../../host';
import { nextRequestText } from './nextRequest';

const state: CursorState = {
  resource: 'posts',
  cursor_path: 'updated_at',
  initial_value: '2024-01-01',
  last_value: '2024-05-05T10:00:00Z',
  start_value: '2024-01-01',
  unique_hashes: ['h1'],
  per_parent: [],
};

describe('nextRequestText', () => {
  it('uses start_param', () => {
    const doc = { resources: [{ name: 'posts', endpoint: { path: 'posts', incremental: { cursor_path: 'updated_at', start_param: 'since' } } }] };
    expect(nextRequestText(doc, state)).toBe(
      'Next run will request posts?since=2024-05-05T10:00:00Z and keep records with updated_at ≥ 2024-05-05T10:00:00Z, skipping 1 already loaded at that value.',
    );
  });

  it('finds a placeholder param, and says when there is none', () => {
    const placeholder = { resources: [{ name: 'posts', endpoint: { path: 'p', params: { after: '{incremental.start_value}' } } }] };
    expect(nextRequestText(placeholder, { ...state, unique_hashes: [] })).toBe(
      'Next run will request p?after=2024-05-05T10:00:00Z and keep records with updated_at ≥ 2024-05-05T10:00:00Z.',
    );
    expect(nextRequestText({ resources: ['posts'] }, { ...state, last_value: null, unique_hashes: [] })).toBe(
      'Next run will request posts from the first page (no start parameter) and keep records with updated_at ≥ 2024-01-01.',
    );
  });
});
