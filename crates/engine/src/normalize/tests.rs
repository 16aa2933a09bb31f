//! Normalizer behaviour end to end (records in, tables/rows out), one test per dlt rule.

use serde_json::{json, Value};

use super::ids::child_row_id;
use super::*;
use crate::config::hints::{
    ColumnSchema, Columns, DispositionName, MergeStrategy, WriteDisposition, WriteDispositionSpec,
};
use crate::config::KeyList;

fn norm(records: Vec<Value>, hints: TableHints) -> (Normalizer, Batch) {
    let mut n = Normalizer::new(Schema::new("rest_api"), "1700000000.123");
    n.register_table(&hints).unwrap();
    let table = hints.table_name.clone();
    let batch = n.normalize_all(&table, records).unwrap();
    (n, batch)
}

fn hints(table: &str) -> TableHints {
    TableHints {
        table_name: table.into(),
        ..TableHints::default()
    }
}

/// `name type` for every data column (no `_dlt_*` columns), in order.
fn data_columns(s: &Schema, table: &str) -> Vec<String> {
    s.tables[table]
        .columns
        .values()
        .filter(|c| !c.name.starts_with("_dlt"))
        .map(|c| format!("{} {}", c.name, c.data_type.map_or("?", types::type_name)))
        .collect()
}

fn all_columns<'a>(s: &'a Schema, table: &str) -> Vec<&'a str> {
    s.tables[table].columns.keys().map(String::as_str).collect()
}

fn data_tables(s: &Schema) -> Vec<&str> {
    s.data_tables().map(|t| t.name.as_str()).collect()
}

fn nesting_record() -> Value {
    json!({"id":1,"a":{"b":{"c":{"d":1}}},"l1":[{"x":1,"l2":[{"y":1,"l3":[{"z":1}]}],"o":{"p":{"q":1}}}],"prim":[1,2]})
}

/// dlt-behaviour.md §11.3, the observed `max_table_nesting` table.
#[test]
fn max_table_nesting_table() {
    let run = |nesting: Option<u32>| {
        let h = TableHints {
            max_table_nesting: nesting,
            ..hints("t")
        };
        norm(vec![nesting_record()], h).0.into_schema()
    };
    for nesting in [None, Some(3)] {
        let s = run(nesting);
        assert_eq!(
            data_tables(&s),
            ["t", "t__l1", "t__l1__l2", "t__l1__l2__l3", "t__prim"]
        );
        assert_eq!(data_columns(&s, "t"), ["id bigint", "a__b__c__d bigint"]);
        assert_eq!(data_columns(&s, "t__l1"), ["x bigint", "o__p__q bigint"]);
        assert_eq!(data_columns(&s, "t__l1__l2"), ["y bigint"]);
        assert_eq!(data_columns(&s, "t__l1__l2__l3"), ["z bigint"]);
        assert_eq!(data_columns(&s, "t__prim"), ["value bigint"]);
    }
    let s = run(Some(0));
    assert_eq!(data_tables(&s), ["t"]);
    assert_eq!(
        data_columns(&s, "t"),
        ["id bigint", "a json", "l1 json", "prim json"]
    );
    let s = run(Some(1));
    assert_eq!(data_tables(&s), ["t", "t__l1", "t__prim"]);
    assert_eq!(data_columns(&s, "t"), ["id bigint", "a__b json"]);
    assert_eq!(data_columns(&s, "t__l1"), ["x bigint", "l2 json", "o json"]);
    let s = run(Some(2));
    assert_eq!(data_tables(&s), ["t", "t__l1", "t__l1__l2", "t__prim"]);
    assert_eq!(data_columns(&s, "t"), ["id bigint", "a__b__c json"]);
    assert_eq!(data_columns(&s, "t__l1"), ["x bigint", "o__p json"]);
    assert_eq!(data_columns(&s, "t__l1__l2"), ["y bigint", "l3 json"]);
}

#[test]
fn source_level_nesting_applies_unless_the_table_sets_its_own() {
    let mut n = Normalizer::new(Schema::new("s"), "1");
    n.schema_mut().max_nesting = Some(0);
    n.normalize_all("t", vec![nesting_record()]).unwrap();
    assert_eq!(data_tables(n.schema()), ["t"]);
    n.register_table(&TableHints {
        max_table_nesting: Some(1),
        ..hints("u")
    })
    .unwrap();
    n.normalize_all("u", vec![nesting_record()]).unwrap();
    assert!(n.schema().tables.contains_key("u__l1"));
}

#[test]
fn system_columns_order_and_values() {
    let (n, batch) = norm(vec![json!({"id": 1, "tags": ["a", "b"]})], hints("t"));
    let s = n.schema();
    assert_eq!(all_columns(s, "t"), ["id", "_dlt_load_id", "_dlt_id"]);
    assert_eq!(
        all_columns(s, "t__tags"),
        ["value", "_dlt_parent_id", "_dlt_list_idx", "_dlt_id"]
    );
    let id_col = &s.tables["t"].columns["_dlt_id"];
    assert!(id_col.unique && id_col.row_key && !id_col.nullable);
    assert!(s.tables["t__tags"].columns["_dlt_parent_id"].parent_key);
    assert_eq!(s.tables["t__tags"].parent.as_deref(), Some("t"));
    let root = &batch.rows["t"][0];
    assert_eq!(root[1], SqlValue::Text("1700000000.123".into()));
    let SqlValue::Text(root_id) = &root[2] else {
        panic!()
    };
    assert_eq!(root_id.len(), 14);
    let child = &batch.rows["t__tags"][1];
    assert_eq!(child[0], SqlValue::Text("b".into()));
    assert_eq!(child[1], SqlValue::Text(root_id.clone()));
    assert_eq!(child[2], SqlValue::Integer(1));
    assert_eq!(
        child[3],
        SqlValue::Text(child_row_id(root_id, "t__tags", 1))
    );
}

#[test]
fn merge_propagates_root_id_to_all_descendants() {
    let h = TableHints {
        write_disposition: Some(WriteDisposition::Name(DispositionName::Merge)),
        primary_key: Some(KeyList::One("id".into())),
        ..hints("m")
    };
    let (n, batch) = norm(vec![json!({"id": 1, "l": [{"x": 1, "k": [1]}]})], h);
    let s = n.schema();
    assert_eq!(
        all_columns(s, "m__l"),
        [
            "x",
            "_dlt_root_id",
            "_dlt_parent_id",
            "_dlt_list_idx",
            "_dlt_id"
        ]
    );
    assert_eq!(all_columns(s, "m__l__k")[1], "_dlt_root_id");
    assert!(s.tables["m__l"].columns["_dlt_root_id"].root_key);
    assert_eq!(s.propagation["m"]["_dlt_id"], "_dlt_root_id");
    let root_id = batch.rows["m"][0][2].clone();
    assert_eq!(batch.rows["m__l__k"][0][1], root_id);
    let pk = &s.tables["m"].columns["id"];
    assert!(pk.primary_key && !pk.nullable);
}

#[test]
fn flattening_names_and_order() {
    // dlt flattens with a stack: own scalars first, then nested dicts last-seen-first.
    let (n, _) = norm(
        vec![
            json!({"a": {"x": 1}, "b": 1, "c": {"y": 1}, "userId": 2, "@odata.nextLink": "u", "": 3}),
        ],
        hints("T"),
    );
    assert_eq!(
        data_columns(n.schema(), "t"),
        [
            "b bigint",
            "user_id bigint",
            "aodata_next_link text",
            "_empty bigint",
            "c__y bigint",
            "a__x bigint"
        ]
    );
    // A data key containing `__` stays a path.
    let (n, _) = norm(vec![json!({"a__B": 1})], hints("t"));
    assert_eq!(data_columns(n.schema(), "t"), ["a__b bigint"]);
}

#[test]
fn lists_of_lists_and_empty_containers() {
    let (n, batch) = norm(
        vec![json!({"id": 1, "matrix": [[1, 2], [3]], "e": {}, "l": []})],
        hints("t"),
    );
    let s = n.schema();
    assert_eq!(data_tables(s), ["t", "t__matrix", "t__matrix__list"]);
    assert_eq!(all_columns(s, "t"), ["id", "_dlt_load_id", "_dlt_id"]);
    assert_eq!(
        all_columns(s, "t__matrix"),
        ["_dlt_parent_id", "_dlt_list_idx", "_dlt_id"]
    );
    assert_eq!(all_columns(s, "t__matrix__list")[0], "value");
    assert_eq!(batch.rows["t__matrix"].len(), 2);
    assert_eq!(batch.rows["t__matrix__list"].len(), 3);
}

#[test]
fn scalars_become_value_rows_and_nulls_create_nothing() {
    let (n, batch) = norm(
        vec![json!(5), json!({"value": null, "n": null})],
        hints("t"),
    );
    assert_eq!(data_columns(n.schema(), "t"), ["value bigint"]);
    assert_eq!(batch.rows["t"][1][0], SqlValue::Null);
}

/// dlt-behaviour.md §11.6: variants are named after the value's Python type, appended at the end,
/// and typed by inference (an ISO string in a bigint column makes a `__v_text` timestamp column).
#[test]
fn variant_columns() {
    let records = vec![
        json!({"x": 1, "y": 1, "z": 1.5, "b": true}),
        json!({"x": "abc", "y": "2024-01-02T03:04:05Z", "z": "4.5", "b": "yes"}),
        json!({"x": 2.5, "y": {"k": 1}, "z": false, "b": 3}),
    ];
    let mut n = Normalizer::new(Schema::new("s"), "1");
    n.schema_mut().max_nesting = Some(0);
    let batch = n.normalize_all("t", records).unwrap();
    let s = n.schema();
    assert_eq!(
        data_columns(s, "t"),
        [
            "x bigint",
            "y bigint",
            "z double",
            "b bool",
            "x__v_text text",
            "y__v_text timestamp",
            "x__v_double double",
            "y__v_json json",
            "z__v_bool bool"
        ]
    );
    let v = &s.tables["t"].columns["x__v_text"];
    assert!(v.variant);
    assert_eq!(
        v.description.as_deref(),
        Some("Variant of column x generated by dlt")
    );
    let cols = all_columns(s, "t");
    let row = &batch.rows["t"][1];
    assert_eq!(
        row[cols.iter().position(|c| *c == "z").unwrap()],
        SqlValue::Real(4.5)
    );
    assert_eq!(
        row[cols.iter().position(|c| *c == "b").unwrap()],
        SqlValue::Bool(true)
    );
    assert_eq!(
        row[cols.iter().position(|c| *c == "y__v_text").unwrap()],
        SqlValue::Timestamp(1_704_164_645_000_000)
    );
}

#[test]
fn a_value_that_fits_neither_column_nor_variant_is_an_error() {
    let mut n = Normalizer::new(Schema::new("s"), "1");
    n.normalize_all(
        "t",
        vec![json!({"x": 1}), json!({"x": "2024-01-02T03:04:05Z"})],
    )
    .unwrap();
    // `x__v_text` is now a timestamp column; "abc" fits neither.
    let err = n.normalize_all("t", vec![json!({"x": "abc"})]).unwrap_err();
    assert!(matches!(err, NormalizeError::CannotCoerce { .. }), "{err}");
}

#[test]
fn column_hints_override_inference() {
    let mut cols = indexmap::IndexMap::new();
    cols.insert(
        "price".to_string(),
        ColumnSchema {
            data_type: Some(DataType::Double),
            ..Default::default()
        },
    );
    cols.insert(
        "payload".to_string(),
        ColumnSchema {
            data_type: Some(DataType::Json),
            ..Default::default()
        },
    );
    cols.insert(
        "note".to_string(),
        ColumnSchema {
            nullable: Some(false),
            ..Default::default()
        },
    );
    let h = TableHints {
        columns: Some(Columns::Map(cols)),
        ..hints("t")
    };
    let (n, batch) = norm(
        vec![json!({"id": 1, "payload": {"a": [1]}, "price": 5, "note": "n"})],
        h,
    );
    let s = n.schema();
    assert_eq!(
        data_columns(s, "t"),
        ["price double", "payload json", "note text", "id bigint"]
    );
    assert!(!s.tables["t"].columns["note"].nullable);
    assert_eq!(data_tables(s), ["t"]);
    assert_eq!(batch.rows["t"][0][0], SqlValue::Real(5.0));
    assert_eq!(
        batch.rows["t"][0][1],
        SqlValue::Json(r#"{"a": [1]}"#.into())
    );
    let mut n2 = n;
    let err = n2
        .normalize_all("t", vec![json!({"id": 2, "note": null})])
        .unwrap_err();
    assert!(matches!(err, NormalizeError::NullInNotNull { .. }));
}

#[test]
fn integers_beyond_64_bits_are_stored_as_text() {
    let (n, batch) = norm(
        vec![
            json!({"id": 1, "big": 18446744073709551615u64}),
            json!({"id": 18446744073709551615u64}),
        ],
        hints("t"),
    );
    let s = n.schema();
    assert_eq!(
        data_columns(s, "t"),
        ["id bigint", "big text", "id__v_text text"]
    );
    assert_eq!(
        batch.rows["t"][0][1],
        SqlValue::Text("18446744073709551615".into())
    );
}

#[test]
fn scd2_ids_are_row_hashes_and_validity_columns_come_first() {
    let h = TableHints {
        write_disposition: Some(WriteDisposition::Spec(WriteDispositionSpec {
            disposition: DispositionName::Merge,
            strategy: Some(MergeStrategy::Scd2),
            deduplicated: None,
            validity_column_names: None,
            active_record_timestamp: None,
            boundary_timestamp: None,
            row_version_column_name: None,
        })),
        ..hints("d")
    };
    let rec = json!({"id": 1, "tags": ["a"]});
    let (n, batch) = norm(vec![rec.clone(), rec], h);
    let s = n.schema();
    assert_eq!(
        all_columns(s, "d"),
        [
            "_dlt_valid_from",
            "_dlt_valid_to",
            "_dlt_id",
            "id",
            "_dlt_load_id"
        ]
    );
    let id = &s.tables["d"].columns["_dlt_id"];
    assert!(id.x_row_version && !id.unique && id.data_type == Some(DataType::Text));
    assert!(!s.tables["d__tags"].columns.contains_key("_dlt_root_id"));
    let rows = &batch.rows["d"];
    assert_eq!(rows[0][2], rows[1][2]);
    assert_eq!(batch.rows["d__tags"][0], batch.rows["d__tags"][1]);
}

#[test]
fn a_record_carrying_dlt_id_keeps_it() {
    let (_, batch) = norm(
        vec![json!({"_dlt_id": "mine", "id": 1, "l": [1]})],
        hints("t"),
    );
    assert_eq!(batch.rows["t"][0][0], SqlValue::Text("mine".into()));
    assert_eq!(
        batch.rows["t__l"][0][3],
        SqlValue::Text(child_row_id("mine", "t__l", 0))
    );
}

#[test]
fn source_root_key_option_propagates_without_merge() {
    let mut n = Normalizer::new(Schema::new("s"), "1");
    n.schema_mut().root_key_propagation = Some(true);
    n.normalize_all("t", vec![json!({"id": 1, "l": [1]})])
        .unwrap();
    assert_eq!(all_columns(n.schema(), "t__l")[1], "_dlt_root_id");
}
