// A loaded database as dlt shapes it: `posts` with its child table `posts__tags`, `comments`, and
// the system tables `_dlt_loads`, `_dlt_version`, `_dlt_pipeline_state`; stored cursors for
// `posts` and, per parent post, for `comments`.
import type { CursorState, LoadInfo } from '../types';
import { comment, posts } from './records';

export interface FakeTable {
  name: string;
  parent: string | null;
  columns: string[];
  rows: unknown[][];
}

export interface FakeDatabase {
  tables: FakeTable[];
  loads: LoadInfo[];
  cursors: CursorState[];
}

const SCHEMA_HASH = 'x2Kd9dUCnKy1Fy5m0BvbOx3lBEtVL2fHY+4r1zMbLGo=';

/** A dlt-looking `_dlt_id`, derived from a seed so rows stay the same between runs. */
function dltId(seed: string): string {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 14; i++) {
    h = Math.imul(h ^ (h >>> 13), 2654435761) >>> 0;
    out += abc[h % abc.length];
  }
  return out;
}

export function load(loadId: string, insertedAt: string): LoadInfo {
  return { load_id: loadId, schema_name: 'quick_example', status: 0, inserted_at: insertedAt, schema_version_hash: SCHEMA_HASH };
}

/** The database after two runs of the quick example: 12 posts with their tags, 8 comments. */
export function fakeDatabase(): FakeDatabase {
  const loadId = '1717171717.123456';
  const postRows: unknown[][] = [];
  const tagRows: unknown[][] = [];
  for (const p of posts(12)) {
    const id = dltId(`post-${p.id}`);
    postRows.push([p.id, p.title, p.created_at, p.author.id, p.author.name, loadId, id]);
    p.tags.forEach((tag, i) => tagRows.push([tag, id, i, dltId(`tag-${p.id}-${i}`)]));
  }
  const commentRows: unknown[][] = [];
  for (let postId = 1; postId <= 4; postId++) {
    for (let k = 1; k <= 2; k++) {
      const c = comment(postId, k);
      commentRows.push([c.id, c.post_id, c.body, loadId, dltId(`comment-${c.id}`)]);
    }
  }
  const loads = [load('1717000000.000001', '2024-05-29 16:26:40.000001+00:00'), load(loadId, '2024-05-31 16:35:17.123456+00:00')];
  return {
    tables: [
      {
        name: 'posts',
        parent: null,
        columns: ['id', 'title', 'created_at', 'author__id', 'author__name', '_dlt_load_id', '_dlt_id'],
        rows: postRows,
      },
      { name: 'posts__tags', parent: 'posts', columns: ['value', '_dlt_parent_id', '_dlt_list_idx', '_dlt_id'], rows: tagRows },
      { name: 'comments', parent: null, columns: ['id', 'post_id', 'body', '_dlt_load_id', '_dlt_id'], rows: commentRows },
      {
        name: '_dlt_loads',
        parent: null,
        columns: ['load_id', 'schema_name', 'status', 'inserted_at', 'schema_version_hash'],
        rows: loads.map((l) => [l.load_id, l.schema_name, l.status, l.inserted_at, l.schema_version_hash]),
      },
      {
        name: '_dlt_version',
        parent: null,
        columns: ['version', 'engine_version', 'inserted_at', 'schema_name', 'version_hash', 'schema'],
        rows: [[2, 11, '2024-05-31 16:35:17.123456+00:00', 'quick_example', SCHEMA_HASH, '{"name": "quick_example"}']],
      },
      {
        name: '_dlt_pipeline_state',
        parent: null,
        columns: ['version', 'engine_version', 'pipeline_name', 'state', 'created_at', 'version_hash', '_dlt_load_id', '_dlt_id'],
        rows: [[2, 4, 'quick_example', 'eNrLSM3JyVcozy/KSQEAGgQEXQ==', '2024-05-31 16:35:17.123456+00:00', 'kBq3Xc5Y', loadId, dltId('state')]],
      },
    ],
    loads,
    cursors: [
      {
        resource: 'posts',
        cursor_path: 'created_at',
        initial_value: '2024-01-01T00:00:00Z',
        last_value: '2024-01-12T09:00:00Z',
        start_value: '2024-01-01T00:00:00Z',
        unique_hashes: ['jEEVfaUnrrLI'],
        per_parent: [],
      },
      {
        // A child keeping one cursor per parent post (dlt keys them by the parent's values).
        resource: 'comments',
        cursor_path: 'created_at',
        initial_value: '2024-01-01T00:00:00Z',
        last_value: null,
        start_value: '2024-01-01T00:00:00Z',
        unique_hashes: [],
        per_parent: [1, 2, 3, 4].map((id) => ({ parent: `id=${id}`, last_value: `2024-01-${String(10 + id).padStart(2, '0')}T08:00:00Z` })),
      },
    ],
  };
}
