import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSource, printJson, textFor } from './documentText';
import { patchYaml } from './yamlPatch';
import { setIn, deleteIn, renameKeyIn } from '../sources/docPath';

// Comments sit one space after their value: the YAML printer normalises that spacing.
const YAML = `# GitHub issues
client:
  base_url: https://api.github.com/ # the API
  paginator: header_link
resources:
  - name: issues
    primary_key: [id]
    endpoint:
      path: issues
      params:
        state: open # only open ones
        sort: updated
`;

describe('YAML text follows the document', () => {
  const before = parse(YAML) as Record<string, unknown>;

  it('keeps comments, flow style and order when one value changes', () => {
    const after = setIn(before, ['resources', 0, 'endpoint', 'params', 'state'], 'closed');
    const text = patchYaml(YAML, before, after);
    expect(text).toBe(YAML.replace('state: open', 'state: closed'));
  });

  it('adds, deletes and renames keys where the document has them', () => {
    let after = setIn(before, ['client', 'headers'], { Accept: 'application/json' });
    after = deleteIn(after, ['resources', 0, 'primary_key']);
    after = renameKeyIn(after, ['resources', 0, 'endpoint', 'params'], 'state', 'status');
    const text = patchYaml(YAML, before, after);
    expect(parse(text)).toEqual(after);
    expect(text).toContain('# GitHub issues');
    expect(text).toContain('# the API');
    expect(text.indexOf('status: open')).toBeLessThan(text.indexOf('sort: updated'));
    expect(text).not.toContain('primary_key');
  });

  it('keeps sequences unindented when the text has them so', () => {
    const text = 'resources:\n- name: a\n  endpoint:\n    path: a\n- b\n';
    const before = parse(text) as Record<string, unknown>;
    const after = setIn(before, ['resources', 0, 'endpoint', 'path'], 'x');
    expect(patchYaml(text, before, after)).toBe(text.replace('path: a', 'path: x'));
  });

  it('returns the text itself for the document it holds', () => {
    expect(textFor('yaml', { text: YAML, doc: before }, before)).toBe(YAML);
  });
});

describe('JSON text', () => {
  it('prints with two spaces and keeps key order', () => {
    expect(printJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{\n  "b": 1,\n  "a": {\n    "d": 2,\n    "c": 3\n  }\n}\n');
  });

  it('parses or says where it fails', () => {
    expect(parseSource('{"a": 1}', 'json')).toEqual({ ok: true, doc: { a: 1 } });
    const bad = parseSource('{\n"a": }', 'json');
    expect(bad.ok).toBe(false);
    expect(parseSource('[1]', 'json').ok).toBe(false);
    const yamlBad = parseSource('a: [1', 'yaml');
    expect(yamlBad.ok).toBe(false);
  });
});
