import type { StopReason } from '../../../host';

export type StopTone = 'done' | 'limit' | 'warn';

/** The engine's wording (StopReason's Display), what it means, and how it should read. */
export const STOP_REASONS: Record<StopReason, { label: string; explain: string; tone: StopTone }> = {
  no_next_link: { label: 'no next link', explain: 'The last response had no link to a next page.', tone: 'done' },
  no_cursor: { label: 'no cursor', explain: 'The last response had no cursor for a next page.', tone: 'done' },
  total_reached: { label: 'total reached', explain: 'The total the API reported has been fetched.', tone: 'done' },
  empty_page: { label: 'empty page', explain: 'A page came back with no records.', tone: 'done' },
  maximum_reached: { label: 'maximum reached', explain: 'The paginator’s maximum page or offset was reached.', tone: 'limit' },
  has_more_false: { label: 'has_more false', explain: 'The API said there is nothing more.', tone: 'done' },
  single_page: { label: 'single page', explain: 'The endpoint is not paginated.', tone: 'done' },
  repeated_page: {
    label: 'repeated page',
    explain: 'The next request or response repeated an earlier page; its records were not taken twice.',
    tone: 'warn',
  },
  max_pages: { label: 'max pages', explain: 'The page limit of this preview (or max_pages) was reached.', tone: 'limit' },
  ignored: { label: 'ignored by response action', explain: 'A response action ignored the response.', tone: 'warn' },
  record_limit: { label: 'record limit', explain: 'The record limit of this preview was reached.', tone: 'limit' },
};
