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


# --- the checks -------------------------------------------------------------------------


def test_status_bar_shows_versions_from_rust(driver, artifacts: Path) -> None:
    version = workspace_version()
    expected = f"Pipewright {version} · engine {version}"
    # The fake host says 0.0.0-fake, so this text can only come from the Rust command.
    WebDriverWait(driver, 15).until(
        EC.text_to_be_present_in_element((By.CSS_SELECTOR, "[data-testid=status-bar]"), expected)
    )
    assert driver.title == "Pipewright", driver.title
    sidebar = driver.find_element(By.CSS_SELECTOR, "aside.sidebar").text
    assert "No sources yet" in sidebar, sidebar


def test_clicking_a_tab_switches_the_view(driver, artifacts: Path) -> None:
    runs = driver.find_element(By.ID, "tab-runs")
    runs.click()
    WebDriverWait(driver, 5).until(lambda d: runs.get_attribute("aria-selected") == "true")
    design = driver.find_element(By.ID, "tab-design")
    assert design.get_attribute("aria-selected") == "false"
    panel = driver.find_element(By.CSS_SELECTOR, "[role=tabpanel]")
    assert panel.get_attribute("id") == "panel-runs"
    assert "Run a source into SQLite" in panel.text, panel.text

    shot = artifacts / "window-webview.png"
    driver.save_screenshot(str(shot))
    print(f"screenshot: {shot}")
    # The whole X screen too: proves a real window was mapped, not just a webview surface.
    root_shot = artifacts / "window-xscreen.png"
    if subprocess.run(["import", "-window", "root", str(root_shot)]).returncode == 0:
        print(f"screenshot: {root_shot}")


def test_csp_is_enforced(driver, artifacts: Path) -> None:
    # Only the custom-protocol build serves the CSP header; eval is the cheapest thing it forbids.
    outcome = driver.execute_script(
        "try { eval('1'); return 'allowed'; } catch (e) { return e.name; }"
    )
    assert outcome == "EvalError", f"eval was {outcome!r} under the app's CSP"


TESTS = [
    test_status_bar_shows_versions_from_rust,
    test_clicking_a_tab_switches_the_view,
    test_csp_is_enforced,
]

# --- runner ------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--app", required=True)
    ap.add_argument("--driver", required=True)
    ap.add_argument("--artifacts", required=True, type=Path)
    args = ap.parse_args()

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
        for test in TESTS:
            try:
                test(driver, args.artifacts)
                passed += 1
                print(f"ok   {test.__name__}")
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
