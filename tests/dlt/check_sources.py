"""Builds exported Pipewright pipelines in real dlt without running them.

Usage: python check_sources.py DIR [DIR ...]

Each DIR is an exported project with one `<name>_pipeline.py`. For each, every secret the
script lists in SECRETS is set to a dummy value in the environment, the module is imported,
and its config is passed to dlt's `rest_api_source()` (which validates it and builds every
resource), then the script's own `@dlt.source` is built. No request is sent.

Prints one JSON object per line: {"dir", "ok", "resources", "error"}.
"""

import importlib.util
import json
import os
import sys
import traceback
from pathlib import Path

os.environ.setdefault("RUNTIME__DLTHUB_TELEMETRY", "false")

from dlt.sources.rest_api import rest_api_source  # noqa: E402


def check(project: Path) -> dict:
    scripts = sorted(project.glob("*_pipeline.py"))
    if len(scripts) != 1:
        return {"dir": str(project), "ok": False, "error": f"expected one *_pipeline.py, found {scripts}"}
    script = scripts[0]
    name = script.stem[: -len("_pipeline")]
    spec = importlib.util.spec_from_file_location(f"exported_{name}", script)
    if spec is None or spec.loader is None:
        return {"dir": str(project), "ok": False, "error": "cannot load the script"}
    module = importlib.util.module_from_spec(spec)
    # dlt's decorators look their module up by name.
    sys.modules[spec.name] = module
    set_vars = []
    try:
        spec.loader.exec_module(module)
        for key in module.SECRETS:
            var = key.upper().replace(".", "__")
            os.environ[var] = "dummy-secret"
            set_vars.append(var)
        source = rest_api_source(module.source_config(), name=name)
        own = getattr(module, f"{name}_source")()
        names = sorted(source.resources.keys())
        own_names = sorted(own.resources.keys())
        if names != own_names:
            raise AssertionError(f"rest_api_source has {names}, {name}_source has {own_names}")
        return {"dir": str(project), "ok": True, "resources": names}
    except BaseException as e:  # noqa: BLE001 - report everything, including SystemExit
        tb = traceback.format_exception(type(e), e, e.__traceback__)
        return {"dir": str(project), "ok": False, "error": "".join(tb[-3:])}
    finally:
        for var in set_vars:
            os.environ.pop(var, None)


def main() -> int:
    failed = 0
    for arg in sys.argv[1:]:
        result = check(Path(arg))
        failed += 0 if result["ok"] else 1
        print(json.dumps(result), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
