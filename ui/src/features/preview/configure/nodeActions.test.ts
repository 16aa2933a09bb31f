import { describe, expect, it } from 'vitest';
import { nodeActions, type NodeContext } from './nodeActions';

const doc = { resources: [{ name: 'items', endpoint: { path: 'items' } }] };

function ctx(path: (string | number)[], value: unknown, recordsPath: (string | number)[] | null = ['results']): NodeContext {
  return { doc, resource: 'items', path, value, recordsPath, pageSize: 25 };
}

function endpoint(c: NodeContext, id: string) {
  const action = nodeActions(c).find((a) => a.id === id);
  if (!action) throw new Error(`no ${id} among ${nodeActions(c).map((a) => a.id).join(', ')}`);
  return (action.apply(doc).resources as { endpoint: Record<string, unknown> }[])[0].endpoint;
}

describe('nodeActions', () => {
  it('offers a cursor paginator for a cursor value', () => {
    expect(endpoint(ctx(['meta', 'next_cursor'], 'abc=='), 'cursor').paginator).toEqual({
      type: 'cursor',
      cursor_path: 'meta.next_cursor',
      cursor_param: 'cursor',
    });
  });

  it('offers page_number for a page count and offset for a total', () => {
    expect(endpoint(ctx(['page_info', 'total_pages'], 5), 'page_number').paginator).toEqual({
      type: 'page_number',
      base_page: 1,
      total_path: 'page_info.total_pages',
    });
    expect(endpoint(ctx(['count'], 512), 'offset').paginator).toEqual({ type: 'offset', limit: 25, total_path: 'count' });
  });

  it('offers json_link for a link under odd keys', () => {
    expect(endpoint(ctx(['@odata.nextLink'], 'https://x/items?$skip=10'), 'json_link').paginator).toEqual({
      type: 'json_link',
      next_url_path: "['@odata.nextLink']",
    });
  });

  it('treats fields of a root array as record fields', () => {
    const ids = nodeActions(ctx([3, 'id'], 4, [])).map((a) => a.id);
    expect(ids).toEqual(['primary_key', 'incremental']);
    expect(nodeActions(ctx([], [1, 2], [])).map((a) => a.label)).toEqual(['Use as data_selector: $ (2 records)']);
    // Over several pages, the count the selector would take on all of them, live from the bodies.
    const bodies = [{ results: [1, 2] }, { results: [3, 4, 5] }, { other: [] }];
    expect(nodeActions({ ...ctx(['results'], [1, 2], null), bodies })[0].label).toBe(
      'Use as data_selector: results (2 records here, 5 on 3 pages)',
    );
  });

  it('offers nothing for plain values outside the records', () => {
    expect(nodeActions(ctx(['status'], 'ok'))).toEqual([]);
  });
});
