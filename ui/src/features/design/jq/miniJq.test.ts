import { describe, expect, it } from 'vitest';
import { applyStep, runJq } from './miniJq';

const rec = { id: 3, title: 'Hello World', state: 'open', tags: ['a', 'b'], user: { login: 'x' }, n: null };
const out = (expr: string, input: unknown = rec) => {
  const r = runJq(expr, input);
  if (!r.ok) throw new Error(r.error);
  return r.outputs;
};

describe('the browser jq subset', () => {
  it('runs the README examples', () => {
    expect(out('select(.id < 10)')).toEqual([rec]);
    expect(out('select(.id > 10)')).toEqual([]);
    expect(out('.title |= ascii_downcase')[0]).toMatchObject({ title: 'hello world', id: 3 });
    expect(out('.tags[] as $t | {id, tag: $t}')).toEqual([{ id: 3, tag: 'a' }, { id: 3, tag: 'b' }]);
  });

  it('has paths, alternatives, object construction, arithmetic and common builtins', () => {
    expect(out('.user.login')).toEqual(['x']);
    expect(out('.n // "none"')).toEqual(['none']);
    expect(out('{who: .user.login, count: (.tags | length), first: .tags[0]}')).toEqual([{ who: 'x', count: 2, first: 'a' }]);
    expect(out('.id * 2 + 1')).toEqual([7]);
    expect(out('del(.user, .n) | keys')).toEqual([['id', 'state', 'tags', 'title']]);
    expect(out('.state == "open" and (.tags | map(ascii_upcase) | join("-")) == "A-B"')).toEqual([true]);
    expect(out('if .id > 2 then "big" else "small" end')).toEqual(['big']);
    expect(out('.missing?.deeper')).toEqual([null]);
  });

  it('reports what it cannot run instead of guessing', () => {
    expect(runJq('select(.id <', rec)).toMatchObject({ ok: false });
    expect(runJq('.id | frobnicate', rec)).toMatchObject({ ok: false, error: expect.stringMatching(/frobnicate/) });
    expect(runJq('.tags | .x', rec)).toMatchObject({ ok: false, error: expect.stringMatching(/cannot index array/) });
  });

  it('applies steps like the engine: filter on the first output, map to the first, yield_map to all', () => {
    expect(applyStep('filter', '.id > 1, false', [rec])).toEqual({ ok: true, records: [rec] });
    expect(applyStep('filter', 'false, true', [rec])).toEqual({ ok: true, records: [] });
    expect(applyStep('map', 'empty', [rec])).toEqual({ ok: true, records: [null] });
    expect(applyStep('yield_map', '.tags[]', [rec])).toEqual({ ok: true, records: ['a', 'b'] });
  });
});
