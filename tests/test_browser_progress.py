"""Progress kept privately, in a real browser (Debian's chromium): quiz answers and the
"What do you think?" answers survive a reload, reach the progress page, export to a file,
import from one and reset; and nothing leaves the page while the reader does all that."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

pytest.importorskip("playwright.sync_api")

KEY = "sdbook-progress"


@pytest.fixture
def page(browser, served_site):
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request))
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


# Requests the page makes that are not the reader's doing: the browser's favicon fetch and
# the sitemap Material's instant navigation reads (both same-origin GETs of site files).
NOT_THE_READERS = ("/favicon", "/sitemap.xml")


def page_requests(page) -> list[str]:
    """What the page asked for while the reader used it, less the fetches named above."""
    return [f"{r.method} {r.url}" for r in page.requests
            if not r.url.startswith(("blob:", "data:")) and not any(n in r.url for n in NOT_THE_READERS)]


def leaving(page, served_site) -> list[str]:
    """Requests to another host, or that send anything (any method but GET)."""
    host = urlsplit(served_site).netloc
    return [f"{r.method} {r.url}" for r in page.requests
            if r.method != "GET" or urlsplit(r.url).netloc not in ("", host)]


def stored(page) -> dict:
    return json.loads(page.evaluate(f"window.localStorage.getItem('{KEY}')") or "null") or {}


def answer_first_question_right(page):
    form = page.locator("[data-sd-quiz] .sd-quiz__question").first
    right = form.locator('input[data-correct="true"]')
    for index in range(right.count()):
        right.nth(index).check()
    form.locator("button.sd-quiz__check").click()
    page.wait_for_selector(".sd-quiz__feedback.is-right")


def test_quiz_answers_and_thoughts_survive_a_reload_and_reach_the_progress_page(page, served_site):
    page.goto(served_site + "/naval-race/", wait_until="networkidle")
    before = page.locator('form[data-sd-reflect="before"]')
    assert before.is_visible(), "the before-reading question is hidden: progress.js did not enable it"
    before.get_by_label("Agree", exact=True).check()
    before.locator("textarea").fill("Each side feared the other.")
    before.locator("textarea").dispatch_event("change")
    answer_first_question_right(page)
    data = stored(page)
    record = data["chapters"]["naval-race"]
    assert record["thoughts"]["before"] == {"value": 4, "note": "Each side feared the other."}
    assert record["quizzes"]["quiz-1"]["answers"]["1"]["firstCorrect"] is True

    page.reload(wait_until="networkidle")
    page.wait_for_selector(".sd-quiz__feedback.is-right")  # the answer is checked again
    score = page.locator(".sd-quiz__score").text_content()
    assert score.startswith("Answered correctly: 1 of "), score
    after = page.locator('form[data-sd-reflect="after"]')
    assert after.locator("[data-sd-reflect-then]").text_content() == "Agree"
    after.get_by_label("Not sure", exact=True).check()
    assert stored(page)["chapters"]["naval-race"]["quizzes"]["quiz-1"]["answers"]["1"]["attempts"] == 1, \
        "restoring an answer counted as a new attempt"

    page.goto(served_site + "/progress/", wait_until="networkidle")
    row = page.locator('tr[data-chapter="naval-race"]')
    total = row.get_attribute("data-total")
    assert row.locator('[data-sd-cell="answered"]').text_content() == f"1 of {total}"
    assert row.locator('[data-sd-cell="right"]').text_content() == "1"
    assert row.locator('[data-sd-cell="thought"]').text_content() == "Agree → Not sure"
    assert not page.errors, page.errors


def test_export_import_and_reset_work_and_nothing_leaves_the_page(page, served_site, tmp_path):
    page.goto(served_site + "/naval-race/", wait_until="networkidle")
    answer_first_question_right(page)
    page.goto(served_site + "/progress/", wait_until="networkidle")
    page.requests.clear()  # from here on the reader only uses the page

    with page.expect_download() as download:
        page.get_by_role("button", name="Export to a file").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert download.value.suggested_filename == "security-dilemma-progress.json"
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "security-dilemma-progress" and "naval-race" in data["chapters"]

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset everything").click()
    assert stored(page) == {}
    assert page.locator('tr[data-chapter="naval-race"] [data-sd-cell="answered"]').text_content().startswith("0 of")

    page.locator("[data-sd-progress-import]").set_input_files(str(exported))
    page.wait_for_function("() => document.querySelector('[data-sd-progress-summary]').textContent.startsWith('Imported')")
    assert stored(page) == data
    assert page.locator('tr[data-chapter="naval-race"] [data-sd-cell="right"]').text_content() == "1"

    bad = tmp_path / "other.json"
    bad.write_text('{"chapters": {}}', encoding="utf-8")
    page.locator("[data-sd-progress-import]").set_input_files(str(bad))
    page.wait_for_function("() => document.querySelector('[data-sd-progress-summary]').textContent.includes('not a progress file')")
    assert stored(page) == data, "a foreign file replaced the reader's progress"

    assert not leaving(page, served_site), leaving(page, served_site)
    assert not page_requests(page), f"the page made requests while the reader used it: {page_requests(page)}"
    assert not page.errors, page.errors


def test_answering_a_quiz_sends_nothing_anywhere(page, served_site):
    page.goto(served_site + "/model-un/", wait_until="networkidle")
    page.requests.clear()
    answer_first_question_right(page)
    page.locator('form[data-sd-reflect="before"]').get_by_label("Disagree", exact=True).check()
    page.wait_for_timeout(500)
    assert not leaving(page, served_site), leaving(page, served_site)
    assert not page_requests(page), f"answering a quiz made requests: {page_requests(page)}"
    assert "model-un" in stored(page)["chapters"]
