"""A published folder in the same headless Chromium as serve's page (tests/serve/
test_browser.py's fixture), opened from the file system: no console errors, the countdown
ticks, the search box narrows the cards, and a title page reaches its style and script."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import invoke
from tests.serve.test_browser import FUTURE, browser, severe

pytestmark = pytest.mark.slow
__all__ = ["browser"]  # the fixture, used by name


@pytest.fixture
def site(registry_file: Path, tmp_path: Path) -> Path:
    registry_file.write_text(registry_file.read_text(encoding="utf-8") + FUTURE, "utf-8")
    folder = tmp_path / "published site"  # a space: links must survive a real path
    result = invoke("publish", str(folder), "-r", str(registry_file), "--all")
    assert result.exit_code == 0, result.stderr
    return folder


def test_the_published_pages_work_from_the_file_system(browser: Any, site: Path) -> None:
    from selenium.webdriver.common.by import By

    browser.get((site / "index.html").as_uri())
    assert severe(browser) == []
    clock = browser.find_element(By.CSS_SELECTOR, '.card [data-day="2099-06-01"]')
    first = clock.text
    assert first.count(":") == 2  # the script ran: the live form
    deadline = time.monotonic() + 2
    while clock.text == first and time.monotonic() < deadline:
        time.sleep(0.1)
    assert clock.text != first
    browser.find_element(By.ID, "search").send_keys("far")
    shown = [c for c in browser.find_elements(By.CSS_SELECTOR, "#cards .card") if c.is_displayed()]
    assert [c.find_element(By.CLASS_NAME, "title").text for c in shown] == ["Far Off"]
    shown[0].find_element(By.CLASS_NAME, "title").click()
    deadline = time.monotonic() + 10
    while not browser.current_url.endswith("/title/far-off.html"):
        assert time.monotonic() < deadline, browser.current_url
        time.sleep(0.1)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Far Off"
    assert browser.find_element(By.CSS_SELECTOR, ".countdown[data-day]").text.count(":") == 2
    font = browser.execute_script(
        "return getComputedStyle(document.body).getPropertyValue('font-family')"
    )
    assert "system-ui" in font  # the style sheet was read
    assert severe(browser) == []
