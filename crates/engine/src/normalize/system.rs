//! dlt's system tables as schema tables (`dlt/common/schema/utils.py`: `version_table`,
//! `loads_table`, `pipeline_state_table`), with their exact columns, types and nullability.

use super::schema::{
    Column, DataType, DispositionName, Table, LOADS_TABLE, STATE_TABLE, VERSION_TABLE,
};

fn col(name: &str, data_type: DataType, nullable: bool) -> Column {
    Column {
        nullable,
        ..Column::new(name, Some(data_type))
    }
}

fn table(
    name: &str,
    disposition: DispositionName,
    description: &str,
    columns: Vec<Column>,
) -> Table {
    Table {
        description: Some(description.to_string()),
        write_disposition: Some(disposition),
        columns: columns.into_iter().map(|c| (c.name.clone(), c)).collect(),
        ..Table::new_root(name)
    }
}

/// `_dlt_version`, `_dlt_loads` and `_dlt_pipeline_state` in the order dlt creates them.
pub fn system_tables() -> Vec<Table> {
    use DataType::{Bigint, Text, Timestamp};
    let load_id = |name: &str| Column {
        precision: Some(64),
        ..col(name, Text, false)
    };
    vec![
        table(
            VERSION_TABLE,
            DispositionName::Skip,
            "Created by DLT. Tracks schema updates",
            vec![
                col("version", Bigint, false),
                col("engine_version", Bigint, false),
                col("inserted_at", Timestamp, false),
                col("schema_name", Text, false),
                col("version_hash", Text, false),
                col("schema", Text, false),
            ],
        ),
        table(
            LOADS_TABLE,
            DispositionName::Skip,
            "Created by DLT. Tracks completed loads",
            vec![
                load_id("load_id"),
                col("schema_name", Text, true),
                col("status", Bigint, false),
                col("inserted_at", Timestamp, false),
                col("schema_version_hash", Text, true),
            ],
        ),
        table(
            STATE_TABLE,
            DispositionName::Append,
            "Created by DLT. Tracks pipeline state",
            vec![
                col("version", Bigint, false),
                col("engine_version", Bigint, false),
                col("pipeline_name", Text, false),
                col("state", Text, false),
                col("created_at", Timestamp, false),
                col("version_hash", Text, true),
                load_id("_dlt_load_id"),
                // Added by the normalizer when dlt loads the state document as a row.
                Column {
                    unique: true,
                    row_key: true,
                    ..col("_dlt_id", Text, false)
                },
            ],
        ),
    ]
}
