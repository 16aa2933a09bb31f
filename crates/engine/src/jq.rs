//! jq expressions (jaq): where dlt takes a Python callable, Pipewright takes a jq string.

use jaq_core::load::{Arena, File, Loader};
use jaq_core::{data, unwrap_valr, Compiler, Ctx, Vars};
use jaq_json::Val;
use serde_json::Value;

/// A compiled jq filter.
pub struct JqFilter {
    filter: jaq_core::compile::Filter<jaq_core::Native<data::JustLut<Val>>>,
    source: String,
}

impl std::fmt::Debug for JqFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "JqFilter({:?})", self.source)
    }
}

/// Deepest bracket nesting accepted: jaq's parser and compiler recurse per level, and a hostile
/// program of 100,000 nested parentheses overflows the stack. Real programs stay far below.
pub const MAX_NESTING: usize = 64;

/// Longest program accepted, for the same reason (a chain of 100,000 pipes also recurses).
pub const MAX_PROGRAM_BYTES: usize = 16 << 10;

/// Most binary operators (`|`, `,`, arithmetic, comparisons, `//`, `and`, `or`) accepted: both
/// compiling and running a filter recurse once per operator, and running happens on the
/// caller's thread.
pub const MAX_OPERATORS: usize = 256;

/// Stack of the thread that parses and compiles: jaq recurses once per operator, and a long
/// chain (`. | . | …`, a few thousand) overflows the 2 MiB of a test or tokio thread. The stack
/// is reserved, not committed: only the pages a compilation touches cost memory.
const COMPILE_STACK_BYTES: usize = 256 << 20;

/// Characters of a program quoted in an error message (a 10 MB program is not repeated).
const QUOTED_CHARS: usize = 200;

/// Compiles a jq expression; the error says what is wrong in words a user can act on.
pub fn compile(code: &str) -> Result<JqFilter, String> {
    if code.len() > MAX_PROGRAM_BYTES {
        return Err(format!(
            "jq expression '{}' is longer than {} KiB",
            quoted(code),
            MAX_PROGRAM_BYTES >> 10
        ));
    }
    if nesting(code) > MAX_NESTING {
        return Err(format!(
            "jq expression '{}' is nested more than {MAX_NESTING} levels deep",
            quoted(code)
        ));
    }
    if operators(code) > MAX_OPERATORS {
        return Err(format!(
            "jq expression '{}' has more than {MAX_OPERATORS} operators",
            quoted(code)
        ));
    }
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("jq-compile".into())
            .stack_size(COMPILE_STACK_BYTES)
            .spawn_scoped(scope, || compile_here(code))
            .map_err(|e| {
                format!(
                    "jq expression '{}': cannot start its compiler: {e}",
                    quoted(code)
                )
            })?
            .join()
            .unwrap_or_else(|_| {
                Err(format!(
                    "jq expression '{}': the compiler failed",
                    quoted(code)
                ))
            })
    })
}

/// [`compile`] on the current thread.
fn compile_here(code: &str) -> Result<JqFilter, String> {
    let defs = jaq_core::defs()
        .chain(jaq_std::defs())
        .chain(jaq_json::defs());
    let funs = jaq_core::funs()
        .chain(jaq_std::funs())
        .chain(jaq_json::funs());
    let loader = Loader::new(defs);
    let arena = Arena::default();
    let modules = loader
        .load(&arena, File { code, path: () })
        .map_err(|errs| describe(code, errs.len(), "cannot parse"))?;
    let filter = Compiler::default()
        .with_funs(funs)
        .compile(modules)
        .map_err(|errs| {
            let names: Vec<String> = errs
                .into_iter()
                .flat_map(|(_, es)| es.into_iter().map(|(name, _)| format!("'{name}'")))
                .collect();
            format!(
                "jq expression '{}' uses undefined {}",
                quoted(code),
                names.join(", ")
            )
        })?;
    Ok(JqFilter {
        filter,
        source: code.to_string(),
    })
}

fn describe(code: &str, n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!(
        "jq expression '{}': {what} ({n} syntax error{s})",
        quoted(code)
    )
}

/// The program as quoted in messages: whole when short, else its start and an ellipsis.
fn quoted(code: &str) -> std::borrow::Cow<'_, str> {
    match code.char_indices().nth(QUOTED_CHARS) {
        Some((cut, _)) => format!("{}…", &code[..cut]).into(),
        None => code.into(),
    }
}

/// An upper bound on the binary operators of a program (a byte scan; operators inside string
/// literals count too, which can only overestimate).
fn operators(code: &str) -> usize {
    let symbols = code
        .bytes()
        .filter(|b| {
            matches!(
                b,
                b'|' | b',' | b'+' | b'-' | b'*' | b'/' | b'%' | b'<' | b'>' | b'='
            )
        })
        .count();
    let words = code
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
        .filter(|w| matches!(*w, "and" | "or"))
        .count();
    symbols + words
}

/// The deepest nesting of `(`, `[`, `{` (a byte scan, no recursion). Brackets inside string
/// literals count too: string interpolation `\(...)` holds code, and counting every bracket
/// can only overestimate.
fn nesting(code: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for b in code.bytes() {
        match b {
            b'(' | b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

impl JqFilter {
    /// The expression as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Runs the filter on one JSON value and collects every output.
    pub fn run(&self, input: &Value) -> Result<Vec<Value>, String> {
        let text = input.to_string();
        let val =
            jaq_json::read::parse_single(text.as_bytes()).map_err(|e| format!("jq input: {e}"))?;
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        let mut out = Vec::new();
        for item in self.filter.id.run((ctx, val)).map(unwrap_valr) {
            let v = item.map_err(|e| format!("jq '{}': {e}", self.source))?;
            let v: Value = serde_json::from_str(&v.to_string())
                .map_err(|e| format!("jq '{}' produced a non-JSON value: {e}", self.source))?;
            out.push(v);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn programs_just_inside_the_limits_compile_on_a_test_thread() {
        let ok = format!("{}.{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert!(compile(&ok).is_ok());
    }

    #[test]
    fn long_operator_chains_compile_and_run_on_a_test_thread() {
        // `//` counts as two operators.
        for (op, n) in [
            (" | ", 256),
            (", ", 256),
            (" + ", 256),
            (" // ", 128),
            (" and ", 256),
        ] {
            let chain = vec!["1"; n + 1].join(op);
            let f = compile(&chain).unwrap_or_else(|e| panic!("{op}: {e}"));
            assert!(f.run(&json!(1)).is_ok(), "{op}");
        }
        let e = compile(&vec!["1"; 258].join(" | ")).unwrap_err();
        assert!(e.contains("more than 256 operators"), "{e}");
    }

    #[test]
    fn deep_or_huge_programs_are_refused_before_parsing() {
        let deep = format!("{}.{}", "(".repeat(1_000), ")".repeat(1_000));
        let e = compile(&deep).unwrap_err();
        assert!(e.contains("nested more than 64 levels deep"), "{e}");
        assert!(
            e.chars().count() < 400,
            "the message quotes the whole program"
        );
        let long = vec!["."; 100_000].join(" | ");
        let e = compile(&long).unwrap_err();
        assert!(e.contains("longer than 16 KiB"), "{e}");
    }

    #[test]
    fn compiles_and_runs_select_and_update() {
        let f = compile("select(.id < 10)").unwrap();
        assert_eq!(f.run(&json!({"id": 3})).unwrap(), vec![json!({"id": 3})]);
        assert!(f.run(&json!({"id": 30})).unwrap().is_empty());
        let m = compile(".title |= ascii_downcase").unwrap();
        assert_eq!(
            m.run(&json!({"title": "AbC"})).unwrap(),
            vec![json!({"title": "abc"})]
        );
    }

    #[test]
    fn yield_map_fans_out() {
        let f = compile(".reactions[] as $r | del(.reactions) + {reaction: $r}").unwrap();
        let out = f.run(&json!({"id": 1, "reactions": ["a", "b"]})).unwrap();
        assert_eq!(
            out,
            vec![
                json!({"id": 1, "reaction": "a"}),
                json!({"id": 1, "reaction": "b"})
            ]
        );
    }

    #[test]
    fn reports_syntax_and_undefined_names() {
        assert!(compile("select(.id <").unwrap_err().contains("syntax"));
        assert!(compile("frobnicate(.x)").unwrap_err().contains("undefined"));
    }
}
