//! OpenAPI schemas: local `$ref`s, `allOf` merging, and reading a response schema as a list of
//! records (where the records are, their properties, the other fields for paging hints).

use serde_json::{Map, Value};

use crate::import::endpoints::Confidence;

/// Follows local `$ref`s (`#/components/...`); an unresolvable reference gives `Null`.
pub fn resolve<'a>(doc: &'a Value, mut v: &'a Value) -> &'a Value {
    for _ in 0..32 {
        let Some(r) = v.get("$ref").and_then(Value::as_str) else {
            return v;
        };
        let Some(pointer) = r.strip_prefix('#') else {
            return &Value::Null;
        };
        let decoded = pointer
            .split('/')
            .map(|p| p.replace("~1", "/").replace("~0", "~"))
            .collect::<Vec<_>>()
            .join("/");
        match doc.pointer(&decoded) {
            Some(next) => v = next,
            None => return &Value::Null,
        }
    }
    &Value::Null
}

/// A schema with refs resolved and `allOf` parts merged into one object schema; `oneOf`/`anyOf`
/// take their first alternative.
pub fn flatten(doc: &Value, schema: &Value) -> Value {
    flatten_depth(doc, schema, 0)
}

fn flatten_depth(doc: &Value, schema: &Value, depth: usize) -> Value {
    let s = resolve(doc, schema);
    if depth > 8 {
        return s.clone();
    }
    if let Some(parts) = s.get("allOf").and_then(Value::as_array) {
        let mut props = Map::new();
        let mut out = Map::new();
        for p in parts {
            let f = flatten_depth(doc, p, depth + 1);
            if let Some(Value::Object(ps)) = f.get("properties") {
                props.extend(ps.clone());
            }
            if let Some(t) = f.get("type") {
                out.insert("type".into(), t.clone());
            }
            if let Some(i) = f.get("items") {
                out.insert("items".into(), i.clone());
            }
        }
        if let Some(Value::Object(ps)) = s.get("properties") {
            props.extend(ps.clone());
        }
        if !props.is_empty() {
            out.insert("type".into(), Value::String("object".into()));
            out.insert("properties".into(), Value::Object(props));
        }
        return Value::Object(out);
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(first) = s.get(key).and_then(Value::as_array).and_then(|a| a.first()) {
            return flatten_depth(doc, first, depth + 1);
        }
    }
    s.clone()
}

/// The JSON type of a schema: its `type` (first non-null of a 3.1 list), or `object`/`array`
/// when it has `properties`/`items`.
pub fn type_of(schema: &Value) -> String {
    match schema.get("type") {
        Some(Value::String(t)) => t.clone(),
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .unwrap_or("null")
            .to_string(),
        _ if schema.get("properties").is_some() => "object".into(),
        _ if schema.get("items").is_some() => "array".into(),
        _ => String::new(),
    }
}

/// Where a list response keeps its records.
#[derive(Debug, Clone, PartialEq)]
pub struct ListShape {
    /// dlt data selector: `$` for a top-level array, else a dotted path.
    pub selector: String,
    /// The record schema (flattened).
    pub item: Value,
    /// Other fields of the response (path, type), for paging hints.
    pub fields: Vec<(String, String)>,
    /// How sure the selector is: high for a bare array or a records-like name (`data`, `items`),
    /// lower when it is merely the only array around.
    pub confidence: Confidence,
}

impl ListShape {
    /// The record's property names.
    pub fn item_properties(&self) -> Vec<String> {
        self.item
            .get("properties")
            .and_then(Value::as_object)
            .map(|p| p.keys().cloned().collect())
            .unwrap_or_default()
    }
}

const RECORD_KEYS: [&str; 11] = [
    "data", "items", "results", "records", "value", "entries", "content", "list", "rows", "hits",
    "objects",
];

/// Reads a response schema as a list of records; `None` when it is a single object.
pub fn list_shape(doc: &Value, schema: &Value) -> Option<ListShape> {
    let s = flatten(doc, schema);
    if type_of(&s) == "array" {
        let item = flatten(doc, s.get("items").unwrap_or(&Value::Null));
        return Some(ListShape {
            selector: "$".into(),
            item,
            fields: vec![],
            confidence: Confidence::High,
        });
    }
    let mut fields = Vec::new();
    collect_fields(doc, &s, "", 0, &mut fields);
    let arrays: Vec<&(String, String)> = fields.iter().filter(|(_, t)| t == "array").collect();
    let top: Vec<&(String, String)> = arrays
        .iter()
        .copied()
        .filter(|(p, _)| !p.contains('.'))
        .collect();
    let records_leaf = |p: &str| {
        p.rsplit('.')
            .next()
            .is_some_and(|leaf| RECORD_KEYS.contains(&leaf))
    };
    let (pick, confidence): (&(String, String), Confidence) = top
        .iter()
        .copied()
        .find(|(p, _)| RECORD_KEYS.contains(&p.as_str()))
        .map(|f| (f, Confidence::High))
        .or_else(|| (top.len() == 1).then(|| (top[0], Confidence::Medium)))
        .or_else(|| {
            arrays
                .iter()
                .copied()
                .find(|(p, _)| records_leaf(p))
                .map(|f| (f, Confidence::Medium))
        })
        .or_else(|| (arrays.len() == 1).then(|| (arrays[0], Confidence::Low)))?;
    let path = pick.0.clone();
    let mut at = s.clone();
    for seg in path.split('.') {
        let next = at.get("properties")?.get(seg)?.clone();
        at = flatten(doc, &next);
    }
    let item = flatten(doc, at.get("items").unwrap_or(&Value::Null));
    // A list of scalars, or an entity (it has an `id`) with a nested list, is not a page of
    // records.
    let leaf = path.rsplit('.').next().unwrap_or(&path);
    let entity = s.get("properties").and_then(|p| p.get("id")).is_some();
    if type_of(&item) != "object" || (entity && !RECORD_KEYS.contains(&leaf)) {
        return None;
    }
    Some(ListShape {
        selector: path.clone(),
        item,
        fields: fields.into_iter().filter(|(p, _)| *p != path).collect(),
        confidence,
    })
}

/// Every property of an object schema as (dotted path, type), to depth 3, not into arrays.
fn collect_fields(
    doc: &Value,
    s: &Value,
    prefix: &str,
    depth: usize,
    out: &mut Vec<(String, String)>,
) {
    let Some(props) = s.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (k, v) in props {
        let f = flatten(doc, v);
        let path = if prefix.is_empty() {
            k.clone()
        } else {
            format!("{prefix}.{k}")
        };
        let t = type_of(&f);
        out.push((path.clone(), t.clone()));
        if t == "object" && depth < 2 {
            collect_fields(doc, &f, &path, depth + 1, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_wrapped_and_bare() {
        let doc = json!({"components": {"schemas": {
            "User": {"type": "object", "properties": {"id": {"type": "integer"}, "name": {"type": "string"}}},
            "Page": {"type": "object", "properties": {"data": {"type": "array", "items": {"$ref": "#/components/schemas/User"}},
                                                      "meta": {"type": "object", "properties": {"total_pages": {"type": "integer"}}}}}
        }}});
        let shape = list_shape(&doc, &json!({"$ref": "#/components/schemas/Page"})).unwrap();
        assert_eq!(shape.selector, "data");
        assert_eq!(shape.confidence, Confidence::High);
        assert_eq!(shape.item_properties(), vec!["id", "name"]);
        assert!(shape
            .fields
            .contains(&("meta.total_pages".into(), "integer".into())));
        let bare = list_shape(
            &doc,
            &json!({"type": "array", "items": {"$ref": "#/components/schemas/User"}}),
        )
        .unwrap();
        assert_eq!(bare.selector, "$");
        assert!(list_shape(&doc, &json!({"$ref": "#/components/schemas/User"})).is_none());
        let merged = flatten(
            &doc,
            &json!({"allOf": [{"$ref": "#/components/schemas/User"}, {"properties": {"x": {"type": "string"}}}]}),
        );
        assert_eq!(merged["properties"].as_object().unwrap().len(), 3);
    }
}
