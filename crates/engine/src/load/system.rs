//! Rows of dlt's system tables written at the end of a load: `_dlt_version` (when the schema
//! changed), `_dlt_pipeline_state` (when the state changed) and `_dlt_loads` (always).

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use super::ddl::{qualified, Catalog};
use super::state::{bump_state_version, encode_state, STATE_ENGINE_VERSION};
use super::LoadError;
use crate::normalize::hash::random_dlt_id;
use crate::normalize::schema::{Schema, LOADS_TABLE, STATE_TABLE, VERSION_TABLE};
use crate::normalize::schema_json::{bump_version, to_dlt_json, SCHEMA_ENGINE_VERSION};
use crate::normalize::timestamp::{
    format_timestamp, from_epoch_seconds, now_micros, text_to_timestamp,
};

/// A timestamp hint value (ISO text or epoch number) in UTC microseconds.
pub fn timestamp_of(v: &Value) -> Option<i64> {
    match v {
        Value::String(s) => text_to_timestamp(s),
        Value::Number(n) => n.as_f64().and_then(from_epoch_seconds),
        _ => None,
    }
}

/// dlt's datetime literal for SQLite merge SQL: `isoformat(sep=" ")` of an aware UTC datetime.
pub fn tz_literal(micros: i64) -> String {
    format!("{}+00:00", format_timestamp(micros))
}

/// Creates the system tables if needed and writes their rows. Returns (schema stored, state stored).
pub fn write_system_rows(
    conn: &Connection,
    catalog: &mut Catalog,
    schema: &mut Schema,
    state: Option<&mut Value>,
    load_id: &str,
) -> Result<(bool, bool), LoadError> {
    for name in [VERSION_TABLE, LOADS_TABLE, STATE_TABLE] {
        if let Some(t) = schema.tables.get(name) {
            catalog.sync(conn, "main", name, t, true)?;
        }
    }
    let now = format_timestamp(now_micros());
    bump_version(schema);
    let stored: Option<i64> = conn
        .query_row(
            &format!(
                "SELECT 1 FROM {} WHERE version_hash = ?1 LIMIT 1",
                qualified("main", VERSION_TABLE)
            ),
            [&schema.version_hash],
            |r| r.get(0),
        )
        .optional()?;
    let schema_stored = stored.is_none();
    if schema_stored {
        conn.execute(
            &format!(
                "INSERT INTO {} (version, engine_version, inserted_at, schema_name, version_hash, schema) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                qualified("main", VERSION_TABLE)
            ),
            params![
                schema.version as i64,
                SCHEMA_ENGINE_VERSION,
                now,
                schema.name,
                schema.version_hash,
                to_dlt_json(schema).to_string()
            ],
        )?;
    }
    let mut state_stored = false;
    if let Some(state) = state {
        bump_state_version(state);
        let pipeline = state
            .get("pipeline_name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let hash = state
            .get("_version_hash")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let latest: Option<String> = conn
            .query_row(
                &format!(
                    "SELECT s.version_hash FROM {} AS s JOIN {} AS l ON l.load_id = s._dlt_load_id \
                     WHERE s.pipeline_name = ?1 AND l.status = 0 ORDER BY l.load_id DESC LIMIT 1",
                    qualified("main", STATE_TABLE),
                    qualified("main", LOADS_TABLE)
                ),
                [&pipeline],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        if latest.as_deref() != Some(hash.as_str()) {
            let mut doc = state.clone();
            if let Value::Object(m) = &mut doc {
                m.remove("_local");
            }
            conn.execute(
                &format!(
                    "INSERT INTO {} (version, engine_version, pipeline_name, state, created_at, version_hash, _dlt_load_id, _dlt_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    qualified("main", STATE_TABLE)
                ),
                params![
                    state.get("_state_version").and_then(Value::as_i64).unwrap_or(0),
                    STATE_ENGINE_VERSION,
                    pipeline,
                    encode_state(&doc)?,
                    now,
                    hash,
                    load_id,
                    random_dlt_id()
                ],
            )?;
            state_stored = true;
        }
    }
    conn.execute(
        &format!(
            "INSERT INTO {} (load_id, schema_name, status, inserted_at, schema_version_hash) VALUES (?1, ?2, 0, ?3, ?4)",
            qualified("main", LOADS_TABLE)
        ),
        params![load_id, schema.name, now, schema.version_hash],
    )?;
    Ok((schema_stored, state_stored))
}
