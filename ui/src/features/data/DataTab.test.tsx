import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEMO_DOC } from '../preview/testHost';
import { stubLayout } from '../preview/testing/layout';
import { renderWithSource, sourceFile } from '../preview/testing/renderWithSource';
import { DataTab } from './DataTab';
import { dataHost } from './testHost';

afterEach(cleanup);
stubLayout();

function gridRows(name: string) {
  return within(screen.getByRole('table', { name }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
}

describe('DataTab', () => {
  it('shows the tables as a tree, children under parents, with row counts', async () => {
    const { host } = dataHost();
    renderWithSource(<DataTab />, host, sourceFile(DEMO_DOC));
    const tree = await screen.findByRole('tree', { name: 'Data tables' });
    const posts = within(tree).getByRole('treeitem', { name: 'posts' });
    expect(within(posts).getByRole('treeitem', { name: 'posts__tags' }).getAttribute('aria-level')).toBe('2');
    expect(within(tree).getByRole('treeitem', { name: 'comments' }).getAttribute('aria-level')).toBe('1');
    expect(posts.textContent).toContain('posts 2');
    expect(within(screen.getByRole('tree', { name: 'System tables' })).getAllByRole('treeitem')).toHaveLength(2);
  });

  it('pages rows of the first table and drills down to child rows', async () => {
    const user = userEvent.setup();
    const { host, pageCalls, queries } = dataHost();
    renderWithSource(<DataTab />, host, sourceFile(DEMO_DOC));
    await screen.findByRole('table', { name: 'Table posts' });
    expect(pageCalls[0]).toEqual(['posts', 0, 500]);
    expect(gridRows('Table posts')[1]).toEqual(['2', 'Post 2', 'NULL', '1717243200.1', 'p2id']);
    await user.click(within(screen.getByRole('table', { name: 'Table posts' })).getByText('Post 2'));
    await screen.findByRole('table', { name: 'Child rows in posts__tags' });
    expect(queries[0]).toBe(`SELECT * FROM "posts__tags" WHERE _dlt_parent_id = 'p2id' ORDER BY _dlt_list_idx LIMIT 1000`);
    expect(gridRows('Child rows in posts__tags').map((r) => r[0])).toEqual(['c', 'd']);
  });

  it('sorts and filters the loaded page client-side', async () => {
    const user = userEvent.setup();
    const { host } = dataHost();
    renderWithSource(<DataTab />, host, sourceFile(DEMO_DOC));
    await screen.findByRole('table', { name: 'Table posts' });
    await user.click(screen.getByRole('button', { name: 'id' }));
    await user.click(screen.getByRole('button', { name: 'id ▲' }));
    expect(gridRows('Table posts').map((r) => r[0])).toEqual(['2', '1']);
    await user.type(screen.getByRole('searchbox', { name: 'Filter Table posts' }), 'ada');
    expect(gridRows('Table posts').map((r) => r[0])).toEqual(['1']);
    expect(screen.getByText('1 of 2 rows')).toBeTruthy();
  });

  it('runs read-only SQL in the console and shows the result in the grid', async () => {
    const user = userEvent.setup();
    const { host, queries } = dataHost();
    renderWithSource(<DataTab />, host, sourceFile(DEMO_DOC));
    const input = await screen.findByRole('textbox', { name: /SQL/ });
    expect((input as HTMLTextAreaElement).value).toBe('SELECT * FROM "posts" LIMIT 100');
    await user.clear(input);
    await user.type(input, 'SELECT author__name, count(*) AS n FROM posts GROUP BY 1');
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    await screen.findByRole('table', { name: 'Query result' });
    expect(gridRows('Query result')).toEqual([
      ['Ada', '1'],
      ['NULL', '1'],
    ]);
    expect(queries).toEqual(['SELECT author__name, count(*) AS n FROM posts GROUP BY 1']);

    await user.clear(input);
    await user.type(input, 'DELETE FROM posts');
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    expect(screen.getByRole('alert').textContent).toMatch(/read-only/);
    expect(queries).toHaveLength(1);

    await user.clear(input);
    await user.type(input, 'SELECT * FROM nope');
    await user.click(screen.getByRole('button', { name: 'Run query' }));
    expect((await screen.findByRole('alert')).textContent).toBe('no such table: nope');
  });
});
