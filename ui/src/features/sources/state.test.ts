import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../host';
import { COALESCE_MS, reducer, type SourceState } from './state';

const file: SourceFile = { path: '/s.json', name: 's', format: 'json', document: { a: 1 }, text: '{"a":1}' };
const opened = reducer({ file: null, document: null, selectedResource: null, past: [], future: [], lastEdit: null }, { type: 'open', file });

function edits(state: SourceState, values: number[], coalesce?: string, step = 100): SourceState {
  return values.reduce((s, a, i) => reducer(s, { type: 'edit', document: { a }, coalesce, at: 1000 + i * step }), state);
}

describe('undo and redo', () => {
  it('undoes and redoes each edit', () => {
    let s = edits(opened, [2, 3]);
    expect(s.document).toEqual({ a: 3 });
    s = reducer(s, { type: 'undo' });
    expect(s.document).toEqual({ a: 2 });
    s = reducer(s, { type: 'undo' });
    expect(s.document).toBe(file.document);
    s = reducer(s, { type: 'undo' });
    expect(s.document).toBe(file.document);
    s = reducer(s, { type: 'redo' });
    expect(s.document).toEqual({ a: 2 });
  });

  it('makes one step of typing into one field', () => {
    let s = edits(opened, [2, 3, 4], 'client.base_url');
    expect(s.past).toHaveLength(1);
    s = reducer(s, { type: 'undo' });
    expect(s.document).toBe(file.document);
  });

  it('starts a new step after a pause or in another field', () => {
    expect(edits(opened, [2, 3], 'f', COALESCE_MS + 1).past).toHaveLength(2);
    const s = edits(edits(opened, [2], 'f'), [3], 'g');
    expect(s.past).toHaveLength(2);
  });

  it('a new edit clears redo', () => {
    let s = reducer(edits(opened, [2]), { type: 'undo' });
    s = edits(s, [5]);
    expect(s.future).toEqual([]);
  });
});

describe('saving', () => {
  it('keeps the document object that was sent and edits made meanwhile', () => {
    const s = edits(opened, [2]);
    const sent = s.document!;
    const saved = reducer(s, { type: 'saved', file: { ...file, document: { a: 2 } }, sent });
    expect(saved.document).toBe(sent);
    expect(saved.file?.document).toBe(sent);
    const later = edits(s, [9]);
    const savedLater = reducer(later, { type: 'saved', file: { ...file, document: { a: 2 } }, sent });
    expect(savedLater.document).toEqual({ a: 9 });
    expect(savedLater.file?.document).toBe(sent);
  });
});
