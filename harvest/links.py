"""Links between catalogued records, derived from what is loaded: no network, no clock.

- Citations: a record's reference list (article_references) names other catalogued records;
  reviews (systematic reviews and meta-analyses) and the catalogued studies they cite, with the
  ones their "studies included" list names marked as included.
- One study, several reports: records that share a trial registration, or that PubMed links as
  the same work (an update, a republication, an erratum), form one study (article_studies).
- Retractions travel: a record that cites a retracted record, or one under an expression of
  concern, is counted in articles.cites_retracted.
- Synthesis gaps: a primary study newer than the newest catalogued review of each of its
  conditions (a review of studies in people for studies in people, of animal or laboratory work
  for those) is marked articles.newer_than_reviews.

refresh(db) rebuilds all of it after every load and reclassification.
"""

from harvest.vocabulary import PRIMARY_STUDIES, SYNTHESES

# CommentsCorrections kinds that make two records reports of one work.
SAME_WORK = ("UpdateOf", "UpdateIn", "RepublishedFrom", "RepublishedIn", "ReprintOf", "ReprintIn",
             "ErratumFor", "ErratumIn", "CorrectedandRepublishedFrom", "CorrectedandRepublishedIn",
             "RetractedandRepublishedFrom", "RetractedandRepublishedIn", "SummaryForPatientsIn",
             "OriginalReportIn")
# Registries of systematic reviews: their ids join reports of one review, never of a trial.
REVIEW_REGISTRIES = ("PROSPERO", "INPLASY")
# Registries of reviews and studies alike: their ids join reports of one work whatever its design.
ANY_WORK_REGISTRIES = ("OSF Registries", "Research Registry")
# A record linked as the same work to more records than this is a notice about several papers.
MAX_SAME_WORK = 2
# A record naming more registrations than this lists other people's trials (a review's), not its own.
MAX_OWN_REGISTRATIONS = 3
# "References to studies included in this review" and the like.
INCLUDED_LIST = "%includ%"

LINK_COLUMNS = {"study_id": int, "study_reports": int, "cited_by_reviews": int, "cites_retracted": int,
                "newer_than_reviews": int}


def _marks(values) -> str:
    return ", ".join(f"'{v}'" for v in values)


def review_studies_sql() -> str:
    """Each catalogued review with each catalogued record it cites, included ones marked."""
    return f"""
        select r.pmid as review_pmid, ar.cited_pmid as study_pmid,
               max(coalesce(ar.list_title like '{INCLUDED_LIST}', 0)) as included
        from article_references ar
        join articles r on r.pmid = ar.pmid and r.design in ({_marks(SYNTHESES)})
        join articles s on s.pmid = ar.cited_pmid and s.pmid != r.pmid
        group by 1, 2"""


def refresh(db):
    """Rebuild every derived link table and column."""
    with db.atomic():
        db.execute("delete from review_studies")
        db.execute(f"insert into review_studies (review_pmid, study_pmid, included) {review_studies_sql()}")
        _refresh_studies(db)
        _refresh_columns(db)


def same_work_pairs(db) -> list:
    """(pmid, pmid) of catalogued records that report one study."""
    # A notice that corrects many papers at once would join them all: such a record is no bridge.
    pairs = db.execute(f"""
        with same as (
            select c.pmid as a, c.ref_pmid as b from comments_corrections c
            join articles t on t.pmid = c.ref_pmid
            where c.ref_type in ({_marks(SAME_WORK)}) and c.ref_pmid != c.pmid),
        linked as (select a as pmid, b as other from same union select b, a from same),
        hubs as (select pmid from linked group by pmid having count(distinct other) > {MAX_SAME_WORK})
        select a, b from same where a not in (select pmid from hubs) and b not in (select pmid from hubs)""").fetchall()
    # Reports registered as one study: trials by their trial registry, reviews by their review registry.
    # A record naming many registrations lists other people's studies (a review's), not its own.
    pairs += db.execute(f"""
        with own as (
            select r.pmid, r.registration_id from article_registrations r join articles a on a.pmid = r.pmid
            where ((r.registry in ({_marks(REVIEW_REGISTRIES)})) = (coalesce(a.design, '') in ({_marks(SYNTHESES)}))
                   or r.registry in ({_marks(ANY_WORK_REGISTRIES)}))
              and r.pmid in (select pmid from article_registrations group by pmid
                             having count(*) <= {MAX_OWN_REGISTRATIONS})),
        firsts as (select registration_id, min(pmid) as first from own group by 1 having count(*) > 1)
        select f.first, o.pmid from own o join firsts f using (registration_id)""").fetchall()
    return [(a, b) for a, b in pairs if a != b]


def study_groups(pairs) -> dict:
    """{pmid: study id} for records joined by pairs: the smallest PMID of each group names it."""
    parent = {}

    def root(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {pmid: root(pmid) for pmid in parent}


def _refresh_studies(db):
    db.execute("delete from article_studies")
    groups = study_groups(same_work_pairs(db))
    db.conn.executemany("insert into article_studies (pmid, study_id) values (?, ?)", groups.items())


def _refresh_columns(db):
    """Each article's study, reports, reviews citing it, retracted records it cites and synthesis gap.

    Computed for all articles at once, then written only where a value changed: an update of an
    articles row also rewrites its indexes and its full-text entry, so rows whose links stayed
    as they were are left alone.
    """
    reviews = _marks(SYNTHESES)
    # A review of animal or laboratory work does not synthesise trials in patients, nor the other
    # way round: a study's gap is judged against reviews from its own side of the bench.
    from harvest import classify  # on first use, as harvest.load does: its rules take time to compile

    bench = f"(coalesce(a.population, '') in ({_marks(classify.PRECLINICAL)}))"
    columns = list(LINK_COLUMNS)
    changed = " or ".join(f"articles.[{c}] is not v.[{c}]" for c in columns)
    db.execute(f"""
        with reports as (select study_id, count(*) as n from article_studies group by study_id),
        cited as (select study_pmid as pmid, count(*) as n from review_studies group by study_pmid),
        retracted as (
            select ar.pmid, count(distinct a.pmid) as n from article_references ar
            join articles a on a.pmid = ar.cited_pmid
            where a.retracted = 1 or a.corrections like '%expression-of-concern%' group by ar.pmid),
        newest as (
            select c.condition, {bench} as bench, max(a.pub_date) as pub_date from article_conditions c
            join articles a on a.pmid = c.pmid and a.design in ({reviews}) group by 1, 2),
        gaps as (
            select c.pmid, max(n.pub_date is null or n.pub_date < a.pub_date) as newer
            from article_conditions c join articles a on a.pmid = c.pmid
            left join newest n on n.condition = c.condition and n.bench = {bench} group by c.pmid)
        update articles set ({", ".join(columns)}) = ({", ".join(f"v.[{c}]" for c in columns)})
        from (
            select a.pmid, coalesce(s.study_id, a.pmid) as study_id, coalesce(r.n, 1) as study_reports,
                   coalesce(c.n, 0) as cited_by_reviews, coalesce(x.n, 0) as cites_retracted,
                   case when a.design not in ({_marks(PRIMARY_STUDIES)}) or a.pub_date is null then null
                        when g.pmid is null then null
                        else g.newer end as newer_than_reviews
            from articles a
            left join article_studies s on s.pmid = a.pmid
            left join reports r on r.study_id = s.study_id
            left join cited c on c.pmid = a.pmid
            left join retracted x on x.pmid = a.pmid
            left join gaps g on g.pmid = a.pmid) as v
        where v.pmid = articles.pmid and ({changed})""")
