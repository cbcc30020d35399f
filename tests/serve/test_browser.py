"""The page in a real browser: headless Chromium from Debian's packages, driven by Selenium.
No console errors (CSP violations included), a card's seconds tick, the filter bar narrows the
cards, and screenshots at 390 px and 1280 px with no horizontal scroll on the phone.
Skipped, with the reason, where there is no Chromium and chromedriver."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.serve.conftest import serving

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
FUTURE = """
[[release]]
id = "far-off"
title = "Far Off"
kind = "film"
date = 2099-06-01

[release.people]
composer = ["Lorne Balfe"]
"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("no Chromium and chromedriver (apt-get install chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
        "--hide-scrollbars", f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):  # fmt: skip
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(DRIVER))
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture
def site(registry_file: Path, tmp_path: Path) -> Iterator[str]:
    registry_file.write_text(registry_file.read_text(encoding="utf-8") + FUTURE, "utf-8")
    with serving(registry_file, tmp_path) as (base, _):
        yield base


def severe(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def size(driver: Any, width: int, height: int) -> None:
    # The window's outer size differs from the viewport's: set the viewport exactly.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600},
    )


def test_the_page_loads_without_console_errors_and_ticks(browser: Any, site: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site}/?all=1")
    assert severe(browser) == []
    clock = browser.find_element(By.CSS_SELECTOR, '.card [data-day="2099-06-01"]')
    first = clock.text
    assert first.count(":") == 2  # the live form: "26853 days 09:12:45"
    deadline = time.monotonic() + 2
    while clock.text == first and time.monotonic() < deadline:
        time.sleep(0.1)
    assert clock.text != first
    browser.get(f"{site}/title/far-off")
    assert severe(browser) == []


def test_the_filter_bar_narrows_the_cards(browser: Any, site: str) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{site}/?all=1")

    def visible() -> list[str]:
        cards = browser.find_elements(By.CSS_SELECTOR, "#cards .card")
        return [c.find_element(By.CLASS_NAME, "title").text for c in cards if c.is_displayed()]

    everything = visible()
    assert len(everything) == 6
    browser.find_element(By.ID, "search").send_keys("far")
    assert visible() == ["Far Off"]  # at once, by the script
    browser.find_element(By.CSS_SELECTOR, ".filters button").click()  # and by the server
    # The click starts a navigation; wait for it (bounded) rather than racing it.
    deadline = time.monotonic() + 10
    while not browser.current_url.startswith(f"{site}/?search=far"):
        assert time.monotonic() < deadline, browser.current_url
        time.sleep(0.1)
    browser.find_element(By.CSS_SELECTOR, "#cards")  # the new page is there
    assert visible() == ["Far Off"]
    assert severe(browser) == []


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_and_layout(browser: Any, site: str, tmp_path: Path, width: int) -> None:
    size(browser, width, 900)
    browser.get(f"{site}/?all=1")
    time.sleep(0.3)
    shot = tmp_path / f"page-{width}.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    keep = os.environ.get("COUNTDOWN_SCREENSHOTS")  # README's pictures: a folder to copy to
    if keep:
        shutil.copy(shot, Path(keep) / f"serve-{width}.png")
    scroll = browser.execute_script("return document.documentElement.scrollWidth")
    inner = browser.execute_script("return window.innerWidth")
    assert scroll <= inner  # no horizontal scroll
    columns = browser.execute_script(
        "return getComputedStyle(document.getElementById('cards'))"
        ".gridTemplateColumns.split(' ').length"
    )
    assert (columns == 1) if width == 390 else (columns >= 3)
