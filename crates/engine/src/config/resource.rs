//! Resources: the entries of `resources`, and the `resource_defaults` they inherit from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::actions::ProcessingStep;
use super::auth::AuthConfig;
use super::common::{nullable, KeyList};
use super::endpoint::EndpointEntry;
use super::hints::{
    Columns, FileFormat, NestedHints, SchemaContract, TableFormat, TableReference, WriteDisposition,
};

/// A resource given as a name (whose endpoint path is the name) or as an object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ResourceEntry {
    /// `"issues"` means `{name: issues, endpoint: {path: issues}}`.
    Name(String),
    /// The full resource object.
    Spec(Box<Resource>),
}

impl ResourceEntry {
    /// The resource name, whichever form it was written in.
    pub fn name(&self) -> &str {
        match self {
            ResourceEntry::Name(n) => n,
            ResourceEntry::Spec(r) => &r.name,
        }
    }
}

// `Resource` and `ResourceDefaults` share every hint; the macro writes the shared fields once so
// the two structs cannot drift, while each keeps `deny_unknown_fields` (which serde's `flatten`
// would not allow).
macro_rules! resource_struct {
    ($(#[$meta:meta])* pub struct $name:ident { $($(#[$fmeta:meta])* pub $field:ident : $ty:ty,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
            /// The request to send: a path string or an endpoint object.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub endpoint: Option<EndpointEntry>,
            /// `append` (default), `replace`, `merge`, `skip`, or an object with a merge strategy.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub write_disposition: Option<WriteDisposition>,
            /// Primary key column(s).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub primary_key: Option<KeyList>,
            /// Merge key column(s).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub merge_key: Option<KeyList>,
            /// Destination table name (default: the resource name).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub table_name: Option<String>,
            /// Column hints: types, nullability, keys.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub columns: Option<Columns>,
            /// Depth beyond which nested data is stored as JSON instead of child tables.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub max_table_nesting: Option<u32>,
            /// `false`: fetched when a child needs it, but not loaded.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub selected: Option<bool>,
            /// Fetch child requests concurrently.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub parallelized: Option<bool>,
            /// Parent fields copied into every child record as `_<parent>_<field>`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub include_from_parent: Option<Vec<String>>,
            /// jq filter / map / yield_map steps applied to every record, in order.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub processing_steps: Option<Vec<ProcessingStep>>,
            /// Auth for this resource's endpoint (the endpoint's own `auth` wins).
            #[serde(default, deserialize_with = "nullable", skip_serializing_if = "Option::is_none")]
            pub auth: Option<Option<AuthConfig>>,
            /// Schema contract.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub schema_contract: Option<SchemaContract>,
            /// Table format hint.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub table_format: Option<TableFormat>,
            /// Loader file format hint.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub file_format: Option<FileFormat>,
            /// References to other tables.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub references: Option<Vec<TableReference>>,
            /// Hints for nested tables, keyed by their path.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub nested_hints: Option<indexmap::IndexMap<String, NestedHints>>,
            /// Parent table name hint (rarely needed).
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub parent_table_name: Option<String>,
        }
    };
}

resource_struct! {
    /// One resource: an endpoint and the table it loads.
    pub struct Resource {
        /// Resource name; also the default table name and endpoint path.
        #[schemars(length(min = 1))]
        pub name: String,
        /// Pipewright extension: inline seed records instead of an endpoint (dlt's `@dlt.resource`
        /// seed list); children can resolve from them.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        pub rows: Option<Vec<Value>>,
    }
}

resource_struct! {
    /// Settings every resource inherits unless it sets them itself.
    pub struct ResourceDefaults {}
}
