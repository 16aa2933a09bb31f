// Starting points for a new source. Each opens unsaved; saving asks where to put it.
import type { SourceDocument, SourceFile, SourceFormat } from '../../host';
import { print } from '../editor/documentText';

export interface Template {
  id: string;
  title: string;
  description: string;
  /** Suggested source name (file stem). */
  name: string;
  format: SourceFormat;
  document: SourceDocument;
}

export const TEMPLATES: readonly Template[] = [
  {
    id: 'blank',
    title: 'Blank',
    description: 'A base URL and one resource.',
    name: 'my_source',
    format: 'json',
    document: {
      client: { base_url: 'https://api.example.com/' },
      resources: [{ name: 'items', endpoint: { path: 'items' } }],
    },
  },
  {
    id: 'github',
    title: 'GitHub issues and comments',
    description: 'Bearer token, Link-header paging, incremental issues and a child resource.',
    name: 'github',
    format: 'yaml',
    document: {
      client: {
        base_url: 'https://api.github.com/repos/dlt-hub/dlt/',
        auth: { type: 'bearer', token: '{secrets.github_token}' },
        paginator: 'header_link',
      },
      resource_defaults: {
        primary_key: 'id',
        write_disposition: 'merge',
        endpoint: { params: { per_page: 100 } },
      },
      resources: [
        {
          name: 'issues',
          endpoint: {
            path: 'issues',
            params: { state: 'open', sort: 'updated', direction: 'desc', since: '{incremental.start_value}' },
            incremental: { cursor_path: 'updated_at', initial_value: '2024-01-01T00:00:00Z' },
          },
        },
        {
          name: 'issue_comments',
          endpoint: { path: 'issues/{resources.issues.number}/comments' },
          include_from_parent: ['id'],
        },
      ],
    },
  },
  {
    id: 'paginated',
    title: 'Paginated JSON API',
    description: 'Records under data, page_number paging with a total page count.',
    name: 'paginated_api',
    format: 'json',
    document: {
      client: {
        base_url: 'https://api.example.com/v1/',
        paginator: { type: 'page_number', base_page: 1, page_param: 'page', total_path: 'total_pages' },
      },
      resource_defaults: { primary_key: 'id', write_disposition: 'replace' },
      resources: [
        { name: 'posts', endpoint: { path: 'posts', data_selector: 'data', params: { per_page: 50 } } },
      ],
    },
  },
];

/** A new unsaved file (empty path) holding the template. */
export function fileFromTemplate(t: Template): SourceFile {
  const document = structuredClone(t.document);
  return { path: '', name: t.name, format: t.format, document, text: print(document, t.format) };
}

/** A new unsaved file holding an imported document. */
export function untitledFile(document: SourceDocument, name: string, format: SourceFormat): SourceFile {
  return { path: '', name, format, document, text: print(document, format) };
}
