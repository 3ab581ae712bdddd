"""Country briefs in a real browser (issue 19): a delegate picks a state, reads its brief on a
phone, and prints it on at most two A4 pages; nothing is requested from another host.

The book-wide browser tests (test_browser.py) open every page, run axe and check contrast;
these add what is particular to the briefs.
"""

from __future__ import annotations

import re

import pytest

from sdbook.platform import briefs
from browsing import PageWatch

pytest.importorskip("playwright.sync_api")

STATES = briefs.read_states()


def test_the_index_lets_a_delegate_pick_every_state(browser, served_site):
    watch = PageWatch(browser, served_site)
    watch.page.goto(served_site + "/model-un/countries/", wait_until="load")
    links = watch.page.eval_on_selector_all(
        "article table a", "els => els.map(a => [a.textContent.trim(), a.getAttribute('href')])")
    picked = {name: href for name, href in links}
    for state in STATES:
        assert picked.get(state["name"], "").rstrip("/").endswith(state["slug"]), state["name"]
    watch.page.click(f"article table a:text-is('{STATES[0]['name']}')")
    # Material's instant navigation swaps the page in after the click: wait for the swap.
    watch.page.wait_for_function(
        "() => (document.querySelector('h1') || {}).textContent?.startsWith('Country brief:')", timeout=15_000)
    assert watch.page.locator("h1").first.text_content().startswith("Country brief:")
    assert not watch.foreign, f"requests to other hosts: {watch.foreign}"
    watch.close()


@pytest.mark.parametrize("slug", [s["slug"] for s in STATES])
def test_each_brief_prints_on_two_pages_and_stays_offline(browser, served_site, slug):
    watch = PageWatch(browser, served_site)
    watch.page.goto(f"{served_site}/model-un/countries/{slug}/", wait_until="load")
    watch.page.emulate_media(media="print")
    pdf = watch.page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    assert 1 <= pages <= 2, f"{slug}: the brief prints on {pages} pages"
    assert not watch.foreign, f"{slug}: requests to other hosts: {watch.foreign}"
    assert not watch.errors, f"{slug}: console errors: {watch.errors}"
    watch.close()


@pytest.mark.parametrize("slug", ["united-states", "vietnam"])
def test_a_brief_fits_a_phone(browser, served_site, slug):
    watch = PageWatch(browser, served_site, viewport={"width": 390, "height": 844})
    watch.page.goto(f"{served_site}/model-un/countries/{slug}/", wait_until="load")
    overflow = watch.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{slug}: the page is {overflow}px wider than a 390px phone"
    watch.close()
