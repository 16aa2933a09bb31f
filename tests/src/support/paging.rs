//! What every post listing shares: filtering (`since`, `until`, `since_id`, `sort`), page sizes,
//! the `endless` switch and opaque cursors.

use axum::response::Response;
use serde_json::Value;

use super::data::{post, updated_millis};
use super::params::{ApiError, ApiResult, Params};
use super::render::{json_page, push_array, push_post, POST_SIZE_HINT};
use super::state::AppState;
use super::time::parse_iso_millis;

/// The posts a request lists, after filters: ids `first..=last`, ascending unless `desc`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing {
    first: u64,
    last: u64,
    desc: bool,
}

/// Smallest post id whose `updated_at` is at or after `ms` (ids beyond any `posts` count exist).
fn first_updated_at_or_after(ms: i64) -> u64 {
    let (mut lo, mut hi) = (1u64, 1u64 << 40);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if updated_millis(mid) >= ms {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    lo
}

fn timestamp(p: &Params, name: &str) -> ApiResult<Option<i64>> {
    match p.get(name) {
        None | Some("") => Ok(None),
        Some(v) => parse_iso_millis(v).map(Some).ok_or_else(|| {
            ApiError::bad_request(format!("`{name}` must be an ISO 8601 timestamp, got `{v}`"))
        }),
    }
}

impl Listing {
    /// The listing of all posts, filtered by the request's query:
    /// `since` / `until` (ISO 8601 or Unix seconds, compared with `updated_at`: `since` inclusive,
    /// `until` exclusive), `since_id` (ids greater than it), `sort=asc|desc` (by id).
    pub fn from_request(state: &AppState, p: &Params) -> ApiResult<Listing> {
        let mut first = 1u64;
        let mut last = state.opts.posts;
        if let Some(id) = p.u64("since_id")? {
            first = first.max(id.saturating_add(1));
        }
        if let Some(ms) = timestamp(p, "since")? {
            first = first.max(first_updated_at_or_after(ms));
        }
        if let Some(ms) = timestamp(p, "until")? {
            last = last.min(first_updated_at_or_after(ms).saturating_sub(1));
        }
        let desc = match p.get("sort") {
            None | Some("asc") => false,
            Some("desc") => true,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "`sort` must be asc or desc, got `{other}`"
                )))
            }
        };
        Ok(Listing { first, last, desc })
    }

    /// Number of posts listed.
    pub fn len(&self) -> u64 {
        if self.last < self.first {
            0
        } else {
            self.last - self.first + 1
        }
    }

    /// Whether nothing is listed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The post id at position `index`. Past the end (only asked for by endless routes) ids keep
    /// increasing beyond the configured number of posts.
    pub fn id_at(&self, index: u64) -> u64 {
        if self.desc && index < self.len() {
            self.last - index
        } else {
            self.first + index
        }
    }

    /// The posts at positions `offset..offset + limit`, cut at the end unless `unbounded`, to be
    /// written as JSON (see [`Posts::push_json`]).
    pub fn posts(&self, state: &AppState, offset: u64, limit: u64, unbounded: bool) -> Posts {
        let end = if unbounded {
            offset.saturating_add(limit)
        } else {
            offset.saturating_add(limit).min(self.len())
        };
        Posts {
            listing: *self,
            start: offset,
            end: end.max(offset),
            users: state.opts.users,
        }
    }

    /// Posts at positions `offset..offset + limit`, cut at the end unless `unbounded`, as values
    /// (the routes write them with [`Listing::posts`] instead).
    pub fn records(
        &self,
        state: &AppState,
        offset: u64,
        limit: u64,
        unbounded: bool,
    ) -> Vec<Value> {
        let end = if unbounded {
            offset.saturating_add(limit)
        } else {
            offset.saturating_add(limit).min(self.len())
        };
        (offset..end)
            .map(|i| post(self.id_at(i), state.opts.users))
            .collect()
    }
}

/// Posts of a [`Listing`] at positions `start..end`, written as a JSON array without building
/// `serde_json::Value`s (byte for byte what serialising [`Listing::records`] gives).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posts {
    listing: Listing,
    start: u64,
    end: u64,
    users: u64,
}

impl Posts {
    /// Number of posts.
    pub fn len(&self) -> u64 {
        self.end - self.start
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The expected size of the JSON array in bytes.
    pub fn size_hint(&self) -> usize {
        usize::try_from(self.len())
            .unwrap_or(0)
            .saturating_mul(POST_SIZE_HINT)
    }

    /// Append the posts as a JSON array.
    pub fn push_json(&self, out: &mut Vec<u8>) {
        push_array(out, self.len(), |out, i| {
            push_post(out, self.listing.id_at(self.start + i), self.users)
        });
    }

    /// A `200 application/json` response: `envelope` with these posts at key path `slot`.
    pub fn response(&self, envelope: &Value, slot: &[&str]) -> Response {
        json_page(envelope, slot, self.size_hint(), |out| self.push_json(out))
    }
}

/// The page size: the first of `names` present in the query, else the server default; 0 or a
/// non-number is a 400, values above `max_page_size` are clamped.
pub fn page_size(state: &AppState, p: &Params, names: &[&str]) -> ApiResult<u64> {
    for name in names {
        if let Some(v) = p.u64(name)? {
            if v == 0 {
                return Err(ApiError::bad_request(format!(
                    "`{name}` must be at least 1"
                )));
            }
            return Ok(v.min(state.opts.max_page_size));
        }
    }
    Ok(state
        .opts
        .page_size
        .clamp(1, state.opts.max_page_size.max(1)))
}

/// `endless=same|increasing` on the next-link and cursor routes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endless {
    /// Normal: the last page has no next reference.
    No,
    /// The next reference always points at the page just served.
    Same,
    /// The next reference always points one page further; pages past the end keep returning
    /// fresh posts (ids beyond `posts`), so only a client-side limit stops.
    Increasing,
}

impl Endless {
    /// Read the `endless` parameter.
    pub fn from_request(p: &Params) -> ApiResult<Endless> {
        match p.get("endless") {
            None | Some("") | Some("0") | Some("false") => Ok(Endless::No),
            Some("same") => Ok(Endless::Same),
            Some("increasing") => Ok(Endless::Increasing),
            Some(other) => Err(ApiError::bad_request(format!(
                "`endless` must be same or increasing, got `{other}`"
            ))),
        }
    }

    /// Whether a next reference is given after a page at `offset` of `size` records.
    pub fn has_next(self, listing: &Listing, offset: u64, size: u64) -> bool {
        self != Endless::No || offset.saturating_add(size) < listing.len()
    }
}

const CURSOR_MASK: u64 = 0x5eed_f00d_cafe;

/// An opaque cursor for a position in a listing.
pub fn encode_cursor(offset: u64) -> String {
    format!("c{:x}", offset ^ CURSOR_MASK)
}

/// Decode a cursor from [`encode_cursor`]; 400 for anything else.
pub fn decode_cursor(cursor: &str) -> ApiResult<u64> {
    cursor
        .strip_prefix('c')
        .and_then(|hex| u64::from_str_radix(hex, 16).ok())
        .map(|v| v ^ CURSOR_MASK)
        .ok_or_else(|| ApiError::bad_request(format!("invalid cursor `{cursor}`")))
}

/// Page count for `len` records in pages of `size` (0 when empty).
pub fn page_count(len: u64, size: u64) -> u64 {
    len.div_ceil(size.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        for o in [0, 1, 10, 999_999] {
            assert_eq!(decode_cursor(&encode_cursor(o)), Ok(o));
        }
        assert!(decode_cursor("nope").is_err());
        assert_eq!(page_count(25, 10), 3);
        assert_eq!(page_count(0, 10), 0);
    }

    #[test]
    fn since_finds_first_id() {
        let id = first_updated_at_or_after(updated_millis(42));
        assert_eq!(id, 42);
        assert_eq!(first_updated_at_or_after(updated_millis(42) + 1), 43);
    }
}
