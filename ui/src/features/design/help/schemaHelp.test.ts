import { describe as suite, expect, it } from 'vitest';
import schemaText from '../../../host/fake/schema.json?raw';
import { describe } from './schemaHelp';
import { DOCS } from './docsLinks';

const schema = JSON.parse(schemaText) as Record<string, unknown>;

suite('field help from the engine schema', () => {
  it('follows $ref, anyOf and array items down to a field', () => {
    expect(describe(schema, ['resources', 0, 'endpoint', 'data_selector'])).toMatch(/JSONPath to the records/);
    expect(describe(schema, ['client', 'base_url'])).toMatch(/Prefix of every endpoint path/);
    expect(describe(schema, ['resources', 2, 'include_from_parent'])).toMatch(/_<parent>_<field>/);
  });

  it('reads defaults like resources, typed paginators by their fields, and map values', () => {
    expect(describe(schema, ['resource_defaults', 'write_disposition'])).toMatch(/append/);
    expect(describe(schema, ['client', 'paginator', 'next_url_path'])).toBeTruthy();
    expect(describe(schema, ['resources', 0, 'endpoint', 'params', 'since'])).toBeTruthy();
    expect(describe(schema, ['resources', 0, 'processing_steps', 1, 'yield_map'])).toMatch(/every result/);
  });

  it('has nothing for unknown fields or without a schema', () => {
    expect(describe(schema, ['resources', 0, 'no_such_field'])).toBeUndefined();
    expect(describe(null, ['client', 'base_url'])).toBeUndefined();
  });

  it('links into the dlt rest_api docs', () => {
    for (const url of Object.values(DOCS)) expect(url).toMatch(/^https:\/\/dlthub\.com\/docs\/.+#[a-z_-]+$/);
  });
});
