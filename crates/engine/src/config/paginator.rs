//! Paginator configuration: a type name or a dict with `type` and that type's parameters.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::nullable;

/// How the next page is requested: a paginator type name (`"json_link"`, `"auto"`, ...) or an
/// object with `type` and its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PaginatorConfig {
    /// A paginator type used with its defaults.
    Name(PaginatorName),
    /// A paginator type with parameters.
    Spec(PaginatorSpec),
}

/// Paginator type names accepted in the string form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaginatorName {
    /// Next URL in the JSON body (`next` by default).
    JsonLink,
    /// Deprecated alias of `json_link`.
    JsonResponse,
    /// Next URL in the `Link` response header.
    HeaderLink,
    /// Cursor in a response header, sent back as a query parameter.
    HeaderCursor,
    /// Detect the paginator from the first response (or use the client's paginator).
    Auto,
    /// Exactly one request.
    SinglePage,
    /// Cursor in the JSON body, sent back as a query parameter or body field.
    Cursor,
    /// Offset/limit paging; needs `limit`, so only valid in the object form.
    Offset,
    /// Page number paging.
    PageNumber,
}

/// A paginator with its parameters, discriminated by `type`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum PaginatorSpec {
    /// Follows a next-page URL found in the JSON body.
    JsonLink {
        /// JSONPath of the next URL in the response body (default `next`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next_url_path: Option<String>,
    },
    /// Deprecated alias of `json_link`.
    JsonResponse {
        /// JSONPath of the next URL in the response body (default `next`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next_url_path: Option<String>,
    },
    /// Follows the `Link` header entry with `rel` equal to `links_next_key`.
    HeaderLink {
        /// The `rel` value of the next link (default `next`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        links_next_key: Option<String>,
    },
    /// Reads a cursor from a response header and sends it as a query parameter.
    HeaderCursor {
        /// Response header holding the cursor (default `next`, case-insensitive).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cursor_key: Option<String>,
        /// Query parameter that carries the cursor (default `cursor`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cursor_param: Option<String>,
    },
    /// Auto-detect from the first response, or use the client-level paginator.
    Auto {},
    /// One request only.
    SinglePage {},
    /// Reads a cursor from the JSON body and sends it back.
    Cursor {
        /// JSONPath of the cursor in the response (default `cursors.next`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cursor_path: Option<String>,
        /// Query parameter for the cursor (default `cursor`); exclusive with `cursor_body_path`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cursor_param: Option<String>,
        /// Dot path in the JSON request body for the cursor (for POST endpoints).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cursor_body_path: Option<String>,
        /// Stop when a page has no records (default false).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stop_after_empty_page: Option<bool>,
        /// JSONPath of a boolean that says whether more pages exist.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        has_more_path: Option<String>,
    },
    /// Offset/limit paging.
    Offset {
        /// Page size, sent as the limit parameter and used as the offset step. Required.
        limit: u64,
        /// First offset (default 0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offset: Option<u64>,
        /// Query parameter for the offset (default `offset`); exclusive with `offset_body_path`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offset_param: Option<String>,
        /// Dot path in the JSON request body for the offset.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        offset_body_path: Option<String>,
        /// Query parameter for the limit (default `limit`); exclusive with `limit_body_path`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limit_param: Option<String>,
        /// Dot path in the JSON request body for the limit.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limit_body_path: Option<String>,
        /// JSONPath of the total number of items (default `total`; `null` disables it).
        #[serde(
            default,
            deserialize_with = "nullable",
            skip_serializing_if = "Option::is_none"
        )]
        total_path: Option<Option<String>>,
        /// Stop before requesting this offset.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        maximum_offset: Option<u64>,
        /// Stop when a page has no records (default true).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stop_after_empty_page: Option<bool>,
        /// JSONPath of a boolean that says whether more pages exist.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        has_more_path: Option<String>,
    },
    /// Page number paging.
    PageNumber {
        /// Number of the first page (default 0).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        base_page: Option<u64>,
        /// Page to start from (default `base_page`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page: Option<u64>,
        /// Query parameter for the page (default `page`); exclusive with `page_body_path`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page_param: Option<String>,
        /// Dot path in the JSON request body for the page number.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        page_body_path: Option<String>,
        /// JSONPath of the total number of pages (default `total`; `null` disables it).
        #[serde(
            default,
            deserialize_with = "nullable",
            skip_serializing_if = "Option::is_none"
        )]
        total_path: Option<Option<String>>,
        /// Stop before requesting this page number.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        maximum_page: Option<u64>,
        /// Stop when a page has no records (default true).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stop_after_empty_page: Option<bool>,
        /// JSONPath of a boolean that says whether more pages exist.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        has_more_path: Option<String>,
    },
}

impl PaginatorSpec {
    /// The `type` value of this paginator.
    pub fn type_name(&self) -> &'static str {
        match self {
            PaginatorSpec::JsonLink { .. } => "json_link",
            PaginatorSpec::JsonResponse { .. } => "json_response",
            PaginatorSpec::HeaderLink { .. } => "header_link",
            PaginatorSpec::HeaderCursor { .. } => "header_cursor",
            PaginatorSpec::Auto {} => "auto",
            PaginatorSpec::SinglePage {} => "single_page",
            PaginatorSpec::Cursor { .. } => "cursor",
            PaginatorSpec::Offset { .. } => "offset",
            PaginatorSpec::PageNumber { .. } => "page_number",
        }
    }
}

impl PaginatorConfig {
    /// The paginator type name, whichever form it was written in.
    pub fn type_name(&self) -> &'static str {
        match self {
            PaginatorConfig::Name(n) => n.as_str(),
            PaginatorConfig::Spec(s) => s.type_name(),
        }
    }
}

impl PaginatorName {
    /// The name as written in a config.
    pub fn as_str(self) -> &'static str {
        match self {
            PaginatorName::JsonLink => "json_link",
            PaginatorName::JsonResponse => "json_response",
            PaginatorName::HeaderLink => "header_link",
            PaginatorName::HeaderCursor => "header_cursor",
            PaginatorName::Auto => "auto",
            PaginatorName::SinglePage => "single_page",
            PaginatorName::Cursor => "cursor",
            PaginatorName::Offset => "offset",
            PaginatorName::PageNumber => "page_number",
        }
    }
}
