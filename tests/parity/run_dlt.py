"""Runs a rest_api source config through real dlt into a SQLite file.

Usage: run_dlt.py CONFIG_JSON DB_PATH PIPELINE_NAME SOURCE_NAME

The same config goes through `pipewright run`; the parity suite compares the two files.
"""
import json
import os
import sys

import dlt
from dlt.sources.rest_api import rest_api_source


def main() -> None:
    config_path, db_path, pipeline_name, source_name = sys.argv[1:5]
    with open(config_path, encoding="utf-8") as f:
        config = json.load(f)
    pipelines_dir = os.path.join(os.path.dirname(os.path.abspath(db_path)), ".dlt-pipelines")
    pipeline = dlt.pipeline(
        pipeline_name=pipeline_name,
        destination=dlt.destinations.sqlalchemy(credentials=f"sqlite:///{db_path}"),
        dataset_name="main",
        pipelines_dir=pipelines_dir,
    )
    info = pipeline.run(rest_api_source(config, name=source_name))
    print(json.dumps({"loads": len(info.loads_ids)}))


if __name__ == "__main__":
    main()
