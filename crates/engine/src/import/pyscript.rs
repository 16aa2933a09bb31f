//! A dlt pipeline script → a source document: finds the config dict literal, resolves simple
//! names, `dlt.secrets[...]`, the exporter's helpers (`jq_filter(...)`, `response_action(...)`,
//! seed `@dlt.resource` functions, `MAX_PAGES`) and dlt's auth/paginator classes; lists every
//! callable or expression it could not read, with its path.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::pyparse::{Expr, Parser};
use super::pytoken::{tokenize, Tok, Token};
use super::{Guess, ImportError, NotImportable};
use pyvalue::number;

struct Script<'a> {
    src: &'a str,
    toks: Vec<Token>,
    bindings: HashMap<String, usize>,
    resolving: Vec<String>,
    missing: Vec<NotImportable>,
    guesses: Vec<Guess>,
}

/// Reads the config out of a pipeline script.
pub fn import_python(src: &str) -> Result<(Value, Vec<Guess>), ImportError> {
    let toks = tokenize(src).map_err(|e| ImportError::Syntax {
        what: "Python",
        line: e.line,
        message: e.message,
    })?;
    let mut s = Script {
        src,
        bindings: bindings(&toks),
        toks,
        resolving: vec![],
        missing: vec![],
        guesses: vec![],
    };
    let config = s.find_config().ok_or_else(|| {
        ImportError::NoConfig(
            "no dict literal with a \"resources\" key (and no rest_api_source(client=..., resources=...) call) in the script".into(),
        )
    })?;
    let mut value = s.value(&config, "");
    s.restore_max_pages(&mut value);
    if !s.missing.is_empty() {
        return Err(ImportError::NotImportable(s.missing));
    }
    Ok((value, s.guesses))
}

/// `NAME = <expr>` and `NAME: T = <expr>` (also parameter defaults): name → token of the value.
fn bindings(toks: &[Token]) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for i in 0..toks.len() {
        let Tok::Name(n) = &toks[i].tok else { continue };
        let starts = i == 0
            || matches!(&toks[i - 1].tok, Tok::Newline)
            || matches!(&toks[i - 1].tok, Tok::Op(o) if o == "(" || o == ",");
        if !starts {
            continue;
        }
        let mut j = i + 1;
        if matches!(toks.get(j).map(|t| &t.tok), Some(Tok::Op(o)) if o == ":") {
            let mut depth = 0i32;
            while let Some(t) = toks.get(j) {
                match &t.tok {
                    Tok::Op(o) if o == "=" && depth == 0 => break,
                    Tok::Op(o) if matches!(o.as_str(), "(" | "[" | "{") => depth += 1,
                    Tok::Op(o) if matches!(o.as_str(), ")" | "]" | "}") => depth -= 1,
                    Tok::Newline => break,
                    _ => {}
                }
                if depth < 0 || (depth == 0 && matches!(&t.tok, Tok::Op(o) if o == ",")) {
                    break;
                }
                j += 1;
            }
        }
        if matches!(toks.get(j).map(|t| &t.tok), Some(Tok::Op(o)) if o == "=") {
            out.entry(n.clone()).or_insert(j + 1);
        }
    }
    out
}

impl Script<'_> {
    fn parse_at(&self, pos: usize) -> (Expr, usize) {
        let mut p = Parser::new(self.src, &self.toks, pos);
        let e = p.expr(false);
        (e, p.pos)
    }

    fn find_config(&self) -> Option<Expr> {
        for (i, t) in self.toks.iter().enumerate() {
            if t.tok != Tok::Op("{".into()) {
                continue;
            }
            let (e, _) = self.parse_at(i);
            if let Expr::Dict(items) = &e {
                if items.iter().any(|(k, v)| {
                    *k == Expr::Str("resources".into())
                        && matches!(v, Expr::List(_) | Expr::Name(_))
                }) {
                    return Some(e);
                }
            }
        }
        for (i, t) in self.toks.iter().enumerate() {
            let Tok::Name(n) = &t.tok else { continue };
            if !matches!(
                n.as_str(),
                "rest_api_source" | "rest_api_resources" | "rest_api" | "RESTAPIConfig"
            ) {
                continue;
            }
            if let (Expr::Call { kwargs, .. }, _) = self.parse_at(i) {
                let keys = ["client", "resources", "resource_defaults"];
                if kwargs.iter().any(|(k, _)| k == "resources") {
                    let items = kwargs
                        .into_iter()
                        .filter(|(k, _)| keys.contains(&k.as_str()))
                        .map(|(k, v)| (Expr::Str(k), v))
                        .collect();
                    return Some(Expr::Dict(items));
                }
            }
        }
        None
    }

    /// `f()` where the script defines `@dlt.resource ... def f(): yield [rows]`.
    fn seed(&mut self, f: &str, path: &str) -> Option<Value> {
        let def = (0..self.toks.len().saturating_sub(1)).find(|&i| {
            self.toks[i].tok == Tok::Name("def".into())
                && self.toks[i + 1].tok == Tok::Name(f.into())
        })?;
        let deco = self.decorator(def)?;
        let body_end = (def + 1..self.toks.len())
            .find(|&i| self.toks[i].tok == Tok::Name("def".into()))
            .unwrap_or(self.toks.len());
        let y = (def..body_end).find(|&i| self.toks[i].tok == Tok::Name("yield".into()))?;
        let from =
            usize::from(self.toks.get(y + 1).map(|t| &t.tok) == Some(&Tok::Name("from".into())));
        let (rows, _) = self.parse_at(y + 1 + from);
        let mut map = Map::new();
        map.insert("name".into(), Value::String(f.to_string()));
        for (k, v) in deco {
            let at = format!("{path}.{k}");
            let v = self.value(&v, &at);
            map.insert(k, v);
        }
        let rows = match self.value(&rows, &format!("{path}.rows")) {
            Value::Object(o) => Value::Array(vec![Value::Object(o)]),
            other => other,
        };
        map.insert("rows".into(), rows);
        self.guesses.push(Guess::new(
            path,
            format!("the @dlt.resource function `{f}` → a seed resource with its yielded rows"),
        ));
        Some(Value::Object(map))
    }

    /// The keyword arguments of the `@dlt.resource` decorator right above token `def`.
    fn decorator(&self, def: usize) -> Option<Vec<(String, Expr)>> {
        let line_start = (0..def)
            .rev()
            .find(|&i| self.toks[i].tok == Tok::Newline)
            .unwrap_or(0);
        let mut start = line_start;
        loop {
            let prev = (0..start)
                .rev()
                .find(|&i| self.toks[i].tok == Tok::Newline)
                .map_or(0, |i| i + 1);
            if self.toks.get(prev).map(|t| &t.tok) != Some(&Tok::Op("@".into())) {
                return None;
            }
            match self.parse_at(prev + 1).0 {
                Expr::Name(n) if n == "dlt.resource" => return Some(vec![]),
                Expr::Call { func, kwargs, .. } if *func == Expr::Name("dlt.resource".into()) => {
                    return Some(kwargs)
                }
                _ if prev == 0 => return None,
                _ => start = prev - 1,
            }
        }
    }

    /// `MAX_PAGES` / `DEFAULT_MAX_PAGES` (written by the exporter) back into the endpoints.
    fn restore_max_pages(&mut self, doc: &mut Value) {
        if let Some(&pos) = self.bindings.get("DEFAULT_MAX_PAGES") {
            if let (Expr::Num(n), _) = self.parse_at(pos) {
                if let (Some(v), Some(root)) = (number(&n), doc.as_object_mut()) {
                    let d = root
                        .entry("resource_defaults")
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Some(ep) = d.as_object_mut().map(|d| {
                        d.entry("endpoint")
                            .or_insert_with(|| Value::Object(Map::new()))
                    }) {
                        if let Some(ep) = ep.as_object_mut() {
                            ep.insert("max_pages".into(), v);
                        }
                    }
                }
            }
        }
        let Some(&pos) = self.bindings.get("MAX_PAGES") else {
            return;
        };
        let (Expr::Dict(items), _) = self.parse_at(pos) else {
            return;
        };
        let Some(resources) = doc.get_mut("resources").and_then(Value::as_array_mut) else {
            return;
        };
        for (k, v) in items {
            let (Expr::Str(name), Expr::Num(n)) = (k, v) else {
                continue;
            };
            let Some(n) = number(&n) else { continue };
            for r in resources.iter_mut() {
                if let Value::String(s) = r {
                    if *s == name {
                        *r = serde_json::json!({"name": name, "endpoint": {"path": name}});
                    }
                }
                if r.get("name").and_then(Value::as_str) != Some(name.as_str()) {
                    continue;
                }
                if let Some(obj) = r.as_object_mut() {
                    let ep = obj
                        .entry("endpoint")
                        .or_insert_with(|| Value::Object(Map::new()));
                    if let Value::String(p) = ep {
                        *ep = serde_json::json!({"path": p.clone()});
                    }
                    if let Some(ep) = ep.as_object_mut() {
                        ep.insert("max_pages".into(), n.clone());
                    }
                }
            }
        }
    }
}

#[path = "pyvalue.rs"]
mod pyvalue;

#[cfg(test)]
#[path = "pyscript_tests.rs"]
mod tests;
