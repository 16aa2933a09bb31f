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

/// Compiles a jq expression; the error says what is wrong in words a user can act on.
pub fn compile(code: &str) -> Result<JqFilter, String> {
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
            format!("jq expression '{code}' uses undefined {}", names.join(", "))
        })?;
    Ok(JqFilter {
        filter,
        source: code.to_string(),
    })
}

fn describe(code: &str, n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("jq expression '{code}': {what} ({n} syntax error{s})")
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
