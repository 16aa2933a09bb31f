//! Shape validation: the document checked against the JSON Schema derived from the model, with
//! every error collected. Unions are resolved the way a person reads them — by the JSON kind of
//! the value, then by a `type` discriminator — so an error names the one alternative that was
//! meant instead of listing every alternative's failure.

use serde_json::{Map, Value};

use super::path::Path;
use super::suggest::closest;
use super::{error, Problem};

/// Checks the document against the schema of `RestApiConfig`.
pub fn check(doc: &Value) -> Vec<Problem> {
    let schema = crate::config::schema::json_schema();
    let mut walker = Walker {
        root: &schema,
        out: Vec::new(),
    };
    walker.check(&schema, doc, &Path::root());
    walker.out
}

struct Walker<'a> {
    root: &'a Value,
    out: Vec<Problem>,
}

/// The other members of a discriminated union, for "belongs to type X" hints.
type Alternatives<'a> = Vec<(String, &'a Value)>;

impl<'a> Walker<'a> {
    fn resolve(&self, mut s: &'a Value) -> &'a Value {
        for _ in 0..32 {
            let Some(r) = s.get("$ref").and_then(Value::as_str) else {
                return s;
            };
            let Some(name) = r.strip_prefix("#/$defs/") else {
                return s;
            };
            match self.root.get("$defs").and_then(|d| d.get(name)) {
                Some(def) => s = def,
                None => return s,
            }
        }
        s
    }

    fn union_members(&self, s: &'a Value) -> Option<&'a Vec<Value>> {
        s.get("anyOf")
            .or_else(|| s.get("oneOf"))
            .and_then(Value::as_array)
    }

    /// Union members flattened to their leaves, references resolved.
    fn leaves(&self, s: &'a Value) -> Vec<&'a Value> {
        let s = self.resolve(s);
        match self.union_members(s) {
            Some(members) => members.iter().flat_map(|m| self.leaves(m)).collect(),
            None => vec![s],
        }
    }

    fn check(&mut self, schema: &'a Value, value: &Value, path: &Path) {
        let s = self.resolve(schema);
        if self.union_members(s).is_some() {
            return self.union(s, value, path);
        }
        if let Some(c) = s.get("const") {
            if c != value {
                self.out.push(error(path, format!("expected {c}")));
            }
            return;
        }
        if let Some(options) = s.get("enum").and_then(Value::as_array) {
            if !options.contains(value) {
                self.out
                    .push(error(path, not_one_of(value, path, options.iter())));
            }
            return;
        }
        if !accepts_kind(s, value) {
            self.out.push(error(
                path,
                format!("expected {}, got {}", describe(&[s]), kind_of(value, path)),
            ));
            return;
        }
        match value {
            Value::Object(map) => self.object(s, map, path, &Vec::new()),
            Value::Array(items) => self.array(s, items, path),
            Value::Number(n) => number_bounds(s, n, path, &mut self.out),
            Value::String(text) => {
                let min = s.get("minLength").and_then(Value::as_u64).unwrap_or(0);
                if (text.chars().count() as u64) < min {
                    self.out.push(error(path, "must not be empty"));
                }
            }
            _ => {}
        }
    }

    fn object(
        &mut self,
        s: &'a Value,
        map: &Map<String, Value>,
        path: &Path,
        alternatives: &Alternatives<'a>,
    ) {
        let props = s.get("properties").and_then(Value::as_object);
        for req in s
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(req) = req.as_str() {
                if !map.contains_key(req) {
                    self.out
                        .push(error(path, format!("missing required field '{req}'")));
                }
            }
        }
        for (k, v) in map {
            if let Some(ps) = props.and_then(|p| p.get(k)) {
                self.check(ps, v, &path.key(k));
                continue;
            }
            match s.get("additionalProperties") {
                Some(Value::Bool(false)) => {
                    let hint = self.unknown_field_hint(k, props, alternatives);
                    self.out
                        .push(error(path, format!("unexpected field '{k}'{hint}")));
                }
                Some(extra) if extra.is_object() => self.check(extra, v, &path.key(k)),
                _ => {}
            }
        }
    }

    fn unknown_field_hint(
        &self,
        key: &str,
        props: Option<&'a Map<String, Value>>,
        alternatives: &Alternatives<'a>,
    ) -> String {
        let Some(props) = props else {
            return String::new();
        };
        if let Some(near) = closest(key, props.keys().map(String::as_str)) {
            return format!(" (did you mean '{near}'?)");
        }
        if key == "name" && props.contains_key("endpoint") && !props.contains_key("name") {
            return " (each resource has its own name; resource_defaults cannot set one)".into();
        }
        // The key may belong one level down: `params` on a resource means `endpoint.params`.
        // Discriminated unions (auth, paginator) are skipped: their fields depend on the type.
        for (name, ps) in props {
            let objects: Vec<&Value> = self
                .leaves(ps)
                .into_iter()
                .filter(|l| l.get("properties").is_some())
                .collect();
            if let [leaf] = objects.as_slice() {
                let nested = leaf.get("properties").and_then(Value::as_object);
                if nested.is_some_and(|n| n.contains_key(key)) {
                    return format!(" (did you mean {name}.{key}?)");
                }
            }
        }
        for (tag, leaf) in alternatives {
            let nested = leaf.get("properties").and_then(Value::as_object);
            if nested.is_some_and(|n| n.contains_key(key)) {
                return format!(" ('{key}' belongs to type '{tag}')");
            }
        }
        let mut allowed: Vec<&str> = props.keys().map(String::as_str).collect();
        allowed.retain(|k| *k != "type");
        if allowed.is_empty() {
            " (this type takes no other fields)".to_string()
        } else {
            format!("; allowed: {}", allowed.join(", "))
        }
    }

    fn array(&mut self, s: &'a Value, items: &[Value], path: &Path) {
        let n = items.len() as u64;
        if let Some(min) = s.get("minItems").and_then(Value::as_u64) {
            if n < min {
                let exact = s.get("maxItems").and_then(Value::as_u64) == Some(min);
                let what = if exact { "exactly" } else { "at least" };
                self.out
                    .push(error(path, format!("expected {what} {min} items, got {n}")));
                return;
            }
        }
        if let Some(max) = s.get("maxItems").and_then(Value::as_u64) {
            if n > max {
                self.out.push(error(
                    path,
                    format!("expected at most {max} items, got {n}"),
                ));
                return;
            }
        }
        if let Some(item_schema) = s.get("items") {
            for (i, item) in items.iter().enumerate() {
                self.check(item_schema, item, &path.index(i));
            }
        }
    }

    fn union(&mut self, s: &'a Value, value: &Value, path: &Path) {
        let leaves = self.leaves(s);
        if value.is_null() && leaves.iter().any(|l| accepts_null(l)) {
            return;
        }
        let candidates: Vec<&'a Value> = leaves
            .iter()
            .copied()
            .filter(|l| accepts_kind(l, value))
            .collect();
        if candidates.is_empty() {
            self.out.push(error(
                path,
                format!(
                    "expected {}, got {}",
                    describe(&leaves),
                    kind_of(value, path)
                ),
            ));
            return;
        }
        match value {
            Value::Object(map) if candidates.len() > 1 => {
                self.discriminated(&candidates, map, value, path)
            }
            Value::String(_) | Value::Number(_) | Value::Bool(_) => {
                let constants: Vec<&Value> =
                    candidates.iter().flat_map(|l| constants_of(l)).collect();
                if constants.contains(&value) {
                    return;
                }
                let free: Vec<&'a Value> = candidates
                    .iter()
                    .copied()
                    .filter(|l| l.get("const").is_none() && l.get("enum").is_none())
                    .collect();
                if free.is_empty() {
                    self.out
                        .push(error(path, not_one_of(value, path, constants.into_iter())));
                } else {
                    self.best_of(&free, value, path);
                }
            }
            _ => self.best_of(&candidates, value, path),
        }
    }

    fn discriminated(
        &mut self,
        candidates: &[&'a Value],
        map: &Map<String, Value>,
        value: &Value,
        path: &Path,
    ) {
        let Some(disc) = self.discriminator(candidates) else {
            return self.best_of(candidates, value, path);
        };
        let tagged: Vec<(Value, &'a Value)> = candidates
            .iter()
            .filter_map(|l| {
                let tag = l.get("properties")?.get(&disc)?;
                Some((
                    constants_of(self.resolve(tag)).first().cloned()?.clone(),
                    *l,
                ))
            })
            .collect();
        match map.get(&disc) {
            Some(tag) => {
                let Some((_, leaf)) = tagged.iter().find(|(t, _)| t == tag) else {
                    let tags: Vec<&Value> = tagged.iter().map(|(t, _)| t).collect();
                    let noun_path = path.key(&disc);
                    let message = match tag {
                        Value::String(_) => not_one_of_noun(tag, &noun(path), tags.into_iter()),
                        other => format!("expected a string, got {}", kind_of(other, &noun_path)),
                    };
                    self.out.push(error(&noun_path, message));
                    return;
                };
                let alternatives: Alternatives<'a> = tagged
                    .iter()
                    .filter(|(t, _)| t != tag)
                    .map(|(t, l)| (t.as_str().unwrap_or_default().to_string(), *l))
                    .collect();
                self.object(leaf, map, path, &alternatives);
            }
            None => {
                let untagged: Vec<&'a Value> = candidates
                    .iter()
                    .copied()
                    .filter(|l| !requires(l, &disc))
                    .collect();
                if untagged.is_empty() {
                    let tags: Vec<String> = tagged
                        .iter()
                        .map(|(t, _)| t.as_str().unwrap_or_default().to_string())
                        .collect();
                    self.out.push(error(
                        path,
                        format!(
                            "missing required field '{disc}' (one of {})",
                            tags.join(", ")
                        ),
                    ));
                } else {
                    self.best_of(&untagged, value, path);
                }
            }
        }
    }

    /// A property every object candidate constrains to constants, like paginators' `type`.
    fn discriminator(&self, candidates: &[&'a Value]) -> Option<String> {
        let first = candidates.first()?.get("properties")?.as_object()?;
        first
            .keys()
            .find(|k| {
                let tagged = candidates
                    .iter()
                    .filter(|l| {
                        l.get("properties")
                            .and_then(|p| p.get(k.as_str()))
                            .is_some_and(|t| !constants_of(self.resolve(t)).is_empty())
                    })
                    .count();
                tagged >= 2
            })
            .cloned()
            .or_else(|| {
                // The tagged members may not include the first (e.g. a shortcut form first).
                candidates.iter().find_map(|l| {
                    l.get("properties")?.as_object()?.iter().find_map(|(k, t)| {
                        (!constants_of(self.resolve(t)).is_empty()).then(|| k.clone())
                    })
                })
            })
    }

    /// Checks each candidate quietly; keeps the errors of the one that fits best.
    fn best_of(&mut self, candidates: &[&'a Value], value: &Value, path: &Path) {
        let mut best: Option<Vec<Problem>> = None;
        for c in candidates {
            let mut w = Walker {
                root: self.root,
                out: Vec::new(),
            };
            w.check(c, value, path);
            if w.out.is_empty() {
                return;
            }
            if best.as_ref().is_none_or(|b| w.out.len() < b.len()) {
                best = Some(w.out);
            }
        }
        self.out.extend(best.unwrap_or_default());
    }
}

fn requires(leaf: &Value, key: &str) -> bool {
    leaf.get("required")
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|x| x == key))
}

fn constants_of(s: &Value) -> Vec<&Value> {
    if let Some(c) = s.get("const") {
        return vec![c];
    }
    if let Some(e) = s.get("enum").and_then(Value::as_array) {
        return e.iter().collect();
    }
    if let Some(members) = s
        .get("oneOf")
        .or_else(|| s.get("anyOf"))
        .and_then(Value::as_array)
    {
        return members.iter().flat_map(constants_of).collect();
    }
    Vec::new()
}

fn types_of(s: &Value) -> Vec<&str> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => {
            let consts = constants_of(s);
            if consts.is_empty() {
                Vec::new()
            } else {
                consts.iter().map(|c| json_type(c)).collect()
            }
        }
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn accepts_null(s: &Value) -> bool {
    types_of(s).contains(&"null")
}

fn accepts_kind(s: &Value, v: &Value) -> bool {
    let types = types_of(s);
    if types.is_empty() {
        return true;
    }
    let t = json_type(v);
    types
        .iter()
        .any(|x| *x == t || (*x == "number" && t == "integer"))
}

fn describe(leaves: &[&Value]) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for l in leaves {
        for t in types_of(l) {
            let word = match t {
                "string" => "a string",
                "integer" => "an integer",
                "number" => "a number",
                "boolean" => "a boolean (true or false)",
                "array" => "a list",
                "object" => "an object",
                _ => continue,
            };
            if !kinds.contains(&word) {
                kinds.push(word);
            }
        }
    }
    match kinds.len() {
        0 => "a value".into(),
        1 => kinds[0].into(),
        n => format!("{} or {}", kinds[..n - 1].join(", "), kinds[n - 1]),
    }
}

fn kind_of(v: &Value, path: &Path) -> String {
    let shown = |s: String| {
        if path.is_sensitive() {
            "*****".to_string()
        } else {
            s
        }
    };
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("a boolean ({b})"),
        Value::Number(n) => format!("a number ({})", shown(n.to_string())),
        Value::String(s) => format!("a string ({})", shown(format!("\"{}\"", short(s)))),
        Value::Array(_) => "a list".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn short(s: &str) -> String {
    if s.chars().count() > 40 {
        format!("{}…", s.chars().take(40).collect::<String>())
    } else {
        s.to_string()
    }
}

fn number_bounds(s: &Value, n: &serde_json::Number, path: &Path, out: &mut Vec<Problem>) {
    let Some(x) = n.as_f64() else { return };
    if let Some(min) = s.get("minimum").and_then(Value::as_f64) {
        if x < min {
            out.push(error(path, format!("expected at least {min}, got {n}")));
        }
    }
    if let Some(max) = s.get("maximum").and_then(Value::as_f64) {
        if x > max {
            out.push(error(path, format!("expected at most {max}, got {n}")));
        }
    }
}

/// What a value at this path is called, for "'x' is not a paginator".
fn noun(path: &Path) -> String {
    let key = path.last_key().unwrap_or("value");
    let parent_is_params = path.0.len() >= 2
        && matches!(path.0.get(path.0.len() - 2), Some(super::Seg::Key(k)) if k == "params");
    if parent_is_params {
        return "parameter type".into();
    }
    match key {
        "paginator" => "paginator".into(),
        "auth" => "auth type".into(),
        "method" => "HTTP method".into(),
        "write_disposition" | "disposition" => "write disposition".into(),
        "strategy" => "merge strategy".into(),
        "location" => "api_key location".into(),
        "data_type" => "data type".into(),
        "action" => "response action".into(),
        "schema_contract" | "tables" | "columns" => "schema contract mode".into(),
        "table_format" => "table format".into(),
        "file_format" => "file format".into(),
        "range_start" | "range_end" => "range bound".into(),
        other => format!("valid value for '{other}'"),
    }
}

fn not_one_of<'v>(value: &Value, path: &Path, options: impl Iterator<Item = &'v Value>) -> String {
    if path.is_sensitive() {
        return format!("value is not a {}", noun(path));
    }
    not_one_of_noun(value, &noun(path), options)
}

fn not_one_of_noun<'v>(
    value: &Value,
    noun: &str,
    options: impl Iterator<Item = &'v Value>,
) -> String {
    let shown = match value {
        Value::String(s) => short(s),
        other => other.to_string(),
    };
    let options: Vec<String> = options
        .map(|o| {
            o.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| o.to_string())
        })
        .collect();
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u', 'H']) {
        "an"
    } else {
        "a"
    };
    format!(
        "'{shown}' is not {article} {noun}; expected one of {}",
        options.join(", ")
    )
}
