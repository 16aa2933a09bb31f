//! dlt's pipeline state document and its storage encoding (`dlt/common/versioned_state.py`,
//! `dlt/pipeline/state_sync.py`): compact JSON, zlib level 9, base64; versioned by a SHA3-256 hash
//! of the content.
//!
//! Incremental cursors live at `sources.<source>.resources.<resource>.incremental.<cursor_path>`
//! (dlt-behaviour.md §7.4); this module stores whatever document the caller hands it.

use std::io::{Read, Write};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use flate2::read::ZlibDecoder;
use flate2::write::ZlibEncoder;
use flate2::Compression;
use serde_json::{json, Value};

use super::LoadError;
use crate::normalize::hash::sha3_256_b64;
use crate::normalize::pyfmt::sorted_compact_json;

/// dlt's pipeline state engine version.
pub const STATE_ENGINE_VERSION: i64 = 4;

/// What dlt records as the destination of an SQLAlchemy pipeline.
pub const DESTINATION_TYPE: &str = "dlt.destinations.sqlalchemy";

/// A fresh state document, as dlt writes it on a pipeline's first run.
pub fn default_state(pipeline_name: &str, dataset_name: &str, schema_name: &str) -> Value {
    json!({
        "_state_version": 0,
        "_state_engine_version": STATE_ENGINE_VERSION,
        "schema_names": [schema_name],
        "pipeline_name": pipeline_name,
        "default_schema_name": schema_name,
        "dataset_name": dataset_name,
        "destination_type": DESTINATION_TYPE,
        "destination_name": null,
    })
}

/// `compress_state`: compact JSON → zlib (level 9) → base64.
pub fn encode_state(state: &Value) -> Result<String, LoadError> {
    let mut enc = ZlibEncoder::new(Vec::new(), Compression::new(9));
    enc.write_all(state.to_string().as_bytes())
        .map_err(|e| LoadError::State(e.to_string()))?;
    let bytes = enc.finish().map_err(|e| LoadError::State(e.to_string()))?;
    Ok(STANDARD.encode(bytes))
}

/// `decompress_state`: base64 + zlib, or (as dlt accepts) plain JSON.
pub fn decode_state(text: &str) -> Result<Value, LoadError> {
    let bad =
        |e: &dyn std::fmt::Display| LoadError::State(format!("cannot decode stored state: {e}"));
    match STANDARD.decode(text.trim()) {
        Ok(bytes) => {
            let mut json = String::new();
            ZlibDecoder::new(bytes.as_slice())
                .read_to_string(&mut json)
                .map_err(|e| bad(&e))?;
            serde_json::from_str(&json).map_err(|e| bad(&e))
        }
        Err(_) => serde_json::from_str(text).map_err(|e| bad(&e)),
    }
}

/// `generate_state_version_hash`: SHA3-256 of the sorted JSON without the version fields and
/// the local (never synced) part.
pub fn state_version_hash(state: &Value) -> String {
    let mut copy = state.clone();
    if let Value::Object(m) = &mut copy {
        for k in [
            "_state_version",
            "_state_engine_version",
            "_version_hash",
            "_local",
        ] {
            m.remove(k);
        }
    }
    sha3_256_b64(&[sorted_compact_json(&copy).as_bytes()])
}

/// `bump_state_version_if_modified`: sets `_version_hash`, bumping `_state_version` if the content
/// changed since the hash it carries. Returns true when the version was bumped.
pub fn bump_state_version(state: &mut Value) -> bool {
    let hash = state_version_hash(state);
    let Value::Object(m) = state else {
        return false;
    };
    let previous = m
        .get("_version_hash")
        .and_then(Value::as_str)
        .map(str::to_string);
    let bumped = matches!(&previous, Some(p) if !p.is_empty() && *p != hash);
    if bumped {
        let v = m.get("_state_version").and_then(Value::as_i64).unwrap_or(0);
        m.insert("_state_version".into(), json!(v + 1));
    }
    m.entry("_state_version").or_insert(json!(0));
    m.entry("_state_engine_version")
        .or_insert(json!(STATE_ENGINE_VERSION));
    m.insert("_version_hash".into(), json!(hash));
    bumped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_round_trips_and_is_zlib_base64() {
        let mut state = default_state("p", "ds", "rest_api");
        state["sources"] = json!({"rest_api": {"resources": {"issues": {"incremental": {"updated_at": {
            "initial_value": "2024-01-05T00:00:00Z", "last_value": "2024-01-12T00:00:00Z",
            "unique_hashes": ["jEEVfaUnrrLI"], "start_value": "2024-01-05T00:00:00Z"}}}}}});
        let text = encode_state(&state).unwrap();
        let raw = STANDARD.decode(&text).unwrap();
        assert_eq!(raw[0], 0x78, "zlib header");
        assert_eq!(raw[1], 0xda, "zlib header for level 9");
        assert_eq!(decode_state(&text).unwrap(), state);
        assert_eq!(decode_state(r#"{"a": 1}"#).unwrap(), json!({"a": 1}));
    }

    #[test]
    fn version_bumps_only_on_change() {
        let mut state = default_state("p", "ds", "s");
        assert!(!bump_state_version(&mut state));
        assert_eq!(state["_state_version"], 0);
        let h = state["_version_hash"].clone();
        assert!(!bump_state_version(&mut state));
        assert_eq!(state["_version_hash"], h);
        state["sources"] = json!({"s": {}});
        assert!(bump_state_version(&mut state));
        assert_eq!(state["_state_version"], 1);
        state["_local"] = json!({"x": 1});
        assert!(!bump_state_version(&mut state));
    }
}
