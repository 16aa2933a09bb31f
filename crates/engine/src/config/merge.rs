//! `resource_defaults` ⊕ resource, exactly as dlt's `config_setup.py` merges them (dlt-behaviour
//! §2): shallow at the resource and endpoint level, `params` and `json` one level deep, `columns`
//! per column. Works on document values so the user's document is never modified.

use serde_json::{Map, Value};

/// Expands one `resources` entry on its own: a string becomes `{name, endpoint: {path}}`, a string
/// endpoint becomes `{path}`, a missing endpoint `{}` and a missing path the resource name.
/// Seed resources (`rows`) get no endpoint.
pub fn expand_entry(entry: &Value) -> Value {
    match entry {
        Value::String(name) => serde_json::json!({"name": name, "endpoint": {"path": name}}),
        Value::Object(map) => {
            let mut map = map.clone();
            if map.contains_key("rows") {
                return Value::Object(map);
            }
            let name = map.get("name").cloned();
            let endpoint = match map.remove("endpoint") {
                Some(Value::String(path)) => {
                    let mut ep = Map::new();
                    ep.insert("path".into(), Value::String(path));
                    ep
                }
                Some(Value::Object(ep)) => ep,
                Some(_) | None => Map::new(),
            };
            let mut endpoint = endpoint;
            if !endpoint.contains_key("path") {
                if let Some(name) = name {
                    endpoint.insert("path".into(), name);
                }
            }
            map.insert("endpoint".into(), Value::Object(endpoint));
            Value::Object(map)
        }
        other => other.clone(),
    }
}

/// The effective resource: the expanded entry merged over the defaults.
pub fn effective_resource(defaults: Option<&Value>, entry: &Value) -> Value {
    let resource = expand_entry(entry);
    let (Some(Value::Object(d)), Value::Object(r)) = (defaults, &resource) else {
        return resource;
    };
    let mut out = d.clone();
    for (k, v) in r {
        let merged = match (k.as_str(), out.get(k)) {
            ("endpoint", Some(Value::Object(de))) if !r.contains_key("rows") => match v {
                Value::Object(re) => Value::Object(merge_endpoint(de, re)),
                other => other.clone(),
            },
            ("columns", Some(dc)) => merge_columns(dc, v),
            _ => v.clone(),
        };
        out.insert(k.clone(), merged);
    }
    if r.contains_key("rows") {
        out.remove("endpoint");
    }
    Value::Object(out)
}

fn merge_endpoint(d: &Map<String, Value>, r: &Map<String, Value>) -> Map<String, Value> {
    let mut out = d.clone();
    for (k, v) in r {
        let merged = match (k.as_str(), out.get(k), v) {
            ("params" | "json", Some(Value::Object(dv)), Value::Object(rv)) => {
                let mut m = dv.clone();
                m.extend(rv.iter().map(|(k, v)| (k.clone(), v.clone())));
                Value::Object(m)
            }
            _ => v.clone(),
        };
        out.insert(k.clone(), merged);
    }
    out
}

/// Columns in either form normalised to a map keyed by name.
fn columns_map(v: &Value) -> Option<Map<String, Value>> {
    match v {
        Value::Object(m) => Some(m.clone()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(|c| {
                    let name = c.get("name")?.as_str()?.to_string();
                    Some((name, c.clone()))
                })
                .collect(),
        ),
        _ => None,
    }
}

fn merge_columns(d: &Value, r: &Value) -> Value {
    let (Some(mut out), Some(rm)) = (columns_map(d), columns_map(r)) else {
        return r.clone();
    };
    for (name, rc) in rm {
        match (out.get_mut(&name), rc) {
            (Some(Value::Object(dc)), Value::Object(rc)) => {
                dc.extend(rc);
            }
            (_, rc) => {
                out.insert(name, rc);
            }
        }
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn string_entry_and_default_path() {
        assert_eq!(
            expand_entry(&json!("issues")),
            json!({"name": "issues", "endpoint": {"path": "issues"}})
        );
        assert_eq!(
            expand_entry(&json!({"name": "a", "endpoint": "b/c"})),
            json!({"name": "a", "endpoint": {"path": "b/c"}})
        );
        assert_eq!(
            expand_entry(&json!({"name": "a"})),
            json!({"name": "a", "endpoint": {"path": "a"}})
        );
    }

    #[test]
    fn params_and_json_merge_one_level_headers_replace() {
        let d = json!({
            "primary_key": "id",
            "endpoint": {"params": {"per_page": 100, "state": "open"}, "json": {"a": {"x": 1}, "b": 1},
                         "headers": {"A": "1"}, "paginator": "single_page"}
        });
        let r = json!({"name": "r", "endpoint": {"params": {"state": "all"}, "json": {"a": {"y": 2}},
                       "headers": {"B": "2"}, "paginator": null}});
        let e = effective_resource(Some(&d), &r);
        assert_eq!(e["primary_key"], json!("id"));
        assert_eq!(
            e["endpoint"]["params"],
            json!({"per_page": 100, "state": "all"})
        );
        assert_eq!(e["endpoint"]["json"], json!({"a": {"y": 2}, "b": 1}));
        assert_eq!(e["endpoint"]["headers"], json!({"B": "2"}));
        assert_eq!(e["endpoint"]["paginator"], Value::Null);
        assert_eq!(e["endpoint"]["path"], json!("r"));
    }

    #[test]
    fn columns_merge_per_column_as_dlt_test() {
        let d = json!({"columns": {"col_a": {"data_type": "text", "primary_key": true},
                                   "col_c": {"data_type": "timestamp", "partition": true}}});
        let r = json!({"name": "r", "columns": [{"name": "col_a", "data_type": "bigint"}, {"name": "col_b"}]});
        let e = effective_resource(Some(&d), &r);
        let cols = e["columns"].as_object().unwrap();
        assert_eq!(
            cols.keys().collect::<Vec<_>>(),
            vec!["col_a", "col_c", "col_b"]
        );
        assert_eq!(cols["col_a"]["data_type"], json!("bigint"));
        assert_eq!(cols["col_a"]["primary_key"], json!(true));
    }

    #[test]
    fn user_document_is_untouched() {
        let r = json!({"name": "r"});
        let before = r.clone();
        let _ = effective_resource(Some(&json!({"selected": false})), &r);
        assert_eq!(r, before);
    }
}
