//! The SQLite destination: tables and data exactly where dlt's SQLAlchemy destination puts them,
//! written in one transaction per load.
//!
//! ```text
//! let mut loader = Loader::open(path)?;
//! let mut load = loader.begin(&load_id)?;      // BEGIN IMMEDIATE
//! load.start_table(&schema, "issues")?;        // replace truncates here
//! load.write(&schema, &batch)?;                // DDL as needed, then rows (merge: staging)
//! load.commit(&mut schema, Some(&mut state))?; // merge SQL, _dlt_version, state, _dlt_loads, COMMIT
//! ```
//!
//! Dropping a [`Load`] without committing rolls everything back: the previous load's data and
//! state stay as they were.

pub mod ddl;
pub mod insert;
pub mod merge;
pub mod read;
mod reset;
pub mod state;
mod system;

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use indexmap::IndexMap;
use rusqlite::{Connection, TransactionBehavior};
use serde_json::Value;

use crate::normalize::pyfmt::float_repr;
use crate::normalize::schema::{DispositionName, MergeStrategy, Schema};
use crate::normalize::timestamp::now_micros;
use crate::normalize::Batch;

use ddl::Catalog;

pub use read::{LoadInfo, RowPage, TableInfo};

/// What can go wrong while loading.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The database refused a statement.
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// A hint asks for something the SQLite destination does not do (as dlt's message says).
    #[error("{0}")]
    Unsupported(String),
    /// The stored pipeline state could not be encoded or decoded.
    #[error("pipeline state: {0}")]
    State(String),
    /// The schema is not usable for this operation.
    #[error("schema: {0}")]
    Schema(String),
}

/// An open dataset file.
#[derive(Debug)]
pub struct Loader {
    conn: Connection,
    path: PathBuf,
}

/// dlt keeps each dataset in its own file next to the configured database:
/// `<db stem>__<dataset><suffix>` (e.g. `db.db` + `ds` → `db__ds.db`).
pub fn dataset_file(db_path: &Path, dataset: &str) -> PathBuf {
    let stem = db_path.file_stem().and_then(|s| s.to_str()).unwrap_or("db");
    let suffix = db_path
        .extension()
        .and_then(|s| s.to_str())
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    db_path.with_file_name(format!("{stem}__{dataset}{suffix}"))
}

/// A load id as dlt makes it: the current Unix time as Python prints a float.
pub fn new_load_id() -> String {
    float_repr(now_micros() as f64 / 1e6)
}

impl Loader {
    /// Opens (creating if needed) a dataset file in WAL mode.
    pub fn open(path: impl AsRef<Path>) -> Result<Self, LoadError> {
        let path = path.as_ref().to_path_buf();
        let conn = Connection::open(&path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        let _mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0))?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Loader { conn, path })
    }

    /// The dataset file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The connection, for reads the helpers do not cover.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Starts a load: one write transaction until [`Load::commit`].
    pub fn begin(&mut self, load_id: &str) -> Result<Load<'_>, LoadError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Load {
            tx,
            load_id: load_id.to_string(),
            started_at: now_micros(),
            catalog: Catalog::default(),
            started: HashSet::new(),
            staged_roots: Vec::new(),
            rows: IndexMap::new(),
        })
    }
}

/// What a committed load did.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadSummary {
    pub load_id: String,
    /// Rows written per table (for merge tables: rows staged, before dedup and deletes).
    pub rows: IndexMap<String, u64>,
    /// The schema version stored with this load.
    pub schema_version: u64,
    /// True if a new schema version was stored.
    pub schema_stored: bool,
    /// True if a new state row was stored.
    pub state_stored: bool,
}

/// One load in progress (an open transaction).
pub struct Load<'c> {
    tx: rusqlite::Transaction<'c>,
    load_id: String,
    /// Microseconds since the epoch when the load began (scd2's default boundary).
    started_at: i64,
    catalog: Catalog,
    started: HashSet<String>,
    staged_roots: Vec<String>,
    rows: IndexMap<String, u64>,
}

impl std::fmt::Debug for Load<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Load")
            .field("load_id", &self.load_id)
            .finish_non_exhaustive()
    }
}

/// dlt's capability check for merge strategies on SQLAlchemy.
pub fn check_supported(schema: &Schema, root: &str) -> Result<(), LoadError> {
    let name = match schema.merge_strategy(root) {
        Some(MergeStrategy::Upsert) => "upsert",
        Some(MergeStrategy::InsertOnly) => "insert-only",
        _ => return Ok(()),
    };
    Err(LoadError::Unsupported(format!(
        "`{name}` merge strategy not supported for table `{root}`. Available strategies: ['delete-insert', 'scd2']"
    )))
}

impl Load<'_> {
    /// The load id.
    pub fn load_id(&self) -> &str {
        &self.load_id
    }

    /// Drops the schema's tables, versions and loads and the pipeline's state, as
    /// [`Loader::full_refresh`] does, but inside this load's transaction: a `--full-refresh` run
    /// that fails, is cancelled or is killed leaves the previous load in place.
    pub fn full_refresh(
        &mut self,
        schema_name: &str,
        pipeline_name: &str,
    ) -> Result<(), LoadError> {
        read::drop_pipeline(&self.tx, schema_name, pipeline_name)?;
        // Tables known to exist may be gone now.
        self.catalog = Catalog::default();
        Ok(())
    }

    /// The newest completed state of a pipeline, as this transaction sees it.
    pub fn read_state(&self, pipeline_name: &str) -> Result<Option<Value>, LoadError> {
        read::read_state(&self.tx, pipeline_name)
    }

    /// The newest stored version of a schema, as this transaction sees it.
    pub fn read_schema(&self, schema_name: &str) -> Result<Option<Schema>, LoadError> {
        read::read_schema(&self.tx, schema_name)
    }

    /// Commits what this load changed so far (e.g. a full refresh's drops) without recording a
    /// load: no `_dlt_loads` row, no schema version, no state.
    pub fn commit_without_load(self) -> Result<(), LoadError> {
        self.tx.commit()?;
        Ok(())
    }

    /// Announces that a resource's table takes part in this load. For `replace` this truncates
    /// the table and its nested tables, so a resource that yields nothing still empties them.
    /// [`Load::write`] calls it for every root it meets.
    pub fn start_table(&mut self, schema: &Schema, root: &str) -> Result<(), LoadError> {
        if !self.started.insert(root.to_string()) {
            return Ok(());
        }
        check_supported(schema, root)?;
        let replace = schema.tables.get(root).and_then(|t| t.write_disposition)
            == Some(DispositionName::Replace);
        if replace {
            for t in schema.table_chain(root) {
                if self.catalog.exists(&self.tx, "main", &t.name)? {
                    self.tx.execute_batch(&format!(
                        "DELETE FROM {}",
                        ddl::qualified("main", &t.name)
                    ))?;
                }
            }
        }
        Ok(())
    }

    /// Writes a batch: creates or extends tables, then inserts (merge tables go to staging).
    pub fn write(&mut self, schema: &Schema, batch: &Batch) -> Result<(), LoadError> {
        for (name, rows) in &batch.rows {
            let root = schema.root_of(name).to_string();
            self.start_table(schema, &root)?;
            let Some(table) = schema.tables.get(name) else {
                continue;
            };
            let disposition = schema.tables.get(&root).and_then(|t| t.write_disposition);
            let (db, target) = match disposition {
                Some(DispositionName::Skip) => continue,
                Some(DispositionName::Merge) => {
                    if !self.staged_roots.contains(&root) {
                        self.staged_roots.push(root.clone());
                    }
                    ("temp", merge::stage_name(name))
                }
                _ => ("main", name.clone()),
            };
            self.catalog
                .sync(&self.tx, db, &target, table, db == "main")?;
            insert::insert_rows(&self.tx, db, &target, table, rows)?;
            *self.rows.entry(name.clone()).or_default() += rows.len() as u64;
        }
        Ok(())
    }

    fn run_merges(&mut self, schema: &Schema) -> Result<(), LoadError> {
        for root in std::mem::take(&mut self.staged_roots) {
            let mut chain = Vec::new();
            for t in schema.table_chain(&root) {
                let staged = self
                    .catalog
                    .exists(&self.tx, "temp", &merge::stage_name(&t.name))?;
                if !staged && !self.catalog.exists(&self.tx, "main", &t.name)? {
                    continue;
                }
                self.catalog.sync(&self.tx, "main", &t.name, t, true)?;
                self.catalog
                    .sync(&self.tx, "temp", &merge::stage_name(&t.name), t, false)?;
                chain.push(t);
            }
            match schema.merge_strategy(&root) {
                Some(MergeStrategy::Scd2) => {
                    let root_t = chain.first().copied();
                    let boundary = root_t
                        .and_then(|t| t.boundary_timestamp.as_ref())
                        .and_then(system::timestamp_of)
                        .unwrap_or(self.started_at);
                    let active = root_t
                        .and_then(|t| t.first_column_with(|c| c.x_valid_to))
                        .and_then(|c| c.x_active_record_timestamp.as_ref())
                        .and_then(system::timestamp_of)
                        .map(system::tz_literal);
                    merge::scd2(
                        &self.tx,
                        &chain,
                        &system::tz_literal(boundary),
                        active.as_deref(),
                    )?;
                }
                _ => merge::delete_insert(&self.tx, &chain)?,
            }
            for t in &chain {
                let stage = merge::stage_name(&t.name);
                self.tx.execute_batch(&format!(
                    "DROP TABLE IF EXISTS {}",
                    ddl::qualified("temp", &stage)
                ))?;
                self.catalog.forget("temp", &stage);
            }
        }
        Ok(())
    }

    /// Finishes the load: merges, stores the schema version if new, the state if changed (its
    /// `_state_version`/`_version_hash` are updated in place) and the `_dlt_loads` row, then
    /// commits. Nothing is visible to readers before this returns.
    pub fn commit(
        mut self,
        schema: &mut Schema,
        state: Option<&mut Value>,
    ) -> Result<LoadSummary, LoadError> {
        self.run_merges(schema)?;
        let (schema_stored, state_stored) =
            system::write_system_rows(&self.tx, &mut self.catalog, schema, state, &self.load_id)?;
        self.tx.commit()?;
        Ok(LoadSummary {
            load_id: self.load_id,
            rows: self.rows,
            schema_version: schema.version,
            schema_stored,
            state_stored,
        })
    }
}
