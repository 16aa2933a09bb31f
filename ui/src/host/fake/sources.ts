// Two sources as a user would have them on disk: copies of
// tests/fixtures/configs/valid/01-quick-example.json and 02-github-source.yaml.
import type { SourceDocument, SourceFormat } from '../types';

export interface FakeFile {
  format: SourceFormat;
  document: SourceDocument;
  text: string;
}

export const QUICK_EXAMPLE_PATH = '/home/user/sources/quick_example.json';
export const GITHUB_PATH = '/home/user/sources/github.yaml';

const QUICK_EXAMPLE_TEXT = `{
  "client": {
    "base_url": "https://api.example.com/",
    "auth": {
      "token": "{secrets.your_api_token}"
    },
    "paginator": {
      "type": "json_link",
      "next_url_path": "paging.next"
    }
  },
  "resources": [
    "posts",
    {
      "name": "comments",
      "endpoint": {
        "path": "posts/{resources.posts.id}/comments",
        "params": {
          "sort": "created_at"
        }
      }
    }
  ]
}
`;

const GITHUB_TEXT = `client:
  base_url: https://api.github.com/repos/dlt-hub/dlt/
  auth:
    token: '{secrets.github_token}'
resource_defaults:
  primary_key: id
  write_disposition: merge
  endpoint:
    params:
      per_page: 100
resources:
- name: issues
  endpoint:
    path: issues
    params:
      sort: updated
      direction: desc
      state: open
      since:
        type: incremental
        cursor_path: updated_at
        initial_value: '2024-01-25T11:21:28Z'
- name: issue_comments
  endpoint:
    path: issues/{resources.issues.number}/comments
  include_from_parent:
  - id
`;

/** GITHUB_TEXT as the backend parses it (key order kept). */
const GITHUB_DOCUMENT: SourceDocument = {
  client: {
    base_url: 'https://api.github.com/repos/dlt-hub/dlt/',
    auth: { token: '{secrets.github_token}' },
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
        params: {
          sort: 'updated',
          direction: 'desc',
          state: 'open',
          since: { type: 'incremental', cursor_path: 'updated_at', initial_value: '2024-01-25T11:21:28Z' },
        },
      },
    },
    {
      name: 'issue_comments',
      endpoint: { path: 'issues/{resources.issues.number}/comments' },
      include_from_parent: ['id'],
    },
  ],
};

/** A fresh copy of the files, so each fake host starts from the same disk. */
export function fakeFiles(): Map<string, FakeFile> {
  return new Map<string, FakeFile>([
    [
      QUICK_EXAMPLE_PATH,
      { format: 'json', document: JSON.parse(QUICK_EXAMPLE_TEXT) as SourceDocument, text: QUICK_EXAMPLE_TEXT },
    ],
    [GITHUB_PATH, { format: 'yaml', document: structuredClone(GITHUB_DOCUMENT), text: GITHUB_TEXT }],
  ]);
}
