//! The `<name>_pipeline.py` script: the config as a dict literal in `source_config()`, the
//! helpers it needs, a `@dlt.source`, the destination and `load()`.

use super::pyexpr::{py_str, Py};
use super::translate::Translation;

const HEADER: &str = r#""""Load the `@NAME@` REST API source with dlt.

Exported by Pipewright from @FILE@.
`source_config()` is the source as dlt's rest_api config (RESTAPIConfig). Run:

    pip install -r requirements.txt
    python @NAME@_pipeline.py

Secrets come from .dlt/secrets.toml or environment variables (README.md lists them). The data
lands in @NAME@.sqlite beside this file (dataset "main"): the tables Pipewright loads.
"""

import os
from pathlib import Path
from typing import @TYPING@

import dlt
"#;

const JQ_HELPERS: &str = r#"

# Pipewright writes callables as jq expressions; these turn them into the callables dlt takes.
def _truthy(value: Any) -> bool:
    """jq truthiness: everything but null and false."""
    return value is not None and value is not False


def _first(program: Any, value: Any) -> Any:
    """The first result of a compiled jq program, or None when it yields nothing."""
    results = program.input_value(value).all()
    return results[0] if results else None


def jq_filter(expression: str) -> Callable[[Any], bool]:
    """A processing-step `filter`: keeps a record when the first result is truthy."""
    program = jq.compile(expression)

    def keep(record: Any) -> bool:
        return _truthy(_first(program, record))

    return keep


def jq_map(expression: str) -> Callable[[Any], Any]:
    """A processing-step `map`: replaces a record by the first result."""
    program = jq.compile(expression)

    def transform(record: Any) -> Any:
        return _first(program, record)

    return transform


def jq_yield_map(expression: str) -> Callable[[Any], Iterator[Any]]:
    """A processing-step `yield_map`: replaces a record by every result."""
    program = jq.compile(expression)

    def expand(record: Any) -> Iterator[Any]:
        yield from program.input_value(record).all()

    return expand


def jq_convert(expression: str) -> Callable[[Any], Any]:
    """An incremental `convert`: the first result for a cursor value (None stays None)."""
    program = jq.compile(expression)

    def convert(value: Any) -> Any:
        if value is None:
            return None
        return _first(program, json.loads(json.dumps(value, default=str)))

    return convert
"#;

const ACTION_HELPERS: &str = r#"

class RetryResponse(requests.exceptions.ConnectionError):
    """Raised by a `retry` rule: dlt's retrying session retries connection errors."""


def response_action(
    action: str,
    status_code: Optional[int] = None,
    content: Optional[str] = None,
    condition: Optional[str] = None,
) -> Callable[..., Any]:
    """A response rule dlt's dict actions cannot express (a jq `condition` on the JSON body, or
    `retry`) as a response hook. It matches when every condition given holds."""
    program = jq.compile(condition) if condition is not None else None

    def hook(response: requests.Response, *args: Any, **kwargs: Any) -> requests.Response:
        if status_code is None and content is None and program is None:
            return response
        if status_code is not None and response.status_code != status_code:
            return response
        if content is not None and content not in response.text:
            return response
        if program is not None:
            try:
                body = response.json()
            except ValueError:
                return response
            if not _truthy(_first(program, body)):
                return response
        if action == "ignore":
            raise IgnoreResponseException
        raise RetryResponse(f"a retry rule matched the response ({response.status_code})")

    return hook
"#;

const FOOTER: &str = r#"

def destination() -> Any:
    """SQLite through dlt's sqlalchemy destination, dataset "main": the file Pipewright writes.

    dlt resolves the credentials as usual, from the DESTINATION__SQLALCHEMY__CREDENTIALS
    environment variable or `[destination.sqlalchemy] credentials` in .dlt/secrets.toml;
    without either, @NAME@.sqlite beside this file.

    For another destination return its name and install its extra, e.g. "duckdb"
    (dlt[duckdb]), "postgres" (dlt[postgres]), "bigquery" (dlt[bigquery]), "snowflake",
    "motherduck", "databricks" or "filesystem";
    see https://dlthub.com/docs/dlt-ecosystem/destinations/
    """
    if dlt.secrets.get("destination.sqlalchemy.credentials") is not None:
        return dlt.destinations.sqlalchemy()
    database = HERE / "@NAME@.sqlite"
    return dlt.destinations.sqlalchemy(credentials=f"sqlite:///{database}")


def check_secrets() -> None:
    """Stops with a clear message when a secret is missing or still empty."""
    missing = [key for key in SECRETS if not dlt.secrets.get(key)]
    if missing:
        variables = [key.upper().replace(".", "__") for key in missing]
        raise SystemExit(
            f"secrets not set: {', '.join(missing)}. Fill them in .dlt/secrets.toml "
            f"or set the environment variables {', '.join(variables)}."
        )


def load() -> Any:
    """Runs the pipeline and prints what was loaded."""
    check_secrets()
    pipeline = dlt.pipeline(
        pipeline_name="@NAME@",
        destination=destination(),
        dataset_name="main",
    )
    load_info = pipeline.run(@NAME@_source())
    print(load_info)
    return load_info


if __name__ == "__main__":
    # dlt reads .dlt/ from its project dir: this file's folder, wherever it is run from.
    os.environ.setdefault("DLT_PROJECT_DIR", str(HERE))
    load()
"#;

/// The whole script. `name` is the source's Python name, `file` the document it came from.
pub fn script(name: &str, file: &str, t: &Translation) -> String {
    let uses_jq = t.uses_jq || t.uses_actions;
    let limits = t.default_max_pages.is_some() || !t.max_pages.is_empty();
    let mut typing = vec!["Any", "List"];
    if uses_jq {
        typing.push("Callable");
    }
    if limits || !t.seeds.is_empty() {
        typing.push("Dict");
    }
    if uses_jq || !t.seeds.is_empty() {
        typing.push("Iterator");
    }
    if limits || t.uses_actions {
        typing.push("Optional");
    }
    typing.sort_unstable();
    let mut out = HEADER
        .replace("@NAME@", name)
        .replace("@FILE@", &file.replace(['\\', '"'], "_"))
        .replace("@TYPING@", &typing.join(", "));
    if uses_jq {
        out = out.replace("import os\n", "import json\nimport os\n");
        out.push_str("import jq\n");
    }
    if t.uses_actions {
        out.push_str("import requests\n");
        out.push_str(
            "from dlt.sources.helpers.rest_client.exceptions import IgnoreResponseException\n",
        );
    }
    out.push_str("from dlt.sources.rest_api import RESTAPIConfig, rest_api_resources\n\n");
    out.push_str("HERE = Path(__file__).resolve().parent\n\n");
    out.push_str(&secrets_list(name, t));
    if limits {
        out.push_str(&limits_block(t));
    }
    if uses_jq {
        out.push_str(JQ_HELPERS);
    }
    if t.uses_actions {
        out.push_str(ACTION_HELPERS);
    }
    for seed in &t.seeds {
        out.push_str("\n\n");
        let deco = Py::Call {
            func: "dlt.resource".into(),
            args: vec![],
            kwargs: seed.kwargs.clone(),
        };
        out.push_str(&format!("@{}\n", deco.render(0, 1, 0)));
        out.push_str(&format!(
            "def {}() -> Iterator[List[Dict[str, Any]]]:\n",
            seed.func
        ));
        out.push_str(
            "    \"\"\"Seed rows (a Pipewright `rows` resource), yielded as one page.\"\"\"\n",
        );
        out.push_str(&format!("    yield {}\n", seed.rows.render(4, 10, 0)));
    }
    out.push_str("\n\n");
    if !t.notes.is_empty() {
        out.push_str("# Notes on the export:\n");
        for n in &t.notes {
            out.push_str(&comment_lines(&format!("- {n}")));
        }
    }
    let config = t.config.clone().unwrap_or(Py::Dict(vec![]));
    out.push_str("def source_config() -> RESTAPIConfig:\n");
    out.push_str("    \"\"\"The source, as dlt's rest_api config.\"\"\"\n");
    out.push_str(&format!("    return {}\n", config.render(4, 11, 0)));
    out.push_str(&format!(
        "\n\n@dlt.source(name={})\ndef {name}_source() -> Any:\n",
        py_str(name)
    ));
    out.push_str("    \"\"\"The rest_api resources of `source_config()`.\"\"\"\n");
    out.push_str("    resources = rest_api_resources(source_config())\n");
    if limits {
        out.push_str("    for resource in resources:\n");
        out.push_str("        limit = MAX_PAGES.get(resource.name, DEFAULT_MAX_PAGES)\n");
        out.push_str("        if limit is not None and not resource.is_transformer:\n");
        out.push_str("            resource.add_limit(limit)\n");
    }
    out.push_str("    return resources\n");
    out.push_str(&FOOTER.replace("@NAME@", name));
    out
}

/// The dlt key paths of every secret the script reads.
pub fn secret_keys(name: &str, t: &Translation) -> Vec<String> {
    t.secrets
        .iter()
        .cloned()
        .chain(
            t.credentials
                .iter()
                .map(|f| format!("sources.{name}.credentials.{f}")),
        )
        .collect()
}

fn secrets_list(name: &str, t: &Translation) -> String {
    let keys: Vec<Py> = secret_keys(name, t).into_iter().map(Py::Str).collect();
    let list = Py::List(keys);
    format!(
        "# The secrets this source reads (dlt key paths); .dlt/secrets.toml lists them all.\n\
         SECRETS: List[str] = {}\n",
        list.render(0, 21, 0)
    )
}

fn limits_block(t: &Translation) -> String {
    let default = t
        .default_max_pages
        .map_or_else(|| "None".to_string(), |n| n.to_string());
    let map = Py::Dict(
        t.max_pages
            .iter()
            .map(|(k, n)| (k.clone(), Py::Num(n.to_string())))
            .collect(),
    );
    format!(
        "\n# Pipewright's `max_pages` (stop after this many pages) is no dlt config key: the source\n\
         # applies it with dlt's add_limit(), per resource; DEFAULT_MAX_PAGES for the others.\n\
         DEFAULT_MAX_PAGES: Optional[int] = {default}\n\
         MAX_PAGES: Dict[str, int] = {}\n",
        map.render(0, 28, 0)
    )
}

/// Wraps a note into `# ` lines of at most 88 columns.
fn comment_lines(text: &str) -> String {
    let mut out = String::new();
    let mut line = String::from("#");
    for word in text.split_whitespace() {
        if line.len() + 1 + word.len() > 88 && line.len() > 2 {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#  ");
        }
        line.push(' ');
        line.push_str(word);
    }
    out.push_str(&line);
    out.push('\n');
    out
}
