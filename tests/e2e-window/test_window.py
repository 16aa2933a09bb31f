"""Window e2e checks against the real app. Run through run.sh, which sets up X and D-Bus."""

import argparse
import socket
import subprocess
import sys
import time
import tomllib
import traceback
import urllib.request
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, proc: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"tauri-driver exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {timeout}s")


def workspace_version() -> str:
    with open(ROOT / "Cargo.toml", "rb") as f:
        return tomllib.load(f)["workspace"]["package"]["version"]


# --- helpers ----------------------------------------------------------------------------


class IpcFailure(AssertionError):
    pass


def invoke(driver, cmd: str, args: dict | None = None, then: str = "value"):
    """Calls a Rust command from the webview, as ui/src/host/tauri.ts does; `then` is a JS
    expression over `value` computed in the page (WebDriver does not keep object key order)."""
    result = driver.execute_async_script(
        f"""
        const done = arguments[arguments.length - 1];
        window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
          .then((value) => done({{ ok: true, value: {then} }}), (error) => done({{ ok: false, error }}));
        """,
        cmd,
        args or {},
    )
    if not result["ok"]:
        raise IpcFailure(f"{cmd} failed: {result['error']}")
    return result["value"]


def invoke_error(driver, cmd: str, args: dict) -> dict:
    try:
        invoke(driver, cmd, args)
    except IpcFailure as e:
        return e.args[0]
    raise AssertionError(f"{cmd} should have failed")


def click(driver, xpath: str, timeout: float = 10) -> None:
    WebDriverWait(driver, timeout).until(EC.element_to_be_clickable((By.XPATH, xpath))).click()


def tab(driver, name: str) -> None:
    click(driver, f"//*[@role='tab'][normalize-space()='{name}']")


# --- the checks -------------------------------------------------------------------------


def test_status_bar_shows_versions_from_rust(driver, ctx) -> None:
    version = workspace_version()
    expected = f"Pipewright {version} · engine {version}"
    # The fake host says 0.0.0-fake, so this text can only come from the Rust command.
    WebDriverWait(driver, 15).until(
        EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[data-testid=status-bar]"), expected)
    )
    assert driver.title == "Pipewright", driver.title


def test_csp_is_enforced(driver, ctx) -> None:
    # Only the custom-protocol build serves the CSP header; eval is the cheapest thing it forbids.
    outcome = driver.execute_script(
        "try { eval('1'); return 'allowed'; } catch (e) { return e.name; }"
    )
    assert outcome == "EvalError", f"eval was {outcome!r} under the app's CSP"


def test_start_up_source_heads_the_recent_list(driver, ctx) -> None:
    # PIPEWRIGHT_OPEN put it there (and into settings.json in the app data dir).
    recent = invoke(driver, "list_recent")
    assert recent and recent[0]["path"] == ctx.source and recent[0]["name"] == "demo", recent
    WebDriverWait(driver, 10).until(
        EC.text_to_be_present_in_element((By.CSS_SELECTOR, "nav[aria-label='Recent sources']"), "demo")
    )


def test_open_and_validate_a_source(driver, ctx) -> None:
    file = invoke(driver, "open_source", {"path": ctx.source})
    assert file["name"] == "demo" and file["format"] == "json", file
    # Key order as written, seen from the page itself.
    keys = invoke(driver, "open_source", {"path": ctx.source}, then="Object.keys(value.document)")
    assert keys == ["client", "resources"], keys
    result = invoke(driver, "validate", {"document": file["document"]})
    assert result["valid"] is True, result
    assert result["summary"].startswith("2 resources: posts"), result["summary"]

    broken = dict(file["document"], resources=[{"name": "posts", "params": {}}])
    result = invoke(driver, "validate", {"document": broken})
    assert result["valid"] is False and result["summary"] is None, result
    assert any(p["path"] == "resources[0]" for p in result["problems"]), result["problems"]

    err = invoke_error(driver, "open_source", {"path": ctx.source + ".missing"})
    assert "not_found" in err, err


def test_secrets_go_in_and_never_come_out(driver, ctx) -> None:
    statuses = invoke(driver, "list_secrets", {"source_path": ctx.source})
    assert statuses == [{"name": "demo_token", "resolves_from": "missing", "place": None}], statuses
    invoke(driver, "set_secret", {"source_name": "demo", "name": "demo_token", "value": "test-token"})
    statuses = invoke(driver, "list_secrets", {"source_path": ctx.source})
    assert statuses[0]["resolves_from"] == "keychain", statuses
    assert "test-token" not in repr(statuses)


def test_preview_a_resource_against_the_mock_api(driver, ctx) -> None:
    # Through the UI: open the start-up source from the recent list, preview its first resource.
    click(driver, "//nav[@aria-label='Recent sources']//button[.//*[normalize-space()='demo']]")
    tab(driver, "Preview")
    click(driver, "//*[@role='tabpanel']//button[normalize-space()='Preview']")
    # The UI asks for its own page limit (5 as written); the API has 5 pages of 10 posts.
    WebDriverWait(driver, 20).until(
        lambda d: len(d.find_elements(By.CSS_SELECTOR, "[data-testid=timeline-row]")) >= 3
    )
    rows = driver.find_elements(By.CSS_SELECTOR, "[data-testid=timeline-row]")
    assert all("200" in r.text for r in rows), [r.text for r in rows]
    shot = ctx.artifacts / "window-preview.png"
    driver.save_screenshot(str(shot))
    print(f"screenshot: {shot}")

    # And the command itself: three of five pages of ten posts, stopped by the page limit.
    file = invoke(driver, "open_source", {"path": ctx.source})
    trace = invoke(
        driver,
        "preview",
        {
            "request": {
                "document": file["document"],
                "source_name": "demo",
                "source_path": ctx.source,
                "resource": "posts",
                "pages": 3,
                "records": 100,
                "parents": 1,
                "parent_records": None,
                "preview_id": None,
            }
        },
    )
    assert trace["error"] is None, trace["error"]
    assert [p["response"]["status"] for p in trace["pages"]] == [200, 200, 200]
    assert trace["pages"][0]["request"]["url"].startswith(ctx.mock_url), trace["pages"][0]["request"]
    assert len(trace["records"]) == 30 and trace["stop"] == "max_pages", trace["stop"]
    assert "test-token" not in repr(trace), "the bearer token leaked into the trace"


def test_run_loads_rows_into_sqlite(driver, ctx) -> None:
    # Through the UI: run the open source to completion.
    tab(driver, "Runs")
    click(driver, "//*[@role='tabpanel']//button[normalize-space()='Run']")
    WebDriverWait(driver, 60).until(
        lambda d: d.find_element(By.CSS_SELECTOR, "[data-testid=run-status]").text
        in ("Completed", "Failed", "Cancelled")
    )
    status = driver.find_element(By.CSS_SELECTOR, "[data-testid=run-status]").text
    assert status == "Completed", f"run ended {status}: {driver.find_element(By.CSS_SELECTOR, '[role=tabpanel]').text}"
    # The progress the run streamed: a row per resource, each with pages; the history and the
    # rows-per-table chart from the summary.
    progress = driver.find_element(By.CSS_SELECTOR, "table[aria-label='Progress per resource']")
    rows = {
        r.find_element(By.TAG_NAME, "th").text: [c.text for c in r.find_elements(By.TAG_NAME, "td")]
        for r in progress.find_elements(By.CSS_SELECTOR, "tbody tr")
    }
    assert set(rows) >= {"posts", "comments"}, rows
    assert rows["posts"][0].startswith("done") and int(rows["posts"][1]) == 5, rows["posts"]
    assert int(rows["posts"][2]) == 50, rows["posts"]
    totals = driver.find_element(By.CSS_SELECTOR, "[data-testid=run-totals]").text
    assert totals.startswith("2/2 resources"), totals
    history = driver.find_element(By.CSS_SELECTOR, "table[aria-label='Runs'] tbody tr").text
    assert "completed" in history and "posts: 50" in history, history
    driver.find_element(By.CSS_SELECTOR, "figure[aria-label='Rows per table'] svg")
    assert "test-token" not in driver.find_element(By.CSS_SELECTOR, "[role=tabpanel]").text
    shot = ctx.artifacts / "window-run.png"
    driver.save_screenshot(str(shot))
    print(f"screenshot: {shot}")

    # The rows are in the database beside the source, as list_tables reports them.
    db = str(Path(ctx.source).with_suffix(".sqlite"))
    tables = {t["name"]: t for t in invoke(driver, "list_tables", {"db": db})}
    assert tables["posts"]["rows"] == 50, tables.get("posts")
    assert tables["comments"]["rows"] > 0, tables.get("comments")
    assert tables["posts__comments"]["parent"] == "posts", tables.get("posts__comments")
    loads = invoke(driver, "list_loads", {"db": db})
    assert len(loads) >= 1 and loads[-1]["status"] == 0, loads
    page = invoke(driver, "page_rows", {"db": db, "table": "posts", "offset": 0, "limit": 5})
    assert page["total"] == 50 and len(page["rows"]) == 5, page["total"]
    result = invoke(driver, "query", {"db": db, "sql": "SELECT COUNT(*) AS n FROM posts"})
    assert result["rows"] == [[50]], result
    err = invoke_error(driver, "query", {"db": db, "sql": "DELETE FROM posts"})
    assert "validation" in err, err


def run_query(driver) -> None:
    # In this small window the Run button sits at the bottom edge of the scrolled Data panel,
    # under the Problems panel: scroll it into the middle first, as a user would, then click.
    button = driver.find_element(By.XPATH, "//button[normalize-space()='Run query']")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", button)
    click(driver, "//button[normalize-space()='Run query']")


def test_browse_rows_and_query_in_the_data_tab(driver, ctx) -> None:
    # The tab is open from the previous check.
    click(driver, "//*[@role='tree'][@aria-label='Data tables']//button[.//*[normalize-space()='posts']]")
    grid = WebDriverWait(driver, 15).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "table[aria-label='Table posts']"))
    )
    WebDriverWait(driver, 15).until(lambda d: len(grid.find_elements(By.CSS_SELECTOR, "tbody tr[aria-rowindex]")) > 0)
    assert "of 50" in driver.find_element(By.CSS_SELECTOR, "section[aria-label='Rows of posts']").text
    # Drill down from post 1 (the mock API gives it one nested comment) to its rows in the child
    # table posts__comments.
    heads = driver.execute_script(
        """
        const t = document.querySelector("table[aria-label='Table posts']");
        const heads = [...t.querySelectorAll('thead th')].map((th) => th.textContent.replace(/[▲▼]/g, '').trim());
        const col = heads.indexOf('id');
        const row = [...t.querySelectorAll('tbody tr[aria-rowindex]')].find((r) => r.children[col]?.textContent === '1');
        if (row) row.children[col].click();
        return row ? null : heads;
        """
    )
    assert heads is None, f"no row with id 1 under the headers {heads}"
    children = WebDriverWait(driver, 15).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "table[aria-label='Child rows in posts__comments']"))
    )
    WebDriverWait(driver, 15).until(lambda d: len(children.find_elements(By.CSS_SELECTOR, "tbody tr[aria-rowindex]")) > 0)
    # The SQL console, through the UI, on the read-only connection.
    sql = driver.find_element(By.ID, "sql-input")
    sql.clear()
    sql.send_keys("SELECT COUNT(*) AS n FROM posts")
    run_query(driver)
    result = WebDriverWait(driver, 15).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "table[aria-label='Query result']"))
    )
    # textContent, not .text: WebDriver's visible text is empty for a grid scrolled out of its
    # panel, and the panel scrolls here.
    text = lambda d: d.execute_script("return arguments[0].textContent", result)  # noqa: E731
    WebDriverWait(driver, 10).until(lambda d: "50" in text(d), message=f"result: {text(driver)!r}")
    sql.clear()
    sql.send_keys("DELETE FROM posts")
    run_query(driver)
    WebDriverWait(driver, 10).until(
        lambda d: any("read-only" in a.text for a in d.find_elements(By.CSS_SELECTOR, "[role=alert]"))
    )
    shot = ctx.artifacts / "window-data-browse.png"
    driver.save_screenshot(str(shot))
    print(f"screenshot: {shot}")


def test_export_writes_the_dlt_project(driver, ctx) -> None:
    click(driver, "//button[normalize-space()='Export…']")
    dialog = WebDriverWait(driver, 10).until(
        EC.presence_of_element_located((By.XPATH, "//*[@role='dialog'][.//*[normalize-space()='Export demo']]"))
    )
    # The leak lint and the file list come first; nothing is written yet.
    lint = WebDriverWait(driver, 15).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=lint-result]"))
    )
    assert lint.text.startswith("no literal secrets"), lint.text
    out = Path(ctx.source).parent / "demo_export"
    listed = dialog.find_element(By.CSS_SELECTOR, "table[aria-label='Files to write']").text
    assert str(out / "demo_pipeline.py") in listed, listed
    assert not out.exists(), "the plan wrote files"
    shot = ctx.artifacts / "window-export.png"
    driver.save_screenshot(str(shot))
    print(f"screenshot: {shot}")
    click(driver, "//*[@role='dialog']//button[normalize-space()='Export']")
    WebDriverWait(driver, 20).until(lambda d: "Wrote 6 files" in dialog.text)
    expected = ["demo_pipeline.py", ".dlt/config.toml", ".dlt/secrets.toml", "requirements.txt", "README.md", ".gitignore"]
    missing = [f for f in expected if not (out / f).is_file()]
    assert not missing, f"missing in {out}: {missing}"
    assert "test-token" not in (out / ".dlt/secrets.toml").read_text(), "a secret value was exported"
    assert "demo_token" in (out / ".dlt/secrets.toml").read_text()
    click(driver, "//*[@role='dialog']//button[normalize-space()='Close']")


def test_data_tab_shows_the_tables(driver, ctx) -> None:
    tab(driver, "Data")
    tree = WebDriverWait(driver, 15).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "[role=tree][aria-label='Data tables']"))
    )
    WebDriverWait(driver, 15).until(lambda d: "posts" in tree.text)
    shot = ctx.artifacts / "window-data.png"
    driver.save_screenshot(str(shot))
    print(f"screenshot: {shot}")
    # The whole X screen too: proves a real window was mapped, not just a webview surface.
    root_shot = ctx.artifacts / "window-xscreen.png"
    if subprocess.run(["import", "-window", "root", str(root_shot)]).returncode == 0:
        print(f"screenshot: {root_shot}")


TESTS = [
    test_status_bar_shows_versions_from_rust,
    test_csp_is_enforced,
    test_start_up_source_heads_the_recent_list,
    test_open_and_validate_a_source,
    test_secrets_go_in_and_never_come_out,
    test_preview_a_resource_against_the_mock_api,
    test_run_loads_rows_into_sqlite,
    test_data_tab_shows_the_tables,
    test_browse_rows_and_query_in_the_data_tab,
    test_export_writes_the_dlt_project,
]

# --- runner ------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--driver", required=True)
    ap.add_argument("--artifacts", required=True, type=Path)
    ap.add_argument("--source", required=True, help="the source the app opens at start-up")
    ap.add_argument("--mock-url", required=True, help="base URL of the mock API it talks to")
    args = ap.parse_args()
    ctx = argparse.Namespace(artifacts=args.artifacts, source=args.source, mock_url=args.mock_url)

    port, native_port = free_port(), free_port()
    # Inherits DISPLAY/XDG_* from run.sh; the app it launches inherits them in turn.
    driver_proc = subprocess.Popen(
        [args.driver, "--port", str(port), "--native-port", str(native_port)]
    )
    passed = failed = 0
    driver = None
    try:
        wait_http(f"http://127.0.0.1:{port}/status", driver_proc)
        opts = ArgOptions()
        opts.set_capability("browserName", "wry")
        opts.set_capability("tauri:options", {"application": args.app})
        driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=opts)
        driver.set_script_timeout(60)
        for test in TESTS:
            started = time.monotonic()
            try:
                test(driver, ctx)
                passed += 1
                print(f"ok   {test.__name__} ({time.monotonic() - started:.1f}s)")
            except Exception:
                failed += 1
                print(f"FAIL {test.__name__}")
                traceback.print_exc()
    except Exception:
        traceback.print_exc()
        failed = max(failed, len(TESTS) - passed)
    finally:
        if driver is not None:
            try:
                driver.quit()  # also closes the app
            except Exception:
                traceback.print_exc()
        # tauri-driver stops WebKitWebDriver on SIGTERM; we only ever signal our own child.
        driver_proc.terminate()
        try:
            driver_proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            driver_proc.kill()
            driver_proc.wait()
    print(f"window-e2e: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
