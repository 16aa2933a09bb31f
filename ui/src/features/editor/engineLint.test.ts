import { describe, expect, it } from 'vitest';
import { engineDiagnostics } from './engineLint';

const JSON_TEXT = '{\n  "client": {"base_url": "x"},\n  "resources": [{"name": "a", "endpoint": {"paginator": {"type": "offset"}}}]\n}\n';

describe('engine problems in the text', () => {
  it('underlines the key and value at the path, or its closest parent', () => {
    const [d, parent, root] = engineDiagnostics(JSON_TEXT, [
      { path: 'resources[0].endpoint.paginator', message: "missing required field 'limit'", severity: 'error' },
      { path: 'resources[0].endpoint.max_pages', message: 'x', severity: 'warning' },
      { path: '<root>', message: 'y', severity: 'error' },
    ]);
    expect(JSON_TEXT.slice(d.from, d.to)).toBe('"paginator": {"type": "offset"}');
    expect(d.message).toBe("resources[0].endpoint.paginator: missing required field 'limit'");
    expect(JSON_TEXT.slice(parent.from, parent.from + 10)).toBe('"endpoint"');
    expect(parent.severity).toBe('warning');
    expect([root.from, root.to]).toEqual([0, 0]);
  });

  it('works on YAML', () => {
    const text = 'client:\n  base_url: x\nresources:\n  - name: a\n    processing_steps:\n      - filter: "select(.id <"\n';
    const [d] = engineDiagnostics(text, [{ path: 'resources[0].processing_steps[0].filter', message: 'bad', severity: 'error' }]);
    expect(text.slice(d.from, d.to)).toBe('filter: "select(.id <"');
  });
});
