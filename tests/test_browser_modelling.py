"""The modelling chapter's explorables in a real headless Chromium (Debian's, via Playwright).

Each control is moved by mouse and by keyboard, and the data the plots draw must
change; the page must stay offline and free of console errors, in both themes and
at phone width. Chapter: modelling the spiral.
"""

from __future__ import annotations

import json

import pytest

from browsing import PageWatch

PAGE = "/modelling/"


def _open(browser, served_site, **context):  # noqa: F811
    watch = PageWatch(browser, served_site, **context)
    watch.page.goto(served_site + PAGE, wait_until="networkidle")
    return watch


def _ready(page, name):
    root = page.locator(f'[data-sd-explorable="{name}"]')
    root.scroll_into_view_if_needed()
    # on a phone an explorable is taller than the screen: its plots draw as each comes near
    plots = root.locator(".sd-explorable__plot")
    for index in range(plots.count()):
        plots.nth(index).scroll_into_view_if_needed()
    root.scroll_into_view_if_needed()
    page.wait_for_function(
        f"""() => {{ const plots = document.querySelectorAll('[data-sd-explorable="{name}"] .sd-explorable__plot');
                    return plots.length > 0 && [...plots].every(e => e.dataset.sdState === 'drawn'); }}""",
        timeout=30_000)
    return root


def _drawn(page, name):
    """Everything the explorable's plots currently draw, as JSON (x and y of every trace)."""
    return page.evaluate(
        f"""() => JSON.stringify([...document.querySelectorAll('[data-sd-explorable="{name}"] .sd-explorable__plot')]
              .map(el => el.data.map(t => [t.x, t.y])))""")


def _settled(page, name, before):
    page.wait_for_function(
        f"""(before) => JSON.stringify([...document.querySelectorAll('[data-sd-explorable="{name}"] .sd-explorable__plot')]
              .map(el => el.data.map(t => [t.x, t.y]))) !== before""", arg=before, timeout=10_000)


def _game_changed(page, before):
    """Wait until the spiral game's plots or its round-robin table differ from `before`."""
    page.wait_for_function(
        """([plots, table]) => {
            const root = document.querySelector('[data-sd-explorable="spiral-game"]');
            const drawn = JSON.stringify([...root.querySelectorAll('.sd-explorable__plot')]
                .map(el => el.data.map(t => [t.x, t.y])));
            return drawn !== plots || root.querySelector('.sd-explorable__table').innerText !== table;
        }""", arg=list(before), timeout=10_000)


def _poll_until_changed(read, before, page, timeout_ms=10_000):
    """Read again every 100 ms until the value differs from `before` or time runs out (a loaded
    machine can take longer than any fixed pause to redraw); return the last value read."""
    value = read()
    for _ in range(timeout_ms // 100):
        if value != before:
            break
        page.wait_for_timeout(100)
        value = read()
    return value


def _click_along(slider, fraction):
    """Click a slider's track at a fraction of its width. Playwright's locator click scrolls the
    slider into view and waits for it to stand still first; a raw mouse click at a bounding box
    read earlier missed on a loaded CI machine when lazily drawn charts moved the page."""
    box = slider.bounding_box()
    slider.click(position={"x": box["width"] * fraction, "y": box["height"] / 2})


def test_richardson_sliders_move_by_keyboard_and_mouse(browser, served_site):  # noqa: F811
    watch = _open(browser, served_site)
    try:
        page = watch.page
        root = _ready(page, "richardson")
        sliders = root.locator('input[type="range"]')
        assert sliders.count() == 8
        for index in range(sliders.count()):
            slider = sliders.nth(index)
            label = page.locator(f'label[for="{slider.get_attribute("id")}"]').inner_text()
            before = _drawn(page, "richardson")
            slider.focus()
            page.keyboard.press("ArrowLeft" if index in (4, 5) else "ArrowRight")  # g, h start high
            _settled(page, "richardson", before)
            assert _drawn(page, "richardson") != before, f"keyboard on {label!r} changed nothing"
            before = _drawn(page, "richardson")
            _click_along(slider, 0.1)
            _settled(page, "richardson", before)
            assert _drawn(page, "richardson") != before, f"mouse on {label!r} changed nothing"
        status = root.locator(".sd-explorable__status").inner_text()
        assert "ab =" in status and "kl =" in status
        before = _drawn(page, "richardson")
        root.locator(".sd-explorable__button").click()  # back to the chapter's example
        _settled(page, "richardson", before)
        assert "Balance at X = 61.5, Y = 69.2" in root.locator(".sd-explorable__status").inner_text()
        assert not watch.errors, watch.errors
        assert not watch.foreign, watch.foreign
    finally:
        watch.close()


def test_richardson_regime_follows_the_stability_condition(browser, served_site):  # noqa: F811
    watch = _open(browser, served_site)
    try:
        page = watch.page
        root = _ready(page, "richardson")
        b = root.locator('input[type="range"]').nth(3)  # b: the brake of Y's own costs
        b.focus()
        for _ in range(6):  # 0.50 -> 0.20: ab = 0.10 < kl = 0.12
            page.keyboard.press("ArrowLeft")
        page.wait_for_function("""() => document.querySelector(
            '[data-sd-explorable="richardson"] .sd-explorable__status').textContent.includes('runaway')""",
            timeout=10_000)
        assert "ab = 0.100 < kl = 0.120" in root.locator(".sd-explorable__status").inner_text()
    finally:
        watch.close()


def test_spiral_game_controls_move_by_keyboard_and_mouse(browser, served_site):  # noqa: F811
    watch = _open(browser, served_site)
    try:
        page = watch.page
        root = _ready(page, "spiral-game")

        def table():
            return root.locator(".sd-explorable__table").inner_text()

        sliders = root.locator('input[type="range"]')
        assert sliders.count() == 6  # T, R, P, S, misreading, seed
        for index in range(sliders.count()):
            slider = sliders.nth(index)
            before, before_table = _drawn(page, "spiral-game"), table()
            slider.focus()
            page.keyboard.press("ArrowRight")
            _game_changed(page, (before, before_table))
            after = (_drawn(page, "spiral-game"), table())
            assert after != (before, before_table), f"keyboard on slider {index} changed nothing"
            _click_along(slider, 0.35)
            _game_changed(page, after)
            assert (_drawn(page, "spiral-game"), table()) != after, f"mouse on slider {index} changed nothing"
        # the payoff preset and both strategies, by keyboard
        for index, key in ((0, "ArrowDown"), (1, "ArrowDown"), (2, "ArrowDown")):
            select = root.locator("select").nth(index)
            before, before_table = _drawn(page, "spiral-game"), table()
            select.focus()
            page.keyboard.press(key)
            _game_changed(page, (before, before_table))
            assert (_drawn(page, "spiral-game"), table()) != (before, before_table), f"select {index}"
        before = _drawn(page, "spiral-game")
        root.locator(".sd-explorable__button").click()  # new luck
        _settled(page, "spiral-game", before)
        assert not watch.errors, watch.errors
        assert not watch.foreign, watch.foreign
    finally:
        watch.close()


def test_spiral_game_page_matches_the_notebook_match(browser, served_site):  # noqa: F811
    """The page starts where the notebook's example match is: same moves, round for round."""
    from sdbook import modelling

    watch = _open(browser, served_site)
    try:
        page = watch.page
        _ready(page, "spiral-game")
        drawn = json.loads(_drawn(page, "spiral-game"))[0]
        match = modelling.example_match()
        armed_x = [r for r, m in zip(match["round"], match["move1"]) if m == "A"]
        symbols = page.evaluate("""() => document.querySelector(
            '[data-sd-explorable="spiral-game"] .sd-explorable__plot').data[0].marker.symbol""")
        assert [r for r, s in zip(drawn[0][0], symbols) if s == "circle"] == armed_x
    finally:
        watch.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_explorables_redraw_in_dark_mode_and_fit_a_phone(browser, served_site, width):  # noqa: F811
    watch = _open(browser, served_site, viewport={"width": width, "height": 900}, color_scheme="light")
    try:
        page = watch.page
        for name in ("richardson", "spiral-game"):
            _ready(page, name)
        light = page.evaluate("""() => document.querySelector('.sd-explorable__plot').layout.font.color""")
        page.locator("label[for='__palette_1']").first.click()
        page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
        page.wait_for_function(
            """(light) => document.querySelector('.sd-explorable__plot').layout.font.color !== light""",
            arg=light, timeout=10_000)
        overflow = page.evaluate("""() => [...document.querySelectorAll('.sd-explorable')]
            .map(el => el.scrollWidth - el.clientWidth)""")
        assert all(o <= 1 for o in overflow), f"explorable wider than the page at {width}px: {overflow}"
        assert not watch.errors, watch.errors
    finally:
        watch.close()


# --- on a phone: the plot stays in view, the game is legible, nothing overlaps ------------

_KEEP_CONTROL_BELOW_VIEW = """([name, index]) => {
  const root = document.querySelector(`[data-sd-explorable="${name}"]`);
  const control = root.querySelectorAll('.sd-explorable__stage input, .sd-explorable__stage select')[index];
  const view = root.querySelector('.sd-explorable__view');
  // a reader scrolls until the control sits just under the plot (or the plot, if it scrolls away)
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  window.scrollBy(0, control.getBoundingClientRect().top - (header + view.offsetHeight + 16));
  return true;
}"""

_WHERE = """([name, index]) => {
  const root = document.querySelector(`[data-sd-explorable="${name}"]`);
  const control = root.querySelectorAll('.sd-explorable__stage input, .sd-explorable__stage select')[index];
  const plot = root.querySelector('.sd-explorable__view .sd-explorable__plot').getBoundingClientRect();
  const c = control.getBoundingClientRect();
  const hit = document.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2);
  return {plotTop: plot.top, plotBottom: plot.bottom, controlTop: c.top, controlBottom: c.bottom,
          visible: hit === control || control.contains(hit) || (hit && hit.htmlFor === control.id),
          header: document.querySelector('.md-header').getBoundingClientRect().bottom,
          height: window.innerHeight, id: control.id};
}"""


def _results(root) -> str:
    """What a move can change besides the plots: the status sentence and the table."""
    return root.evaluate("""el => [...el.querySelectorAll('.sd-explorable__status, .sd-explorable__table')]
                              .map(e => e.textContent).join('|')""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_the_plot_stays_in_view_while_every_control_moves(browser, served_site, scheme):
    watch = _open(browser, served_site, viewport={"width": 390, "height": 844}, color_scheme=scheme)
    try:
        page = watch.page
        for name in ("richardson", "spiral-game"):
            root = _ready(page, name)
            controls = root.locator(".sd-explorable__stage input, .sd-explorable__stage select")
            assert controls.count() >= 8, f"{name}: {controls.count()} controls"
            for index in range(controls.count()):
                page.evaluate(_KEEP_CONTROL_BELOW_VIEW, [name, index])
                page.wait_for_timeout(100)
                where = page.evaluate(_WHERE, [name, index])
                assert where["visible"], f"{name} {where['id']}: the control is covered: {where}"
                assert where["plotTop"] >= where["header"] - 1 and where["plotBottom"] <= where["controlTop"], \
                    f"{name} {where['id']}: the plot is out of view while the control is in reach: {where}"
                before = _drawn(page, name) + _results(root)
                control = controls.nth(index)
                control.focus()
                page.keyboard.press(control.evaluate("""e => e.tagName === 'SELECT'
                    ? (e.selectedIndex < e.options.length - 1 ? 'ArrowDown' : 'ArrowUp')
                    : (Number(e.value) < Number(e.max) ? 'ArrowRight' : 'ArrowLeft')"""))
                after = _poll_until_changed(lambda: _drawn(page, name) + _results(root), before, page)
                assert after != before, f"{name} {where['id']}: moving it changed nothing"
                where = page.evaluate(_WHERE, [name, index])
                assert where["plotTop"] >= where["header"] - 1 and where["plotBottom"] <= where["height"], \
                    f"{name} {where['id']}: the plot left the screen as the control moved: {where}"
        assert not watch.errors, watch.errors
    finally:
        watch.close()


_TEXT = """el => [...el.querySelectorAll('.xtick text, .ytick text, .gtitle, .g-xtitle text, .g-ytitle text, .legendtext, .annotation-text')]
  .filter(t => t.textContent.trim()).map(t => { const b = t.getBoundingClientRect();
    return {text: t.textContent, l: b.left, r: b.right, t: b.top, b: b.bottom}; })"""


def test_on_a_phone_the_game_is_legible_and_its_table_fits(browser, served_site):  # noqa: F811
    watch = _open(browser, served_site, viewport={"width": 390, "height": 844})
    try:
        page = watch.page
        for name in ("richardson", "spiral-game"):
            root = _ready(page, name)
            for plot in root.locator(".sd-explorable__plot").all():
                boxes = plot.evaluate(_TEXT)
                for i, a in enumerate(boxes):
                    for b in boxes[i + 1:]:
                        overlap = min(a["r"], b["r"]) - max(a["l"], b["l"]) > 1 and \
                            min(a["b"], b["b"]) - max(a["t"], b["t"]) > 1
                        assert not overlap, f"{name}: {a['text']!r} overlaps {b['text']!r}"
        spacing = page.evaluate("""() => {
            const gd = document.querySelector('[data-sd-explorable="spiral-game"] .sd-explorable__plot');
            const axis = gd._fullLayout.xaxis;
            const perRow = Math.max(...gd.data[0].x);
            return {px: axis._length / (axis.range[1] - axis.range[0]), size: gd.data[0].marker.size,
                    rounds: gd.data[0].x.length, perRow};
        }""")
        assert spacing["rounds"] == 60
        assert spacing["px"] >= spacing["size"] + 3, f"rounds merge at 390 px: {spacing}"
        fits = page.evaluate("""() => { const box = document.querySelector('.sd-explorable__table');
            const caption = box.querySelector('caption').getBoundingClientRect(), outer = box.getBoundingClientRect();
            return {over: box.scrollWidth - box.clientWidth, caption: [caption.left, caption.right],
                    box: [outer.left, outer.right]}; }""")
        assert fits["over"] <= 1, f"the round-robin table is wider than its box: {fits}"
        assert fits["caption"][0] >= fits["box"][0] - 1 and fits["caption"][1] <= fits["box"][1] + 1, fits
        assert not watch.errors, watch.errors
    finally:
        watch.close()
