//! Forgetting a resource's incremental cursor, so its next run starts from the initial value.

use serde_json::Value;

use super::{new_load_id, LoadError, Loader};
use crate::normalize::schema::Schema;

impl Loader {
    /// Removes `resource`'s incremental entry
    /// (`sources.<schema_name>.resources.<resource>.incremental`) from the newest completed state
    /// of `pipeline_name`, and stores what is left as a new state version with a load row of its
    /// own (a state row counts only with a completed load, as dlt restores it). The read, the
    /// state row and the load row share one transaction, so a failure changes nothing.
    ///
    /// Returns `false`, and changes nothing, when the resource has no stored cursor.
    pub fn reset_incremental(
        &mut self,
        pipeline_name: &str,
        schema_name: &str,
        resource: &str,
    ) -> Result<bool, LoadError> {
        let load = self.begin(&new_load_id())?;
        let Some(mut state) = load.read_state(pipeline_name)? else {
            return Ok(false);
        };
        if !remove_cursor(&mut state, schema_name, resource) {
            // Dropping the load rolls the (empty) transaction back.
            return Ok(false);
        }
        let mut schema = load
            .read_schema(schema_name)?
            .unwrap_or_else(|| Schema::new(schema_name));
        load.commit(&mut schema, Some(&mut state))?;
        Ok(true)
    }
}

/// Removes the resource's `incremental` object and its per-parent cursors (and the resource's
/// entry when nothing else is left in it). True when there was one.
fn remove_cursor(state: &mut Value, schema_name: &str, resource: &str) -> bool {
    let Some(resources) = state
        .get_mut("sources")
        .and_then(|s| s.get_mut(schema_name))
        .and_then(|s| s.get_mut("resources"))
        .and_then(Value::as_object_mut)
    else {
        return false;
    };
    let Some(entry) = resources.get_mut(resource).and_then(Value::as_object_mut) else {
        return false;
    };
    let shared = entry.remove("incremental").is_some();
    let per_parent = entry.remove("per_parent").is_some();
    if !shared && !per_parent {
        return false;
    }
    if entry.is_empty() {
        resources.remove(resource);
    }
    true
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::load::state::default_state;

    fn cursor(last: &str) -> Value {
        json!({"updated_at": {
            "initial_value": "2024-01-01T00:00:00Z", "last_value": last,
            "unique_hashes": ["jEEVfaUnrrLI"], "start_value": "2024-01-01T00:00:00Z"}})
    }

    /// A dataset whose pipeline `p` has cursors for `posts` and `users` under source `demo`.
    fn seeded(dir: &tempfile::TempDir) -> Loader {
        let mut loader = Loader::open(dir.path().join("demo.sqlite")).unwrap();
        let mut state = default_state("p", "main", "demo");
        state["sources"] = json!({"demo": {"resources": {
            "posts": {"incremental": cursor("2024-02-01T00:00:00Z")},
            "users": {"incremental": cursor("2024-03-01T00:00:00Z"), "other": 1},
        }}});
        let mut schema = Schema::new("demo");
        let load = loader.begin("1700000001.5").unwrap();
        load.commit(&mut schema, Some(&mut state)).unwrap();
        loader
    }

    fn count(loader: &Loader, table: &str) -> i64 {
        loader
            .connection()
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn removes_one_cursor_in_a_new_state_version() {
        let dir = tempfile::tempdir().unwrap();
        let mut loader = seeded(&dir);
        let before = loader.read_state("p").unwrap().unwrap();
        assert_eq!(count(&loader, "_dlt_loads"), 1);

        assert!(loader.reset_incremental("p", "demo", "posts").unwrap());
        let after = loader.read_state("p").unwrap().unwrap();
        let resources = &after["sources"]["demo"]["resources"];
        assert!(resources.get("posts").is_none(), "{after}");
        assert_eq!(
            resources["users"]["incremental"],
            cursor("2024-03-01T00:00:00Z")
        );
        assert_eq!(resources["users"]["other"], 1);
        assert_eq!(
            after["_state_version"].as_i64().unwrap(),
            before["_state_version"].as_i64().unwrap() + 1
        );
        assert_ne!(after["_version_hash"], before["_version_hash"]);
        // The new state counts because it has a completed load of its own.
        assert_eq!(count(&loader, "_dlt_loads"), 2);
        assert_eq!(count(&loader, "_dlt_pipeline_state"), 2);

        // The other resource keeps non-cursor state: only `incremental` goes.
        assert!(loader.reset_incremental("p", "demo", "users").unwrap());
        let last = loader.read_state("p").unwrap().unwrap();
        assert_eq!(
            last["sources"]["demo"]["resources"]["users"],
            json!({"other": 1})
        );
    }

    #[test]
    fn nothing_to_reset_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut loader = seeded(&dir);
        let before = loader.read_state("p").unwrap();
        assert!(!loader.reset_incremental("p", "demo", "comments").unwrap());
        assert!(!loader
            .reset_incremental("p", "other_source", "posts")
            .unwrap());
        assert!(!loader
            .reset_incremental("no_pipeline", "demo", "posts")
            .unwrap());
        assert_eq!(loader.read_state("p").unwrap(), before);
        assert_eq!(count(&loader, "_dlt_loads"), 1);

        let empty = tempfile::tempdir().unwrap();
        let mut fresh = Loader::open(empty.path().join("x.sqlite")).unwrap();
        assert!(!fresh.reset_incremental("p", "demo", "posts").unwrap());
    }
}
