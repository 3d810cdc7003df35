"""The evidence pages through Datasette's own client: the study at a glance on the article page,
the records around it, the extraction facets and sort, the evidence profiles, a pasted claim,
the question's feed and what the exports carry. Real sample records only."""

import re

import pytest
import sqlite_utils

from harvest import extract

from tests.test_site import TROCHES, copy_catalogue, get_json, sample_plus, site, table_pmids

META_ANALYSIS = 33962333  # intrathecal ketamine, acute and postoperative pain: a meta-analysis of 11 trials
REVIEW, CITED = 33781001, 32687801  # a systematic review in the sample and a sample record it cites
TRIAL, CORRIGENDUM = 30578883, 34092354  # a registered trial and its corrigendum


@pytest.fixture(scope="module")
def ds(sample_db):
    return site(sample_db)


@pytest.fixture(scope="module")
def linked_ds(sample_db, sample_files, tmp_path_factory):
    """The sample catalogue plus real records that cite one another or report one study (test-only)."""
    return sample_plus(sample_db, sample_files, tmp_path_factory.mktemp("linked"), [REVIEW, CITED, TRIAL, CORRIGENDUM])


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ---------------------------------------------------------------- the article page


async def test_the_study_at_a_glance_quotes_its_words_and_marks_them(ds):
    html = (await ds.client.get(f"/catalogue/articles/{TROCHES}")).text
    panel = text_of(html.split('id="glance-heading"')[1].split("</section>")[0])
    assert "29 participants" in panel and "twenty-nine patients (n=29)" in panel
    assert "25–600 mg, sublingual or buccal, in divided doses" in panel
    assert "This retrospective case-series has demonstrated" in panel
    assert "not stated in the abstract" in panel  # design signals, registrations: silence is said
    abstract = html.split('id="abstract"')[1].split("</div>")[0]
    for anchor in re.findall(r'href="#(q\d+)"', html):
        assert f'<mark id="{anchor}">' in abstract, anchor
    assert '<mark id="' in abstract and "twenty-nine patients (n=29)</mark>" in abstract


UNLABELLED = 34062414  # an abstract without sections: its conclusion is the sentence taken for its finding


def glance_rows(html: str) -> dict:
    """{heading: text of its values} of the study-at-a-glance panel."""
    panel = html.split('id="glance-heading"')[1].split("</section>")[0]
    return {text_of(h).strip(): text_of(v).strip() for h, v in re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", panel, re.S)}


def figure(agreed) -> str:
    return f"readers agreed {round(100 * agreed[0] / agreed[1])}% ({agreed[0]:,} of {agreed[1]:,})"


async def test_each_value_at_a_glance_says_how_often_blind_readers_agreed_with_values_of_its_kind(ds):
    """A conclusion its authors label and one taken from an abstract that labels none are two kinds, with figures
    of their own; the participants carry theirs; doses, too few of them read blind, carry none."""
    from datasette_catalogue import value_accuracy

    labelled = glance_rows((await ds.client.get(f"/catalogue/articles/{TROCHES}")).text)
    chosen = glance_rows((await ds.client.get(f"/catalogue/articles/{UNLABELLED}")).text)
    surely, less = (value_accuracy.AGREED[f"conclusion: {how}"] for how in (
        "labelled a conclusion by its authors", "the sentence taken for the main finding; the abstract labels none"))
    assert surely[0] / surely[1] > less[0] / less[1]
    assert labelled["Conclusion"].startswith("(labelled a conclusion by its authors)") and figure(surely) in labelled["Conclusion"]
    assert chosen["Conclusion"].startswith("(the sentence taken for the main finding; the abstract labels none)")
    assert figure(less) in chosen["Conclusion"] and figure(surely) not in chosen["Conclusion"]
    assert figure(value_accuracy.AGREED["sample_size"]) in labelled["Participants"]
    assert "25–600 mg" in labelled["Ketamine doses"] and "readers agreed" not in labelled["Ketamine doses"]
    assert value_accuracy.PATTERNS_VERSION == extract.VERSION


async def test_no_figure_is_given_for_values_read_by_other_patterns(ds, sample_db, tmp_path_factory):
    other = copy_catalogue(sample_db, tmp_path_factory, "patterns", "update articles set extraction_version = '2020.1'")
    ours = glance_rows((await ds.client.get(f"/catalogue/articles/{TROCHES}")).text)
    older = glance_rows((await other.client.get(f"/catalogue/articles/{TROCHES}")).text)
    assert "readers agreed" in ours["Participants"] and "readers agreed" not in " ".join(older.values())
    assert older["Participants"].startswith("29 participants") and older["Conclusion"].startswith("(labelled a conclusion")


async def test_a_registered_trial_links_its_registry_and_its_other_report(linked_ds):
    html = (await linked_ds.client.get(f"/catalogue/articles/{TRIAL}")).text
    assert 'href="https://clinicaltrials.gov/study/NCT02020889"' in html
    among = text_of(html.split('id="among-heading"')[1].split("</section>")[0])
    assert "Other reports of the same study (1)" in among and "Corrigendum" in among
    corrigendum = (await linked_ds.client.get(f"/catalogue/articles/{CORRIGENDUM}")).text
    assert f'href="/catalogue/articles/{TRIAL}"' in corrigendum.split('id="among-heading"')[1]


async def test_a_citation_between_two_catalogued_records_shows_on_both_pages(linked_ds):
    review = (await linked_ds.client.get(f"/catalogue/articles/{REVIEW}")).text
    assert f'href="/catalogue/articles/{CITED}"' in review.split('id="among-heading"')[1]
    cited = (await linked_ds.client.get(f"/catalogue/articles/{CITED}")).text.split('id="among-heading"')[1]
    assert "Reviews in this catalogue that cite it (1)" in text_of(cited)
    assert f'href="/catalogue/articles/{REVIEW}"' in cited


# ---------------------------------------------------------------- facets and sort


@pytest.mark.parametrize("column", ["sample_size_band", "randomised", "blinding", "placebo_controlled",
                                    "registered", "cited_by_review", "newer_than_reviews"])
async def test_extraction_facets_count_what_sql_counts(ds, sample_db, column):
    body = await get_json(ds, "/catalogue/articles.json?_size=0")  # metadata.yml shows these facets
    shown = {r["value"]: r["count"] for r in body["facet_results"][column]["results"]}
    db = sqlite_utils.Database(sample_db)
    expected = dict(db.execute(f"select {column}, count(*) from articles where {column} is not null group by 1"))
    assert shown == expected
    for value, count in shown.items():
        assert len(await table_pmids(ds, f"{column}={value}")) == count


async def test_facet_values_read_as_words_in_band_order(ds):
    html = (await ds.client.get("/catalogue/articles")).text
    bands = re.search(r'id="facet-sample_size_band".*?</ul>', html, re.S).group()
    labels = re.findall(r"<a href=[^>]+>([^<]+)</a>", bands)
    order = ["<20", "20–49", "50–99", "100–499", "≥500", "not stated"]
    assert [label for label in order if label in labels] == [label.replace("&lt;", "<") for label in labels
                                                              if label.replace("&lt;", "<") in order]
    registered = re.search(r'id="facet-registered".*?</ul>', html, re.S).group()
    assert "no registration named" in registered


async def test_sorting_by_sample_size_puts_the_largest_first(ds):
    rows = (await get_json(ds, "/catalogue/articles.json?_sort_desc=sample_size&_shape=objects&_col=sample_size"))["rows"]
    sizes = [r["sample_size"] for r in rows if r["sample_size"] is not None]
    assert sizes == sorted(sizes, reverse=True) and rows[0]["sample_size"] == max(sizes)


async def test_condition_and_route_facet_values_open_their_profile(ds):
    html = (await ds.client.get("/catalogue/articles")).text
    assert 'href="/catalogue/profile?condition=chronic-pain"' in html
    assert 'href="/catalogue/profile?route=sublingual-buccal"' in html


# ---------------------------------------------------------------- profiles


async def test_a_profile_puts_the_strongest_evidence_first(ds, sample_db):
    response = await ds.client.get("/catalogue/profile?condition=acute-postoperative-pain")
    assert response.status_code == 200
    html = response.text
    strongest = re.findall(r'<ol class="strongest">(.*?)</ol>', html, re.S)[0]
    pmids = [int(p) for p in re.findall(r'href="/catalogue/articles/(\d+)"', strongest)]
    assert pmids[0] == META_ANALYSIS
    db = sqlite_utils.Database(sample_db)
    in_condition = {row[0] for row in db.execute(
        "select pmid from article_conditions where condition = 'acute-postoperative-pain'")}
    assert set(pmids) <= in_condition
    references = re.search(r'<textarea id="refs-1"[^>]*>(.*?)</textarea>', html, re.S).group(1)
    assert references.startswith("1. Sohnen S") and "Single dose perioperative intrathecal ketamine" in references
    assert "Level 1" in strongest and "11 studies" in strongest and "750 participants" in strongest


async def test_a_profile_counts_records_studies_and_gaps(ds, sample_db):
    html = text_of((await ds.client.get("/catalogue/profile?condition=acute-postoperative-pain")).text)
    db = sqlite_utils.Database(sample_db)
    records = db.execute("select count(*) from article_conditions where condition = 'acute-postoperative-pain'").fetchone()[0]
    assert f"{records} records reporting" in html
    assert "Nothing here yet:" in html and "randomised controlled trial" in html.split("Nothing here yet:")[1][:300]
    assert "Newest systematic review or meta-analysis" in html


async def test_a_profiles_exports_and_feed_hold_the_same_records(ds, sample_db):
    html = (await ds.client.get("/catalogue/profile?condition=chronic-pain&route=sublingual-buccal")).text
    ris = re.search(r'href="(/catalogue/articles\.ris\?[^"]+)"', html).group(1).replace("&amp;", "&")
    body = (await ds.client.get(ris)).text
    assert body.count("ER  -") == 1 and f"AN  - {TROCHES}" in body
    feed = re.search(r'href="(/catalogue/new_on_question\.atom\?[^"]+)"', html).group(1).replace("&amp;", "&")
    atom = await ds.client.get(feed)
    assert atom.status_code == 200 and atom.text.count("<entry>") == 1 and f"/articles/{TROCHES}" in atom.text


async def test_a_question_with_no_records_says_it_is_a_gap_not_an_answer(ds):
    html = text_of((await ds.client.get("/catalogue/profile?condition=sickle-cell&route=intranasal")).text)
    assert "0 records in this catalogue answer this question" in html and "not proof that no study exists" in html
    assert "This catalogue holds 8 PubMed records" in html


async def test_a_pasted_claim_opens_one_profile_for_each_thing_it_names(ds):
    claim = "ketamine troches have demonstrated efficacy in treating neuropathic pain, fibromyalgia and CRPS"
    response = await ds.client.get("/catalogue/profile", params={"claim": claim})
    html = text_of(response.text)
    assert "What the claim names" in html
    for title in ("Ketamine for neuropathic pain, given sublingual or buccal", "Ketamine for CRPS, given sublingual or buccal",
                  "Ketamine for fibromyalgia, given sublingual or buccal"):
        assert title in html
    # what was recognised can be changed: the form holds it, chosen
    assert re.search(r'<option value="crps" selected>', response.text)
    assert re.search(r'<option value="sublingual-buccal" selected>', response.text)


async def test_unknown_question_values_are_ignored_not_an_error(ds):
    response = await ds.client.get("/catalogue/profile?condition=gout&route=<script>&population=plants&style=MLA")
    assert response.status_code == 200 and "<script>" not in response.text.split("</form>")[0].split("claim")[0]
    assert "Ketamine</h2>" in response.text or "Ketamine</h1>" in response.text


async def test_a_question_says_which_values_it_left_out(ds):
    asked = text_of((await ds.client.get("/catalogue/profile?condition=crsp&condition=crps&route=<script>")).text)
    assert re.search(r"Not a value this catalogue labels, so left out of the question: condition crsp ?, "
                     r"route &lt;script&gt; ?\.", asked)
    assert "Ketamine for CRPS" in asked  # the value it knows is still asked
    plain = text_of((await ds.client.get("/catalogue/profile?condition=crps")).text)
    assert "Not a value this catalogue labels" not in plain


async def test_the_home_page_has_a_claim_box_and_links_the_profiles(ds):
    html = (await ds.client.get("/")).text
    assert 'action="/catalogue/profile"' in html and 'name="claim"' in html
    assert 'href="/catalogue/profile"' in html


# ---------------------------------------------------------------- exports


async def test_exports_carry_registrations_and_the_conclusion(ds, sample_db):
    ris = (await ds.client.get(f"/catalogue/articles/{TROCHES}.ris")).text
    assert "N1  - Conclusion (authors'): This retrospective case-series has demonstrated" in ris
    csl = await get_json(ds, f"/catalogue/articles.csljson?pmid={META_ANALYSIS}")
    assert "Conclusion (authors'): The studies analyzed suggest" in csl[0]["note"]


async def test_exports_name_a_registration(linked_ds):
    ris = (await linked_ds.client.get(f"/catalogue/articles/{TRIAL}.ris")).text
    assert "N1  - Registration: ClinicalTrials.gov NCT02020889" in ris


def test_the_synthesis_gap_compares_reviews_and_trials_of_the_same_side_of_the_bench():
    import sqlite3

    from datasette_catalogue import profile

    conn = sqlite3.connect(":memory:")
    conn.execute("create table articles (pmid, title, pub_date, pub_year, studies_included, sample_size, design, "
                 "population, study_id)")
    conn.executemany("insert into articles values (?, ?, ?, ?, null, null, ?, ?, null)", [
        (1, "fixture: review of trials in people", "2019-01-01", 2019, "meta-analysis", "human"),
        (2, "fixture: review of rat studies", "2021-01-01", 2021, "systematic-review", "animal"),
        (3, "fixture: trial in people", "2020-06-01", 2020, "rct", "human"),
        (4, "fixture: trial in rats", "2022-01-01", 2022, "rct", "animal"),
    ])
    where, params = profile.question_filter()
    people = profile.newest_review(conn, where, params)
    assert people["pmid"] == 1 and profile.trials_after(conn, where, params, people) == 1
    where, params = profile.question_filter(population="animal")
    bench = profile.newest_review(conn, where, params, "animal")
    assert bench["pmid"] == 2 and profile.trials_after(conn, where, params, bench, "animal") == 1
