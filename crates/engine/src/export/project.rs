//! The files around the pipeline script, as `dlt init` lays them out (dlt-behaviour §12):
//! `.dlt/config.toml`, `.dlt/secrets.toml`, `requirements.txt`, `README.md`, `.gitignore`.

/// The dlt release exports are tested against (scripts/dlt-venv.sh installs the same pins).
pub const DLT_VERSION: &str = "1.31.0";
/// The `jq` PyPI package the jq helpers use.
pub const JQ_VERSION: &str = "1.13.0";

/// `.dlt/config.toml`, as `dlt init` writes it.
pub fn config_toml() -> String {
    "# put your configuration values here\n\n\
     [runtime]\n\
     log_level = \"WARNING\"  # the system log level of dlt\n\
     # use the dlthub_telemetry setting to enable/disable anonymous usage data reporting, see https://dlthub.com/docs/reference/telemetry\n\
     dlthub_telemetry = true\n"
        .to_string()
}

/// `.dlt/secrets.toml`: every secret key with an empty value, and the destination, commented.
pub fn secrets_toml(name: &str, secrets: &[String], credentials: &[String]) -> String {
    let mut out = format!(
        "# Secrets of the `{name}` pipeline. Fill in the values and keep this file out of version\n\
         # control (.gitignore lists it). Environment variables work too: see README.md.\n"
    );
    if !secrets.is_empty() {
        out.push('\n');
        for s in secrets {
            out.push_str(&format!("{} = \"\"\n", toml_key(s)));
        }
    }
    if !credentials.is_empty() {
        out.push_str(
            "\n# Auth given by type name only (e.g. \"auth\": \"bearer\"): dlt reads its fields from the\n\
             # source's credentials section.\n",
        );
        for f in credentials {
            out.push_str(&format!(
                "{} = \"\"\n",
                toml_key(&format!("sources.{name}.credentials.{f}"))
            ));
        }
    }
    out.push_str(&format!(
        "\n# The destination: {name}.sqlite beside the script unless set here, e.g.\n\
         # [destination.sqlalchemy]\n\
         # credentials = \"sqlite:////absolute/path/to/{name}.sqlite\"\n"
    ));
    out
}

/// `requirements.txt`.
pub fn requirements(uses_jq: bool) -> String {
    let mut out = format!(
        "# dlt with the sqlalchemy destination (SQLite); the versions this export was tested with\n\
         dlt[sqlalchemy]=={DLT_VERSION}\n"
    );
    if uses_jq {
        out.push_str(&format!(
            "# jq expressions of processing steps, convert and response conditions\njq=={JQ_VERSION}\n"
        ));
    }
    out
}

/// `.gitignore`.
pub fn gitignore() -> String {
    ".dlt/secrets.toml\n*.sqlite\n*.duckdb\n__pycache__/\n.venv/\n".to_string()
}

/// `README.md`.
pub fn readme(name: &str, file: &str, secret_keys: &[String], notes: &[String]) -> String {
    let mut out = format!(
        "# {name}: a dlt pipeline\n\n\
         Exported by Pipewright from `{file}`. `{name}_pipeline.py` loads the\n\
         source with [dlt](https://dlthub.com)'s `rest_api` source; `source_config()` in it is the\n\
         source as dlt's `RESTAPIConfig`.\n\n\
         ## Run\n\n\
         ```sh\n\
         python3 -m venv .venv && . .venv/bin/activate\n\
         pip install -r requirements.txt\n\
         python {name}_pipeline.py\n\
         ```\n\n"
    );
    out.push_str("## Secrets\n\n");
    if secret_keys.is_empty() {
        out.push_str("This source reads no secrets.\n\n");
    } else {
        out.push_str(
            "Fill them in `.dlt/secrets.toml` (never commit it) or set the environment variables:\n\n\
             | secret | environment variable |\n|---|---|\n",
        );
        for k in secret_keys {
            out.push_str(&format!("| `{k}` | `{}` |\n", env_name(k)));
        }
        out.push('\n');
    }
    out.push_str(&format!(
        "## Data\n\n\
         The data lands in `{name}.sqlite` beside the script through dlt's `sqlalchemy` destination\n\
         with dataset `main`: the tables and columns Pipewright loads. Point it elsewhere with\n\
         `DESTINATION__SQLALCHEMY__CREDENTIALS` (any SQLAlchemy URL) or `[destination.sqlalchemy]` in\n\
         `.dlt/secrets.toml`, or change `destination()` for another destination (duckdb, postgres,\n\
         bigquery, snowflake, ...) and install its extra, e.g. `pip install \"dlt[duckdb]\"`.\n"
    ));
    if !notes.is_empty() {
        out.push_str("\n## Notes\n\n");
        for n in notes {
            out.push_str(&format!("- {n}\n"));
        }
    }
    out
}

/// The environment variable dlt reads for a key path: upper case, sections joined by `__`.
pub fn env_name(key: &str) -> String {
    key.to_ascii_uppercase().replace('.', "__")
}

/// A TOML key for a dlt key path: dotted bare keys, quoted where a part is not bare.
fn toml_key(path: &str) -> String {
    path.split('.')
        .map(|part| {
            let bare = !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
            if bare {
                part.to_string()
            } else {
                format!("\"{}\"", part.replace('\\', "\\\\").replace('"', "\\\""))
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_toml_lists_every_key_empty() {
        let text = secrets_toml("gh", &["token".into(), "a.b".into()], &["password".into()]);
        assert!(text.contains("\ntoken = \"\"\na.b = \"\"\n"), "{text}");
        assert!(
            text.contains("sources.gh.credentials.password = \"\"\n"),
            "{text}"
        );
        assert_eq!(
            env_name("sources.gh.credentials.token"),
            "SOURCES__GH__CREDENTIALS__TOKEN"
        );
        assert_eq!(toml_key("a..b"), "a.\"\".b");
    }
}
