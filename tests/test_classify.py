"""The classifier's rules, one behaviour per row: design, population, routes, conditions, harms and the rest."""

import copy
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from harvest import classify, read, vocabulary

# Publication types and MeSH headings as PubMed gives them (UIs seen in the sample).
PT = {
    "Journal Article": "D016428", "Randomized Controlled Trial": "D016449", "Clinical Trial": "D016430",
    "Meta-Analysis": "D017418", "Systematic Review": "D000078182", "Review": "D016454",
    "Case Reports": "D002363", "Letter": "D016422", "Editorial": "D016421", "Comment": "D016420",
    "Practice Guideline": "D017065", "Observational Study": "D064888", "Published Erratum": "D016425",
    "Retraction of Publication": "D016440", "Retracted Publication": "D016441",
    "Expression of Concern": "D000075742",
}
MESH = {
    "Humans": "D006801", "Animals": "D000818", "Rats": "D051381", "Dogs": "D004285",
    "Hyperalgesia": "D006930", "Morphine": "D009020", "Cells, Cultured": "D002478",
    "Administration, Intranasal": "D000281", "Chronic Pain": "D059350",
    "Escherichia coli": "D004926", "Plasmids": "D010957", "Adult": "D000328", "Male": "D008297",
    "Female": "D005260", "Methods": "D008722", "Computers": "D003201", "Prospective Studies": "D011446",
    "Cost-Benefit Analysis": "D003362", "Sarcoptes scabiei": "D012520", "Scabies": "D012532", "Yeasts": "D015003", "Paramecium": "D010247",
}


@pytest.fixture(autouse=True)
def rules_alone(monkeypatch):
    """These tables are of the rules: the word weights that weigh their design and population again
    (harvest/weights.py) are tested in tests/test_weights.py, and their sum on blind labels."""
    monkeypatch.setattr(classify.RULES, "weights", None)


PT.update({"News": "D016433", "Interview": "D017203", "Historical Article": "D016456", "Multicenter Study": "D016448",
           "Comparative Study": "D003160"})


def record(title="", abstract=None, pt=("Journal Article",), mesh=(), keywords=(), journal=None,
           sections=None, cc=(), chemicals=(), uis=True):
    """A parsed record (docs/record.md) with only the fields the classifier reads."""
    return {
        "pmid": 1, "title": title, "abstract": abstract, "abstract_sections": sections or [],
        "journal": journal, "journal_iso": None,
        "publication_types": [{"ui": PT[p] if uis else None, "name": p} for p in pt],
        "mesh": [{"descriptor_ui": MESH.get(m) if uis else None, "descriptor": m, "major_topic": False, "qualifiers": []}
                 for m in mesh],
        "keywords": [{"keyword": k, "major_topic": False, "owner": "NOTNLM"} for k in keywords],
        "chemicals": [{"ui": None, "name": c, "registry_number": None} for c in chemicals],
        "comments_corrections": [{"ref_type": t, "ref_pmid": 123, "ref_source": "x"} for t in cc],
    }


# ---------------------------------------------------------------- the API


KEYS = {
    "design": str, "evidence_level": (int, type(None)), "population": str, "conditions": list,
    "routes": list, "harms": list, "retracted": int, "corrections": list, "ketamine_form": str,
    "classification_reasons": list,
}


@pytest.mark.parametrize("given", [
    {},
    {"title": None, "abstract": None, "mesh": None, "publication_types": None, "keywords": None},
    record("Ketamine for chronic pain", "Patients received ketamine.", mesh=("Humans",)),
])
def test_classify_returns_exactly_the_documented_keys(given):
    result = classify.classify(given)
    assert set(result) == set(KEYS)
    for key, kind in KEYS.items():
        assert isinstance(result[key], kind), key
    assert result["retracted"] in (0, 1)
    assert all(isinstance(r, str) and r for r in result["classification_reasons"])


def test_rules_version_is_a_string_from_the_rules_file():
    assert isinstance(classify.RULES_VERSION, str) and classify.RULES_VERSION
    assert classify.RULES_VERSION == str(classify.load_rules().version)


def test_classify_leaves_the_record_alone():
    given = record("A randomised controlled trial of oral ketamine in rats and patients",
                   "Patients were randomised.", pt=("Randomized Controlled Trial",), mesh=("Humans",))
    before = copy.deepcopy(given)
    classify.classify(given)
    assert given == before


# ---------------------------------------------------------------- design

DESIGN = [
    # a primer is a review; "primer" as a misspelt "primary" (or a PCR primer) is not
    ("A primer on ketamine for chronic pain", None, (), "review"),
    ("Cytotoxicity of root canal sealers on primer human periodontal ligament fibroblasts",
     "Cell viability was measured by XTT test after exposure to extracts.", (), "other"),
    # a research letter reports its own study in a structured abstract, and takes its design
    ("Children with lower respiratory infection with or without SARS-CoV-2",
     "AIM: To compare children admitted to intensive care.\nMETHODS: For this retrospective cohort study, all children "
     "aged under 17 years were included.\nRESULTS: 120 children were admitted.", ("Letter",), "observational"),
    ("Ketamine and the bladder", "We read with interest the retrospective cohort study of 120 patients by Smith et al.",
     ("Letter",), "letter-editorial"),
    # ... so does an article that is also typed Comment, its sections run into the text
    ("Benefits of pulmonary rehabilitation in COVID-19", "Background: Many patients tire. Methods: This prospective "
     "cohort study followed 50 patients. Results: Walking distance improved.", ("Journal Article", "Comment"),
     "observational"),
    ("Ketamine and the bladder", "This comment discusses the cohort study of 120 patients by Smith et al.",
     ("Comment",), "letter-editorial"),
    # people given one treatment are a case series only where no groups are compared or association analysed
    ("Lidocaine after surgery", "Forty patients were treated with lidocaine or saline in two groups. Pain was less "
     "with lidocaine.", (), "clinical-trial"),
    ("Genital mycoplasmas and birth weight", "The relationship between colonization and the outcome of pregnancy in a "
     "study of 104 women is reported.", (), "observational"),
    # protocols are not yet evidence, whatever they will test
    ("A protocol for a randomised controlled trial of ketamine in CRPS", None, (), "protocol"),
    ("Ketamine and psychotherapy for PTSD: Protocol for a Randomized Control Trial", None, (), "protocol"),
    ("Ketamine for depression: study protocol for a systematic review", None, (), "protocol"),
    ("Herbal medicine for post-stroke insomnia: A protocol for systematic review and meta-analysis",
     "Two researchers will independently screen citations.", (), "protocol"),
    ("MicroRNA-182 and gastric cancer: A protocol for meta-analysis and bioinformatics analysis", None, (), "protocol"),
    ("Oral ketamine in cancer pain", "BACKGROUND: Few data exist.\n\nMETHODS: Participants will be randomised to ketamine or placebo.",
     (), "protocol"),
    ("A randomised trial of two stents for coronary disease: rationale and design of the TALENT trial", None,
     ("Randomized Controlled Trial",), "protocol"),
    ("Stents for coronary disease", "METHODS: 1,550 patients will be assigned to one of two stents.", (), "protocol"),
    # ... but clinical and laboratory "protocols" are not study protocols
    ("An enhanced recovery protocol reduces opioid use after knee surgery: a retrospective cohort study", None, (), "observational"),
    ("Ketamine infusion protocol for chronic pain: a case series", None, (), "case-series"),
    # negation
    ("This is not a meta-analysis: a narrative review of ketamine", None, (), "review"),
    ("A non-randomised controlled trial of ketamine for fibromyalgia", None, (), "clinical-trial"),
    ("A nonrandomized open-label trial of ketamine", None, (), "clinical-trial"),
    # the most specific design wins
    ("Ketamine for depression: a systematic review and meta-analysis", None, ("Review",), "meta-analysis"),
    ("Ketamine for chronic pain: a systematic review", None, ("Review",), "systematic-review"),
    ("Ketamine in chronic pain: a scoping review", None, (), "systematic-review"),
    # following PRISMA, whose name holds "systematic review and meta-analyses", is no meta-analysis
    ("Recovery methods in young soccer players: a systematic review", "A structured search followed the Preferred "
     "Reporting Items for Systematic Review and Meta-Analyses (PRISMA) guidelines.", ("Systematic Review",),
     "systematic-review"),
    # a review that gives an estimate over several studies has pooled them; over one it has not
    ("Exercise for venous disease", "We included seven trials. Pain was lower with exercise (MD -1.2, 95% CI -2.0 to -0.4; "
     "3 studies, 210 participants).", ("Systematic Review",), "meta-analysis"),
    ("Exercise for venous disease", "We included seven trials. Pain was lower with exercise (MD -1.2, 95% CI -2.0 to -0.4; "
     "1 study, 60 participants).", ("Systematic Review",), "systematic-review"),
    # ... and so has one that reports its heterogeneity, includes studies in meta-analyses, or performed one beside
    # other work
    ("Fixture interventions for sleep", "Exercise had uncertain effects (SMD -1.10, 95% CI -2.26 to 0.05; I2 = 90%).",
     ("Systematic Review",), "meta-analysis"),
    ("Fixture interventions for sleep", "Thirty-six studies involving 2239 participants were included in "
     "meta-analyses.", ("Systematic Review",), "meta-analysis"),
    ("Fixture gene and prognosis", "We performed a bioinformatic analysis and a meta-analysis to obtain "
     "comprehensive results.", ("Systematic Review",), "meta-analysis"),
    ("Fixture gene and prognosis", "We performed a systematic review of published meta-analyses.",
     ("Systematic Review",), "systematic-review"),
    ("Intravenous ketamine for CRPS: a randomized, double-blind, placebo-controlled trial", None, (), "rct"),
    ("Fixture drug and nitric oxide", "In all, 36 individuals were initially randomized to intervention groups.", (),
     "rct"),
    (None, None, ("Randomized Controlled Trial", "Clinical Trial"), "rct"),
    ("Botulinum toxin for spasticity in children: a phase 3 study",
     "METHODS: Children with spastic cerebral palsy were randomized (1:1:2) to three doses.", (), "rct"),
    ("Ketamine for migraine: an open-label pilot study", None, (), "clinical-trial"),
    # arms of a study are treatments given; a cohort has none
    ("Fixture simulation app in echocardiography", "METHODS: Prospective two-arm study with the participation of 226 "
     "clinical students.", (), "clinical-trial"),
    ("Ketamine use in a pain clinic: a retrospective chart review", None, (), "observational"),
    ("Fixture video therapy in transplant recipients", "Herein, we describe a pilot intervention study using mobile "
     "video directly observed therapy.", (), "clinical-trial"),
    # a protocol's structured summary that the journal types as a Letter is still a protocol
    ("Fixture yoga for long COVID: a structured summary of a study protocol for a randomized controlled trial",
     "TRIAL DESIGN: Multi-centric, randomized, controlled, open-label study.", ("Letter",), "protocol"),
    # a review of the authors' own patients is a study of them, however many words stand between
    ("Fixture surgery of the colon: a review of surgical treatment in 302 patients",
     "A retrospective study of 302 patients treated from 1952 to 1971 is presented.", (), "observational"),
    ("Ketamine-induced cystitis: a case report and review of the literature", None, ("Case Reports", "Review"), "case-report"),
    # ... but a multicentre or observational study indexed as case reports too is not one to three patients,
    # and a review of published case reports reports none of its own
    ("Non-invasive ventilation in pneumonia: a multicentre registry", "Data of 300 patients from 12 hospitals were analysed.",
     ("Case Reports", "Multicenter Study"), "observational"),
    # a title's age of a group of people is no case
    ("Diet in 40-49-year-old persons in an urban district", None, ("Journal Article",), "other"),
    ("Ketamine for agitation in the emergency department", "Records of 87 patients seen in 4 units were analysed.",
     ("Case Reports", "Observational Study"), "observational"),
    ("Anaesthesia for caesarean delivery in COVID-19: a review of published case reports",
     "Recently published case reports were reviewed; most deliveries were under regional anaesthesia.", ("Case Reports",), "review"),
    ("Ketamine for neuropathic pain", "We present a 45-year-old woman with refractory pain.", (), "case-report"),
    (None, None, ("Practice Guideline",), "guideline"),
    ("Consensus guidelines on the use of intravenous ketamine for chronic pain", None, (), "guideline"),
    ("Adherence to guidelines for opioid prescribing: a cohort study", None, (), "observational"),
    # a review's abstract describes the studies it reviews
    ("Ketamine and the NMDA receptor", "Its affinity was measured in many laboratories, at 0.5 to 5 mg/kg. We review the "
     "literature.", ("Review",), "review"),
    # ... but a Review or Historical Article type on an abstract that reports what the authors measured, with its
    # figures, and no literature reviewed, is that study
    ("An enzyme of rat lung with an improved assay", "The assay was modified for lung microsomes; activity was found "
     "to be linear for 60 min, and the Km was 0.2 mM.", ("Review",), "other"),
    ("A fossil skull from a cave", "Fragments of a skull were found in a breccia; the cranial capacity is about 500 ml.",
     ("Historical Article",), "other"),
    ("Ketamine for pain", "Randomized controlled trials have shown benefit. We review the evidence.", ("Review",), "review"),
    ("Ketamine for pain", "Several cohort studies and a randomised trial are discussed.", ("Review",), "review"),
    # background sentences describe other people's work
    ("Ketamine after surgery", "A previous meta-analysis found benefit. We conducted a retrospective cohort study of 200 patients.",
     (), "observational"),
    ("Ketamine after surgery", "Future randomized trials are needed.", ("Review",), "review"),
    # a trial the authors call for is not one they ran, though they say "we"
    ("Statins and survival in ovarian cancer", "Population-based data were linked for 4207 people. Statin use was "
     "associated with survival. We recommend a randomized clinical trial of statin use.", (), "observational"),
    ("Ketamine for pain", "We treated 40 patients with ketamine. Our findings warrant larger randomised trials.", (),
     "observational"),
    ("Ketamine for pain", "We treated 40 patients with ketamine. Our findings need to be confirmed in a larger "
     "randomised trial.", (), "observational"),
    # ... but a trial the record says its drug was tested in is its own
    ("Ketamine for pain", "Ketamine was investigated in a multicentre randomised controlled trial of 120 patients.",
     (), "rct"),
    # letters and notices are about other papers
    ("Comment on: a randomized trial of ketamine for depression", None, ("Letter",), "letter-editorial"),
    ("Re: Ketamine for acute pain: a randomised controlled trial", None, (), "letter-editorial"),
    ("Ketamine for CRPS", "We describe a 30-year-old man treated with ketamine.", ("Letter", "Case Reports"), "case-report"),
    ("Prenatal diagnosis of a rare heart defect", "We hereby report on a prenatally diagnosed case and review the literature.",
     ("Letter",), "case-report"),
    # a commentary on an article of the same issue says so
    ("Sweet dreams about intersectional genetics",
     "In this issue of Cell Stem Cell, Han et al. released a collection of drivers and combined two recombinases in mice.",
     (), "letter-editorial"),
    ("Correction to: A randomised controlled trial of ketamine", None, (), "other"),
    ("Retraction note: Ketamine for pain. A randomized controlled trial", None, ("Retraction of Publication",), "other"),
    (None, None, ("Published Erratum",), "other"),
    # nothing named
    ("Ketamine metabolism", "Ketamine is metabolised by cytochrome P450 enzymes.", (), "other"),
    # the adverb after the verb; a random split into cohorts for a model is no trial
    ("Fixture injections for keloids", "A total of 60 patients were enrolled and divided randomly into three equal "
     "groups.", (), "rct"),
    ("A fixture score for kidney injury", "A total of 80,091 patients were enrolled retrospectively and distributed "
     "randomly into the test cohort and the validation cohort (2:1).", (), "observational"),
    # a society's statement is its guidance, whatever risk factors it weighs
    ("A primary care agenda for brain health: a scientific statement from a heart association",
     "Modifiable risk factors for cognitive decline are common in primary care.", (), "guideline"),
    # the authors' own meta-analyses, in words of their own
    ("Adverse outcomes in trials of fixture therapy", "We undertook meta-analyses of three outcomes in all ten "
     "published trials.", (), "meta-analysis"),
]


@pytest.mark.parametrize("title, abstract, pt, expected", DESIGN)
def test_design(title, abstract, pt, expected):
    got = classify.classify(record(title or "", abstract, pt=pt or ("Journal Article",)))
    assert got["design"] == expected, got["classification_reasons"]


@pytest.mark.parametrize("background, expected", [
    # a background section sets the scene: a design named there is others' work ...
    ("Fixture randomized trials have compared the two devices.", "observational"),
    ("The current study presents a preliminary analysis; outcome was associated with device.", "observational"),
    # ... unless it is part of the words that name the record's own study
    ("This prospective, randomized study compared two fixture devices for intubation.", "rct"),
])
def test_a_background_section_names_the_design_only_of_the_records_own_study(background, expected):
    sections = [{"label": "BACKGROUND", "category": "BACKGROUND", "text": background},
                {"label": "METHODS", "category": "METHODS", "text": "Sixty fixture patients were studied."}]
    abstract = "\n".join(f"{s['label']}: {s['text']}" for s in sections)
    got = classify.classify(record("Fixture devices for intubation", abstract, mesh=("Humans",), sections=sections))
    assert got["design"] == expected, got["classification_reasons"]


ANIMAL_DESIGN = [
    # a laboratory experiment that randomises rats is not a trial ...
    ("Ketamine and nociception in rats", "Rats were randomly divided into four groups and given ketamine.", "other"),
    ("Ketamine in mice", "In this randomized controlled study, mice received ketamine.", "other"),
    # ... but a trial in a veterinary clinic's patients is
    ("Ketamine for postoperative analgesia in dogs: a randomized controlled trial",
     "Forty client-owned dogs undergoing surgery were randomly assigned to ketamine or saline.", "rct"),
    ("Ketamine in dogs undergoing thoracic surgery", "Clinical records of 60 dogs were retrospectively reviewed.", "observational"),
]


@pytest.mark.parametrize("title, abstract, expected", ANIMAL_DESIGN)
def test_design_of_animal_studies(title, abstract, expected):
    got = classify.classify(record(title, abstract, mesh=("Animals",)))
    assert got["population"] == "animal" and got["design"] == expected, got["classification_reasons"]


CASES = [
    # four or more patients described, with no comparison group, are a case series ...
    ("Ketamine troches for chronic pain: a case series", None, (), "case-series"),
    ("Oral ketamine in CRPS", "We describe 12 patients treated with oral ketamine for a year.", (), "case-series"),
    ("Meningitis in newborns", "Four cases of neonatal meningitis are reported.", (), "case-series"),
    ("Five cases of ketamine cystitis", None, (), "case-series"),
    ("Multinodular hepatic hemangioendothelioma in infancy. Description of 4 cases", None, ("Case Reports",), "case-series"),
    ("Our experience with conditions of hepatic coma", None, (), "case-series"),
    # ... so are people given one treatment and described, where no comparison or analysis is named ...
    ("Operative treatment of the ruptured ankle ligament", "Twenty-seven patients with acute inversion injuries of the "
     "ankle were treated surgically during the past ten years. Results were good in twenty.", (), "case-series"),
    ("Proplast implants", "We report our experiences with 38 Proplast implants to the face.", (), "case-series"),
    # ... NLM's "Case Reports" covers series too, so a case report counting four or more patients is one ...
    ("Valproate in childhood epilepsy", "A total of 142 patients with generalized epilepsy have been treated with valproate.",
     ("Case Reports",), "case-series"),
    # ... and one to three patients are a case report, beside the others known from the literature
    ("Aicardi's syndrome", "A 22-month-old girl was observed for 19 months. Only 72 children are known to have this syndrome.",
     ("Case Reports",), "case-report"),
    ("Three cases of ketamine cystitis", None, (), "case-report"),
    ("Ketamine cystitis", "Two cases of ketamine cystitis are reported.", (), "case-report"),
    ("Ketamine", "We report a 34-year-old woman with CRPS.", ("Case Reports",), "case-report"),
    ("Peristomal pyoderma gangrenosum in a patient with inflammatory bowel disease", None, (), "case-report"),
    ("GM1 gangliosidosis in twins", "This report describes 7-month-old twin female infants with GM1 gangliosidosis.", (),
     "case-report"),
    ("Ataxia in a 3-year-old boy", None, (), "case-report"),
    ("Metastatic thyroid carcinoma in bone in an elderly male with known adenocarcinoma of prostate", None, (),
     "case-report"),
    ("A Middle-Aged Male With Endobronchial Bleeding Vessel.", None, (), "case-report"),
    # ... though the authors call their two or three patients a case series
    ("A novel pacing option for fixture fibrosis: a case series", "We report three cases of fixture fibrosis.", (),
     "case-report"),
    ("Fixture relapse in health care workers; case series of 2 patients", "Fixture reinfection is described.", (),
     "case-report"),
    ("Fixture balloon after exenteration", "METHOD: This is a case series of three successive patients undergoing "
     "fixture surgery. Features were prospectively documented.", (), "case-report"),
    # a letter that reports its own series keeps the series
    ("Ketamine for CRPS", "We describe 6 patients given ketamine.", ("Letter",), "case-series"),
]


def test_a_title_that_opens_on_a_person_leaves_a_review_to_its_abstract():
    got = classify.classify(record("A Young Woman with Fixture Thrombocytosis.",
                                   "The diagnostic approach to thrombocytosis involves consideration of reactive, "
                                   "hereditary and neoplastic causes.", mesh=("Humans",)))
    assert got["design"] == "review", got["classification_reasons"]


@pytest.mark.parametrize("title, abstract, pt, expected", CASES)
def test_case_series_and_case_reports(title, abstract, pt, expected):
    got = classify.classify(record(title, abstract, pt=pt or ("Journal Article",), mesh=("Humans",)))
    assert got["design"] == expected, got["classification_reasons"]
    assert got["evidence_level"] == 4


LABORATORY_DESIGN = [
    # laboratory, chemistry, methods and software work studies no patients, whatever it measured
    ("Culture of normal human epidermal cells on millipore filters",
     "Human epidermal cells were cultured; cells from younger persons were studied and compared.", ("Humans", "Adult"), "other"),
    ("A new software tool for segmenting brain images", "We compared it with manual tracing in 20 volunteers.", (), "other"),
    ("A deep learning method for reading chest radiographs", "We present a method that outperforms radiologists.", (), "other"),
    ("Stapes visualization in cadaveric heads", "Sixty ears from 30 cadaveric human heads were scanned and measured.", (), "other"),
    # ... and so does a model or a computer system described, however many people it is for
    ("Cost-effectiveness of resuscitation training programs",
     "A model is presented to analyze the cost-effectiveness of programs to train large numbers of citizens.", ("Humans",), "other"),
    ("Computer-based system for adverse drug reaction detection",
     "Patients' histories, obtained by nurses during an interview, are entered and new prescriptions screened.", ("Humans",), "other"),
    # cell biology at the bench, named again and again, is laboratory work on whatever patients' cells ...
    ("Fixture gene affects cell adhesion in pemphigus",
     "Patients with pemphigus carry variants of the fixture gene, and their skin expresses it more than healthy "
     "people's. In luciferase reporter assays and by chromatin immunoprecipitation, the gene bound the TNF promoter, "
     "and luciferase activity rose. Expression was associated with a more extensive disease in patients.",
     ("Humans",), "other"),
    ("Fixture receptor regulates CD44 in bladder cancer",
     "Tumours of 60 patients were profiled by sequencing. Loss of the receptor by shRNA or CRISPR led to more CD44, "
     "and qRT-PCR confirmed it. Lower receptor levels were associated with advanced disease in the patients.",
     ("Humans",), "other"),
    # ... not a review of the CRISPR systems of bacteria, which names them as a topic
    ("Positioning fixture structures within CRISPR-Cas systems",
     "CRISPR systems encode diverse effectors. CRISPR associated proteins vary across CRISPR-Cas systems, which we "
     "review here.", (), "review"),
    # ... but one word of it in passing leaves a study of patients alone
    ("Fixture marker in patients with psoriasis",
     "Levels of the marker were associated with disease severity in 80 patients; western blot confirmed them.",
     ("Humans",), "observational"),
    # a device for a task, or an analysis by a computer, is engineering, whatever the abstract argues ...
    ("Device for forming the shaped fields of a fixture betatron",
     "The betatron bremsstrahlung is formed only by a rectangularly shaped diaphragm, which results in excessive "
     "irradiation of healthy tissues surrounding the pathological focus. An appliance in the form of an additional "
     "diaphragm with inserted shaped units has been constructed. The design of the appliance helps avoid "
     "contamination of the beam with electrons.", ("Radiotherapy Dosage",), "other"),
    ("Analysis of fixture action potentials of muscles by a small general purpose computer",
     "To measure the duration of potentials by a computer, the following steps are necessary: selection of "
     "potentials, identification of equal potentials and measuring their durations.",
     ("Action Potentials", "Computers", "Humans"), "other"),
    # ... but a study of people by computer tomography is no computer work
    ("Radiation dose in fixture examinations with whole body computer tomography",
     "Doses were measured in 40 patients during abdominal examinations.", ("Humans",), "observational"),
    # ... but a named design still counts
    ("A new software tool for triage: a randomised controlled trial", None, (), "rct"),
    # devices and models indexed as such are engineering, unless people are studied with them
    ("A simplified model for teaching minor surgery",
     "A teaching model, built for training students in the use of surgical instruments, is described; it "
     "reproduces surgical situations.", ("Models, Anatomic", "Teaching Materials"), "other"),
    ("A head holder for stereotactic radiotherapy", "The holder was tested in 15 patients; we found it reproducible.",
     ("Equipment Design", "Humans"), "observational"),
    # a field study "systematically evaluated" its measurements: no review
    ("Airborne microbes during haze",
     "The impacts of meteorological factors on bacterial communities were systematically evaluated.", (), "other"),
    ("Exercise for low back pain", "Eligible trials were systematically evaluated for risk of bias.", (), "systematic-review"),
    # a prismatic layer or lens is no PRISMA statement
    ("Growth of the oyster prismatic layer", "The prismatic layer was imaged by electron microscopy.", (), "other"),
    ("Ketamine for chronic pain", "Trials were selected following PRISMA.", (), "systematic-review"),
    # nor is delphinidin, a plant pigment, a Delphi consensus
    ("Anthocyanins of blackcurrant", "Delphinidin was measured by liquid chromatography.", (), "other"),
    ("Ketamine infusions for chronic pain", "Experts agreed on recommendations in a modified Delphi process.", (),
     "guideline"),
]


@pytest.mark.parametrize("title, abstract, mesh, expected", LABORATORY_DESIGN)
def test_laboratory_and_methods_work_is_other(title, abstract, mesh, expected):
    got = classify.classify(record(title, abstract, mesh=mesh))
    assert got["design"] == expected, got["classification_reasons"]


READING = [
    # a record without abstract whose MeSH index a topic in people, naming nobody studied, and whose
    # title says it surveys or explains a topic is an overview ...
    ("Diagnosis and management of opportunistic infections", None, ("Humans",), "review"),
    ("Electrical injury in your office: how to reduce risk of liability", None, ("Humans",), "review"),
    # ... a title that only names a topic says no more
    ("On hearing aid recommendation", None, ("Humans",), "other"),
    ("Oral antidiabetics and the heart: value of glibenclamide", None, ("Humans",), "review"),
    # ... one whose MeSH give an age group or sex studied people ...
    ("Comparative studies on the medical usefulness of a sports cabinet", None, ("Humans", "Adult", "Male"), "observational"),
    # ... when its title says it reports a study; a title that only names a topic may head anything
    ("Sterilization.", None, ("Humans", "Female"), "other"),
    ("Hepatoportal sclerosis: its relationship to portal venous obstruction", None, ("Humans", "Adult"), "other"),
    ("A psychiatrist looks at cesarean sections", None, ("Humans", "Infant, Newborn", "Pregnancy"), "other"),
    # ... one whose title reports a study, or whose MeSH name a method, is neither
    ("Effects of a complex of environmental factors on morbidity", None, ("Humans",), "other"),
    ("Presentation of a program for data matrices", None, ("Humans", "Computers"), "other"),
    # an abstract about people that reports no study of its own argues or explains: an essay (review) ...
    ("Alcohol use disorder and the liver",
     "Alcohol use disorders cause a range of harms. The risk of liver disease is associated with genetic factors. "
     "Abstinence from alcohol is key. Integrated collaborations are required to develop pathways for patients.", ("Humans",), "review"),
    ("Problems with ethical aspects of psychotropic drug use",
     "1. Research is an important area of medical ethics. 2. Peer review committees are likely to be the best arbiters.",
     ("Humans",), "review"),
    # ... and one that counts, measures or compares people is a study of its own
    ("Water saving behaviours of farmers",
     "We used the survey data of 558 households to analyze the factors affecting water saving.", (), "observational"),
    ("Prognosis of colon cancer", "We developed prognostic prediction models for the survival of colon cancer patients.", (), "observational"),
    ("Physicians and cancer pathways", "Based on qualitative interviews with physicians, I examine how they refer patients.", (), "observational"),
    ("Dry eye in practice", "The signs were assessed before and after treatment in 92 patients; 176 eyes were examined.", (), "observational"),
    ("Fetal deglutition", "We have studied 7 anencephalic pregnancies; fetographies showed swallowing in 6.", ("Humans",),
     "observational"),
    ("Carbohydrate metabolism in parkinsonism-dementia on Guam",
     "Studies of the control of carbohydrate metabolism were conducted in Guamanians with parkinsonism-dementia.", ("Humans",),
     "observational"),
    # people given something by the investigators are a trial, even when counted in words
    ("Aspirin and the response to hypoglycaemia",
     "The influence of a short-term treatment with aspirin on glucagon has been investigated in seven subjects.",
     ("Humans",), "clinical-trial"),
    ("Immunogenicity of two polysaccharide vaccines administered together in humans", None, ("Humans", "Male"), "clinical-trial"),
    ("Stress and heart rate under beta-blockade", "Heart rate was studied in two groups of 6 men. One group received "
     "propranolol 15 mg i.v. and the other pindolol.", ("Humans",), "clinical-trial"),
    ("Elimination of ampicillin by haemofiltration", "Elimination was measured in 5 patients. Serum half-life after a single "
     "I.V. dose of 2 g was 3 h.", ("Humans",), "clinical-trial"),
    ("Gait training after stroke: a random controlled study", None, ("Humans",), "rct"),
    # ... an injection may be a diagnostic test given to a population surveyed
    ("Skin tests with tuberculin in Turkey",
     "Intradermal reactions were read after injection of the antigen in 2759 persons in eight provinces.", ("Humans",),
     "observational"),
    # a secondary analysis of a trial keeps the trial's design, and an interventional study is a trial
    ("Pre-PCI flow grade and dual antiplatelet therapy",
     "This was a post hoc analysis of the TICAB multicentre trial; the hazard ratio for death was 1.2.", (), "clinical-trial"),
    ("Tidal volume and mortality in ARDS",
     "In a secondary analysis of a randomized controlled trial, 861 patients were grouped by phenotype.", (), "rct"),
    # ... and so does one of several randomised trials' data
    ("Fixture tidal volume and mortality in ARDS",
     "Methods: In a secondary analysis of patients from five randomized trials of lower- versus higher-Vt "
     "ventilation, mortality was compared.", (), "rct"),
    ("Pre-cooling and injection pain in adults",
     "METHODS: The in-vivo interventional study was conducted at a dental school in 60 adults.", (), "clinical-trial"),
    # ... but a retrospective series was allocated nothing, however it is punctuated
    ("Trabeculectomy in uveitic glaucoma",
     "This was a retrospective, nonrandomized case series study of 50 eyes.", (), "case-series"),
    # ... but not people who had received something before they were studied
    ("Pain on admission", "Of 85 patients, 30 had previously received opioids; pain was measured at admission.", ("Humans",),
     "observational"),
    # "we discuss" closes research abstracts too; a title can say a record looks ahead or takes a view
    ("The impacts of cytoplasmic incompatibility factor genetic variation on phenotypes",
     "Using transgenic flies we tested 12 variants; cifA variants reduced hatch rates. We discuss the implications.",
     (), "other"),
    ("The present and future of liquid biopsy for brain tumours", None, (), "review"),
    ("Ketamine for depression: past, present and future",
     "Ketamine has rapid antidepressant effects. Esketamine is now approved. How it acts is still debated.", (), "review"),
    # ... but a title that frames a topic, or an abstract that "discusses" one, heads research papers too:
    # the authors' own model, measurements or results make it their study
    ("Reflective roofs and heat-related mortality under present and future climate",
     "In this study we use a regional weather model to simulate summer temperatures. Our results show that fewer "
     "deaths follow.", (), "other"),
    ("Tariffs and trade: current perspectives",
     "This paper discusses the effect of tariffs by measuring the real trade scale of two countries. The results show "
     "that trade was overestimated by 3 percent.", (), "other"),
    ("Drug pricing in Europe", "This paper discusses how the prices of new medicines for patients are set, and argues "
     "for reform.", (), "review"),
    # an abstract that says what the record is frames the designs it goes on to name
    ("Photobiomodulation: clinical applications",
     "METHODS: A review of the clinical literature on low-level light therapy for acne was performed.\n\n"
     "RESULTS: A reasonable body of clinical trial evidence supports it.", (), "review"),
    # an expert review's abstract is written in its own sections, whatever studies it goes on to count
    ("IL-23 inhibition for the treatment of psoriatic arthritis",
     "INTRODUCTION: Psoriatic arthritis is a complex disease. Areas covered: Phase 2 and phase 3 studies of IL-23 "
     "inhibitors in 1,200 patients. Expert opinion: IL-23 inhibitors are effective.", (), "review"),
    # replies quote the title they answer; a "retrospective trial" allocated nothing
    ("Necessity of Coronary CT Scans-Reply", None, (), "letter-editorial"),
    ("A single-center retrospective trial of an eyelid device", "Data of 92 patients were analysed.", (), "observational"),
    # a database of people's records is observational; one of sequences or structures is a laboratory resource
    ("Hip fracture after stroke", "We used a national database of 12,000 patients admitted to hospital.", (), "observational"),
    ("MicroRNA-34a suppresses cell motility in cancer",
     "Expression data were taken from a public database; cells were transfected and cell migration was measured.", (), "other"),
    # what the investigators gave people in an old title's "normal man" is a trial; what they only looked at is not
    ("Fixture glucagon infusion in normal man: effects on plasma amino acids", None, ("Humans", "Male"), "clinical-trial"),
    ("Fixture lymphoid cells of the intestinal mucosa in normal man", None, ("Humans",), "other"),
    # words that only say something was studied or compared are a study of people where people alone were studied;
    # where animals were studied beside them, they are laboratory work
    ("Comparative serological reactivity of fixture proteins", "Sera of patients and of immunised rabbits were "
     "compared with the cutaneous reactivity of the fractions.", ("Humans", "Animals"), "other"),
    ("Serological reactivity of fixture proteins", "Sera of 40 patients were compared with the cutaneous reactivity "
     "of the fractions.", ("Humans",), "observational"),
    # a title that gives a field's view of a topic is a review
    ("Preventing fixture heart disease: an epidemiological view", None, ("Humans",), "review"),
    # cases recognised, or a clinic's experience with a number of them, make a series
    ("Fixture fractures in metastatic carcinoma", "Six cases of fracture were recognized in patients with metastatic "
     "carcinoma. The clinical findings are discussed.", ("Humans",), "case-series"),
    ("Traumatic rupture of the fixture aorta", "Our experience with 36 cases of rupture has prompted an aggressive "
     "approach. The salvage rate is good.", ("Humans",), "case-series"),
    # a title's experience in a number of patients is a case series
    ("Clinical experience in 80 patients with fixture trochanteric nailing", "Nailing was done in 80 patients; the "
     "results were good in most.", ("Humans",), "case-series"),
    # a title that relates measures in people, or names predictors, reports a study of them
    ("The relationship between post-load fixture glucose and blood pressure", None, ("Humans",), "observational"),
    ("Prognostic indicators in young fixture alcoholics", None, ("Humans",), "observational"),
    # ... but a chemist's structure-activity relationships are no study of people
    ("Structure-activity relationships between fixture nucleotides", None, (), "other"),
    # what people had received before, or may have, is no treatment the investigators gave ...
    ("Fixture cataract in children with nephrotic syndrome", "Cataracts were found in children who had received "
     "cortisone for years.", ("Humans",), "observational"),
    # ... what they received in the study is
    ("Fixture cataract in children with nephrotic syndrome", "Twelve children received cortisone for a year and "
     "cataracts were sought.", ("Humans",), "clinical-trial"),
    # NLM's heading for people allocated at random marks a randomised trial before its publication type existed ...
    ("Continuous positive airway pressure in fixture trauma patients", None,
     ("Humans", "Prospective Studies", "Random Allocation"), "rct"),
    # ... but not an experiment on animals
    ("Fixture drug in rats", "Rats were given the drug.", ("Animals", "Rats", "Random Allocation"), "other"),
]


@pytest.mark.parametrize("title, abstract, mesh, expected", READING)
def test_designs_read_from_what_a_record_does(title, abstract, mesh, expected):
    got = classify.classify(record(title, abstract, mesh=mesh))
    assert got["design"] == expected, got["classification_reasons"]


ESSAY_JOURNAL = [
    # an essay is about people: a clinical journal's name alone does not make a device, a model or an
    # economy one, and its own words naming people, medicine or a condition do
    (dict(title="Design of a wide-range pulse signal acquisition system",
          abstract="An adaptive acquisition system based on a new converter is designed, with high accuracy and low noise, "
                   "and extracts weak pulse signals.", journal="Chinese journal of medical instrumentation"), ("other", "unknown")),
    (dict(title="Choice of material for half-value-layer measurements of megavoltage x rays",
          abstract="Low-atomic-number materials such as water are more sensitive to changes in spectral quality than lead.",
          journal="Medical physics"), ("other", "human")),
    (dict(title="Planning hospital services", abstract="Hospitals must plan their services as health care costs rise.",
          journal="Hospitals"), ("review", "human")),
    (dict(title="Migraine in the workplace", abstract="Migraine costs employers dearly. Better support would help.",
          journal="Occupational medicine"), ("review", "human")),
    # ... and a study of its own that names no one is a study of people only where NLM indexed it Humans: in a
    # clinical journal alone it is methods work (a reconstruction, a model, a device: 'The results show ...')
    (dict(title="Parallel imaging by field inversion",
          abstract="Field inversion was applied to parallel imaging. The results show that it reduces noise.",
          journal="Magnetic resonance in medicine"), ("other", "human")),
    (dict(title="Parallel imaging by field inversion",
          abstract="Field inversion was applied to parallel imaging. The results show that it reduces noise.",
          mesh=("Humans",), journal="Magnetic resonance in medicine"), ("observational", "human")),
    # ... and a method whose abstract names something clinical is still about people
    (dict(title="A new technique for measuring surgical wounds", abstract="The technique measures the area of surgical wounds "
          "from a photograph.", journal="Journal of medical engineering"), ("other", "human")),
    # a record indexed with MeSH but tagged neither Humans nor Animals: its journal's name alone does not say who
    (dict(title="Flexible budgeting techniques", mesh=("Cost-Benefit Analysis", "Methods"), journal="Hospitals"),
     ("other", "unknown")),
    (dict(title="Flexible budgeting techniques", journal="Hospitals"), ("other", "human")),
]


@pytest.mark.parametrize("fields, expected", ESSAY_JOURNAL)
def test_an_essay_is_about_people_named_by_more_than_its_journal(fields, expected):
    got = classify.classify(record(**fields))
    assert (got["design"], got["population"]) == expected, got["classification_reasons"]


def test_an_essay_and_a_study_of_its_own_say_why():
    essay = classify.classify(record("Alcohol and the liver", "Alcohol harms the liver. Abstinence is key for patients."))
    assert "design: review — abstract: reports no study of its own" in "\n".join(essay["classification_reasons"])
    study = classify.classify(record("Water saving by farmers", "Farmers save water. The results show that knowledge and age matter most."))
    assert "(a study of its own, no design named)" in "\n".join(study["classification_reasons"])


@pytest.mark.parametrize("pt, expected", [
    (("Interview",), "letter-editorial"), (("News",), "letter-editorial"), (("Historical Article",), "review"),
    # a history that compares forms or measures is the authors' own analysis
    (("Comparative Study", "Historical Article", "Journal Article"), "other"),
])
def test_publication_types_read_as_the_codebook_has_them(pt, expected):
    assert classify.classify(record("Ketamine", pt=pt))["design"] == expected


def test_design_from_publication_type_names_without_uis():
    # MEDLINE text exports carry publication type names only
    got = classify.classify(record("Ketamine", None, pt=("Meta-Analysis",), uis=False))
    assert got["design"] == "meta-analysis"


# ---------------------------------------------------------------- evidence level

LEVELS = [
    ("meta-analysis", "human", 1), ("systematic-review", "human", 1), ("rct", "human", 2),
    ("clinical-trial", "human", 3), ("observational", "human", 3), ("case-series", "human", 4), ("case-report", "human", 4),
    ("review", "human", 5), ("letter-editorial", "human", 5), ("other", "human", None),
    ("protocol", "human", None), ("guideline", "human", None),
    ("rct", "animal", 5), ("other", "in-vitro", 5), ("protocol", "animal", None),
]


@pytest.mark.parametrize("design, population, level", LEVELS)
def test_evidence_level_follows_the_design(design, population, level):
    got, reason = classify.evidence_level(design, population)
    assert got == level and reason.startswith("evidence level")
    if level is not None:
        assert "design-based" in reason


# ---------------------------------------------------------------- population

POPULATION = [
    # MeSH check tags where the record is indexed
    (dict(title="Ketamine", mesh=("Animals", "Rats")), "animal"),
    (dict(title="Ketamine", mesh=("Humans",)), "human"),
    (dict(title="Ketamine in patients and rats", abstract="Patients and rats were studied.", mesh=("Humans", "Animals")), "mixed"),
    (dict(title="Ketamine in rats", abstract="Rats were given ketamine.", mesh=("Humans", "Animals")), "animal"),
    # the words used where it is not
    (dict(title="Ketamine reduces allodynia in rats"), "animal"),
    (dict(title="Ketamine for chronic pain", abstract="Twenty patients received ketamine."), "human"),
    (dict(title="Analgesia after ovariohysterectomy", journal="Veterinary anaesthesia and analgesia"), "animal"),
    (dict(title="Ketamine in non-human primates", abstract="Macaques were anaesthetised."), "animal"),
    (dict(title="Ketamine in healthy volunteers and in rats", abstract="Volunteers and rats received ketamine."), "mixed"),
    # a review that mentions dogs is not an animal study
    (dict(title="Ketamine for migraine", abstract="Patients with migraine respond to ketamine; one study in dogs agrees.",
          pt=("Review",)), "human"),
    # cells and tissues
    (dict(title="Ketamine and NMDA currents", abstract="Cultured HEK293 cells were exposed to ketamine in vitro."), "in-vitro"),
    (dict(title="Ketamine and NMDA receptors", abstract="Effects were tested in vitro and in vivo in mice."), "animal"),
    (dict(title="Ketamine", mesh=("Cells, Cultured",)), "in-vitro"),
    # no words for anyone
    (dict(title="Ketamine analogues", abstract="Their properties are not known."), "unknown"),
    (dict(title="Ketamine-induced cystitis", pt=("Case Reports",)), "human"),
    # a common disease named without a word for its patients is about people
    (dict(title="Critical intracranial pressure in subarachnoid hemorrhage: how high and how long?"), "human"),
    (dict(title="Diets of low glycemic load", abstract="Diet matters in the management of diabetes mellitus."), "human"),
    # a notice studies nobody
    (dict(title="Erratum: Ketamine in rats", pt=("Published Erratum",)), "unknown"),
]


@pytest.mark.parametrize("fields, expected", POPULATION)
def test_population(fields, expected):
    got = classify.classify(record(**fields))
    assert got["population"] == expected, got["classification_reasons"]


LABORATORY = [
    # cells, microbes, molecules, chemistry and computer models, with no living subject, are in vitro
    (dict(title="Cu2Se nanowires shelled with NiFe hydroxide nanosheets for water splitting",
          abstract="The electrocatalyst needs an overpotential of 197 mV; electrodes were made by electrodeposition."), "in-vitro"),
    (dict(title="Cloning of Bacillus subtilis leucine genes", mesh=("Escherichia coli", "Plasmids")), "in-vitro"),
    # protists and yeasts are microbes, though MeSH tags protozoa Animals
    (dict(title="Nuclear division in acantharia: comparison with other organisms", mesh=("Animals", "Yeasts")), "in-vitro"),
    (dict(title="Calcium-dependent repolarization in Paramecium",
          abstract="Membrane currents were recorded under voltage clamp.", mesh=("Animals", "Paramecium")), "in-vitro"),
    (dict(title="Purification and characterization of an aldolase from Escherichia coli",
          abstract="The enzyme was isolated from glycerol-grown bacteria; its kinetic behaviour is unusual."), "in-vitro"),
    (dict(title="Electron-driven proton transfer in DNA base pairs",
          abstract="Density functional theory calculations and molecular dynamics simulations of the molecules."), "in-vitro"),
    (dict(title="Stapes visualization in cadaveric heads", abstract="Ears from 30 cadaveric human heads were scanned."), "in-vitro"),
    # a chemistry paper may name the patients it hopes to help
    (dict(title="Gold nanoparticles for drug delivery",
          abstract="Nanoparticles were synthesized; the compounds, polymers and ligands were studied by spectroscopy, "
                   "NMR and chromatography at room temperature, for patients."), "in-vitro"),
    # animal or human material in a laboratory is not animals or people studied
    (dict(title="Binding of palladium to creatine kinase",
          abstract="Purified rabbit muscle creatine kinase and human serum enzyme were treated with palladium ions."), "in-vitro"),
    # ... but animals dosed, or "in vivo" beside cells, are animal work
    (dict(title="Metformin and stem cell vesicles",
          abstract="Vesicles from treated stem cells ameliorate disc cell senescence in vitro and in vivo."), "animal"),
    (dict(title="Jabuticaba seed extract in colon carcinogenesis",
          abstract="Rats were fed the extract; the extract protected DNA against oxidation in vitro."), "animal"),
    # ... nor are samples of several species named in a list, enzymes purified from an organ, or what
    # animals carry ("insect-specific viruses")
    (dict(title="Gas chromatography assay for ketamine and its metabolites in plasma",
          abstract="A method for ketamine found in monkey, dog and human plasma was developed using a gas chromatography assay.",
          mesh=("Humans", "Animals", "Dogs")), "in-vitro"),
    (dict(title="On the nature of chromophore in pig kidney diamine oxidase",
          abstract="The purified enzyme has an absorption band at 480 nm; its chromophore reacts with substrates.",
          mesh=("Animals", "Swine")), "in-vitro"),
    (dict(title="Inhibition of purified transferases by an organotin",
          abstract="Transferases purified from rat liver are inhibited by triethyltin; the inhibition is competitive.",
          mesh=("Animals", "Rats", "In Vitro Techniques")), "in-vitro"),
    # ... nor animals of the study that a procedure named after them sets beside a tissue word
    (dict(title="Fixture saponin promotes angiogenesis after ischemic stroke",
          abstract="We used male Sprague-Dawley (SD) rats subjected to middle cerebral artery occlusion/reperfusion. "
                   "Blood flow was restored."), "animal"),
    (dict(title="Fixture antibodies raised against a cell line",
          abstract="Rabbits were immunized with human cells; the antibody titre rose."), "animal"),
    # ... unless the animals were dosed for the work
    (dict(title="Cytochrome P450 purified from rats treated with biphenyls",
          abstract="The enzyme was purified from rats treated with a biphenyl mixture; its kinetics were measured.",
          mesh=("Animals", "Rats", "In Vitro Techniques")), "animal"),
    (dict(title="A database of flavivirus RNA structures",
          abstract="We developed an algorithm for pattern search in RNA sequences and found domains in insect-specific "
                   "flaviviruses."), "in-vitro"),
    # light emitted in a microscope is no field site; assays of pooled serum study no one
    (dict(title="Super-resolution microscopy reveals alterations in glioblastoma cell migration",
          abstract="Using stimulated emission depletion microscopy of patient-derived GBM stem-like cells cultured in "
                   "medium, we show that the protein forms nanoscale domains that drive cell migration in vitro, a "
                   "property associated with poor prognosis in GBM patients."), "in-vitro"),
    (dict(title="Interference thresholds for 35 clinical chemistry assays",
          abstract="Interference of chemistry assays by hemolysis was measured by spectrophotometry in pooled serum, "
                   "for advising clinicians on analytes affected."), "in-vitro"),
    # a model with no living subject, indexed as such
    (dict(title="A simple model of dynamic receptor pattern generation", mesh=("Models, Biological", "Computers")), "in-vitro"),
    # a title that puts the work in vitro makes the animal it names a material's source ...
    (dict(title="Neuroendocrine correlates to fixture hamster melanoma growth in vitro",
          abstract="Melanoma cells were grown with hormones; growth of hamster cells rose with melatonin.",
          mesh=("Animals", "Cricetinae")), "in-vitro"),
    # ... but not where it studies the animals in vivo too, or dosed them for it
    (dict(title="Fixture drug in hamster melanoma in vitro and in vivo",
          abstract="Melanoma cells were grown with the drug; hamsters bearing tumours were given it for a week.",
          mesh=("Animals", "Cricetinae")), "animal"),
    # sportspeople are people, whatever protein they eat
    (dict(title="Protein intake in master marathon runners",
          abstract="Protein intake was estimated from food diaries of runners; protein and amino acid needs are "
                   "discussed."), "human"),
    # MeSH that say which people were studied outweigh laboratory words
    (dict(title="Epidermal cells in culture", abstract="Cells were cultured.", mesh=("Humans", "Adult", "Cells, Cultured")), "human"),
    # "in vivo" in a scan of volunteers names no animal
    (dict(title="Motion correction in MRI", abstract="Experiments in volunteers and in vivo were performed."), "human"),
    # plants and field sites are neither laboratory work nor people
    (dict(title="Methane production in boreal peatlands", abstract="Microbial processes were measured in soils of 14 peatlands."),
     "unknown"),
    # ... even when the abstract names people in passing, outnumbered by the field's words
    (dict(title="Lead and arsenic in soils near a mine",
          abstract="Soils were sampled at 20 sites; the soils exceeded limits for agricultural soils. Soil metals pose "
                   "health risks to children living near the site."), "unknown"),
    # ... not 'leaves' a verb, nor a microbial 'ecosystem'
    (dict(title="Injury severities in single-vehicle crashes",
          abstract="Wet road conditions are among the most common reasons a driver leaves the travel lane. Crash "
                   "records were analysed with a mixed logit model."), "human"),
    # ... nor a model's 'random forest' or 'decision trees'
    (dict(title="A machine learning approach to first pass reperfusion in thrombectomy",
          abstract="Clinical variables before thrombectomy were used to train a random forest and decision trees "
                   "that predict first pass reperfusion."), "human"),
    (dict(title="Fermented food products: tradition meets biotechnology",
          abstract="Starter cultures shape the metabolic outcomes of a food microbial ecosystem; bacterial strains "
                   "were assembled.", pt=("Review",)), "in-vitro"),
    # ... but people studied outnumber them
    (dict(title="Asthma in children living near a mine",
          abstract="Children aged 5-12 years and their parents were interviewed; children near the soils had more "
                   "asthma than children far away, and their mothers reported more symptoms in children."), "human"),
    # devices, circuits and teaching models study no one, whatever journal or clinical word they come with
    (dict(title="A low-cost model for teaching suturing", abstract="A training model was built for dental students.",
          mesh=("Models, Anatomic", "Education, Dental"), journal="Journal of oral surgery"), "unknown"),
    (dict(title="A transistor circuit for neural network hardware",
          abstract="We present a circuit architecture of memristors; circuit-level simulation validates it for "
                   "computational tasks such as speech recognition."), "unknown"),
    # ... but not a device tried on people counted as "subjects", nor a case, nor one engineering word
    (dict(title="A soft robotic glove for hand rehabilitation after stroke",
          abstract="Soft actuators were fabricated. Sixteen stroke subjects were recruited; subjects trained for 20 "
                   "sessions, and subjects improved; subjects with spasticity improved less than other subjects."),
     "human"),
    (dict(title="Crop circles on optical coherence tomography",
          abstract="A 62-year-old woman presented with chest pain; imaging showed a pattern like crop circles in a "
                   "field of crops."), "human"),
    (dict(title="Comparison of e-scooter and bicycle crashes",
          abstract="We classified 131 police-reported crashes with a prototype version of a crash analysis tool; "
                   "injuries were compared."), "human"),
    # ... and the brain's circuits, or a way of training people, are no engineering
    (dict(title="Reward circuits in drug addiction", abstract="Circuits of the brain that drive reward seeking are "
          "reviewed; circuits in the striatum and circuits of the cortex differ.", pt=("Review",),
          journal="Journal of neurochemistry"), "human"),
    (dict(title="Training models for therapists", abstract="Training models were compared; training models that "
          "include supervision work best.", journal="Clinical psychology"), "human"),
    # measurements on phantoms or on excised tissue are laboratory work
    (dict(title="A phantom for quality assurance of magnetic resonance imaging",
          abstract="The phantom was designed and fabricated; imaging protocols measure geometric distortion and SNR.",
          journal="Magnetic resonance in medicine"), "in-vitro"),
    # ... not a phantom limb, nor a "phantom" structure of the body
    (dict(title="Phantom limb pain after amputation", abstract="Phantom limb pain was measured on a scale; phantom "
          "sensations were mapped with imaging.", pt=("Review",)), "human"),
    (dict(title='Nonvisualized ("phantom") renal calyx: causes and radiological approach to diagnosis'), "human"),
    (dict(title="Collagen fibre kinematics of heart valve leaflets under biaxial testing",
          abstract="Valve leaflets were mounted in a biaxial testing device and imaged under loading; we found the "
                   "affine model underpredicted fibre reorientation."), "in-vitro"),
    # an animal's protein or cells as material, and the words of cell biology, are laboratory work
    (dict(title="Amino acid sequence of a fixture mouse heavy chain", abstract="The deleted heavy (alpha) chain of mouse "
          "IgA yielded five peptides; it differs from other mouse alpha chains."), "in-vitro"),
    (dict(title="Fixture antibody delivery", abstract="Antibodies were delivered into live cells; we studied their "
          "cellular uptake and escape from endosomes.", journal="Fixture medicine"), "in-vitro"),
    # a meta-analysis of trials studied people through them, whatever its drugs are made of
    (dict(title="Fixture Gene-Related Peptide Monoclonal Antibodies Versus a Neurotoxin: A Network Meta-Analysis",
          abstract="We included 10 randomized controlled trials of the antibodies and the toxin in chronic migraine."),
     "human"),
    # ... but animals' anatomy is the animals'
    (dict(title="The midgut of a fixture springtail (insecta): ultrastructure", abstract="The midgut cells of the insects "
          "were examined with the electron microscope."), "animal"),
    # compounds isolated from a plant are chemistry, though the plant's leaves are named
    (dict(title="Carbazole alkaloids from the leaves of a fixture shrub", abstract="Five new carbazole alkaloids were "
          "isolated; their structures were elucidated by NMR spectroscopy and mass spectrometry, and the compounds "
          "were tested in an assay."), "in-vitro"),
    # ... but a plant's field growth with a laboratory word beside it is field work
    (dict(title="Growth of a fixture crop in saline soil", abstract="Plants were grown in field plots on saline soil; "
          "leaves and roots were sampled and yield was recorded. Chlorophyll was measured by spectroscopy."),
     "unknown"),
]


@pytest.mark.parametrize("fields, expected", LABORATORY)
def test_laboratory_work_is_in_vitro(fields, expected):
    got = classify.classify(record(**fields))
    assert got["population"] == expected, got["classification_reasons"]


WHO = [
    # a news item reports on others' work: it studies nobody
    (dict(title="World's first camel clinic caters to the dromedary", pt=("News",),
          journal="Journal of the American Veterinary Medical Association"), "unknown"),
    # no words for anyone: people when the record speaks of clinical medicine, unknown otherwise
    (dict(title="Timing of anterior cruciate ligament reconstruction: still a debatable issue", pt=("Editorial",)), "human"),
    (dict(title="Forceps and episiotomy", pt=("Letter",), journal="American journal of obstetrics and gynecology"), "human"),
    (dict(title="Achieving uranyl bending via physical pressure"), "unknown"),
    # ... a clinical journal by its specialty names people too ...
    (dict(title="Angiotensin receptor autoantibodies and preeclampsia", pt=("Letter",),
          journal="Journal of the American Heart Association"), "human"),
    (dict(title="Asymptomatic reflux", journal="Journal of thoracic disease"), "human"),
    (dict(title="Prevention or no prevention; this is not the question anymore!", journal="Jornal brasileiro de nefrologia"),
     "human"),
    # ... and so does a disease named inside a word, or an organ's mass
    (dict(title="[Combined hepatocellular-cholangiocarcinoma]."), "human"),
    (dict(title="[A calcified lung mass]."), "human"),
    # ... or an organ transplant, a children's specialty, a title kept in German, but not a lichen transplanted
    (dict(title="Microsporidiosis in a solid organ transplant recipient."), "human"),
    (dict(title="The history of pediatric rheumatology."), "human"),
    (dict(title="Kortisonstoß begünstigt bei Kindern schwere Nebenwirkungen."), "human"),
    (dict(title="PAHs in an urban area: the role of lichen transplants in detecting local sources"), "unknown"),
    # ... but not a clinical word for things: equipment is no one
    (dict(title="Disinfection of anaesthetic-respiratory equipment"), "unknown"),
    (dict(title="Anaesthetic management of a difficult airway"), "human"),
    # ... but a title that names only the kind of record says nothing of anyone, whatever the journal
    (dict(title="Letter to the editor.", pt=("Letter",), journal="Clinical & translational oncology"), "unknown"),
    (dict(title="Reply", pt=("Letter",), journal="Annals of surgery"), "unknown"),
    (dict(title="Letter to the editor.", abstract="We treated 12 patients with ketamine.", pt=("Letter",)), "human"),
    # professionals shown different information are people studied
    (dict(title="Context and the judgment of safety inspectors",
          abstract="We tested whether background information biases professionals' judgments: professionals "
                   "rated worksites after reading a safe or an unsafe history."), "human"),
    # an animal experiment is not a patient: "a 12-year-old female rhesus monkey", "adolescent rats"
    (dict(title="Ketamine self-administration",
          abstract="A 12-year-old female rhesus monkey was trained to press a lever for ketamine."), "animal"),
    (dict(title="Effect of social isolation on emotion in adolescent rats"), "animal"),
    # insects, crustaceans and other invertebrates are animals too
    (dict(title="Autogenic capacity in Triatoma infestans (Hemiptera: Reduviidae) resistant to deltamethrin",
          abstract="Pairs were formed between unfed adult females and fed adult males."), "animal"),
    (dict(title="Toxicity of hydrocarbons to Daphnia magna"), "animal"),
    (dict(title="Lipochondria and the light response of Aplysia giant neurons"), "animal"),
    (dict(title="Prevalence of a fixture parasite in wild boars from Brandenburg",
          abstract="Wild boars were sampled; the parasite is a risk to human health."), "animal"),
    # ... but the Hedgehog pathway is a laboratory's, not an animal
    (dict(title="A fixture inhibitor of the Hedgehog pathway",
          abstract="Hedgehog signalling was measured in cultured tumour cells in vitro."), "in-vitro"),
    (dict(title="Genetic analysis of developmental mechanisms in hydra", abstract="Enzyme activity was assayed."),
     "animal"),
    # ... but a "lobster claw" hand is a person's malformation
    (dict(title="Lobster claw hand and foot: a fixture family", pt=("Case Reports",)), "human"),
    # ... and so are vectors caught in the field, whatever parasite or microbe they carry
    (dict(title="Trypanosomes naturally infecting triatomines in the field", mesh=("Eukaryota", "Triatominae")), "animal"),
    (dict(title="Leishmania in sand flies of a village", abstract="Sand flies were trapped and dissected."), "animal"),
    # ecologists' "individuals" beside animals are the animals
    (dict(title="Estimating survival when age is uncertain", abstract="Individuals of a wildlife population were marked."), "animal"),
    # laboratory work that names the patients it may help one day, and the mice it studied, is about the mice ...
    (dict(title="A fixture kinase drives tumour growth",
          abstract="Triple negative breast cancer has a poor outlook for patients. The kinase was silenced and "
                   "tumours were grown in nude mice."), "animal"),
    # ... where a study of people beside the animals is both
    (dict(title="A fixture marker of recovery",
          abstract="We conducted a cohort study of patients after stroke and of mice after a lesion."), "mixed"),
    # a protein studied on the bench, indexed Humans with no age or sex, is laboratory work ...
    (dict(title="Human fixture protein: immunological properties of its subunits",
          mesh=("Humans", "Immunodiffusion", "Immunoelectrophoresis", "Electrophoresis, Polyacrylamide Gel")), "in-vitro"),
    # ... not with one such heading, nor beside the age or sex of the people studied
    (dict(title="Human fixture protein in disease", mesh=("Humans", "Immunodiffusion")), "human"),
    (dict(title="Fixture protein in the serum of patients with myeloma",
          mesh=("Humans", "Adult", "Female", "Immunodiffusion", "Immunoelectrophoresis")), "human"),
    # ... and the bench's headings and words outweigh an animal named as the source of its material ...
    (dict(title="General fixture dehydrogenase from pig liver. Kinetic and binding studies.",
          mesh=("Animals", "Swine", "Liver", "Kinetics", "Spectrophotometry", "Binding Sites")), "in-vitro"),
    # ... not the animals of an experiment, nor an animal named beside one such heading
    (dict(title="Fixture enzyme kinetics in the liver of treated rats",
          abstract="Rats were injected with the fixture drug for 10 days and hepatic enzymes were then assayed.",
          mesh=("Animals", "Rats", "Liver", "Kinetics", "Electrophoresis", "Binding Sites")), "animal"),
    (dict(title="Fixture binding to rat heart sarcolemma", mesh=("Animals", "Rats", "Kinetics")), "animal"),
    # the enzymologist's headings are the bench's too: an enzyme's forms, its activation, a cell's cytosol
    (dict(title="Fixture enzyme from rat tumour cytosol",
          mesh=("Animals", "Rats", "Adenylyl Cyclases", "Cytosol", "Enzyme Activation")), "in-vitro"),
    (dict(title="Multiple forms of fixture synthetase in rabbit muscle",
          mesh=("Animals", "Rabbits", "Muscles", "Isoenzymes", "Kinetics")), "in-vitro"),
    # ... and the analyst's: assays run and checked, kits, membranes of lysed cells
    (dict(title="Evaluation of an enzyme immunoassay kit for a fixture antigen",
          mesh=("Humans", "Immunoenzyme Techniques", "Reagent Kits, Diagnostic")), "in-vitro"),
    (dict(title="Fixture binding to erythrocyte ghosts",
          mesh=("Humans", "Erythrocyte Membrane", "Binding, Competitive")), "in-vitro"),
    # MeSH tag both, the text names only people (or only animals)
    (dict(title="Weaning of a child with cerebral palsy", mesh=("Humans", "Animals")), "human"),
    (dict(title="Disposition of a drug in laboratory animals and man", mesh=("Humans", "Animals")), "mixed"),
    # a title that sets people beside the animals, whatever the abstract says ...
    (dict(title="Fixture discrimination in monkeys and humans", mesh=("Humans", "Animals")), "mixed"),
    (dict(title="Urinary metabolites of a fixture solvent in rats and humans", abstract="Rats were exposed to the "
          "solvent for 8 weeks and their urine was analysed.", mesh=("Humans", "Animals", "Rats")), "mixed"),
    # ... not one that names people only as the source of a material
    (dict(title="Fixture enzyme activity in human liver and rat kidney", abstract="Rats were given the drug.",
          mesh=("Humans", "Animals", "Rats")), "animal"),
    # ... or indexes a parasite of the people studied under Animals, and the text names no animal
    (dict(title="Diagnosis of scabies.", pt=("Letter",), mesh=("Animals", "Humans", "Sarcoptes scabiei", "Scabies")), "human"),
    (dict(title="Scabies in a kennel: mites on dogs", mesh=("Animals", "Humans", "Sarcoptes scabiei")), "animal"),
    (dict(title="Diagnosis of scabies.", pt=("Letter",), mesh=("Animals", "Humans", "Scabies")), "mixed"),
]


@pytest.mark.parametrize("fields, expected", WHO)
def test_who_was_studied(fields, expected):
    got = classify.classify(record(**fields))
    assert got["population"] == expected, got["classification_reasons"]


def test_an_animal_experiment_is_never_a_case_report():
    got = classify.classify(record("Ketamine self-administration",
                                   "We report a 12-year-old female rhesus monkey trained to press a lever for ketamine."))
    assert (got["design"], got["population"]) == ("other", "animal"), got["classification_reasons"]


def test_population_reasons_name_the_mesh_check_tags():
    got = classify.classify(record("Ketamine", mesh=("Animals", "Rats")))
    assert "population: animal — MeSH: Animals, no Humans" in got["classification_reasons"]


# ---------------------------------------------------------------- routes

ROUTES = [
    ("Long-term sub-lingual ketamine troches in chronic pain", ["sublingual-buccal"]),
    ("Ketamine lozenges for cancer pain", ["sublingual-buccal"]),
    ("Buccal ketamine film in children", ["sublingual-buccal"]),
    ("Buccal mucosa lesions after dental surgery", []),
    ("Intrathecal ketamine as an adjuvant to bupivacaine", ["neuraxial"]),
    ("Spinal anaesthesia with ketamine for caesarean section", ["neuraxial"]),
    ("Epidural abscess after spinal surgery", []),
    ("Epidural EEG recordings in rats", []),
    # an infusion names no site (the codebook's reading): the text must name one
    ("Ketamine infusion for refractory depression", []),
    ("Continuous ketamine infusions in the intensive care unit", []),
    ("Subcutaneous ketamine infusion in palliative care", ["subcutaneous"]),
    ("Epidural infusion of ketamine after surgery", ["neuraxial"]),
    ("Ketamine was infused intravenously over 40 minutes", ["intravenous"]),
    ("Intravenous ketamine for suicidal ideation", ["intravenous"]),
    ("Sub-anesthetic IV ketamine for PTSD", ["intravenous"]),
    ("Endocarditis in intravenous drug users", []),
    ("Ketamine given without intravenous access", []),
    ("Oral ketamine for neuropathic pain", ["oral"]),
    ("Ketamine was given orally to children", ["oral"]),
    ("Oral cavity cancer and oral mucositis", []),
    ("Intranasal esketamine for treatment-resistant depression", ["intranasal"]),
    ("Esketamine nasal spray in depression", ["intranasal"]),
    ("Intranasal splints after septoplasty", []),
    ("Topical ketamine cream for neuropathic pain", ["topical"]),
    ("Transdermal fentanyl patches", ["topical"]),
    ("Subcutaneous ketamine in palliative care", ["subcutaneous"]),
    ("Subcutaneous tissue thickness and emphysema", []),
    ("Intramuscular ketamine for agitation", ["intramuscular"]),
    ("Intramuscular fat infiltration in acromegaly", []),
    ("Oral and intravenous ketamine compared", ["intravenous", "oral"]),
    # a capsule of the body is no dose, and eating again is no route
    ("Ischaemia of the internal capsule after stroke", []),
    ("Repair of the ankle joint capsule and ligaments", []),
    ("Pituitary grafts under the kidney capsule of rats", []),
    ("Time to start oral intake after omentopexy", []),
    ("Decreased oral intake of food and fluids in the elderly", []),
    ("Ketamine given as one capsule at night", ["oral"]),
    ("Ketamine 50 mg capsule for neuropathic pain", ["oral"]),
    ("Gabapentin capsules for neuropathic pain", ["oral"]),
    ("Oral intake of paracetamol before surgery", ["oral"]),
    ("Enterococci in ice cream", []),
    ("Milk fat globules and the cream-rising capacity of milk", []),
    ("Tweets from similar places tend to be topically similar", []),
    ("Lidocaine cream before venepuncture in children", ["topical"]),
    ("Topical ketamine for neuropathic pain", ["topical"]),
    ("Photoaged hairless mice topically applied with a PAR2 antagonist", ["topical"]),
]


@pytest.mark.parametrize("title, expected", ROUTES)
def test_routes(title, expected):
    got = classify.classify(record(title))
    assert sorted(got["routes"]) == sorted(expected), got["classification_reasons"]


def test_routes_from_mesh():
    got = classify.classify(record("Esketamine", mesh=("Administration, Intranasal",)))
    assert got["routes"] == ["intranasal"]
    assert "route: intranasal — MeSH: Administration, Intranasal" in got["classification_reasons"]


# ---------------------------------------------------------------- conditions

CONDITIONS = [
    ("Ketamine in complex regional pain syndrome", ["crps"]),
    ("Ketamine for CRPS type 1", ["crps"]),
    ("Reflex sympathetic dystrophy treated with ketamine", ["crps"]),
    ("Ketamine in fibromyalgia", ["fibromyalgia"]),
    ("Ketamine prevents opioid-induced hyperalgesia", ["opioid-induced-hyperalgesia"]),
    ("Remifentanil-induced hyperalgesia after surgery", ["opioid-induced-hyperalgesia"]),
    ("Ketamine for chronic non-malignant pain", ["chronic-pain"]),
    ("Ketamine for cancer pain", ["cancer-pain"]),
    ("Ketamine for postoperative pain after knee arthroplasty", ["acute-postoperative-pain"]),
    ("Ketamine for acute pain in the emergency department", ["acute-postoperative-pain"]),
    ("Chronic postsurgical pain after thoracotomy", ["chronic-pain"]),
    ("Ketamine for migraine with aura", ["headache-migraine"]),
    ("Ketamine for treatment-resistant depression", ["depression"]),
    ("Ketamine and respiratory depression", []),
    ("Cortical spreading depression in rats", []),
    ("Depression of the after-hyperpolarisation by EGTA", []),
    ("Ketamine for chronic neuropathic pain", ["chronic-pain", "neuropathic-pain"]),
    ("Patients without chronic pain", []),
    ("Ketamine for PTSD", ["ptsd"]),
    ("Ketamine for suicidal ideation", ["suicidality"]),
    ("Ketamine for opioid use disorder", ["substance-use"]),
    ("Ketamine for alcohol withdrawal in the intensive care unit", ["substance-use"]),
    ("Rapid opioid detoxification under anaesthesia", ["substance-use"]),
    # a trial's drug stopped, the liver's chemistry and an agency's name are no substance use
    ("Drug withdrawals due to adverse events with methotrexate", []),
    ("Clearance of chlorpromazine from plasma following drug withdrawal", []),
    ("Detoxification enzymes of the rat intestinal epithelium", []),
    ("Hepatic detoxification functions after plasmaperfusion", []),
    ("Grants of the Substance Abuse and Mental Health Services Administration", []),
]


@pytest.mark.parametrize("title, expected", CONDITIONS)
def test_conditions(title, expected):
    got = classify.classify(record(title))
    assert sorted(got["conditions"]) == sorted(expected), got["classification_reasons"]


def test_a_headache_listed_among_side_effects_is_not_a_condition():
    got = classify.classify(record("Ketamine for CRPS", "Side effects were nausea, headache and dizziness."))
    assert "headache-migraine" not in got["conditions"] and "crps" in got["conditions"]


# (title, abstract, MeSH, whether depression is a condition of the record)
DEPRESSION_IN_PASSING = [
    ("Sleep in chronic kidney disease", "Outcomes were sleep quality, depression, anxiety and fatigue.", (), False),
    ("Sleep in chronic kidney disease", "Depression was common. Patients with depression slept less.", (), True),
    ("Sleep and depression in chronic kidney disease", "Outcomes were sleep quality and fatigue.", (), True),
    ("Sleep in chronic kidney disease", "Outcomes were sleep quality and fatigue.", ("Depression",), True),
    # an instrument measures with the word, twice, and is still not the subject
    ("Ketamine after knee surgery", "Anxiety was scored with the Hospital Anxiety and Depression Scale and the "
     "Hamilton Rating Scale for Depression.", (), False),
    ("Ketamine after knee surgery", "Mood was scored with the Depression, Anxiety and Stress Scales (DASS-21) and "
     "the Beck Depression Inventory.", (), False),
]


@pytest.mark.parametrize("title, abstract, mesh, expected", DEPRESSION_IN_PASSING)
def test_depression_named_once_in_an_abstract_or_in_a_scale_is_named_in_passing(title, abstract, mesh, expected):
    got = classify.classify(record(title, abstract, mesh=mesh))
    assert ("depression" in got["conditions"]) is expected, got["classification_reasons"]


@pytest.mark.parametrize("text, expected", [
    ("Hyperalgesia after morphine", True),
    ("Hyperalgesia after nerve injury", False),
])
def test_opioid_induced_hyperalgesia_from_mesh_needs_an_opioid(text, expected):
    got = classify.classify(record(text, mesh=("Hyperalgesia",)))
    assert ("opioid-induced-hyperalgesia" in got["conditions"]) is expected


# ---------------------------------------------------------------- harms

HARMS = [
    ("Ketamine", "Hallucinations were reported by 10% of patients.", ["psychotomimetic"]),
    # looking for a harm and finding none still studies it
    ("Ketamine", "No hallucinations or dissociative symptoms were observed.", ["psychotomimetic"]),
    ("Ketamine-induced cystitis in a recreational user", None, ["abuse-dependence", "urological"]),
    ("Ketamine", "Adverse effects included nausea, vomiting and transient hypertension.", ["cardiovascular", "nausea-vomiting"]),
    ("Ketamine in patients with hypertension", "Patients with hypertension were studied.", []),
    ("Ketamine", "Elevated liver enzymes occurred after repeated infusions.", ["hepatic"]),
    ("Ketamine and memory impairment in chronic users", None, ["cognitive"]),
    ("Ketamine", "The most common side effects were drowsiness and dizziness.", ["dizziness-sedation"]),
    ("Ketamine", "Laryngospasm occurred in two children.", ["respiratory"]),
    ("Ketamine pharmacokinetics", "Plasma levels were measured.", []),
]


@pytest.mark.parametrize("title, abstract, expected", HARMS)
def test_harms(title, abstract, expected):
    got = classify.classify(record(title, abstract))
    assert sorted(got["harms"]) == sorted(expected), got["classification_reasons"]


# ---------------------------------------------------------------- ketamine form

FORMS = [
    ("Esketamine nasal spray for depression", None, (), "esketamine"),
    ("S-ketamine for postoperative pain", None, (), "esketamine"),
    ("Effects of (S)-ketamine on cognition", None, (), "esketamine"),
    ("Arketamine in a mouse model of depression", None, (), "arketamine"),
    ("R-ketamine and S-ketamine compared", None, (), "esketamine"),
    ("Racemic ketamine for chronic pain", None, (), "racemic"),
    ("(R,S)-ketamine in volunteers", None, (), "racemic"),
    ("Ketamine for chronic pain", None, (), "unspecified"),
    ("Sevoflurane anaesthesia", None, (), "unspecified"),
    # a keyword naming a related drug says nothing about the form used
    ("Intravenous ketamine for depression", None, ("Esketamine",), "unspecified"),
]


@pytest.mark.parametrize("title, abstract, keywords, expected", FORMS)
def test_ketamine_form(title, abstract, keywords, expected):
    got = classify.classify(record(title, abstract, keywords=keywords))
    assert got["ketamine_form"] == expected, got["classification_reasons"]


# ---------------------------------------------------------------- retraction and corrections

CORRECTIONS = [
    (dict(pt=("Journal Article", "Retracted Publication"), cc=("RetractionIn",)), 1, ["retraction-notice"]),
    (dict(title="Retraction: Ketamine for pain", pt=("Retraction of Publication",), cc=("RetractionOf",)), 0, ["retraction-notice"]),
    (dict(title="Retracted: Ketamine for pain", pt=("Retraction of Publication",)), 0, ["retraction-notice"]),
    (dict(title="RETRACTED: Ketamine for pain in rats"), 1, []),
    (dict(cc=("ErratumIn",)), 0, ["erratum"]),
    (dict(pt=("Published Erratum",), cc=("ErratumFor",)), 0, ["erratum"]),
    (dict(pt=("Expression of Concern",)), 0, ["expression-of-concern"]),
    (dict(cc=("CommentIn", "CommentOn")), 0, ["comment"]),
    (dict(cc=("UpdateOf",)), 0, []),
]


@pytest.mark.parametrize("fields, retracted, corrections", CORRECTIONS)
def test_retraction_and_corrections(fields, retracted, corrections):
    got = classify.classify(record(**{"title": "Ketamine", **fields}))
    assert got["retracted"] == retracted and got["corrections"] == corrections, got["classification_reasons"]


def test_retraction_publication_types_are_matched_on_their_uis():
    # a renamed publication type still matches on its UI
    given = record("Ketamine")
    given["publication_types"] = [{"ui": "D016441", "name": "Retracted article (renamed)"}]
    assert classify.classify(given)["retracted"] == 1


def test_a_notice_carries_no_subject_matter_of_its_own():
    got = classify.classify(record("Erratum: Intravenous ketamine for CRPS in rats", pt=("Published Erratum",)))
    assert (got["design"], got["population"], got["routes"], got["conditions"]) == ("other", "unknown", [], [])


# ---------------------------------------------------------------- reasons

def test_every_label_comes_with_a_reason():
    got = classify.classify(record(
        "Sublingual esketamine for CRPS: a randomised controlled trial",
        "Patients reported hallucinations.", pt=("Randomized Controlled Trial",), cc=("ErratumIn",)))
    reasons = "\n".join(got["classification_reasons"])
    assert "design: rct — PT: Randomized Controlled Trial" in reasons
    for label in got["conditions"] + got["routes"] + got["harms"] + got["corrections"]:
        assert f": {label} — " in reasons, label
    assert "ketamine form: esketamine — title: 'Sublingual esketamine'" not in reasons
    assert re.search(r"ketamine form: esketamine — title: 'esketamine'", reasons)
    assert "evidence level: 2" in reasons and "population: human" in reasons


def test_reasons_quote_whole_words_from_the_text():
    got = classify.classify(record("Ketamine for depression: a systematic review and meta-analysis"))
    assert "design: meta-analysis — title: 'systematic review and meta-analysis'" in got["classification_reasons"]


# ---------------------------------------------------------------- the engine

@pytest.mark.parametrize("pattern, expected", [
    ("randomi[sz]ed", ("randomi",)),
    ("meta-?analy", ("meta",)),
    ("troches?\\b", ("troche",)),
    ("(?:study|trial)\\s+protocol", ("study", "trial")),
    ("rises?|rise\\b", ("rise",)),
    ("(?:wo)?men", None),
    ("\\d+[- ]year", None),
    ("a|", None),
])
def test_triggers_are_word_prefixes_every_match_starts_with(pattern, expected):
    assert classify.triggers(pattern) == expected


@pytest.mark.parametrize("pattern, expected", [
    ("(?:\\(±\\)|±)\\s?[- ]?ketamin", ("ketamin",)),
    ("i\\.p\\.", ("i.p.",)),
    ("\\d+[- ](?:year|month)s?[- ]old", ("year", "month")),
    ("\\d+[- ](?:year|month)s?[- ]older", ("older",)),
    ("h(?:a)?ematuria", ("ematuria",)),
    ("abc|def", ("abc", "def")),
    ("abc|d?", ("",)),
    (r"\w*(?:carcinoma|glioma)s?\b", ("carcinoma", "glioma")),
    (r"(?:\w+[\s,-]+){0,3}?cases", ("cases",)),
    ("(?:abcdef)?gh", ("gh",)),
    ("(?!abcdef)gh", ("gh",)),
    ("ab{2}cd", ("cd",)),
])
def test_required_texts_are_texts_one_of_which_every_match_contains(pattern, expected):
    assert classify.required_texts(pattern) == expected


TEXTS = [row[0] or "" for row in DESIGN] + [row[1] or "" for row in DESIGN] + [r[0] for r in ROUTES] + [
    r[0] for r in CONDITIONS] + [r[1] or "" for r in HARMS] + [r[0] for r in FORMS] + [
    "A 54-year-old man, 3 cases of CRPS, i.v. and i.m. and s.c. and p.o. doses; (±)-ketamine; (R,S)-ketamine.",
    "We studied 20 patients. The authors discuss these guidelines; this consensus statement was drafted.",
]


def test_every_match_of_a_rule_holds_the_text_its_pattern_is_filed_under(sample_files):
    # A pattern is only tried on texts holding its required literal: real texts must agree.
    rules = classify.RULES
    records = (v for k, v in read.iter_file(sample_files[1]) if k == "record")
    texts = [classify.View(r, rules).low for r, _ in zip(records, range(1500))]
    patterns = [p for labels in rules.facets.values() for label in labels.values() for p in label.patterns]
    for pattern in patterns:
        for text in texts:
            for match in pattern.regex.finditer(text):
                assert any(text in match.group() for text in rules.needs[pattern]), (pattern.regex.pattern, match.group())


def test_the_word_index_finds_what_a_plain_scan_finds():
    # Patterns are only tried where a word starts with their prefix: a scan of
    # every pattern at every word start must find nothing more.
    rules = classify.RULES
    for text in TEXTS:
        view = classify.View(record(text), rules)
        low = view.low
        for label in (label for labels in rules.facets.values() for label in labels.values()):
            for pattern in label.patterns:
                start, end = view.bounds[pattern.first][0], view.bounds[pattern.last][1]
                scanned = {m.start() for m in pattern.regex.finditer(low, start, end)
                           if m.end() > m.start() and (m.start() == 0 or not re.match(r"\w", low[m.start() - 1]))}
                indexed = {pos for lab, pat, prefix in classify.candidates(low, rules) if pat is pattern
                           for pos in ([m.start() for m in pat.regex.finditer(low, start, end)] if prefix is None
                                       else [p for p in classify.word_starts(low, prefix, start, end) if pat.regex.match(low, p, end)])}
                assert scanned <= indexed | {p for p in scanned if not re.match(r"\w", low[p])}, (pattern.regex.pattern, text)


def test_rule_patterns_are_lower_case():
    # texts are lower-cased before matching, so an upper-case letter could never match
    data = classify.RULES.data
    for facet in list(classify.FACETS) + ["retracted"]:
        labels = data[facet]["labels"] if "labels" in data[facet] else {"retracted": data[facet]}
        for key, spec in labels.items():
            for kind in classify.SPEC_FIELDS:
                for pattern in (spec or {}).get(kind) or ():
                    assert not re.search(r"(?<!\\)[A-Z]", pattern), (facet, key, pattern)


@pytest.mark.parametrize("before, expected", [
    ("this is not a ", True), ("a non-", True), ("non ", True), ("no ", True), ("without any ", True),
    ("rather than a ", True), ("patients with no history of ", False), ("canon-", False), ("the nonsense ", False),
    ("a ", False),
])
def test_negation_reaches_a_few_words_back(before, expected):
    assert classify.negated(before, classify.RULES) is expected


@settings(max_examples=300, deadline=None)
@given(title=st.text(max_size=200), abstract=st.one_of(st.none(), st.text(max_size=600)),
       keywords=st.lists(st.text(max_size=30), max_size=3))
def test_any_text_classifies_without_error(title, abstract, keywords):
    result = classify.classify(record(title, abstract, keywords=keywords))
    assert set(result) == set(KEYS) and result["design"] and result["population"]


RECLASSIFY = """
import hashlib, itertools, json, sys
from harvest import classify, read
records = (v for k, v in read.iter_file(sys.argv[1]) if k == "record")
digest = hashlib.sha256()
for record in itertools.islice(records, 3000):
    digest.update(json.dumps(classify.classify(record), sort_keys=True).encode())
print(digest.hexdigest())
"""


def test_the_same_record_gets_the_same_labels_and_reasons_in_every_process(sample_files):
    # Python salts string hashes per process: nothing the classifier reports may depend
    # on the order of a set of words (these seeds once gave six of the records other reasons).
    import os
    import subprocess
    import sys

    digests = {subprocess.run([sys.executable, "-c", RECLASSIFY, str(sample_files[0])], check=True,
                              capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2")}
    assert len(digests) == 1


# ---------------------------------------------------------------- acronyms, labour, reviews, harms not found

CASED_AND_OBSTETRIC = [
    ("Ketamine for CRPS type 1", None, ["crps"]),
    ("Elevated CRPs and ferritin in severe COVID-19", None, []),  # C-reactive proteins
    ("Cardiac rehabilitation programmes", "Uptake of CRPs was low in women.", []),
    ("KETAMINE IN CRPS", None, ["crps"]),
    ("Epidural analgesia for labour pain", None, ["labour-pain"]),
    ("Remifentanil for labor analgesia: a comparison", None, ["labour-pain"]),
    ("Pain relief during labor with nitrous oxide", None, ["labour-pain"]),
    ("Acute pain in labour and childbirth", None, ["labour-pain"]),
    ("Postoperative pain after caesarean delivery", None, ["acute-postoperative-pain"]),
    ("Ketamine for acute pain in the emergency department", None, ["acute-postoperative-pain"]),
]


@pytest.mark.parametrize("title, abstract, expected", CASED_AND_OBSTETRIC)
def test_acronyms_keep_their_case_and_labour_pain_is_not_postoperative(title, abstract, expected):
    got = classify.classify(record(title, abstract))
    assert sorted(got["conditions"]) == sorted(expected), got["classification_reasons"]


def test_labour_pain_from_mesh_is_not_postoperative_pain():
    got = classify.classify(record("Ketamine", mesh=("Labor Pain",)))
    assert got["conditions"] == ["labour-pain"]


REVIEWS = [
    ("A systematic review and meta-analysis of observational studies", "Twelve cohort studies were pooled.", 3),
    ("Ketamine and delirium: a meta-analysis", "We pooled 9 randomized controlled trials.", 1),
    ("Ketamine and delirium: a meta-analysis", "We pooled 9 randomized controlled trials and 4 cohort studies.", 3),
    ("Ketamine and delirium: a meta-analysis", "We included randomized controlled trials; observational studies "
                                               "were excluded.", 1),
    ("Ketamine and delirium: a meta-analysis", "Previous observational studies suggested a benefit. We pooled "
                                               "9 randomized controlled trials.", 1),
    ("Ketamine and delirium: a meta-analysis", "Data were pooled.", 1),  # says nothing: read as trials
    ("Ketamine cystitis: a systematic review of case reports", "Forty published case reports were found.", 4),
]


@pytest.mark.parametrize("title, abstract, level", REVIEWS)
def test_a_review_takes_the_level_of_what_it_pooled(title, abstract, level):
    got = classify.classify(record(title, abstract, pt=("Meta-Analysis",), mesh=("Humans",)))
    assert got["design"] == "meta-analysis" and got["evidence_level"] == level, got["classification_reasons"]
    assert f"evidence level: {level}" in " ".join(got["classification_reasons"])


def test_the_review_level_is_the_rules_and_the_about_pages():
    spec = classify.RULES.data["evidence_level"]
    assert classify.evidence_level("meta-analysis", "human", reviewed=["observational-studies"])[0] == 3
    assert classify.evidence_level("systematic-review", "human", reviewed=["trials", "case-series"])[0] == 4
    assert classify.evidence_level("rct", "human", reviewed=["observational-studies"])[0] == 2  # not a review
    assert classify.evidence_level("meta-analysis", "animal", reviewed=["trials"])[0] == 5
    assert set(spec["levels"].values()) <= set(vocabulary.LEVEL.values()) and spec["reviews"]["observational-studies"] == 3


HARMS_FOUND_OR_NOT = [
    ("Hallucinations were reported by 10% of patients.", ["psychotomimetic"], []),
    ("No hallucinations or dissociative symptoms were observed.", ["psychotomimetic"], ["psychotomimetic"]),
    ("No patient developed hallucinations, nausea or vomiting as side effects.",
     ["psychotomimetic", "nausea-vomiting"], ["psychotomimetic", "nausea-vomiting"]),
    ("No hallucinations were observed as adverse effects. Nausea occurred in 3 patients.",
     ["psychotomimetic", "nausea-vomiting"], ["psychotomimetic"]),
    ("Hallucinations and nausea were not reported as side effects.", ["psychotomimetic", "nausea-vomiting"],
     ["psychotomimetic", "nausea-vomiting"]),
    ("There were no episodes of respiratory depression or desaturation after ketamine.", ["respiratory"],
     ["respiratory"]),
    ("There was no difference in the incidence of nausea between groups.", ["nausea-vomiting"], []),
    ("Side effects were reported in 24%. There were no reports of renal impairment, cystitis, or hepatotoxicity.",
     ["urological", "hepatic"], ["urological", "hepatic"]),
    ("No hallucinations were reported. Two patients had hallucinations after the second infusion.",
     ["psychotomimetic"], []),
]


@pytest.mark.parametrize("abstract, harms, none_reported", HARMS_FOUND_OR_NOT)
def test_a_harm_looked_for_and_not_found_is_told_apart(abstract, harms, none_reported):
    got = classify.assess(record("Ketamine", abstract))
    assert sorted(got["harms"]) == sorted(harms), got["classification_reasons"]
    assert sorted(got["harms_none_reported"]) == sorted(none_reported), got["classification_reasons"]
    for harm in harms:
        reason = next(r for r in got["classification_reasons"] if r.startswith(f"harm: {harm} "))
        assert reason.endswith("(looked for, none reported)") == (harm in none_reported)
    assert {k: v for k, v in got.items() if k != "harms_none_reported"} == classify.classify(record("Ketamine", abstract))


def test_a_harm_from_mesh_was_reported():
    got = classify.assess(record("Ketamine", "No cystitis was seen in this cohort.", mesh=("Cystitis, Interstitial",)))
    assert got["harms"] == ["urological"] and got["harms_none_reported"] == []


def test_a_record_is_read_with_the_rule_set_it_is_given():
    """Evidence from the abstract as a whole (a study of its own, no design named) reads the
    labels of the rule set the record is classified with, not the module's own copy."""
    other = classify.compile_rules(classify.RULES.data)
    record = {"pmid": 1, "title": "Ketamine and pain", "abstract": "We found that pain in men improved with ketamine."}
    ours, theirs = classify.assess(record), classify.assess(record, other)
    assert ours["design"] == "observational"
    assert theirs == ours


# Reasons of one rule and one kind of evidence share a kind, whatever they quote or count.
REASON_KINDS = [
    ("population: human — abstract: 5 word(s) for people, 0 for animals (abstract: 'patients')",
     "population: human — abstract: N word(s) for people, N for animals (abstract: '…')"),
    ("population: human — abstract: 12 word(s) for people, 3 for animals (abstract: 'Crohn's patients')",
     "population: human — abstract: N word(s) for people, N for animals (abstract: '…')"),
    ("design: rct — title: 'randomised, double-blind (n = 40)'", "design: rct — title: '…'"),
    ("population: animal — title: 2 word(s) for people, 1 for animals, and the words for people are only "
     "'individuals', 'subjects' or the like (keywords: 'Murine')",
     "population: animal — title: N word(s) for people, N for animals, and the words for people are only "
     "'…', '…' or the like (keywords: '…')"),
    ("population: human — MeSH: Humans, no Animals", "population: human — MeSH: Humans, no Animals"),
]


@pytest.mark.parametrize("reason, kind", REASON_KINDS)
def test_a_reason_kind_leaves_out_what_the_reason_quotes_and_counts(reason, kind):
    assert classify.reason_kind(reason) == kind


def test_every_reason_of_a_record_has_a_kind_without_its_words():
    """A record like the troches case series: no word its reasons quote is left in their kinds."""
    got = classify.classify(record("Sub-lingual ketamine troches in 29 patients with neuropathic pain",
                                   "Twenty-nine patients received sublingual ketamine troches."))
    for reason in got["classification_reasons"]:
        kind = classify.reason_kind(reason)
        assert not any(word in kind for word in ("troches", "Sub-lingual", "Twenty-nine", "29")), kind


@pytest.mark.parametrize("sentence, others", [
    ("prior studies found no benefit of wound irrigation.", True),
    ("previous reports described the same rash.", True),
    ("further randomised trials are needed.", True),
    # 'prior to' says when something was done, not who did it
    ("patients were randomly allocated to irrigation prior to skin closure or to saline.", False),
    ("ketamine was given prior to induction in the previous trial.", True),
])
def test_a_sentence_about_others_work(sentence, others):
    assert classify.about_others(sentence, classify.RULES) is others
