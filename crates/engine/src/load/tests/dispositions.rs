//! Write dispositions: replace, merge delete-insert (keys, dedup, hard delete, merge key, no
//! keys), upsert refusal, scd2 — each run at least twice against the same file.

use serde_json::json;

use super::*;

#[test]
fn replace_truncates_root_and_nested_tables_even_when_empty() {
    let mut d = db();
    let h = hints(
        "r",
        Some(WriteDisposition::Name(DispositionName::Replace)),
        None,
    );
    d.run(
        &h,
        vec![json!({"id": 1, "l": [1, 2]}), json!({"id": 2, "l": [3]})],
        None,
    );
    d.run(&h, vec![json!({"id": 3, "l": [4]})], None);
    assert_eq!(d.rows("SELECT id FROM r"), [[json!(3)]]);
    assert_eq!(d.rows("SELECT value FROM r__l"), [[json!(4)]]);
    d.run(&h, vec![], None);
    assert_eq!((d.count("r"), d.count("r__l")), (0, 0));
}

/// The observed delete-insert example of dlt-behaviour.md §11.8, run twice.
#[test]
fn merge_delete_insert_dedups_and_replaces_children() {
    let mut d = db();
    let h = hints("m", merge(), Some("id"));
    d.run(
        &h,
        vec![
            json!({"id": 1, "v": "a", "tags": ["x", "y"]}),
            json!({"id": 2, "v": "b", "tags": ["z"]}),
            json!({"id": 1, "v": "a2", "tags": ["w"]}),
        ],
        None,
    );
    assert_eq!(
        d.rows("SELECT id, v FROM m ORDER BY id"),
        [[json!(1), json!("a")], [json!(2), json!("b")]]
    );
    let tags = "SELECT m.id, t.value FROM m__tags t JOIN m ON m._dlt_id = t._dlt_root_id ORDER BY m.id, t._dlt_list_idx";
    assert_eq!(
        d.rows(tags),
        [
            [json!(1), json!("x")],
            [json!(1), json!("y")],
            [json!(2), json!("z")]
        ]
    );
    d.run(
        &h,
        vec![
            json!({"id": 2, "v": "b2", "tags": []}),
            json!({"id": 3, "v": "c", "tags": ["q"]}),
        ],
        None,
    );
    assert_eq!(
        d.rows("SELECT id, v FROM m ORDER BY id"),
        [
            [json!(1), json!("a")],
            [json!(2), json!("b2")],
            [json!(3), json!("c")]
        ]
    );
    assert_eq!(
        d.rows(tags),
        [
            [json!(1), json!("x")],
            [json!(1), json!("y")],
            [json!(3), json!("q")]
        ]
    );
    assert_eq!(d.count("m__tags"), 3);
}

#[test]
fn merge_single_table_with_dedup_sort_and_hard_delete() {
    let mut d = db();
    let mut cols = indexmap::IndexMap::new();
    cols.insert(
        "ver".to_string(),
        ColumnSchema {
            dedup_sort: Some(SortOrder::Desc),
            ..Default::default()
        },
    );
    cols.insert(
        "deleted".to_string(),
        ColumnSchema {
            data_type: Some(DataType::Bool),
            hard_delete: Some(true),
            ..Default::default()
        },
    );
    let h = TableHints {
        columns: Some(Columns::Map(cols)),
        ..hints("h", merge(), Some("id"))
    };
    d.run(
        &h,
        vec![
            json!({"id": 1, "ver": 1}),
            json!({"id": 1, "ver": 3}),
            json!({"id": 1, "ver": 2}),
            json!({"id": 2, "ver": 1}),
        ],
        None,
    );
    assert_eq!(
        d.rows("SELECT id, ver FROM h ORDER BY id"),
        [[json!(1), json!(3)], [json!(2), json!(1)]]
    );
    d.run(
        &h,
        vec![
            json!({"id": 2, "ver": 2, "deleted": true}),
            json!({"id": 1, "ver": 4, "deleted": false}),
        ],
        None,
    );
    assert_eq!(
        d.rows("SELECT id, ver FROM h ORDER BY id"),
        [[json!(1), json!(4)]]
    );
}

#[test]
fn merge_key_deletes_by_merge_key() {
    let mut d = db();
    let h = TableHints {
        merge_key: Some(KeyList::One("day".into())),
        ..hints("k", merge(), None)
    };
    d.run(
        &h,
        vec![
            json!({"day": 1, "n": 1}),
            json!({"day": 1, "n": 2}),
            json!({"day": 2, "n": 3}),
        ],
        None,
    );
    d.run(&h, vec![json!({"day": 1, "n": 9})], None);
    assert_eq!(
        d.rows("SELECT day, n FROM k ORDER BY n"),
        [[json!(2), json!(3)], [json!(1), json!(9)]]
    );
}

#[test]
fn merge_without_keys_appends() {
    let mut d = db();
    let h = hints("n", merge(), None);
    d.run(&h, vec![json!({"id": 1, "l": [1]})], None);
    d.run(&h, vec![json!({"id": 1, "l": [1]})], None);
    assert_eq!((d.count("n"), d.count("n__l")), (2, 2));
}

#[test]
fn upsert_is_refused_like_dlt_on_sqlalchemy() {
    let mut d = db();
    let h = hints(
        "u",
        Some(WriteDisposition::Spec(spec(MergeStrategy::Upsert))),
        Some("id"),
    );
    let mut n = Normalizer::new(d.schema.clone(), "1");
    n.register_table(&h).unwrap();
    let mut load = d.loader.begin("1").unwrap();
    let err = load.start_table(n.schema(), "u").unwrap_err();
    assert_eq!(err.to_string(), "`upsert` merge strategy not supported for table `u`. Available strategies: ['delete-insert', 'scd2']");
}

/// scd2 run twice: changed and absent records are retired, new versions inserted, children kept.
#[test]
fn scd2_retires_changed_and_absent_rows() {
    let mut d = db();
    let h = hints(
        "s",
        Some(WriteDisposition::Spec(spec(MergeStrategy::Scd2))),
        None,
    );
    d.run(
        &h,
        vec![
            json!({"id": 1, "v": "a", "l": [1]}),
            json!({"id": 2, "v": "b"}),
        ],
        None,
    );
    let cols: Vec<String> = d
        .ddl("s")
        .into_iter()
        .map(|c| format!("{} {}", c.0, c.1))
        .collect();
    assert_eq!(
        cols,
        [
            "_dlt_valid_from DATETIME",
            "_dlt_valid_to DATETIME",
            "_dlt_id TEXT",
            "id BIGINT",
            "v TEXT",
            "_dlt_load_id TEXT"
        ]
    );
    let first = d.rows("SELECT _dlt_valid_from FROM s LIMIT 1")[0][0].clone();
    let text = first.as_str().unwrap();
    assert!(text.ends_with("+00:00") && text.len() == 32, "{text}");
    d.run(
        &h,
        vec![
            json!({"id": 1, "v": "a", "l": [1]}),
            json!({"id": 3, "v": "c"}),
        ],
        None,
    );
    let rows = d.rows("SELECT id, v, _dlt_valid_to IS NULL FROM s ORDER BY id, _dlt_valid_from");
    assert_eq!(
        rows,
        [
            [json!(1), json!("a"), json!(1)],
            [json!(2), json!("b"), json!(0)],
            [json!(3), json!("c"), json!(1)]
        ]
    );
    assert_eq!(d.count("s__l"), 1);
    d.run(&h, vec![json!({"id": 1, "v": "a2", "l": [1]})], None);
    let rows =
        d.rows("SELECT id, v, _dlt_valid_to IS NULL FROM s WHERE id = 1 ORDER BY _dlt_valid_from");
    assert_eq!(
        rows,
        [
            [json!(1), json!("a"), json!(0)],
            [json!(1), json!("a2"), json!(1)]
        ]
    );
    assert_eq!(d.count("s__l"), 2);
    assert_eq!(
        d.rows("SELECT COUNT(*) FROM s WHERE _dlt_valid_to IS NULL"),
        [[json!(1)]]
    );
}
