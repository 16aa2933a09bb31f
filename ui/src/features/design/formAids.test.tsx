// The aids around the resource form: schema help and docs links, suggestions from the last
// preview, the include_from_parent chooser and the processing steps' sample output.
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PreviewTrace } from '../../host';
import schemaText from '../../host/fake/schema.json?raw';
import { createTestHost, GITHUB_DOC, jsonFile } from '../../test/fakeHost';
import { renderDesigner, shownDoc } from '../../test/renderDesigner';
import { previewCache } from '../preview/previewCache';
import { SchemaHelpProvider } from './help/SchemaHelp';
import { DefaultsForm, ResourceForm } from './ResourceForm';

afterEach(cleanup);

function setup(name: string, withPreviews = false) {
  const host = createTestHost([]);
  host.schema = async () => JSON.parse(schemaText) as Record<string, unknown>;
  const file = jsonFile('/s/github.json', GITHUB_DOC);
  if (withPreviews) {
    const trace = (records: unknown[], body: unknown) =>
      ({ records, raw_records: records, pages: [{ body, selector: 'items', parent: null }], detected_selector: 'items' }) as unknown as PreviewTrace;
    const issues = [{ id: 7, number: 12, title: 'Bug', labels: [] }];
    previewCache(host).set('issues', { trace: trace(issues, { items: issues, meta: { pages: [{ n: 1 }] } }), document: GITHUB_DOC });
  }
  const user = userEvent.setup();
  renderDesigner(host, file, <SchemaHelpProvider>{name === 'defaults' ? <DefaultsForm /> : <ResourceForm name={name} />}</SchemaHelpProvider>);
  return { user };
}

const field = (label: string) => screen.getByLabelText(label).closest('.field') as HTMLElement;

describe('docs links', () => {
  it('open in the system browser through the host when it can', async () => {
    const host = createTestHost([]);
    host.schema = async () => JSON.parse(schemaText) as Record<string, unknown>;
    const opened: string[] = [];
    host.openExternal = async (url) => {
      opened.push(url);
    };
    renderDesigner(host, jsonFile('/s/github.json', GITHUB_DOC), <SchemaHelpProvider><ResourceForm name="issues" /></SchemaHelpProvider>);
    const docs = within(field('Data selector')).getByRole('link', { name: /dlt docs/ });
    // A prevented click is how the webview is kept from navigating away.
    expect(fireEvent.click(docs)).toBe(false);
    expect(opened).toEqual(['https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/basic#data-selection']);
  });
});

describe('resource form aids', () => {
  it('shows the schema description under each field and links groups to the dlt docs', async () => {
    setup('issues');
    expect(await within(field('Data selector')).findByText(/JSONPath to the records in the response/)).toBeTruthy();
    const docs = within(field('Data selector')).getByRole('link', { name: /dlt docs/ });
    expect(docs.getAttribute('href')).toBe('https://dlthub.com/docs/dlt-ecosystem/verified-sources/rest_api/basic#data-selection');
    const params = screen.getByText('Query parameters').closest('fieldset') as HTMLElement;
    expect(within(params).getByRole('link', { name: /dlt docs/ }).getAttribute('href')).toMatch(/#via-query-string-parameters$/);
  });

  it('suggests data selectors from the last preview', () => {
    setup('issues', true);
    const input = screen.getByLabelText('Data selector') as HTMLInputElement;
    const options = [...(document.getElementById(input.getAttribute('list') ?? '')?.querySelectorAll('option') ?? [])].map((o) => o.value);
    expect(options).toEqual(['items', 'meta.pages']);
  });

  it('chooses include_from_parent among the parent fields', async () => {
    const { user } = setup('comments', true);
    const chips = screen.getByRole('group', { name: 'Fields of issues' });
    // The placeholder's field first, then id, then every field the parent's preview had.
    expect(within(chips).getAllByRole('checkbox').map((c) => c.parentElement?.textContent?.trim())).toEqual(['number', 'id', 'title', 'labels']);
    expect((within(chips).getByLabelText('id') as HTMLInputElement).checked).toBe(true);
    await user.click(within(chips).getByLabelText('title'));
    expect((shownDoc().resources as Record<string, unknown>[])[1].include_from_parent).toEqual(['id', 'title']);
  });

  it('shows each processing step applied to the sample record as you type', async () => {
    const { user } = setup('issues', true);
    await user.click(screen.getByRole('button', { name: 'Add map' }));
    const step = screen.getByLabelText('Step 1 map');
    fireEvent.change(step, { target: { value: '{id, t: (.title | ascii_upcase)}' } });
    expect(screen.getByRole('region', { name: 'Step 1 output on the sample' }).textContent).toContain('"t": "BUG"');
    fireEvent.change(step, { target: { value: '{id, t: (.title | ascii_upcase' } });
    expect(screen.getByRole('region', { name: 'Step 1 output on the sample' }).textContent).toMatch(/cannot run here/);
    await user.click(screen.getByRole('button', { name: 'Add filter' }));
    fireEvent.change(screen.getByLabelText('Step 2 filter'), { target: { value: '.id > 100' } });
    expect(screen.getByRole('region', { name: 'Step 2 output on the sample' }).textContent).toMatch(/not run/);
  });

  it('shows what a resource inherits from the defaults where it does not set a value', () => {
    setup('issues');
    expect(within(field('Primary key')).getByText('Inherits id from resource defaults')).toBeTruthy();
    expect((screen.getByLabelText('Write disposition') as HTMLSelectElement).selectedOptions[0].textContent).toBe('(inherit: merge from resource defaults)');
  });
});
