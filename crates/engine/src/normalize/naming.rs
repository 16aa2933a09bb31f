//! dlt's default naming convention, `snake_case` (`dlt/common/normalizers/naming/snake_case.py`),
//! with path handling and identifier shortening from its base class (`naming.py`).
//!
//! Every step mirrors a line of the Python code, including its quirks (Unicode digits are kept,
//! other non-ASCII characters are not; trailing underscores become `x`), because the names it
//! produces are the table and column names a user finds in the database and must match dlt's.

use std::sync::LazyLock;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use regex::Regex;

use super::hash::shake128;

/// Separator between the parts of a nested table or flattened column name.
pub const PATH_SEPARATOR: &str = "__";

/// dlt takes SQLite's identifier limit from the SQLAlchemy dialect: 9999, so in practice nothing is
/// shortened on SQLite.
pub const SQLITE_MAX_IDENTIFIER_LENGTH: usize = 9999;

/// The bytes of the shortening tag: `int(3 * log2(1 / 0.001) // 8 + 1)` in dlt.
const TAG_BYTES: usize = 4;

// The patterns are literals that are known to compile; a failure here is a programming error that
// the unit tests catch on the first call.
#[allow(clippy::expect_used)]
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("literal regex compiles")
}

// Python `\d` is Unicode-aware, and so is the regex crate's `\d`: both match category Nd.
static RE_NON_ALPHANUMERIC: LazyLock<Regex> = LazyLock::new(|| re(r"[^a-zA-Z\d_]+"));
static RE_BREAK_1: LazyLock<Regex> = LazyLock::new(|| re(r"([^_])([A-Z][a-z]+)"));
static RE_BREAK_2: LazyLock<Regex> = LazyLock::new(|| re(r"([a-z0-9])([A-Z])"));
static RE_LEADING_DIGITS: LazyLock<Regex> = LazyLock::new(|| re(r"^\d+"));
static RE_UNDERSCORES: LazyLock<Regex> = LazyLock::new(|| re(r"__+"));

/// An identifier that normalises to nothing (empty or whitespace only).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("identifier {0:?} is empty after stripping whitespace")]
pub struct EmptyIdentifier(pub String);

/// The `snake_case` naming convention with a maximum identifier length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Naming {
    max_length: Option<usize>,
}

impl Default for Naming {
    fn default() -> Self {
        Self::sqlite()
    }
}

impl Naming {
    /// The convention as dlt configures it for SQLite.
    pub fn sqlite() -> Self {
        Self {
            max_length: Some(SQLITE_MAX_IDENTIFIER_LENGTH),
        }
    }

    /// A convention with another limit (`None`: never shorten), e.g. 63 for Postgres.
    pub fn with_max_length(max_length: Option<usize>) -> Self {
        Self { max_length }
    }

    /// The maximum identifier length, if any.
    pub fn max_length(&self) -> Option<usize> {
        self.max_length
    }

    /// Normalises one identifier (no path splitting).
    pub fn normalize_identifier(&self, identifier: &str) -> Result<String, EmptyIdentifier> {
        let stripped = py_strip(identifier);
        if stripped.is_empty() {
            return Err(EmptyIdentifier(identifier.to_string()));
        }
        let reduced: String = stripped
            .chars()
            .map(|c| match c {
                '+' | '*' => 'x',
                '-' => '_',
                '@' => 'a',
                '|' => 'l',
                other => other,
            })
            .collect();
        let reduced = RE_NON_ALPHANUMERIC.replace_all(&reduced, "_");
        let snake = to_snake_case(&reduced);
        Ok(shorten_identifier(&snake, stripped, self.max_length))
    }

    /// Table names are normalised like any identifier in `snake_case`.
    pub fn normalize_table_identifier(&self, identifier: &str) -> Result<String, EmptyIdentifier> {
        self.normalize_identifier(identifier)
    }

    /// Splits a path on `__`, normalises each non-blank part, rejoins and shortens the whole.
    ///
    /// A path with no non-blank part yields an empty string, as in dlt.
    pub fn normalize_path(&self, path: &str) -> String {
        let parts: Vec<String> = break_path(path)
            .filter_map(|p| self.normalize_identifier(p).ok())
            .collect();
        shorten_identifier(&make_path(&parts), path, self.max_length)
    }

    /// Same as [`Naming::normalize_path`] for table names.
    pub fn normalize_tables_path(&self, path: &str) -> String {
        self.normalize_path(path)
    }

    /// Joins already normalised parts with `__` and shortens the result (tag from the joined
    /// string itself).
    pub fn shorten_fragments<S: AsRef<str>>(&self, parts: &[S]) -> String {
        let path = make_path(parts);
        shorten_identifier(&path, &path, self.max_length)
    }
}

/// Python's `str.strip()` whitespace: Unicode whitespace plus the ASCII separators 0x1c-0x1f.
fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// The non-blank parts of a `__`-separated path.
pub fn break_path(path: &str) -> impl Iterator<Item = &str> {
    path.split(PATH_SEPARATOR)
        .filter(|p| !py_strip(p).is_empty())
}

/// Joins non-blank parts with `__` without normalising them.
pub fn make_path<S: AsRef<str>>(parts: &[S]) -> String {
    let mut out = String::new();
    for part in parts.iter().map(AsRef::as_ref) {
        if py_strip(part).is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str(PATH_SEPARATOR);
        }
        out.push_str(part);
    }
    out
}

fn to_snake_case(identifier: &str) -> String {
    let s = RE_BREAK_1.replace_all(identifier, "${1}_${2}");
    let s = RE_BREAK_2.replace_all(&s, "${1}_${2}");
    // Only ASCII letters, digits and `_` are left, so ASCII lower-casing equals Python's `lower()`.
    let mut s = s.to_ascii_lowercase();
    if RE_LEADING_DIGITS.is_match(&s) {
        s.insert(0, '_');
    }
    let stripped_len = s.trim_end_matches('_').len();
    let trailing = s.len() - stripped_len;
    s.truncate(stripped_len);
    s.extend(std::iter::repeat_n('x', trailing));
    RE_UNDERSCORES.replace_all(&s, "_").into_owned()
}

/// Shortens `normalized` to `max_length` characters when it is longer, placing a tag computed from
/// the *original* identifier in the middle.
pub fn shorten_identifier(normalized: &str, original: &str, max_length: Option<usize>) -> String {
    let Some(max) = max_length else {
        return normalized.to_string();
    };
    let len = normalized.chars().count();
    if len <= max {
        return normalized.to_string();
    }
    let tag = compute_tag(original);
    let remaining = max.saturating_sub(tag.len());
    let head = remaining / 2 + remaining % 2;
    let tail = remaining / 2;
    let mut out: String = normalized.chars().take(head).collect();
    out.push_str(&tag);
    out.extend(normalized.chars().skip(len - tail));
    out
}

/// SHAKE-128 of the UTF-8 bytes, base64 without padding, `/`→`a`, `+`→`b`, lower-cased.
fn compute_tag(identifier: &str) -> String {
    let digest = shake128(identifier.as_bytes(), TAG_BYTES);
    STANDARD
        .encode(digest)
        .trim_end_matches('=')
        .chars()
        .map(|c| match c {
            '/' => 'a',
            '+' => 'b',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        Naming::sqlite().normalize_identifier(s).unwrap()
    }

    /// Every mapping listed in dlt-behaviour.md §11.1.
    #[test]
    fn snake_case_observed_mappings() {
        let cases = [
            ("userId", "user_id"),
            ("UserID", "user_id"),
            ("user-id", "user_id"),
            ("@odata.x", "aodata_x"),
            ("@odata.nextLink", "aodata_next_link"),
            ("HTTPResponse", "http_response"),
            ("getHTTPResponseCode", "get_http_response_code"),
            ("MyXMLHttpRequest", "my_xml_http_request"),
            ("ABc", "a_bc"),
            ("iD", "i_d"),
            ("123BaNaNa", "_123_ba_na_na"),
            ("BANaNA", "ba_na_na"),
            ("a1B2c3", "a1_b2c3"),
            ("camelCase2Word", "camel_case2_word"),
            ("__id", "_id"),
            ("a__b", "a_b"),
            ("id_", "idx"),
            ("id__", "idxx"),
            ("_", "x"),
            ("1st", "_1st"),
            ("Ünicode", "_nicode"),
            ("naïve", "na_ve"),
            ("日本語", "x"),
            ("ℕumber", "_umber"),
            ("$ref", "_ref"),
            ("a.b.c", "a_b_c"),
            ("email@domain.com", "emailadomain_com"),
            ("col!!", "colx"),
            ("-a", "_a"),
            ("a-", "ax"),
            ("+1", "x1"),
            ("-1", "_1"),
            ("event-.!:*<>value", "event_x_value"),
            ("+-!$*@#=|:", "x_xa_lx"),
            (" Small Love Potion ", "small_love_potion"),
            ("١٢٣", "_١٢٣"),
        ];
        for (raw, expected) in cases {
            assert_eq!(n(raw), expected, "normalize_identifier({raw:?})");
        }
    }

    #[test]
    fn empty_identifiers_are_errors() {
        assert!(Naming::sqlite().normalize_identifier("").is_err());
        assert!(Naming::sqlite().normalize_identifier("   \t\n ").is_err());
    }

    #[test]
    fn paths_split_on_double_underscore_and_drop_blank_parts() {
        let naming = Naming::sqlite();
        assert_eq!(
            naming.normalize_path("parent__Child__subField"),
            "parent__child__sub_field"
        );
        assert_eq!(
            naming.normalize_path("Small___Love____Potion_____x"),
            "small___love__potion___x"
        );
        assert_eq!(naming.normalize_path("a__b"), "a__b");
        assert_eq!(
            break_path("_a___b__C___D").collect::<Vec<_>>(),
            ["_a", "_b", "C", "_D"]
        );
        assert_eq!(break_path("_a__  \t\r__b").collect::<Vec<_>>(), ["_a", "b"]);
        assert_eq!(make_path(&["a", " ", "b"]), "a__b");
    }

    /// dlt's own vector (`tests/common/normalizers/test_naming.py`).
    #[test]
    fn shortening_puts_a_tag_from_the_original_in_the_middle() {
        let ident = "she played cello well";
        assert_eq!(
            shorten_identifier(ident, ident, Some(20)),
            "she plauanpualo well"
        );
        assert_eq!(
            shorten_identifier("012345678", "xxx", Some(10)),
            "012345678"
        );
        assert_eq!(
            shorten_identifier("0123456789", "xx?", Some(10)),
            "0123456789"
        );
        let long = "x".repeat(100);
        assert_eq!(shorten_identifier(&long, &long, None), long);
    }

    #[test]
    fn shortening_applies_to_whole_paths_and_identifiers() {
        let naming = Naming::with_max_length(Some(20));
        let path = naming.normalize_path("first_part__second_part__third_part");
        assert_eq!(path.chars().count(), 20);
        let frag = naming.shorten_fragments(&["first_part", "second_part", "third_part"]);
        assert_eq!(frag.chars().count(), 20);
        let ident = naming
            .normalize_identifier("a_very_long_column_name_indeed")
            .unwrap();
        assert_eq!(ident.chars().count(), 20);
        assert!(ident.starts_with("a_very_"));
        assert!(ident.ends_with("_indeed"));
        // SQLite's limit leaves ordinary names alone.
        let long = "c".repeat(500);
        assert_eq!(Naming::sqlite().normalize_identifier(&long).unwrap(), long);
    }
}
