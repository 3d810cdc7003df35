"""Links between catalogued records (harvest.links): real sample records where the sample has them,
small fixture rows on a temporary catalogue where it does not."""

import pytest

from harvest import links, load, parse
from tests.conftest import real_record_xml


def load_real(tmp_path, sample_files, pmids):
    db = load.open_db(tmp_path / "links.db")
    records = [parse.parse_record(real_record_xml(sample_files, p)) for p in pmids]
    run = load.start_run(db, "files")
    load.save_records(db, records, run)
    load.ensure_search(db)
    return db


def test_a_review_and_the_catalogued_study_it_cites(tmp_path, sample_files):
    db = load_real(tmp_path, sample_files, [33781001, 32687801])
    assert db.execute("select review_pmid, study_pmid from review_studies").fetchall() == [(33781001, 32687801)]
    assert db["articles"].get(32687801)["cited_by_reviews"] == 1
    cited = db.execute("select count(*) from article_references where pmid = 33781001 and cited_pmid = 32687801")
    assert cited.fetchone()[0] == 1


def test_a_trial_and_its_corrigendum_are_one_study(tmp_path, sample_files):
    db = load_real(tmp_path, sample_files, [30578883, 34092354, 34092024])
    trial, note, other = (db["articles"].get(p) for p in (30578883, 34092354, 34092024))
    assert trial["study_id"] == note["study_id"] == 30578883
    assert trial["study_reports"] == note["study_reports"] == 2
    assert other["study_id"] == 34092024 and other["study_reports"] == 1


def test_references_keep_their_list_title_and_ids(sample_files):
    record = parse.parse_record(real_record_xml(sample_files, 33781001))
    refs = record["references"]
    assert refs and [r["position"] for r in refs] == list(range(1, len(refs) + 1))
    assert 32687801 in {r["cited_pmid"] for r in refs}
    assert all(r["citation"] for r in refs)


# ---------------------------------------------------------------- fixture rows


def fixture_db(tmp_path, articles, references=(), corrections=(), registrations=(), conditions=()):
    """A catalogue holding only the rows a test names (fixtures, not studies)."""
    db = load.open_db(tmp_path / "fixture.db")
    for pmid, design, extra in articles:
        db["articles"].insert({"pmid": pmid, "title": f"Fixture {pmid}", "design": design, **extra})
    for pmid, position, cited, title in references:
        db["article_references"].insert({"pmid": pmid, "position": position, "cited_pmid": cited, "list_title": title})
    for i, (pmid, kind, ref) in enumerate(corrections):
        db["comments_corrections"].insert({"pmid": pmid, "position": i + 1, "ref_type": kind, "ref_pmid": ref})
    for pmid, registry, rid in registrations:
        db["article_registrations"].insert({"pmid": pmid, "registry": registry, "registration_id": rid})
    for pmid, condition in conditions:
        db["article_conditions"].insert({"pmid": pmid, "condition": condition})
    links.refresh(db)
    return db


def test_included_studies_are_marked_and_retractions_travel(tmp_path):
    db = fixture_db(tmp_path, [
        (1, "meta-analysis", {}), (2, "rct", {"retracted": 1}), (3, "rct", {}),
        (4, "rct", {"corrections": '["expression-of-concern"]'}), (5, "review", {})],
        references=[(1, 1, 2, "References to studies included in this review"), (1, 2, 3, "Other references"),
                    (5, 1, 4, None), (5, 2, 99, None)])
    assert db.execute("select study_pmid, included from review_studies order by 1").fetchall() == [(2, 1), (3, 0)]
    flags = dict(db.execute("select pmid, cites_retracted from articles").fetchall())
    assert flags == {1: 1, 2: 0, 3: 0, 4: 0, 5: 1}  # a narrative review citing a concerned trial is flagged too


def test_registrations_join_reports_but_a_reviews_list_of_trials_does_not(tmp_path):
    db = fixture_db(tmp_path, [
        (10, "protocol", {}), (11, "rct", {}), (12, "rct", {}), (20, "meta-analysis", {}), (30, "rct", {})],
        registrations=[(10, "ClinicalTrials.gov", "NCT00000010"), (11, "ClinicalTrials.gov", "NCT00000010"),
                       (12, "ClinicalTrials.gov", "NCT00000012"),
                       # the review names the trials it includes, and one of its own kind
                       (20, "ClinicalTrials.gov", "NCT00000010"), (20, "ClinicalTrials.gov", "NCT00000012"),
                       (20, "ClinicalTrials.gov", "NCT00000030"), (20, "ClinicalTrials.gov", "NCT00000031"),
                       (30, "ClinicalTrials.gov", "NCT00000030")])
    study = dict(db.execute("select pmid, study_id from articles").fetchall())
    assert study[10] == study[11] == 10
    assert study[12] == 12 and study[20] == 20 and study[30] == 30


@pytest.mark.parametrize("registry, first, second", [
    ("OSF Registries", "osf.io/aaaaa", "osf.io/bbbbb"),
    ("Research Registry", "reviewregistry857", "researchregistry5678"),  # it registers reviews and studies
])
def test_a_registry_of_any_work_joins_a_review_and_its_protocol_and_a_study_and_its_report(tmp_path, registry,
                                                                                             first, second):
    db = fixture_db(tmp_path, [(1, "protocol", {}), (2, "systematic-review", {}), (3, "protocol", {}),
                               (4, "observational", {}), (5, "rct", {}), (6, "rct", {})],
                    registrations=[(1, registry, first), (2, registry, first),
                                   (3, registry, second), (4, registry, second),
                                   (5, "PROSPERO", "CRD42020000001"), (6, "PROSPERO", "CRD42020000001")])
    study = dict(db.execute("select pmid, study_id from articles").fetchall())
    assert study[1] == study[2] == 1 and study[3] == study[4] == 3
    assert study[5] == 5 and study[6] == 6  # trials citing one review's registration are not one study


def test_a_notice_about_many_papers_joins_none_of_them(tmp_path):
    db = fixture_db(tmp_path, [(1, "rct", {}), (2, "rct", {}), (3, "rct", {}), (9, "other", {}), (4, "rct", {}),
                               (5, "other", {})],
                    corrections=[(9, "ErratumFor", 1), (9, "ErratumFor", 2), (9, "ErratumFor", 3),
                                 (1, "ErratumIn", 9), (2, "ErratumIn", 9), (3, "ErratumIn", 9),
                                 (5, "ErratumFor", 4), (4, "ErratumIn", 5), (4, "CommentIn", 1)])
    study = dict(db.execute("select pmid, study_id from articles").fetchall())
    assert len({study[1], study[2], study[3], study[9]}) == 4
    assert study[4] == study[5] == 4  # an erratum for one paper is a report of that work; a comment is not


def test_newer_than_the_newest_review_of_its_condition(tmp_path):
    db = fixture_db(tmp_path, [
        (1, "meta-analysis", {"pub_date": "2019-05"}), (2, "rct", {"pub_date": "2020-01-01"}),
        (3, "rct", {"pub_date": "2018"}), (4, "rct", {"pub_date": "2021"}), (5, "rct", {"pub_date": "2021"})],
        conditions=[(1, "crps"), (2, "crps"), (3, "crps"), (4, "fibromyalgia")])
    newer = dict(db.execute("select pmid, newer_than_reviews from articles").fetchall())
    assert newer == {1: None, 2: 1, 3: 0, 4: 1, 5: None}  # no review of fibromyalgia: a gap; no condition: unknown


def test_study_groups_join_chains_under_their_smallest_pmid():
    assert links.study_groups([(5, 3), (3, 9), (20, 21)]) == {3: 3, 5: 3, 9: 3, 20: 20, 21: 20}


def test_a_review_of_animal_work_leaves_the_gap_of_a_trial_in_people_open(tmp_path):
    db = fixture_db(tmp_path, [
        (1, "meta-analysis", {"pub_date": "2019", "population": "human"}),
        (2, "systematic-review", {"pub_date": "2022", "population": "animal"}),
        (3, "rct", {"pub_date": "2020", "population": "human"}),
        (4, "rct", {"pub_date": "2020", "population": "animal"})],
        conditions=[(1, "crps"), (2, "crps"), (3, "crps"), (4, "crps")])
    newer = dict(db.execute("select pmid, newer_than_reviews from articles").fetchall())
    assert newer[3] == 1 and newer[4] == 0
