"""The numbers the Cold War chapter quotes are recomputed from the data here.

Each test computes a figure from data/ and checks that the chapter states it in that
form; if a dataset is corrected, the test fails until the prose is brought into line.
The corrections of the source article (fact-check boxes) are tested the same way.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from sdbook import cold_war, data
from sdbook import events as book_events
from sdbook.cold_war import US, USSR

WORDS = {18: "eighteen", 19: "nineteen", 20: "twenty"}
CHAPTER = (ROOT / "docs" / "cold-war" / "index.md").read_text(encoding="utf-8")


def says(*phrases: str) -> None:
    for phrase in phrases:
        assert phrase in CHAPTER, f"the chapter should say {phrase!r} (computed from data/)"


@pytest.fixture(scope="module")
def warheads():
    return data.load("nuclear_warheads")


@pytest.fixture(scope="module")
def events():
    return data.load("cold_war_events")


@pytest.fixture(scope="module")
def outlays():
    return data.load("us_defense_outlays")


@pytest.fixture(scope="module")
def launchers():
    return cold_war.launcher_totals(data.load("strategic_launchers"))


def test_stockpile_peaks_and_the_article_s_mid_1980s_figures(warheads):
    us_year, us_peak = cold_war.peak(warheads, US)
    su_year, su_peak = cold_war.peak(warheads, USSR)
    us_then = cold_war.value_in(warheads, US, su_year)
    assert (us_year, su_year) == (1967, 1986)  # the asymmetry the chapter teaches
    says(f"peaked at {us_peak:,} warheads in {us_year}", f"to {su_peak:,} in {su_year}",
         f"{us_then:,} American warheads", f"{su_peak:,} Soviet",
         f"{WORDS[su_year - us_year]} years later", f"{WORDS[su_year - us_year]} years earlier, at {us_peak:,} warheads in {us_year}")
    assert su_year - us_year == 19
    # the article: "roughly 40,000" Soviet and "around 23,000" US in the mid-1980s
    assert round(su_peak, -3) == 40_000 and round(us_then, -3) == 23_000


def test_stockpiles_in_1949(warheads):
    says(f"in 1949 the United States had an estimated {cold_war.value_in(warheads, US, 1949)} warheads, "
         f"the Soviet Union {cold_war.value_in(warheads, USSR, 1949)}")


def test_the_hydrogen_bomb_intervals(events):
    says(f"was {cold_war.days_between(events, 'ivy-mike-1952', 'rds6s-1953')} days",
         f"came {cold_war.days_between(events, 'ivy-mike-1952', 'rds37-1955'):,} days",
         f"and {cold_war.days_between(events, 'castle-bravo-1954', 'rds37-1955')} days after",
         f"= {cold_war.days_between(events, 'ivy-mike-1952', 'rds37-1955')} ± 5")
    # "a mere nine months": right only for the single-stage RDS-6s
    assert 270 <= cold_war.days_between(events, "ivy-mike-1952", "rds6s-1953") <= 300


def test_dates_quoted_in_the_chapter(events):
    formats = {"trinity-1945": "16 July 1945", "rds1-1949": "29 August 1949",
               "h-bomb-decision-1950": "31 January 1950", "ivy-mike-1952": "1 November 1952",
               "rds6s-1953": "12 August 1953", "rds37-1955": "22 November 1955",
               "castle-bravo-1954": "1 March 1954", "u2-overflight-1956": "4 July 1956",
               "r7-flight-1957": "21 August 1957", "polaris-patrol-1960": "15 November 1960",
               "gilpatric-1961": "21 October 1961", "soviet-tests-resume-1961": "1 September 1961",
               "hotline-1963": "20 June 1963", "ltbt-1963": "5 August 1963",
               "mcnamara-speech-1967": "18 September 1967", "minuteman-iii-1970": "19 August 1970",
               "abm-salt-1972": "26 May 1972", "schmidt-speech-1977": "28 October 1977",
               "dual-track-1979": "12 December 1979", "sdi-1983": "23 March 1983",
               "inf-1987": "8 December 1987", "start-1991": "31 July 1991",
               "pni-1991": "27 September", "gorbachev-reply-1991": "5 October",
               "ussr-dissolved-1991": "26 December 1991", "soviet-crash-programme-1945": "20 August 1945"}
    dated = events.set_index("event_id")["date"]
    for event_id, text in formats.items():
        date = dated[event_id]
        expected = f"{date.day} {date.strftime('%B')}" + ("" if text.count(" ") == 1 else f" {date.year}")
        assert text == expected, f"{event_id}: the test's text {text!r} disagrees with the data"
        says(text)


def test_sputnik_fact_check_counts(launchers):
    for country, years in ((USSR, (1960, 1961, 1962)), (US, (1960, 1961, 1962))):
        counts = [cold_war.value_in(launchers, country, y, "icbms") for y in years]
        assert counts[0] < counts[-1]
    su = [cold_war.value_in(launchers, USSR, y, "icbms") for y in (1960, 1961, 1962)]
    us = [cold_war.value_in(launchers, US, y, "icbms") for y in (1960, 1961, 1962)]
    says(f"{su[0]} intercontinental missiles in 1960, {su[1]} in 1961 and {su[2]} in 1962, "
         f"against {us[0]}, {us[1]} and {us[2]} American ones")
    assert all(u > s for u, s in zip(us, su)), "the missile gap ran in America's favour"


def test_bomber_gap_counts(launchers):
    says(f"the Soviet Union had {cold_war.value_in(launchers, USSR, 1957, 'bombers')} such bombers in "
         f"1957, the United States {cold_war.value_in(launchers, US, 1957, 'bombers')}")


def test_triad_and_mirv_numbers(launchers):
    us_year, us_peak = cold_war.peak(launchers, US, "launchers")
    to_1991 = launchers[launchers["year"] <= 1991]
    su_year, su_peak = cold_war.peak(to_1991, USSR, "launchers")
    su_w_year, su_w = cold_war.peak(to_1991, USSR, "deliverable_warheads")
    w_then = cold_war.value_in(launchers, US, us_year, "deliverable_warheads")
    w_1980 = cold_war.value_in(launchers, US, 1980, "deliverable_warheads")
    says(f"peaked at {us_peak:,} in {us_year}", f"from {w_then:,} in {us_year} to {w_1980:,} in 1980",
         f"launchers peaked at {su_peak:,} in {su_year} and its deliverable warheads at {su_w:,} in {su_w_year}")


def test_tests_numbers():
    tests = data.load("nuclear_tests")
    per_year = tests.groupby("year")["tests"].sum()
    says(f"In {int(per_year.idxmax())} the world saw {int(per_year.max())} nuclear tests, "
         "more than in any other year")
    superpowers = tests[tests["country"].isin([US, USSR])].groupby("year")["tests"].sum()
    assert superpowers[1959] == 0 and superpowers[1960] == 0
    says("for two calendar years, 1959 and 1960, neither superpower tested")


def test_us_burden_figures(outlays):
    by_year = outlays.set_index("fiscal_year")
    share = by_year["share_of_gdp_percent"]
    says(f"{share[1950]:.1f} % of GDP in fiscal year 1950 to {share[1953]:.1f} % in fiscal 1953")
    korea, vietnam, reagan = (cold_war.burden_peak(outlays, *span)
                              for span in ((1950, 1955), (1965, 1972), (1980, 1991)))
    says(f"{korea[1]:.1f} % of GDP at the Korean War peak (fiscal {korea[0]})",
         f"{vietnam[1]:.1f} % at the height of the Vietnam War (fiscal {vietnam[0]})",
         f"{reagan[1]:.1f} % at the height of the Reagan build-up (fiscal {reagan[0]})",
         f"falling to {share[1991]:.1f} % by fiscal 1991")
    # the whole Cold War's highest share was the Korean peak
    assert cold_war.burden_peak(outlays, 1947, 1991) == korea
    real = cold_war.outlays_constant(outlays).set_index("fiscal_year")["billion_fy2012"]
    says(f"about ${real[1953]:.0f} billion in fiscal 1953, ${real[1968]:.0f} billion in 1968 and "
         f"${real[1989]:.0f} billion in 1989")


def test_the_200_billion_and_15_percent_fact_check(outlays):
    by_year = outlays.set_index("fiscal_year")
    first = cold_war.first_year_above(outlays, 200_000)
    says(f"first passed $200 billion in fiscal {first} (${by_year.loc[first, 'outlays_million_usd'] / 1000:.1f} billion)",
         f"to ${by_year.loc[1989, 'outlays_million_usd'] / 1000:.1f} billion in fiscal 1989")
    mid80s = by_year.loc[1983:1987, "share_of_gdp_percent"]
    says(f"defence took {mid80s.min():.1f}–{mid80s.max():.1f} % of GDP",
         f"a peak of {mid80s.max():.1f} % in fiscal {int(mid80s.idxmax())}")
    fifteen = by_year[by_year["share_of_gdp_percent"] >= 15].index
    says(f"since fiscal {int(fifteen.max())}, at the end of the Second World War",
         f"was fiscal {int(fifteen.max())} ({by_year.loc[fifteen.max(), 'share_of_gdp_percent']:.1f} %)")
    assert by_year.loc[1980:1991, "share_of_gdp_percent"].max() < 15 / 2, "wrong by more than half"


def test_soviet_burden_estimates():
    estimates = data.load("soviet_burden_estimates").set_index("estimate_id")
    says(f"{estimates.loc['official-budget-1988', 'billion_rubles']:.0f} billion rubles for 1988",
         f"{estimates.loc['gorbachev-1989', 'billion_rubles']:.1f} billion rubles",
         f"{estimates.loc['cia-1984', 'low_percent']:.0f}–{estimates.loc['cia-1984', 'high_percent']:.0f} % of GNP",
         f"gave {estimates.loc['us-government-mid-1980s', 'low_percent']:.0f}–"
         f"{estimates.loc['us-government-mid-1980s', 'high_percent']:.0f} %",
         f"{estimates.loc['kataev-1989', 'low_percent']:.1f} % of GDP")
    # exercise 3 quotes the span of the US government estimates
    says(f"({estimates.loc['cia-1984', 'low_percent']:.0f}–"
         f"{estimates.loc['us-government-mid-1980s', 'high_percent']:.0f} % of GNP)")


def test_spiral_and_timeline_numbers(warheads, events):
    points = cold_war.change_vs_level(warheads)
    su, us = cold_war.spiral_correlation(points, USSR), cold_war.spiral_correlation(points, US)
    says(f"a correlation of {su:+.2f} over 1950–1991", f"the other way ({us:+.2f})".replace("-", "−"))
    years = points.pivot(index="year", columns="country", values="change")
    apart = years[(years[US] < 0) & (years[USSR] > 0)]
    says(f"in {len(apart)} of the {len(years)} years the American stockpile shrank")
    counts = book_events.counts(events)
    says(f"gathers {len(events)} dated moves", f"In {counts['answer']} of them",
         f"{counts['follow_on']} more are a side's follow-on",
         f"Historians dispute {counts['evidence']['disputed']} of the answers")
    # the chapter names every disputed answer, and only those
    named = {"rds37-1955": "the Soviet two-stage bomb as an answer to Ivy Mike",
             "kennedy-buildup-1961": "Kennedy's 1961 build-up as an answer to the first Soviet ICBMs",
             "cuba-deployment-1962": "the Cuban deployment as an answer to the Jupiters",
             "mcnamara-speech-1967": "Sentinel as an answer to China's first nuclear test",
             "minuteman-iii-1970": "MIRV as an answer to Moscow's defences",
             "soviet-mirv-1975": "Soviet MIRV as an answer to American MIRV",
             "inf-1987": "the INF Treaty as a result of NATO's deployments"}
    disputed = book_events.answers(events)
    disputed = set(disputed.loc[disputed["link_evidence"] == "disputed", "event_id"])
    assert disputed == set(named), disputed ^ set(named)
    says(*named.values())
    # the follow-ons the chapter gives as examples are follow-ons in the data
    kinds = events.set_index("event_id")["link_type"]
    assert {kinds[e] for e in ("hotline-1963", "ltbt-1963", "start-1991")} == {"follow_on"}
    says("START I after the talks that opened in June 1982")
    assert events.set_index("event_id").loc["start-talks-1982", "date"].strftime("%B %Y") == "June 1982"
