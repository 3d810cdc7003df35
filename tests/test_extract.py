"""harvest.extract on tables of cases: small fixture abstracts (obviously invented, never loaded
into a catalogue) and real records from the offline sample."""

import re

import pytest

from harvest import classify, extract, read, scan
from harvest.scan import ascii_text

STUDY = {"design": "rct", "population": "human"}


@pytest.fixture(autouse=True)
def patterns_alone(monkeypatch):
    """These tables are of the patterns: the word weights that may choose another sentence as an unlabelled
    conclusion (harvest/weights.py) are tested in tests/test_weights.py, and their sum on blind labels."""
    monkeypatch.setattr(extract.PATTERNS, "conclusion_weights", None)


def fixture(abstract, title="Fixture title", sections=None, databanks=None, chemicals=(), mesh=()):
    """A parsed-record shape with only what the extractor reads."""
    sections = sections or []
    if sections:
        abstract = "\n\n".join(f"{label}: {text}" for label, text in sections)
        sections = [{"label": label, "category": None, "text": text} for label, text in sections]
    return {"title": title, "abstract": abstract, "abstract_sections": sections, "databanks": databanks or [],
            "chemicals": list(chemicals), "mesh": list(mesh)}


def indexed(ui, name, registry_number, *qualifiers):
    """A substance of the ChemicalList and its MeSH heading, with the heading's qualifiers."""
    return ({"ui": ui, "name": name, "registry_number": registry_number},
            {"descriptor_ui": ui, "descriptor": name, "qualifiers": [{"name": q} for q in qualifiers]})


def extracted(abstract, classification=STUDY, **kwargs):
    return extract.extract(fixture(abstract, **kwargs), classification)


# ---------------------------------------------------------------- participants


@pytest.mark.parametrize("abstract, expected", [
    ("Sixty patients were randomly assigned to ketamine or placebo.", 60),
    ("We randomised 124 adults with CRPS to two arms.", 124),
    ("A total of 1,234 women were enrolled.", 1234),
    ("Twenty-nine subjects with Fuchs dystrophy were enrolled and randomized to drops or placebo.", 29),
    ("We present a retrospective review of twenty-nine patients (n=29) from a pain service.", 29),
    ("We recruited 120 male and female volunteers.", 120),
    ("To compare two regimens, 240 hospital outpatients were randomly assigned to one of them.", 240),  # 'hospital' qualifies
    ("METHODS: The trial allocated 86 patients, with 1:1 randomisation to exercise or usual care.", 86),
    ("We recruited 1,631 middle and high school students to explore bullying.", 1631),
    ("Seventy-five male and female Syrian hamsters were studied.", 75),
    ("We interviewed 19 key stakeholders about the new service.", 19),
    ("METHODS: Data came from a follow-up study of 72 head and neck cancer patients on radiotherapy.", 72),
    ("This randomized controlled trial involves recruitment of 327 older adults with frailty.", 327),
    ("Surveys were completed by 232 participants.", 232),
    ("A total of 750 ASA physical status I and II patients were included in the study.", 750),
    ("Of 200 patients screened, 120 patients were randomized.", 120),
    ("The therapeutic efficacy was tested in 23 psychogeriatric and 18 chronic schizophrenic patients.", 41),
    ("Patients were randomized to: 1) support (n = 233); 2) email (n = 216); or 3) clinic (n = 226).", 675),
    ("We evaluated overall survival in the whole cohort (N = 20 446) and among subtypes.", 20446),
    ("Forty rats were randomly divided into four groups.", 40),
    ("All patients aged 70 years and older with hip fractures were included consecutively (n = 649).", 649),
    # all of them, between the arms
    ("In a controlled clinical trial, 143 men with urethritis received either cefoxitin or penicillin.", 143),
    ("Sixty C57BL/6 mice were divided into three groups.", 60),
    ("Six thousand two hundred ten volunteer parents took part in the survey.", 6210),
    ("These effects were found in a double blind experiment, using 10 subjects.", 10),
    ("There were 228 patients who met the study-specific inclusion criteria and had DNA available.", 228),
    ("The trial was carried out for 7 months on 51 adult diabetics attending the clinic.", 51),
    # ... paraplegics, haemophiliacs and those without the illness, the very old, health care workers by their initials
    ("The uptake ratio was followed in 3 paraplegics with fixture arthropathy.", 3),
    ("Inhibitor fractions from five hemophiliacs and two nonhemophiliacs were studied.", 7),
    ("Circulating T cells were analysed in 597 octogenarians from one birth cohort.", 597),
    ("RESULTS: In total, 535 HCWs completed the survey.", 535),
    ("The authors observed prospectively 28 brain-injured patients who required intubation.", 28),
    # the pool a study drew from, then the study's own
    ("Of the 228,438 women in the overall cohort, 130,008 (59.6%) met the inclusion criteria.", 130008),
    # two groups named in one breath, no total stated
    ("50 veterans with chronic mTBI (mean of 20.7 yrs. from trauma) and 40 age-matched controls "
     "underwent two scans.", 90),
    ("Efficacy was evaluated in 36 patients with vascular disease and in 16 patients with cerebral disorders.", 52),
    ("Fixture drug was given double-blind to 20 patients during 6 months of gold therapy, and to 20 patients not "
     "receiving gold.", 40),  # two groups treated as long, not the same people at two times
    ("A fixture test was given to 110 right brain-damaged patients and to 94 normal controls.", 204),
    ("Fixture markers were studied in a sample of N = 23 patients with schizophrenia and N = 29 controls.", 52),
    # ... the first described by a clause of its own, or by a name with a number in it
    ("Fixture levels were measured in 45 farm workers who were exposed to pesticides and 45 unexposed subjects.", 90),
    ("This study was conducted on 64 nurses who worked in a COVID-19 unit and 64 nurses working elsewhere.", 128),
    ("Fixture tomography was used to study 79 patients with suspected gallbladder disease.", 79),  # a verb, no label
    ("From 2012 to 2015 fixture kyphoplasty was used to treat 165 patients with vertebral fractures.", 165),
    ("The fixture drug was tested in a randomized double blind trial in 50 volunteer travelers to Mexico.", 50),
    ("Thirteen live-in carers from two countries were interviewed about the fixture scheme.", 13),
    ("Two surgical fellows completed 20 fixture procedures each.", 2),
    ("We discuss nine cases of fixture vitreous seen recently, including their mode of presentation.", 9),
    ("Experience with 47 patients with fixture carcinoma operated after irradiation is reported.", 47),
    ("Fixture Donor Nephrectomy: Single-Center Experience of 200 Consecutive Cases.", 200),
    ("A prospective study on 6,125 job applicants for fixture work is presented.", 6125),
    ("In a double-blind crossover trial, 24 patients with fixture rhinitis have been treated with a spray.", 24),
    ("Fixture drug was given in doses of 750 mg and 1000 mg three times daily for 10 days to 99 patients in a "
     "double-blind comparison.", 99),
    ("Six visually normal observers discriminated the direction of fixture dots.", 6),
    # the subject after an opening phrase of time or setting; not one part of several experiments
    ("Between March 1970 and May 1976, 564 patients have undergone fixture valve replacement. Three patients "
     "suffered embolization.", 564),
    ("In a prospective study, 100 consecutive patients (mean age 51.3 years) with angina had fixture drug withdrawn.",
     100),
    ("In one experiment, 36 mice were immunized with each of three fixture strains. Of 108 mice immunized, 103 "
     "survived.", 108),
    ("By January 2021, the fixture registry cohort includes 4156 patients and 7420 treatment regimens.", 4156),
    ("Adolescents (N = 82: 13.7 ± 1.2 y, 63.4% female) received a fixture program.", 82),
    ("In this study 28 younger and older observers discriminated the shapes of fixture objects.", 28),
    ("Eighteen adult asthmatics, nine of whom were females and nine males, were given a fixture capsule.", 18),
    ("Fixture levels were compared. Main results: Sixty-six PICU patients (30 with ARDS and 36 without) met the "
     "criteria.", 66),
    # adjectives 'and' joins are one phrase; a number or a quantifier after 'and' is not
    ("The fixture task was given to 41 advanced and intermediate adult learners of Chinese.", 41),
    ("A case-control study of 91 cases of fixture disease and 546 age- and sex-matched controls.", 637),
    # a share after a count describes its people; a plan's verb is the count's own; the whole named by a sentence's
    # opening, or in the present tense; two groups joined by a comparison
    ("A sample of 1,831 fixture respondents, 64.0% of which were physicians, filled out the survey.", 1831),
    ("In 15 children with fixture renal failure, glomerular filtration rate was determined by two methods.", 15),
    ("The participants in this investigation were 501 community-dwelling individuals aged 40 to 91 years. "
     "Thirty-four (16.4%) of the 207 men and 45 (15.3%) of the 294 women lived alone.", 501),
    ("We include 154 participants (78 healthy subjects, 76 patients with a fixture disease) from two clinics.", 154),
    ("We studied 34 patients fed with a fixture diet in comparison to 68 patients fed with a standard diet.", 102),
    ("During a fixture task, 22 patients with depression were compared with 22 matched healthy controls.", 44),
    ("Fluxes were measured in seven septic patients and compared with those of six fixture patients.", 13),
    ("Eighty-three consecutive patients with AF (61 ± 9.9 years, 67% women) were prospectively enrolled and compared "
     "with 83 matched healthy subjects.", 166),
    # people named by their sport or craft; a word for people hyphened to another qualifies it
    ("Structured questionnaires were used to collect fixture data from 355 woodworkers.", 355),
    ("The fixture study sample included data of 1298 mother-child pairs from six birth cohorts.", 1298),
    # the people opening a sentence on their taking part, or answering a questionnaire; children by their school
    ("METHODS: Participating in this study were 137 patients undergoing fixture dialysis (58.4% men). In 12 "
     "patients the levels were high.", 137),
    ("RESULTS: A fixture questionnaire was answered by 92 patients with dry eye disease. In addition, 50 patients "
     "were examined.", 92),
    ("Based on a sample of 340 preschoolers from 30 classes, we explored fixture behaviour.", 340),
    ("Recordings were made in 33 healthy and 12 hypertensive subjects. Pressure was recorded on 17 normotensive and "
     "all hypertensive subjects.", 45),
    # the people a study reports on are its own; others' reported cases are others'
    ("Correlation with angiography was made in the twenty patients reported on in this study. In twelve patients "
     "flow was reversed.", 20),
    ("Two new cases of fixture ectopia are described, and six cases reported since 1949 are reviewed.", 2),
    ("Fixture hormones were determined in 21 healthy, young subjects before and after venous stasis.", 21),
    ("Nineteen first-episode, unmedicated fixture patients and twenty-two healthy controls were scanned.", 41),
    ("During 14 years, 346 patients with a fixture aneurysm were operated on by direct procedures.", 346),
    ("METHODS: Prospective cross-sectional pilot study: 26 patients (ages 1-4 years) were given a questionnaire.", 26),
    ("Children ages 6-8 years (n = 48, Mage = 7.04) were included in the fixture study.", 48),
    ("Participants were mothers (n = 246) who enrolled their infants.", 246),
    ("Patients with a clinical diagnosis (n = 128) participated in an interview.", 128),
    # the same people twice are not two groups
    ("Between 2018 and 2020, 51 patients were enrolled, and 50 patients were evaluated.", 51),
    ("Between 2007 and 2012, 148 patients who were good clinical responders were randomly assigned to treatment, "
     "three patients were excluded after randomisation, leaving 145 for analysis.", 148),
    # screened, then enrolled or randomised
    ("Between 2018 and 2019, 184 patients were assessed for eligibility and 145 (79%) were enrolled.", 145),
    # those who answered a survey took part
    ("Of 295 fixture providers invited to take the survey, 119 responded (40% response rate).", 119),
    ("In all, 400 fixture nurses were invited and 212 completed the online survey.", 212),
    ("In all, 300 women were screened, of whom 120 were randomised to the two arms.", 120),
    ("Of 235 critically ill patients, 114 (48.5%) met diagnostic criteria for rhabdomyolysis.", 235),
    # the people, not an adjective of them
    ("One hundred fifty adult patients with advanced cancer were randomized.", 150),
    ("Six adult male rhesus monkeys (Macaca mulatta) were anesthetized with ketamine.", 6),
    ("METHODS: SLWH (N = 180) will be recruited and enrolled from 3 medical clinics.", 180),
    ("7,677 youth with DMDD and 6,480 youth with BPD were identified.", 14157),
    # a share after a comma is a share of the count before it, which is the whole
    ("RESULTS: Among the 753 participants, 11% exhibited liver injury.", 753),
    # ... and so is a bare count after a comma: "Of N, M with ..." are some of the N, not the next group of a list
    ("RESULTS: Of 246 randomized patients, 192 with 12-month data were included in this analysis.", 246),
    # a count followed by its people by sex is their whole
    ("Nineteen patients, nine males and ten females had 24 episodes of fixture ketoacidosis.", 19),
    # an abbreviation in brackets among the words before the people
    ("METHODS: Thirty-one TRD patients and twenty-nine healthy control (HC) subjects participated.", 60),
    ("A total of 38 candidates and 33 potential living donors were evaluated from May 2020.", 71),
    ("19 healthy adults (age: 28.4 years) received an overnight infusion of lipid or saline.", 19),
    ("This study tested a secondary endpoint of a randomized, unblinded clinical trial with 212 children with SAM.", 212),
    ("This report describes 150 patients with stage I and II carcinoma of the breast.", 150),
    ("The present research involved 133 participants to test the relationship.", 133),
    ("Patients (n = 200) were randomised to ketamine (n = 100) or placebo (n = 100).", 200),
    ("Among 606 children with measured urinary NAG levels, 144 children with pyuria in SUB specimens were "
     "included in the analyses.", 144),
    # arms counted across the sentences of the methods, a subset of them left out
    ("Rat pups (n = 32) were exposed to hypoxia. An additional group of pups (n = 33) received NAC. Control pups "
     "(n = 33) were nursed. After birth, pups were randomized into NAC-NEC (n = 33) and NAC-NEC-NAC (n = 36).", 167),
    ("Individuals with MCI (n = 196, 60% women) were assigned to receive B vitamins (n = 95) or placebo (n = 101). "
     "Brain atrophy was quantified in a subset of participants (n = 168) by MRI.", 196),
    ("Subjects were randomized to PRESSURE (n = 12), BALANCE (n = 13), or CONTROL (n = 10).", 35),
    # the whole separated into groups, then one named group's people
    ("Sixty-one patients who underwent fixture osteotomies were separated into 2 groups. Group A included 30 "
     "patients with one technique; Group B consisted of 31 patients.", 61),
    # subgroups listed after a colon are the groups, not a subset of them
    ("METHOD: The CT appearance was compared among the following four subgroups: positive outpatients (n = 14); "
     "positive inpatients (n = 7); negative outpatients (n = 9); and negative inpatients (n = 36).", 66),
    # a whole in passing stated before groups that count some of it
    ("METHOD: The chest CT appearance of 66 patients was categorised. Patients were divided into outpatients "
     "(n = 14) and inpatients (n = 36). FINDINGS: Typical findings were frequent.", 66),
    ("Younger children (n = 30; 5- to 7-year-olds), older children (n = 30; 8- to 10-year-olds), and adults (n = 30) "
     "took part in the fixture task.", 90),
    ("A randomized trial of Intensive (IT; n = 153) vs. Standard Treatment (ST; n = 150) for smoking cessation.", 303),
    # the study's people before the part of them analysed or asked again
    ("We retrospectively enrolled 1667 patients from four hospitals, and 371 eligible patients were finally "
     "analyzed.", 1667),
    ("Seventy-seven patients applying for abortion consented to be treated in a random design. The first 30 "
     "patients with complete abortion participated in the acceptability study.", 77),
    # a mark before the count, a label inside the text
    ("We included N = 40 patients with chronic pain.", 40),
    ("Participants: 64 adults with fibromyalgia from two clinics.", 64),
    # words that introduce the people a study took; time counted in people is no count of them
    ("A cross-sectional study was conducted in one hospital from 2016 to 2017 involving 100 children.", 100),
    ("A retrospective cohort study was performed analyzing 416 SSc patients from our database.", 416),
    ("Data from a prospective study in 223 patients followed for 655 patient-years were analyzed.", 223),
    # a singular verb after words about the people is another's; a word for the whole may be its subject
    ("We studied 40 patients. In seven women starting the pill a prolongation of half life was observed.", 40),
    ("A population of 477 individuals with achondroplasia was retrospectively reviewed.", 477),
    ("A total of 333 patients diagnosed with GC, 68 with thrombosis in the case group and the remaining 265 in the "
     "control group, were enrolled.", 333),  # a total before a bare list of its groups
    ("In acute and chronic implants (45 and 20 rats, respectively) stimulation was delivered.", 65),
    # a total before the list of its groups; a finding's share of the whole; one person beside others
    ("A total of 22 autopsy cases, including five DCM cases, nine CHF cases and eight control cases, were "
     "retrieved.", 22),
    ("The test identified the thyroid status in 94% of 123 patients studied.", 123),
    ("Smooth surfaces predominated in 3 cases with CLL and in 1 case with lymphoma.", 4),
    # the people a sentence of the methods opens with, given the study's treatment
    ("Eight GH-deficient subjects received both forms of GH during balance studies. Both caused retention.", 8),
    # pregnancies are no people; a part named after the whole adds no arm to it
    ("Sixty-six patients with chronic hypertension were cared for during a total of 72 pregnancies.", 66),
    ("Data came from a survey of in-school youth (N = 1,723) in 2017. Of these, 297 (17.2%) reported victimisation; "
     "this proportion of the participants (n = 297) was the focus of the current study.", 297),
    # a whole written 'Ntotal =', the people 'in the current investigation'
    ("The study comprised four samples of community and student participants (Ntotal = 1,927).", 1927),
    ("In the current investigation, 72 preschool-aged children (M = 4.01 years; 44 female) reminisced with their "
     "parents.", 72),
    # a count the arms add up to
    ("31 patients received 20 sessions of rTMS (N = 15) or sham treatment (N = 16).", 31),
    # the same people at two times are no two groups
    ("We studied 40 patients at baseline and 35 patients at 12 months.", 40),
    # words that describe the people or the study's own doing, not someone else's work: the count is this study's
    # (and a count in passing later is not the whole)
    ("Forty patients with prior abdominal surgery were randomly allocated to ketamine or placebo.", 40),
    ("Twelve adults who had failed at least one previous opioid were treated with oral ketamine. Pain fell in "
     "eight patients.", 12),
    ("The block has been performed in 45 patients at our centre since 2010.", 45),
    # the last two groups of a list of three are not added up as if they were all: the count before them stands
    ("In 30 cases of knee disease (9 cases of arthritis, 14 arthroses and 7 cases of synovitis) enzymes were "
     "measured.", 30),
    # the people of a finding 'in total', one group's 'total', a response to treatment: none of them the whole
    ("Forty patients were enrolled. In total in 12 patients a second dose was given.", 40),
    ("The study enrolled 120 adults. A total of 60 participants in the exercise group were followed for a year.", 120),
    ("Forty women were treated with the cream. Thirty women responded to treatment.", 40),
    ("2254 students (average age 20.0 years) responded to a questionnaire on neck pain.", 2254),
    # a later, smaller count in stronger words names some of those counted first in passing, unless its words take
    # them into the study from the first count
    ("The combination was evaluated in 14 patients with ovarian cancer. Nine patients had been treated before with "
     "alkylating agents.", 14),
    ("CT scans were obtained on 98 patients before and after radiotherapy. Twenty-two patients were studied after "
     "irradiation.", 98),
    ("Surveillance outcomes were reviewed in 516 men. In the end 304 men fulfilled the inclusion criteria.", 304),
    # a whole, then its groups counted bare, that add up to it
    ("The study included 533 patients, 290 in the paresthesia group and 243 in the artery group.", 533),
    # 'in all', a study conducted among its people, males and females counted as people
    ("RESULTS: In all, 648 patients (216 RAPN/432 MIS-RN) were matched.", 648),
    ("Herein we report on a randomized controlled clinical trial conducted among 43 healthy adult males.", 43),
    ("The study was conducted using a trial design, and it was carried out on 77 patients.", 77),
    # those followed up are some of those included; a count of each sex is the whole only when it is the largest
    ("In this retrospective study, 1206 patients were included. From patients (n=1172) completing follow-up, 199 had "
     "severe disease.", 1206),
    ("Five hundred patients were studied. Of the 7 with a rare variant, there were 2 males and 5 females.", 500),
    ("The questionnaires were completed by 1192 students (586 males and 606 females).", 1192),
    ("Study samples were selected from a cohort comprising 6364 males and 9678 females.", 16042),
    # the people a study set out to evaluate; a response rate is no share of the people counted
    ("The purpose of this study was to evaluate 39 nutritionally-depleted patients treated with radiation.", 39),
    ("RESULTS: Responses were received from 151 students (38.3% responses rate). Most students were anxious.", 151),
    # a survey counted '(N = ...)' is its respondents
    ("The study relied on 2019 data from a representative survey (N = 28,047) in Norway.", 28047),
    # five words may describe the people; 'AS' (a disease) is one of them, where 'as' ends the phrase
    ("METHODS: We identified 8833 non-metastatic upper tract urothelial carcinoma patients treated with surgery.", 8833),
    ("METHODS: A total of 496 consecutive AS patients were admitted and they were retrospectively reviewed.", 496),
    # controls taken in for comparison are not the whole
    ("METHODS: Eighteen patients with the dystrophy underwent strength assessment. Fourteen age- and body mass "
     "index-matched healthy men were included for comparison.", 18),
    ("METHODS: The data of 94 fixture patients were analyzed. Seventeen healthy volunteers were recruited as "
     "controls.", 94),
    # a total with a verb of its own, then 'and 17 with ...', is one group; a total before its groups is the whole
    ("We included 36 patients with the disease. A total of 19 patients were treated with clindamycin plus rifampicin "
     "(C + R) and 17 with clindamycin alone for 12 weeks.", 36),
    ("RESULTS: A total of 298 patients were included in the study, 89 with type 1 diabetes (group 1), 27 with type 2 "
     "diabetes (group 2), 77 with GDM (group 3) and 105 controls (group 4).", 298),
    # a percentage that describes the people counted is no share of something larger
    ("METHODS: UK adults (N = 1181, 49% female, 53% with overweight) completed validated self-report measures.", 1181),
    # the people's qualifier may hold its abbreviations in brackets, but no verb of its own
    ("AIM: Outcomes of children with high-risk (HR) relapsed acute lymphoblastic leukaemia (ALL) (N = 393), recruited "
     "to two fixture trials, were analysed.", 393),
    ("METHODS: Patients with chronic pain (n = 60) entered the fixture trial. Patients with previous spinal surgery "
     "were excluded (n = 14).", 60),
    ("RESULTS: The study sample included 388 children, 51.3% female, with a mean age of 6.5 years.", 388),
    ("The participants were 647 adolescents (68% males, mean age = 16.9 years).", 647),
    # the people whose data were gathered; a database's or a secondary analysis's people
    ("METHODS: Population-based administrative data were linked for 4207 people with ovarian cancer.", 4207),
    ("Data were collected for 265 hip fracture patients over two years.", 265),
    ("RESULTS: By January 2021, the national melanoma database includes 4156 patients and 7420 regimens.", 4156),
    # people referred for what the study does are its people, where no count taken from them follows
    ("From June 1988 to July 2019, 164 patients were referred to our hospital for metastasectomy.", 164),
    ("A total of 5138 patients referred for echocardiography were screened for aneurysm.", 5138),
    # the people the findings are shares of, after a label written inside the text
    ("Methods: A survey was done. Results: Of 101 participants, 39% reported arthritis, 25% skin infection.", 101),
    # words inside the count's phrase that take the people in
    ("RESULTS: Using a combination of five tests, 232 recruited participants were tested for H. pylori.", 232),
    # a sentence that opens by counting people, then lists them
    ("Thrombolysis was studied. There were 940 participants: 607 in one arm only, 243 in the other and 90 in both.", 940),
    # a sentence that opens by naming who took part, or on the study's design; another study's people are not its own
    ("METHODS: Participants were 90 female medical students who were completing their first clerkship.", 90),
    ("METHODS: In a randomized, cross-over design, 16 well-trained athletes (age 27 ± 7 years) underwent three "
     "exercise tests.", 16),
    # some of those counted before, unless they are those randomised
    ("RESULTS: Of the 797 participants, 173 (22%) reported a reduced QoL, of which 19 purposively selected patients "
     "were interviewed.", 797),
    ("From 2017 to 2019, 293 patients were screened, of which 226 patients were randomly assigned to riociguat or "
     "to the other drug.", 226),
    ("We reviewed the charts of 500 visits, of which 120 patients were included in the study.", 120),
    # a plan's pool of people to be screened, with an aside, then those it will recruit
    ("METHODS: A total of 1,000 community dwelling older adults, aged 60 years and above will be screened for "
     "frailty. This randomized controlled trial involves recruitment of 327 older adults with frailty.", 327),
    ("Over 14 years, 31 volunteers participated in sun studies. In an additional study, nine indoor workers had "
     "changed their pattern.", 31),
    # a colon after the people counted lists their groups; a label before them names them
    ("Results: This study included 4964 participants: 2482 children (median age, 6 years; 1265 boys) and 2482 "
     "parents (median age, 40 years; 615 men).", 4964),
    ("METHODS: Prospective cross-sectional survey pilot study: 26 patients were given the questionnaire.", 26),
    # the authors' own doing, in the first person, with any verb of theirs ...
    ("To examine immunity, we challenged and then rechallenged 12 volunteers with the fixture agent.", 12),
    # ... but not those screened before the study took them, nor a further group
    ("RESULTS: We screened 1,249 consecutive fixture patients and enrolled 377 patients.", 377),
    ("We enrolled 120 patients with fixture injuries. In addition, we analyzed 37 patients who were dead on "
     "arrival.", 120),
    # groups counted one at a time, each named in brackets, add up to the study's people ...
    ("Nitrogen balance was studied in two groups. In 10 fixture patients (group A) nutrition was given before "
     "surgery. Five patients (group B) received dextrose.", 15),
    ("Serum levels were studied in 10 healthy controls eating a normal diet (group I), 7 patients on parenteral "
     "nutrition (group II), and 9 patients with pancreatitis (group III).", 26),
    # ... unless they are parts of a whole counted before them (and 'Eight-three' is a slip, not a number)
    ("A retrospective analysis was performed on 145 fixture patients. Sixty-two patients (Group I) received a mantle "
     "field. Eight-three patients (Group II) received total nodal irradiation.", 145),
    # people named by their trade, kin or habit
    ("Blood lead levels were measured before and after the course for 42 fixture cadets and five instructors.", 47),
    ("Ninety six fixture farmers completed the questionnaire.", 96),
    ("The study sample comprised 247 fixture smokers and 418 nonsmokers.", 665),
    # ... the plural only where the singular is mostly an adjective
    ("The Ss were 32 male and 32 female college undergraduate volunteers in a fixture experiment.", 64),
    # the people who met the criteria, after a count of those screened, in words of one strength
    ("Case records from fixture patients (n = 300) were retrospectively reviewed. One hundred and forty-three "
     "(n = 143) patients fulfilled eligibility criteria and were included in the analysis.", 143),
    # their ages between the people and the verb, 'ages' as well as 'aged'
    ("The fixture study's cohort, 134 female dancers ages 12 to 35, were randomly assigned to one of three groups.",
     134),
    # a share in brackets of the count's own people describes them; it makes them no part
    ("METHOD: We used a sample of 802 adolescents (35% girls; Mage = 15.4 years) who reported fixture use.", 802),
    ("RESULTS: Data were gathered from 59 patients (55.9% women; median age, 71 years).", 59),
])
def test_participants_stated(abstract, expected):
    found = extracted(abstract).sample_size
    assert found is not None and found.value == expected, found
    assert found.quote.text in abstract


@pytest.mark.parametrize("abstract, expected", [
    ("The fixture study was conducted in summer and winter on 50 sows from 30 days before farrowing.", 50),
    ("As a proxy for body size, we measured the carapace length of 368 adult scorpions belonging to 11 species.", 368),
    ("A total of 240 tilapia were distributed into four fixture diet groups.", 240),
])
def test_animals_stated(abstract, expected):
    found = extracted(abstract, {"design": "observational", "population": "animal"}).sample_size
    assert found is not None and found.value == expected, found


def test_a_number_in_words_after_a_year_is_not_two_groups():
    # 'and' inside "one hundred and eighty eight" joins no groups: not 1975 + 88
    found = extracted("Since 1963 to 1975 one hundred and eighty eight patients were subjected to fixture surgery. "
                      "Radical operations were performed in 159 patients.").sample_size
    assert found is None or found.value == 188, found


def test_things_named_beside_people_are_not_added_to_them():
    found = extracted("Eleven glycogen phantoms and 12 healthy volunteers (mean age: 31 years) were scanned at "
                      "3 T.").sample_size
    assert found is None or found.value == 12, found


@pytest.mark.parametrize("design, expected", [("case-series", 42), ("observational", None)])
def test_a_case_title_counts_the_cases(design, expected):
    # the abstract draws the cases from a larger pool; a case series' title says how many it describes
    found = extracted("Forty-two episodes of fixture salmonellosis were found retrospectively among 2,262 patients "
                      "treated for malignant diseases.", {"design": design, "population": "human"},
                      title="Fixture salmonellosis in children with cancer: review of 42 cases.").sample_size
    assert (found.value if found else None) == expected, found


def test_criteria_met_before_a_larger_count_decide_nothing():
    # the larger count comes after: no sign that it counts the people screened for the smaller
    found = extracted("One hundred fixture patients (n = 100) met the inclusion criteria. Records of patients "
                      "(n = 300) were then reviewed.").sample_size
    assert found is None, found


@pytest.mark.parametrize("abstract, expected", [
    ("Two fixture siblings with Cockayne syndrome (CS) are described and the literature on the subject is briefly "
     "reviewed.", 2),
    ("Three fixture cases of intrathoracic neoplasms are reported and earlier reports in the literature reviewed.", 3),
])
def test_people_described_beside_a_review_of_the_literature(abstract, expected):
    # the sentence speaks of others' work, yet it opens by counting the people this record describes
    found = extracted(abstract, {"design": "case-report", "population": "human"}).sample_size
    assert found is not None and found.value == expected, found


def test_those_who_met_the_criteria_are_no_further_arm():
    # the people who met the criteria were taken from those counted first: 300 + 143 is nobody's count
    found = extracted("Case records from fixture patients (n = 300) submitted to surgery were retrospectively "
                      "reviewed. Visceral fat was measured on scans. One hundred and forty-three (n = 143) patients "
                      "fulfilled eligibility criteria and were included in the analysis.").sample_size
    assert found is None or found.value in (143, 300), found


def test_those_seen_at_follow_up_are_some_of_the_people_studied():
    found = extracted(None, sections=[
        ("METHODS", "Consecutive patients referred for anaemia were included in this diagnostic study."),
        ("RESULTS", "Patients (N=556) were studied at baseline. Patients (n=240) were seen at follow-up, with 57 "
                    "treated.")]).sample_size
    assert found is not None and found.value == 556, found


@pytest.mark.parametrize("abstract", [
    "Ketamine is an NMDA antagonist used for decades.",  # no count
    "Pain fell in 45% of patients.",  # a percentage is not a count
    "In cohort A, 120 patients were enrolled. In cohort B, 95 patients were enrolled.",  # two cohorts, no total
    "Patients were aged 18 to 65 years and weighed 50 to 90 kg.",
    # a share of something larger, a finding counted in people, a denominator
    "Among 3192 operations a benign icterus was found in 318 patients (9.9%).",
    "Of the 34 (0.016%) cases of endophthalmitis, cefuroxime was injected into 13 eyes.",
    "Cefoxitin therapy of 11 severe infections resulted in clinical cure in seven patients.",
    "The infection caused an estimated 400 cases annually in a population of 10,000 people.",
    "The East Asian population comprised 212 (31.7%) of the 493 ITT patients in the trial.",
    "The majority of the participants (n = 382, 78%) reported no concerns.",
    # one person in passing, a name that holds a number, counts of things, earlier work
    "Only 43.1% received all their care from one physician.",
    "Cohort 2 included adults with a performance status of 2 or less.",
    "There were 579 encounters for patients <18 years of age and 476 unique patients.",
    "Eyes with glaucoma (n = 523) and healthy eyes (n = 107) were included as cases and controls.",
    "A case in the tongue of an 11-yr-old male is presented. Fifteen previously reported cases were reviewed.",
    # a finding in part of the people, a screened pool with no count after it, the last of a list of groups
    "Of 235 critically ill patients, 114 (48.5%) met diagnostic criteria for rhabdomyolysis in 12 patients.",
    "Between 2018 and 2019, 184 patients were assessed for eligibility.",
    "Thirty 30 RN, 25 OT, and 30 PT students (x = 23.27 yrs.) were studied.",
    # the same people twice, groups of things, several studies, counts in passing that differ
    "We acquired an EEG on participants before (n = 47) and after (n = 43) a randomized trial of iTBS.",
    "The training was delivered to SPs (n = 20), followed by focus groups (n = 6) with leaders (n = 4).",
    "Two studies were conducted. Study 1 (N = 81) induced detachment. In Study 2 with clinical participants "
    "(N = 28), shame was predicted by detachment.",
    "In 11 cases both twins were of normal weight. In 7 cases one twin and in 12 cases both twins were small.",
    "In this randomized study, 70 eyes of 35 subjects were implanted with one lens and 60 eyes of 30 "
    "age-matched subjects with the other, with a 2 mm and 4 mm pupil.",
    # words that count other things: sessions, observations, a case among studies
    "The intervention will consist of nine 60-min, cognitive behavioral therapy-based, individual sessions.",
    "Finally, 81 practical observations, in-depth interviews with managers were conducted.",
    "When the pouch was extended to larger breaks, it failed in six of seven patients.",
    # a list of groups, one of them counted alone
    "We analysed the echocardiograms of ten healthy subjects, sixty patients with conduction disorders, and ten "
    "who were treated by a pacemaker.",
    "A total of 137 of 185 patients treated with VEPTR were identified.",
    # a part of the population, a later trial of some of them
    "A sub-population (n = 44) was compared with 44 sex- and age-matched Caucasian subjects.",
    "A subsequent eight-week open trial in 20 patients was compared to their period of receiving placebo.",
    # people left out, the first of a list, cases others published
    "Fifty-four episodes were retrieved. Five patients who died in the first 48 hours were not included.",
    "The study enrolled 104 WBS children, 91 cases with other genetic syndromes, and 145 healthy children.",
    "Two cases published by Delboeuf and Janet in 1888 were treated by an unusual method.",
    # a list of groups whose later items name no people, a count another is a share of
    "The response in samples from 50 patients with adenoma, 45 with cancer were elucidated by PCR.",
    "Twenty of 65 patients with lymphoma were identified by staging laparotomy as being in early stages.",
    # an arm named by its group's number, animals beside people, groups beside people counted apart
    "Twelve patients included in Group 1 received one implant, and another twelve patients in Group 2 another.",
    # a count of each of several groups, of things an animal's name qualifies, or of people at two sites
    "Fifty rats of each sex were used at each dietary level.",
    "The differences among the three zebrafish enzymes and human NEU2 lie in the loops.",
    "PARTICIPANTS: We will randomize 376 critically-ill patients in the US and 400 in France to usual care or not.",
    "In vivo studies in six rabbits and seven patients indicate disparity of the two agents.",
    # one arm given its treatment beside another, however strong its verb
    "34 patients were treated with DPA as a single drug, 45 were treated in combination with other drugs.",
    # a group named before a count, a share written before its people, a count of samples
    "In one group, 48 patients had surgery. In the other group, 350 healthy subjects were studied.",
    "Data at both ages were available for 67% of survivors (n = 802).",
    "Thirty couples of serum and thirty-five individual sera were tested for IgM.",
    # a size planned; arms given their treatments, counted in part
    "A sample size of 120 patients was calculated to detect a difference in pain.",
    "Sixty patients were calculated to be needed. Pain fell.",
    "Thirty patients received ketamine, 30 received lidocaine and the rest received placebo.",
    # one arm beside another
    "Thirty mothers undergoing elective Caesarean section received thiopentone and 30 received etomidate.",
    # one group beside others counted by their arms
    "The study was conducted with a group of 30 children with RD and two comparison groups: skilled readers "
    "(n = 22) and children with mild problems (n = 30).",
    # someone else's people
    "Previous studies have reported relief in 300 patients. We describe our method.",
    # the last two groups of a longer list
    "Interviews were held with two ward managers, nine nurses and eleven mothers.",
    "Fixture release was studied in six healthy subjects, three hypothyroid patients and three acromegalic patients.",
    # the first of two groups, the second counted bare; the first of a list of groups
    "The metabolism was studied in three patients with carcinoma of the liver and two with biliary cirrhosis.",
    "Normal controls were set. 20 rats, 20 in the statin group and 20 in the nanocarrier group.",
    "Sera of two patients with melanoma, one with sarcoma, and one with carcinoma were tested.",
    # arms counted again in parts do not add up; millions of people are a population, not a count of them
    "Patients were randomized to ketamine (n = 40) or placebo (n = 38). Patients assigned to ketamine were divided "
    "into responders (n = 19) and non-responders (n = 21).",
    "Satellite images of 90 cities covering 179,168 km2 and 230 million people were measured.",
    # a ratio, however its people are introduced
    "Women who died of breast cancer were selected as cases. Two controls were selected per case and matched by age.",
    "Hens were randomly divided into 4 groups with 6 replicates and 15 hens per replicate.",
    # one group's people, however they were taken in
    "After exclusion, 16 patients were enrolled into the surgery group and 11 patients into the other group.",
    "A median of 4 (range 1-7) surgeons were identified per centre.",
    # a year is no count
    "In 2019 among people aged 60 years, many had diabetes.",
    # people of a simulated or a potential trial, people withdrawn
    "Fibrosis in placebo arms was modelled. Each simulated trial included 120 participants.",
    "The predicted benefit is potentially testable in trials recruiting 359 patients enriched for heart dose.",
    "Four patients receiving placebo, however, had to be withdrawn because of worsening of the condition.",
    # a rate is no count
    "Undisclosed treatment was present in approximately one in three individuals presenting for care.",
    "Breast cancer is predicted to affect 1 in 9 women in a lifetime.",
    # two groups with others counted between them
    "Calcitonin was measured in eighteen cases of the disease (all but one occult), three 'borderline cases', seven "
    "relatives of patients and thirty-five healthy controls.",
    # the first of a list of groups, each qualified by what it received
    "RESULTS: 14 patients receiving a low dose (< 10 mg/day), 11 patients receiving a middle dose (10 to 20 mg/day) "
    "and 9 patients receiving a high dose were collected.",
    "Imaging was performed in 120 untreated fixture patients, 95 patients with benign disease (BD), and 12 healthy women.",
    # ... or by a dash before what they had
    "Materials and methods: We observed 40 patients with fixture hypertension (I group), 35 - with fixture gout (II "
    "group) and 30 healthy persons.",
    # groups named in brackets beside a count whose group is not named
    "Levels were measured in 10 controls (group I), 7 patients on dialysis and 9 patients with pancreatitis (group "
    "III).",
    # 'as' ends a phrase: angles are no people
    "Photographs were taken from two different angles as people walked past the camera.",
    # the people of each of several groups
    "A retrospective analysis of three cohorts was undertaken. Each cohort consisted of 50 consecutive patients.",
    "RESULTS: Each of the matched groups included 11,947 participants.",
    # ... not one that counts a finding
    "Surgery was done. There were 58 cases of recurrence among the operated.",
    # families are households: their members are counted apart, if at all
    "Two families with Dyggve-Melchior-Clausen syndrome are reported.",
    "Fixture markers were typed in 47 families with the disease.",
    # people a model simulated or made up are nobody the study took
    "RESULTS: A total of 100,000 patients were simulated. Fixture therapy was preferred.",
    "We created a library of 300 synthetic cases of varying clinical complexity.",
])
def test_participants_not_stated_or_ambiguous(abstract):
    assert extracted(abstract).sample_size is None


@pytest.mark.parametrize("text", [
    "Eggs were taken from the 35 wk old hens and from the 12 month old infants.",  # ages
    "ECMO for Critically Ill Coronavirus Disease 2019 Patients in Wuhan.",  # a disease named by its year
    "Incidence of spinal sarcoma was 0.019 per 100,000 persons in 2017.",  # a rate
])
def test_a_number_of_weeks_a_diseases_year_or_a_rate_counts_nobody(text):
    assert [m.group() for m in extract.PATTERNS.phrase.finditer(text)] == []


def test_a_year_before_a_count_is_no_part_of_it():
    assert [m.group() for m in extract.PATTERNS.phrase.finditer("Twins born in 1972 produced 35 live infants.")] == \
        ["35 live infants"]


@pytest.mark.parametrize("abstract, expected", [
    # the one count of people the abstract states, though no words introduce it, is the study's
    ("Focus groups with 58 fixture staff members were conducted online. Themes were coded twice.", 58),
    ("An online fixture questionnaire was filled by 1068 medical students. Hesitancy was common.", 1068),
    ("A large number of fixture variables were examined for 43 normal subjects. Reliability was high.", 43),
    # ... unless it is a rate, one of several, a finding, the background, a plan or the last of a list
    ("Fixture disease kills 10.3 people per 100,000 people. We modelled its course.", None),
    ("This fixture model requires one preceptor for every two students. It was liked.", None),
    ("The five members of the fixture family were myopic.", None),
    ("Fixture levels were compared in 94 transgender versus 94 cisgender individuals.", None),
    ("Fixture pain, fatigue and fractures were noted in 3, 13, and 12 patients respectively.", None),
    ("RESULTS: These 15 participants found the fixture test easy.", None),
    ("Background: Fixture care may save over 823,000 children a year. We describe a plan.", None),
    ("We will enrol the fixture clinic's 200 patients in a year.", None),
    ("Fixture scores were lower in 14 patients than expected. In 30 patients they were not.", None),
    # where no count of people is written in words, the abstract's one 'n =' ...
    ("A national fixture web panel survey was run among adults in Norway (n = 4160). Trust was high.", 4160),
    ("Fixture births were identified from a registry between 2004 and 2015 (N = 21,644).", 21644),
    # ... unless of a group or of some of those counted, in the results, or one of two
    ("The second fixture part used in-depth interviews with half of them (N = 25).", None),
    ("Fixture peaks in the group with hyperammonemia (n = 10) were higher.", None),
    ("Fixture adults were asked (n = 382, 78%) about it.", None),
    # ... or one of two counts, though the other is others' people
    ("Earlier fixture work has been reported in 300 patients. Focus groups with 58 staff members were held.", None),
    # ... or in a sentence that adds to what the study did
    ("Fixture cells were grown. In addition, fixture expression was assessed in a data set (n = 1980).", None),
    ("Fixture cells were grown. Additionally, fixture marks were read for 43 normal subjects.", None),
    ("Fixture data were modelled (N = 120) and validated (N = 80).", None),
])
def test_the_one_count_no_words_introduce(abstract, expected):
    found = extracted(abstract, {"design": "observational", "population": "human"}).sample_size
    assert (found and found.value) == expected, found


def test_a_background_sentence_that_names_our_study_counts_its_people():
    sections = [("BACKGROUND", "Fixture households change over time. Our study used two rounds of a fixture survey to "
                               "understand headship among 10,527 older adults."),
                ("METHOD", "Logistic regression models were estimated."), ("RESULTS", "Headship loss was common.")]
    found = extracted("", {"design": "observational", "population": "human"}, sections=sections).sample_size
    assert found is not None and found.value == 10527, found
    sections[0] = ("BACKGROUND", "Fixture households change over time. A fixture survey studied headship among "
                                 "10,527 older adults.")
    assert extracted("", {"design": "observational", "population": "human"}, sections=sections).sample_size is None


def test_a_sole_n_equals_in_the_results_is_a_finding():
    sections = [("METHODS", "Fixture records were read."), ("RESULTS", "Fixture data were complete (n = 62).")]
    assert extracted("", {"design": "observational", "population": "human"}, sections=sections).sample_size is None
    sections[1] = ("PARTICIPANTS", sections[1][1])
    assert extracted("", {"design": "observational", "population": "human"}, sections=sections).sample_size.value == 62


def test_a_sole_count_is_no_one_s_where_the_record_studies_no_one():
    # ('94 pairs of loci were detected': a record the classifier finds no people or animals in counts other things)
    abstract = "Fixture tasks were posted to 94 volunteers."
    assert extracted(abstract, {"design": "observational", "population": "unknown"}).sample_size is None
    assert extracted(abstract, {"design": "observational", "population": "human"}).sample_size.value == 94
    # nor where the record is read as no study of its own: a method's or a resource's counts are its materials
    assert extracted(abstract, {"design": "other", "population": "human"}).sample_size is None


def test_people_given_the_treatment_in_the_methods_not_in_the_results():
    methods = fixture(None, sections=[("METHODS", "Twelve patients received ketamine."), ("RESULTS", "Pain fell.")])
    results = fixture(None, sections=[("METHODS", "Ketamine was given."), ("RESULTS", "Twelve patients received a "
                                                                                      "transfusion.")])
    assert extract.extract(methods, STUDY).sample_size.value == 12
    assert extract.extract(results, STUDY).sample_size is None  # a finding counted in some of them


def test_two_counts_of_the_strongest_words_give_way_to_the_methods():
    record = fixture(None, sections=[("METHODS", "The study included 62 women with pain."),
                                     ("RESULTS", "The study included 61 women. Pain fell.")])
    assert extract.extract(record, STUDY).sample_size.value == 62
    record = fixture("The study included 62 women with pain. The study included 61 women. Pain fell.")
    assert extract.extract(record, STUDY).sample_size is None  # no methods to tell them apart


def test_a_background_that_says_what_the_record_presents_counts_its_people():
    # ... before a share of a larger pool in the results
    sections = [("BACKGROUND", "Hemobezoar is a rare cause of obstruction. We present a case series of 6 cases of "
                               "fixture obstruction."),
                ("METHODS", "A retrospective analysis of a prospective database has been performed."),
                ("RESULTS", "Six of 843 fixture patients developed a hemobezoar (0.71%).")]
    found = extracted("", {"design": "case-series", "population": "human"}, sections=sections).sample_size
    assert found is not None and found.value == 6, found


def test_the_section_of_participants_states_the_study_s_count():
    record = fixture(None, sections=[("DESIGN", "Parallel randomized controlled trial."),
                                     ("PARTICIPANTS", "Participants (n = 7516) were adults who drink alcohol."),
                                     ("INTERVENTIONS", "A total of 500 participants saw a health warning.")])
    assert extract.extract(record, STUDY).sample_size.value == 7516
    record = fixture(None, sections=[("DESIGN", "Parallel randomized controlled trial."),
                                     ("METHODS", "Participants (n = 7516) were adults who drink alcohol."),
                                     ("INTERVENTIONS", "A total of 500 participants saw a health warning.")])
    assert extract.extract(record, STUDY).sample_size.value == 500  # no section only of whom it took: 'a total' decides


def test_a_count_opening_the_section_of_participants_is_the_study_s_not_the_setting_s():
    record = fixture(None, sections=[("SETTING", "Fixture homecare (10 teams comprising a total of 313 staff members)."),
                                     ("PARTICIPANTS", "264 clients (aged 65 years or more)."),
                                     ("RESULTS", "In 120 clients sedentary time fell.")])
    assert extract.extract(record, STUDY).sample_size.value == 264
    record = fixture(None, sections=[("SETTING", "Fixture homecare (10 teams comprising a total of 313 staff members)."),
                                     ("RESULTS", "264 clients were less sedentary.")])
    assert extract.extract(record, STUDY).sample_size.value == 313  # a results section opening with a count says nothing


@pytest.mark.parametrize("text", ["In three separate experiments, animals fed a fixture diet grew tumours.",
                                  "At 28 degrees C, subjects sat quietly in the fixture chamber."])
def test_a_comma_joins_adjectives_only(text):
    assert [m.group() for m in extract.PATTERNS.phrase.finditer(text)] == []


def test_the_people_of_an_earlier_study_are_not_this_one_s():
    got = extracted("Fixture residents were evaluated before admission. A previous mortality study on 145 aged subjects "
                    "at the same institution provided a frame of reference.", {"design": "observational", "population": "human"})
    assert got.sample_size is None


@pytest.mark.parametrize("abstract, expected", [
    ("A sample size of 120 patients will be recruited.", 120),
    ("We will recruit 506 young adults (aged 18-30 years) via an open recruitment strategy.", 506),
    ("We will enroll and randomize 900 patients to either fixture care or usual care.", 900),
])
def test_a_protocol_counts_the_people_it_plans(abstract, expected):
    found = extracted(abstract, {"design": "protocol", "population": "human"})
    assert found.sample_size.value == expected


def test_one_arm_allocated_is_not_the_whole():
    found = extracted("Initially, 63 patients were allocated in the cancer group, while the other 40 healthy "
                      "volunteers were recruited as the control group. Expression was lower in cancer.")
    assert found.sample_size is None or found.sample_size.value == 103


def test_a_review_reads_its_results_even_where_they_read_like_others_work():
    record = fixture(None, sections=[("METHODS", "We searched fixture databases."),
                                     ("RESULTS", "A total of 19 studies were included (covering a total of 3151 "
                                                 "participants, 534 of whom subsequently underwent further challenge).")])
    got = extract.extract(record, {"design": "meta-analysis", "population": "human"})
    assert (got.studies_included.value, got.sample_size.value) == (19, 3151)


def test_a_review_counts_studies_and_their_participants():
    got = extracted("Twenty-nine trials (involving 3839 women) were included. Three trials, 476 women, "
                    "compared heparin with placebo.", {"design": "meta-analysis", "population": "human"})
    assert got.studies_included.value == 29 and got.sample_size.value == 3839
    assert got.randomised is None and got.blinding is None  # signals describe a study's own participants


@pytest.mark.parametrize("abstract, expected", [
    # one analysis's people after the whole: the whole
    ("A total of 6030 babies received hypothermia. A total of 3236 babies were included in the matched "
     "enteral feeding analysis.", 6030),
    ("A total of 120 patients were included in the final analysis.", 120),
])
def test_participants_of_one_analysis_give_way_to_the_whole(abstract, expected):
    assert extracted(abstract, {"design": "observational", "population": "human"}).sample_size.value == expected


def test_people_randomised_in_one_arm_are_no_whole():
    abstract = ("In this trial, 100 fixture patients were included in the analysis. Patients were randomly assigned to "
                "either TPF (N = 49) or TPC (N = 51). Two patients randomised in the TPC arm died during treatment.")
    assert extracted(abstract, {"design": "rct", "population": "human"}).sample_size.value == 100


@pytest.mark.parametrize("abstract, expected", [
    # where nothing else counts the study's people, the one count its findings are shares of is its whole
    ("Out of 84 fixture patients who had the operation, recurrences developed in 12%.", 84),
    ("RESULTS: The dose was tolerated by 21 of 38 patients, five during escalation and 16 during expansion.", 38),
    ("Remission was achieved in twenty-two of forty patients (55 per cent).", 40),
    ("Of 96 infants, 80% survived to discharge.", 96),
    # two shares: of two groups, or one whole with a share of it; which is the whole is not said
    ("Pain fell in 9 of 12 patients given the drug and in none out of the 12 patients given placebo.", None),
    ("Response was seen in 7 of 20 fixture women and in 3 of 15 fixture men.", None),
    # a share of something larger stated in other words ('of 30 lesions'), or beside another group's
    ("Twenty-eight of 30 lesions healed; the method failed in four of six patients.", None),
    ("Antibodies were absent in treated patients, while two of 44 untreated patients had them.", None),
    # a pool the study took its people from: they are the share, not the pool
    ("RESULTS: Out of 950 patients screened, 700 patients qualified; 40 of them died.", None),
    ("Thirty of 52 eligible patients completed the survey.", None),
])
def test_the_whole_findings_are_shares_of(abstract, expected):
    found = extracted(abstract).sample_size
    assert (found and found.value) == expected, found


@pytest.mark.parametrize("abstract, expected", [
    ("Finally, we included 29 studies (182,135 subjects) in the general population and 14 studies (8087 subjects) "
     "in the physically active individuals.", 190222),  # the review's two parts
    ("Searching identified 3477 records, with 110 studies included, comprising 53 796 patients.", 53796),
    ("Of the 42 RCTs, we obtained data from 21 (n=4223). SMT gave similar outcomes on pain (MD -3.0, 95%CI: -6.9 "
     "to 0.9, 10 trials, 1922 participants).", None),  # an outcome's people are not the review's
    ("The search identified 529 articles, of these nine studies met the eligibility criteria (n = 5 randomized "
     "controlled trials; n = 4 quasi-experimental studies).", None),  # counts of studies
    ("Forty-three articles met our inclusion criteria. We identified 3 children with retinal haemorrhages.", None),
    ("RESULTS: 3,073 patients from 6 RCTs met the inclusion criteria.", 3073),
    ("Fixture abnormalities refine outcome prediction: a meta-analysis of 2,596 trial patients.", 2596),
    ("A total of 21 studies were included in the pooled analysis (n = 635 patients).", 635),
    ("RESULTS: 15 reports studying 8954 men with fixture cancer were found.", 8954),
    ("Eighteen studies were included: randomised control trials (n = 4), non-controlled trials (n = 3) and "
     "cross-sectional studies (n = 3).", None),  # counts of studies
    ("A total of 21 studies (10 case-control studies and 11 cohort studies) were included.", None),
    ("Trials among risky drinkers were included in the review (n = 3481, mean age 29 years). Primary analyses, "
     "including seven trials (n = 2528) for HED and five trials (n = 2236) for WAC, found effects.", 3481),
    ("Nine studies (one randomized controlled trial and eight observational studies) consisting of 3649 patients "
     "(2050 patients with skeletonized grafting and 1599 patients with pedicled grafting) were included.", 3649),
    ("We included 54 RCTs consisting of 49 treatments and 3149 patients.", None),  # not the 49
    ("Subgroup analysis for studies with (group A, 6 studies, n=1113 cases) and without (group B, 39 studies "
     "n=16,741) primary focus was performed.", None),  # two parts, no whole
    ("RESULTS: Analysis of 956 patients from seven observational studies showed a shorter operative time.", 956),
    ("RESULTS: 23 manuscripts were included (4776 patients, 66% males).", 4776),
    ("Eight studies were included (total n = 640).", 640),
    ("13 studies with 16,648 patients were analyzed to assess drains after one surgery, and 4 studies with 6,990 "
     "patients were analyzed to assess drains after another.", None),  # two analyses' parts need not add up
    # a pooled analysis's people, before the arms it compares
    ("RESULTS: A total of 812 patients were included in the analysis. Sixty patients were treated with one device "
     "and 752 with the other.", 812),
    ("A systematic search identified 37 reports, including data from 1794 patients.", 1794),
    ("Data on 4,453 patients were pooled from two randomized trials.", 4453),
    ("Twelve trials were included. The largest trial enrolled 5,000 patients.", None),  # one study's people
    # a review of case-control studies: cases and controls are its people
    ("Then 26 studies with 5,776 cases and 8,025 controls were included.", 13801),
    ("Seven studies involving 460 patients with hypothyroidism and 2,143 healthy controls were included.", 2603),
    ("Seven studies involving 460 patients with hypothyroidism and 12 with goitre were included.", 460),
    # studies named without a count of them: the 'n =' counts the studies
    ("RESULTS: Of the included studies (n = 32), athletes had greater creatine kinase.", None),
    ("These trials (n = 9) reported pain.", None),
    ("Six eligible RCTs (n = 2858) were pooled.", 2858),
    # the studies kept, then who they recruited; a list of designs in brackets before the people
    ("RESULTS: Overall, eight studies were included that recruited 476 patients.", 476),
    ("RESULTS: Data from five studies, which reported on 5,299 patients, were analysed.", 5299),
    ("RESULTS: Out of 200 articles screened, 19 studies (six retrospective cohort studies, seven randomised "
     "controlled trials, five non-randomised trials, one case series) with 8754 unique patients were included.", 8754),
    # the people randomised in the trials a review pooled are its whole; those of one of its trials are not
    ("RESULTS: Sixty-eight trials were included, giving 92 comparisons with 22,975 patients randomized to 8 "
     "regimens.", 22975),
    ("RESULTS: Twelve trials were included. The largest trial had 5,000 patients randomized to aspirin.", None),
    # reviews counted by an overview are not its people
    ("RESULTS: A total of 1,132 reviews were included. Cochrane reviews (n=84; 7.4%) less often restricted language.",
     None),
])
def test_review_participants(abstract, expected):
    found = extracted(abstract, {"design": "meta-analysis", "population": "human"}).sample_size
    assert (found.value if found else None) == expected, found


@pytest.mark.parametrize("abstract, expected", [
    ("Twenty-nine trials (involving 3839 women) were included.", 29),
    # the studies kept from those screened
    ("RESULTS: Of the 1079 studies screened, 5 met the inclusion criteria.", 5),
    ("From 217 screened studies, 42 were eligible for this review.", 42),
    ("RESULTS: Of the 1,473 studies found, ten RCTs were included.", 10),
    ("The search yielded 1742 studies; 1654 studies were excluded on title and 25 studies were included.", 25),
    ("A total number of 5397 primary studies were found, of which 13 were elected for data synthesis.", 13),
    ("The authors found 858 total studies, 16 studies met the inclusion criteria and were included.", 16),
    ("Two researchers identified 14 studies which met criteria.", 14),
    ("The search yielded 49 citations; after review, six studies were assessed and qualified to be included.", 6),
    ("We identified a total of 4,457 publications and screened 2626. A total of 13 qualitative studies were "
     "retained for the final analysis.", 13),
    ("A total of 612 articles were retrieved. A total of 21 studies were included.", 21),
    # counts of people are not counts of studies
    ("Seven randomized controlled trials with a total of 1,773 patients and 3 observational studies with a total "
     "of 12,528 patients were included.", 7),
    ("RESULTS: 3,073 patients from 6 RCTs met the inclusion criteria.", 6),
    ("Searching identified 3477 records, with 110 studies included, comprising 53 796 patients.", 110),
    # other words for the studies kept; what a search found is not kept
    ("A systematic search identified 37 reports, including data from 1794 patients.", 37),
    ("RESULTS: In total, 2,306 articles were found. Applying the criteria gave a final data set of 47 peer-reviewed "
     "articles.", 47),
    ("RESULTS: In total, 20 studies from the screened articles were appropriate for inclusion.", 20),
    ("RESULTS: Of the included studies (n = 32), athletes had greater creatine kinase.", 32),
    ("Twelve included studies (n = 1,234) were analysed.", 12),  # the n counts their people
    ("Included studies (n = 9) were small.", 9),
    ("Twenty-two of the 23 evaluated studies documented meaningful changes.", 23),
    ("RESULTS: 15 reports studying 8954 men with fixture cancer were found.", 15),
    ("Twenty-one studies with a combined population of 37359 patients were pooled.", 21),
    ("RESULTS: Fourteen RCTs, representing a total of 1124 patients, were studied.", 14),
    ("RESULTS: Of the 2583 participants enrolled in 24 studies, 1613 patients had the syndrome.", 24),
    ("RESULTS: The search yielded 5719 nonduplicate articles; 134 were included in the quantitative analysis.", 134),
    ("We screened 1424 articles and selected 46 for this review.", 46),
    # a decimal inside the words before the verb; reviews of reviews; a review done on its studies
    ("Fourteen randomized controlled trials (679 patients) of good quality (6.43 ± 1.09) were included.", 14),
    ("RESULTS: Seven systematic reviews were included and reported on depressive symptoms.", 7),
    ("To compare the options, a meta-analysis was performed based on 68 studies in which losses were measured.", 68),
    ("Method: A rapid evidence assessment (REA) was conducted on 41 studies published in the past two decades.", 41),
    ("RESULTS: 31 full text papers were identified for inclusion; most were from Africa.", 31),
    # the part a verb of selection keeps; asides between the count and its verb
    ("RESULTS: Twenty-eight of 1327 screened articles were eligible for inclusion.", 28),
    ("RESULTS: Thirty-four studies (19 qualitative, 1 mixed-methods and 14 quantitative) were included.", 34),
    ("RESULTS: A total of 3 randomised controlled trials (n=167 participants) were included and analysed.", 3),
    ("A total of 705 articles were found, and 9 articles were quantitatively analyzed.", 9),
    ("Thirty-seven studies of low risk of bias, reporting on 1,677,858 pregnancies, were included.", 37),
    ("About 662 papers were reviewed of which 218 were assessed. These seven studies included 314 women.", 7),
    ("66 studies had their data extracted. Only six extracted studies included measures of attention.", 66),
    # where no count is said to be included, the first the review says it identified
    ("RESULTS: Nine studies were identified, including six cohort studies and three case series. Two articles "
     "included cost data.", 9),
    ("METHODS: We conducted a systematic review and identified 40 studies reporting relapse rates.", 40),
    ("RESULTS: Our database searches yielded 19 publications.", 19),
    ("RESULTS: Fifteen clinical tests of joint mobility were identified from 28 studies.", 28),
    ("RESULTS AND DISCUSSION: Results from 32 studies show that children have more problems at school.", 32),
    ("RESULTS: Nine studies, seven cohort and two case-control, were retained.", 9),
])
def test_studies_included(abstract, expected):
    found = extracted(abstract, {"design": "meta-analysis", "population": "human"}).studies_included
    assert found is not None and found.value == expected, found


def test_a_review_not_called_systematic_counts_the_studies_it_says_it_included():
    # a review the classifier calls narrative may be a systematic one that does not say so: its strong words count
    narrative = {"design": "review", "population": "human"}
    assert extracted("RESULTS: A total of 15 articles were selected for review.", narrative).studies_included.value == 15
    assert extracted("RESULTS: Of the 1092 studies found between June 2017 and May 2019, 17 studies were eligible.",
                     narrative).studies_included.value == 17
    # ... but not a count of studies it only says it identified
    assert extracted("We identified 40 studies reporting relapse rates.", narrative).studies_included is None


def test_a_review_not_called_systematic_that_counts_its_studies_counts_their_participants():
    narrative = {"design": "review", "population": "human"}
    found = extracted("A literature review was conducted. A total of 3 randomised controlled trials (n=167 "
                      "participants) were included and analysed.", narrative)
    assert found.studies_included.value == 3 and found.sample_size.value == 167
    found = extracted("Results: Nine studies with a total of 383 patients (168 open, 159 laparoscopic) were eligible "
                      "for inclusion.", narrative)
    assert found.sample_size.value == 383
    # a narrative review that counts no studies of its own states no sample, whatever people it names
    assert extracted("Migraine affects 1000 million people. We review the treatments given to 40 patients in our "
                     "clinic.", narrative).sample_size is None


@pytest.mark.parametrize("abstract", [
    # a search's finds, the first of a list, one study's part: none is the count of studies included
    "RESULTS: In total, 7752 studies were identified.",
    "In total, 12 randomized controlled trials, 1 clinical trial and 2 cohort studies were read.",
    "Techniques were compared: magnetic resonance imaging (2 trials, with 58 and 14 participants).",
    # the samples of an estimate, not studies
    "For resin, THC rose by 0.57% a year (95% CI: 0.10, 1.03), P = 0.017 based on 17 371 samples from eight studies.",
    # what a search found, in a list or among its steps
    "RESULTS: The search yielded 14 studies in animals and 53 studies in humans.",
    "Forty patients were identified from 2 retrospective studies and 5 case reports.",
    "RESULTS: PubMed and Scopus yielded 258 and 232 studies; screening titles left 53 studies read in full text.",
    "RESULTS: The search identified 412 articles after duplicates were removed.",
])
def test_no_studies_included_from_other_counts(abstract):
    found = extracted(abstract, {"design": "meta-analysis", "population": "human"}).studies_included
    assert found is None, found


@pytest.mark.parametrize("abstract", [
    "During an operation in a normotensive young man an artery was ligated.",
    "A case of anal-sphincter injury with total fecal incontinence is presented. Parenteral nutrition was used.",
    "A patient is described who presented with an abrupt onset of diplopia in association with a drooping lid.",
    "A healthy 18-year-old man was admitted to our unit two hours after a suicidal ingestion of verapamil.",
    "Intracellular IgM k is described in a case of CLL. No paraprotein could be found in the serum.",
    "Biopsy is controversial. Recently, we saw a patient with bilateral uveitis and cranial nerve palsies.",
    "A man of 54 had been treated for fixture tuberculosis. Eye signs were found later.",
    "Fixture fibromatosis is rare in the breast. The tumor in our patient occurred after mastectomy.",
    "Fixture sclerosis with myeloma is reported. This patient differs from others in having no lytic lesions.",
    "Lymphangiomas are benign tumours. This report is about a patient suffering from a giant lymphangioma.",
    # a sentence that reads like others' work still says whom this record reports
    "The authors report the case of a 71 years old woman. Only 3 cases were found in the literature.",
    "A patient who was receiving rifampin for tuberculosis developed renal failure.",
    "A 59-year-old women with no history of diabetes was admitted in ketoacidosis.",
    "Presented is a case in which calcification of the adrenal gland was evident on the first day of life.",
    "Neurilemomas of the trachea are rare. In this article we report what is, to our knowledge, the 12th case.",
    "Fatal septicemia due to an unidentified rod developed in a 60-year-old alcoholic.",
    "After a stress test that showed abnormal findings, a patient with coronary disease had a raised enzyme level.",
    "The thorax may be short. This case involves an infant who died of respiratory failure after birth.",
    # an adult, an adolescent, a worker named as the case; an age written in words
    "An adult with cutaneous diphtheria was admitted with bilateral purulent conjunctivitis.",
    "Fixture syndrome was found in an adolescent after a viral illness.",
    "The case is described of a laboratory worker who accidentally punctured a finger.",
    "An eight year old boy of consanguineous parents had growth retardation and bone changes.",
    "A male child died at 7 months of age with progressive neurologic deterioration.",
    "A previously apparently healthy male patient developed haemolytic anaemia during penicillin intake.",
    # one individual, one patient's own material, the patient named with 'the' and an age
    "Obliterated fixture canals were observed in an individual with the Sanfilippo syndrome.",
    "We report the acquisition of skin sensitivity by a fixture-negative patient after treatment.",
    "Fixture syndrome varies. In our case, the five-year-old male child presented with a distended abdomen.",
    # a case demonstrated, studied or illustrated, 'an' before it too
    "A case is demonstrated in which an indwelling fixture catheter was pushed into the vena cava.",
    "One patient of fixture sepsis after the implanting of a valve is studied.",
    "Fixture occlusion can be performed safely before splenectomy. An illustrative case is reported.",
    # words between the age and the patient, hyphenated or after a comma
    "To build a way to communicate, a 3-year-old, non-verbal autistic boy was treated for 1 year.",
    # the patient on whom something was done; a case presented and discussed, or described herein; a patient operated
    # upon; a sentence opening on the patient, however it goes on
    "Fixture craniectomy was performed on a boy with Crouzon's disease at 22 months of age.",
    "This article presents and discusses a case of fixture aneurysm that was diagnosed late.",
    "Fixture instillation is common. The case described herein illustrates a rare complication.",
    "A patient operated upon for fixture cholecystitis was later found to have Caroli's disease.",
    "A patient is reported with fixture syndrome, resembling it more completely than previously described.",
    "Removal of a fixture myxoma in pregnancy is rare. The patient postoperatively had an uncomplicated pregnancy.",
    "One patient of sepsis by P. aeruginosa after the implanting of a fixture valve is studied.",
    # more verbs after the patient; an adjective and a comma before an age, an age abbreviated; a case reported,
    # also reported, or presented before a comma; an instance
    "A patient experienced episodic fixture edema accompanying nocturnal angina pectoris.",
    "A hypothyroid, 72-year-old woman with fixture hypopituitarism manifested severe hyponatremia.",
    "We have successfully treated a 16-yr-old girl with residual fixture carcinoma.",
    "Reported is a case of fixture bacteremia treated inadvertently by gentamicin.",
    "A review of the fixture literature is presented. A fatal case, 50 years of age, is also reported.",
    "Fixture fibrosis is rare in the pelvis. In the case presented, the fibrosis first became manifest there.",
    "We have presented a rare instance of fixture gangrene following anorectal examination.",
])
def test_case_report_is_one_patient(abstract):
    got = extracted(abstract, {"design": "case-report", "population": "human"})
    assert got.sample_size is not None and got.sample_size.value == 1, got.sample_size


@pytest.mark.parametrize("abstract, title", [
    ("A 1-month-old Arabian foal with signs of fixture disease was found to be immunodeficient.", "Fixture foal."),
    ("An 11-year-old Beagle dog had focal fixture mastocytosis in two lymph nodes.", "Fixture mastocytosis."),
    ("The fixture conjunctivitis was diagnosed on clinical signs and biopsy.",
     "Allergic fixture conjunctivitis in a juvenile spider monkey."),
])
def test_a_case_report_of_an_animal_is_one_animal(abstract, title):
    got = extracted(abstract, {"design": "case-report", "population": "animal"}, title=title)
    assert got.sample_size is not None and got.sample_size.value == 1, got.sample_size


def test_a_case_report_named_only_by_its_title_is_one_patient():
    got = extracted("Spirochetosis is rare. It is mostly found at screening.", {"design": "case-report", "population": "human"},
                    title="A Case of Human Intestinal Spirochetosis Diagnosed During Screening Colonoscopy.")
    assert got.sample_size.value == 1 and got.sample_size.quote.source == "title"


def test_a_case_report_in_a_title_that_also_reviews_the_literature_is_one_patient():
    got = extracted("Granulomatous angiitis is a distinct vasculitis. CT can monitor therapy.",
                    {"design": "case-report", "population": "human"},
                    title="Cerebral fixture angiitis: case report and literature review.")
    assert got.sample_size.value == 1 and got.sample_size.quote.text == "case report"


def test_a_case_report_quotes_the_patient_not_the_comma_before():
    got = extracted("After the operation, a man with a fixture implant developed a fever.",
                    {"design": "case-report", "population": "human"})
    assert got.sample_size.quote.text == "a man with"


def test_a_case_report_is_quoted_from_its_abstract_before_its_title():
    got = extracted("A 72-year-old man presented with fever.", {"design": "case-report", "population": "human"},
                    title="Fever after travel: a case report.")
    assert got.sample_size.quote.text == "A 72-year-old man"


@pytest.mark.parametrize("abstract", [
    # 'this case' of a hospital studied is no patient
    "Hospitals should be designed for all. This research evaluated the hospital of the case study, and in this case "
    "the design was agreed by few.",
    "Mixed cryoproteins are common in cirrhosis and are discussed here.",
    # our patients, or our patient population, are many
    "Fixture scans are now routine for our patients and for our patient population at large.",
])
def test_case_report_that_names_no_patient_counts_nobody(abstract):
    assert extracted(abstract, {"design": "case-report", "population": "human"}).sample_size is None


def test_a_case_report_of_sisters_counts_them():
    got = extracted("Mixed cryoproteins were demonstrated in the sera of four sisters.",
                    {"design": "case-report", "population": "human"})
    assert got.sample_size.value == 4


@pytest.mark.parametrize("abstract, title, expected", [
    # a case report describes one to three patients: two or three counted in its opening sentence or its title are
    # the patients it describes, however the words introduce them
    ("Convulsions developed in two patients after fixture block. The dose used was large.", "Seizures after a block", 2),
    ("Fixture fibromas were seen in two patients. In both patients, the radiographs were odd.", "Fibromas", 2),
    ("The treatment was followed by plasma renin activity. These observations are discussed.",
     "[Neonatal fixture hyponatremia. Three cases (author's transl)]", 3),
    # the whole is named before its parts
    ("Three children, two girls and one boy, presented with fixture disease. Serum TSH was high.", "Fixture disease", 3),
    ("", "[Fixture diskitis. Apropos of 3 personal cases and 2 cases from the literature]", 3),
    # ... and a larger count after a smaller one leaves the whole unsaid
    ("Two children had fixture disease, and three children had its mild form.", "Fixture disease", None),
])
def test_a_case_report_counting_two_or_three_counts_them(abstract, title, expected):
    got = extracted(abstract, {"design": "case-report", "population": "human"}, title=title).sample_size
    assert (got.value if got else None) == expected, got


def test_a_translated_case_title_counts_one():
    got = extracted("The tumour was removed. Histology showed a pheochromocytoma.",
                    {"design": "case-report", "population": "human"}, title="[A case of pheochromocytoma (author's transl)].")
    assert got.sample_size is not None and got.sample_size.value == 1, got.sample_size


@pytest.mark.parametrize("abstract", [
    "Experience with a fixture aneurysm is reviewed and compared to the reported experience of 19 other cases.",
    "Compilation of the fixture stigmata with those of 7 other patients confirmed that the syndrome is recognisable.",
])
def test_people_counted_as_others_are_not_the_studys(abstract):
    got = extracted(abstract, {"design": "case-series", "population": "human"}).sample_size
    assert got is None, got  # the only count is of others: no answer, rather than theirs


@pytest.mark.parametrize("abstract, expected", [
    ("We included 3595 participants from a fixture cohort. A total of 1986 incident CVD cases occurred over a "
     "median follow-up of 11 years.", 3595),
    # (the people followed counted in a word the patterns do not know: no answer, rather than the outcomes)
    ("A total of 8173 Fixturians were included. During a median follow-up of 13 years, 2609 cases of incident CKD "
     "were identified.", None),
    ("In a fixture cohort of 391 adults, twenty-four incident dementia cases occurred.", None),
])
def test_incident_cases_are_outcomes_not_the_people_followed(abstract, expected):
    got = extracted(abstract, {"design": "observational", "population": "human"}).sample_size
    assert (got.value if got else None) == expected, got


@pytest.mark.parametrize("abstract, expected", [
    # laboratory work counts the people its samples came from, stated as a whole
    ("In this study, 60 fixture cases and 60 controls, matched in age and sex, were selected. Serum was assayed.", 120),
    ("Biopsies of six patients with fixture cholestasis were studied by electron microscopy.", 6),
    # ... not genes, molecules or samples
    ("A total of 112 members of the fixture gene family were identified in the genome.", None),
    ("We screened the library and a total of 58 candidates were isolated for sequencing.", None),
    # ... or in passing, when that is the one count of people (not when a larger one follows it)
    ("The enzyme was purified from the serum of 12 patients, and its kinetics were measured.", 12),
    ("The enzyme was purified from the serum of 12 patients. Its activity was then compared with that in 40 "
     "healthy donors.", None),
])
def test_laboratory_work_counts_the_people_its_samples_came_from(abstract, expected):
    got = extracted(abstract, {"design": "other", "population": "in-vitro"}).sample_size
    assert (got.value if got else None) == expected, got


def test_a_case_report_of_twins_counts_two():
    got = extracted("This report describes 7-month-old monozygotic twin female infants with the disease.",
                    {"design": "case-report", "population": "human"},
                    title="Case Report: Neonatal diabetes mellitus caused by a novel GLIS3 mutation in twins.")
    assert got.sample_size.value == 2


@pytest.mark.parametrize("abstract", [
    "The fixture syndrome is described in a mother and her daughter. In both a translocation was found.",
    "We describe a mother and her newborn that have this rare fixture condition.",
    # a second patient beside the one first named
    "A fixture reaction occurred in a 69-year-old man. A second patient, a 49-year-old man, was monitored.",
    "A white sponge nevus is described in a 12-year-old girl and her 36-year-old mother.",
    "A fixture cyst was found in a 30-year-old man. His sister had analogous malformations.",
    "A 3-year-old boy (patient A) and a 24-year-old man (patient B) received fixture transfusions.",
])
def test_a_case_report_of_two_patients_counts_two(abstract):
    got = extracted(abstract, {"design": "case-report", "population": "human"}).sample_size
    assert got is not None and got.value == 2, got


@pytest.mark.parametrize("abstract", [
    "Three cases of fixture pseudodiverticulosis are described and the literature reviewed. Two were women.",
    "Three new cases of fixture disease are reported. One infant had a sister with it.",
])
def test_the_cases_a_report_presents_count_its_people(abstract):
    got = extracted(abstract, {"design": "case-series", "population": "human"})
    assert got.sample_size is not None and got.sample_size.value == 3, got.sample_size


@pytest.mark.parametrize("abstract", [
    # others' cases, and people seen somewhere, are not those a report presents
    "Forty cases of fixture disease are reported in the literature. We discuss their treatment.",
    "During 2005 to 2010, 47,823 patients were reported in the outpatient department. Of these, some had cancer.",
])
def test_cases_reported_elsewhere_are_not_the_reports_own(abstract):
    got = extracted(abstract, {"design": "observational", "population": "human"})
    assert got.sample_size is None or got.sample_size.value not in (40, 47823), got.sample_size


@pytest.mark.parametrize("abstract, expected", [
    # the people an unstructured abstract opens on, whatever they had, are those it is about ...
    ("Eight fixture infants had scaphocephaly with occipital shelving. The head shape resolved in most.", 8),
    ("Nine premature infants developed rickets at 12 weeks of age. Serum levels were all low in them.", 9),
])
def test_the_people_an_abstract_opens_on_are_its_own(abstract, expected):
    got = extracted(abstract, {"design": "case-series", "population": "human"})
    assert got.sample_size is not None and got.sample_size.value == expected, got.sample_size


def test_people_who_had_something_later_in_an_abstract_are_a_finding():
    # ... but later, "12 patients had ..." counts some of those studied
    got = extracted("We studied fixture rickets in premature infants. Twelve infants had fractures.",
                    {"design": "observational", "population": "human"})
    assert got.sample_size is None or got.sample_size.value != 12, got.sample_size


def test_a_case_report_of_two_counts_two():
    got = extracted("Two cases with partial seizure and periodic EEG pattern were reported. Case 1. A 74-year-old "
                    "woman had PLEDs.", {"design": "case-report", "population": "human"})
    assert got.sample_size.value == 2


# ---------------------------------------------------------------- design signals


@pytest.mark.parametrize("abstract, randomised, blinding, placebo", [
    ("In this randomized, double-blind, placebo-controlled trial, 40 patients received ketamine.", True, "double", True),
    ("This open-label, single-arm study enrolled 20 patients.", False, "open-label", None),
    ("Patients were randomly allocated to ketamine or lidocaine; assessors were blinded.", True, "single", False),
    ("A triple-blind trial compared ketamine with sham stimulation.", None, "triple", True),
    ("Randomized trials are needed to confirm these findings in 30 patients.", None, None, None),
    # randomised between arms none of which is ever called a placebo or a sham: not placebo-controlled ...
    ("Sixty patients were randomised to a standard diet or to a high-protein diet for 12 weeks.", True, None, False),
    # ... unless a word that may name one stands anywhere, or the record never says how its people were allocated
    ("Sixty patients were randomised to the fixture tablet or to a dummy tablet for 12 weeks.", True, None, None),
    ("Sixty patients were randomised to the fixture drug or to placebos for 12 weeks.", True, None, True),
    ("Pilot study for a pragmatic randomised controlled trial. Twenty patients were offered a link worker.", True, None,
     None),
    # the adverb after the verb; records split at random into cohorts for a model are not randomised participants
    ("A total of 60 patients were enrolled and divided randomly into three equal groups.", True, None, False),
    ("A total of 80,091 patients were enrolled retrospectively and distributed randomly into the test cohort and the "
     "validation cohort (2:1).", None, None, None),
])
def test_design_signals(abstract, randomised, blinding, placebo):
    got = extracted(abstract)
    assert (got.randomised and got.randomised.value) == randomised or (got.randomised is None and randomised is None)
    assert (got.blinding.value if got.blinding else None) == blinding
    assert (got.placebo_controlled.value if got.placebo_controlled else None) == placebo


@pytest.mark.parametrize("title, randomised", [
    ("Herbal medicine for insomnia: A protocol for systematic review and meta-analysis", None),
    ("Ketamine for CRPS: protocol for a randomised controlled trial", True),
])
def test_a_review_protocol_is_not_randomised_by_the_trials_it_will_include(title, randomised):
    abstract = "Patients will be randomized to ketamine or placebo; the review will include only randomized trials."
    got = extracted(abstract, {"design": "protocol", "population": "human"}, title=title)
    assert (got.randomised.value if got.randomised else None) == randomised


@pytest.mark.parametrize("abstract, population, randomised, blinding", [
    # an animal experiment (design 'other': the classifier names none for it) states its own allocation and masking
    ("Forty rats were randomly assigned to ketamine or saline; observers were blinded to treatment.", "animal",
     True, "single"),
    ("In a randomized, blinded study, 16 pigs received propofol or alfaxalone.", "animal", True, None),
    # laboratory work has no participants to allocate
    ("Cells were randomly assigned to ketamine or vehicle wells; observers were blinded.", "in-vitro", None, None),
    # a trial the authors call for is not their own
    ("We treated 50 rats with ketamine. Its effects in humans need to be confirmed with a systematic randomised "
     "control trial.", "animal", None, None),
])
def test_design_signals_of_an_animal_experiment(abstract, population, randomised, blinding):
    got = extracted(abstract, {"design": "other", "population": population})
    assert (got.randomised.value if got.randomised else None) == randomised
    assert (got.blinding.value if got.blinding else None) == blinding


@pytest.mark.parametrize("sentence", [
    "Its effects in humans need to be confirmed with a systematic randomised control trial.",
    "These results should be validated in larger prospective randomized studies.",
])
def test_a_trial_called_for_is_no_signal_of_this_study(sentence):
    got = extracted("We reviewed the charts of 80 patients given ketamine. " + sentence,
                    {"design": "observational", "population": "human"})
    assert got.randomised is None


def test_a_trial_the_record_ran_is_its_own():
    got = extracted("Ketamine was investigated in a multicentre randomised controlled trial of 120 patients.")
    assert got.randomised.value is True


@pytest.mark.parametrize("abstract, sections", [
    # 'prior to' says when, not whose: the sentence is the trial's own
    ("Five hundred patients were randomly allocated to irrigation with povidone-iodine prior to skin closure or to a "
     "control group irrigated with saline solution.", None),
    # a methods section describes the study's own doing, whatever words of others' work it holds ('previous')
    (None, [("BACKGROUND", "Ketamine is used in surgery."),
            ("METHODS", "Patients with previous abdominal surgery were randomly assigned to ketamine or saline.")]),
])
def test_a_trials_own_sentence_holding_words_of_others_work(abstract, sections):
    got = extracted(abstract, {"design": "rct", "population": "human"}, sections=sections)
    assert got.randomised.value is True
    assert "saline" in [c.value for c in got.comparators]


def test_signals_in_a_background_section_are_not_this_studys():
    got = extracted(None, sections=[("BACKGROUND", "Double-blind randomised trials found benefit."),
                                    ("METHODS", "We reviewed the charts of 80 patients.")],
                    classification={"design": "observational", "population": "human"})
    assert got.randomised is None and got.blinding is None and got.sample_size.value == 80


# ---------------------------------------------------------------- doses


@pytest.mark.parametrize("abstract, title, expected", [
    ("Patients received intravenous ketamine 0.5 mg/kg/h for 4 hours on 5 days.", "Ketamine infusion",
     [(0.5, 0.5, "mg/kg/h", "intravenous", "for 4 hours on 5 days")]),
    ("Ketamine (0.15 mg/kg bolus followed by 0.1 mg/kg/h) or saline was given.", "Ketamine",
     [(0.15, 0.15, "mg/kg", None, "bolus"), (0.1, 0.1, "mg/kg/h", None, None)]),
    ("Patients received 0.5 or 1 mg/kg ketamine intranasally.", "Ketamine",
     [(0.5, 0.5, "mg/kg", "intranasal", None), (1.0, 1.0, "mg/kg", "intranasal", None)]),
    ("There was a wide range of dosages used from 25-600mg in divided doses.",
     "Sub-Lingual Ketamine Troches in Chronic Pain", [(25.0, 600.0, "mg", "sublingual-buccal", "in divided doses")]),
    ("Morphine 0.1 mg/kg and ketamine 0.3 mg/kg were given i.v.", "Ketamine",
     [(0.3, 0.3, "mg/kg", "intravenous", None)]),
    ("The infusion of ketamine at 0.12 mg·kg−1·h−1 was started.", "Ketamine", [(0.12, 0.12, "mg/kg/h", None, None)]),
    ("Esketamine nasal spray 56 mg or 84 mg twice weekly.", "Esketamine",
     [(56.0, 56.0, "mg", "intranasal", "twice weekly"), (84.0, 84.0, "mg", "intranasal", "twice weekly")]),
    ("Glucose was 100 mg/dL; midazolam 2 mg was given.", "Ketamine", []),  # neither is a ketamine dose
    ("Morphine 10 mg was given every 4 hours.", "Morphine for pain", []),  # no ketamine in the record
])
def test_ketamine_doses(abstract, title, expected):
    got = extracted(abstract, title=title).doses
    assert [(d.low, d.high, d.unit, d.route, d.schedule) for d in got] == expected
    for dose in got:
        assert dose.quote.source == "abstract" and dose.quote.text in abstract


# ---------------------------------------------------------------- registrations


@pytest.mark.parametrize("text, expected", [
    ("Registered at ClinicalTrials.gov (NCT01234567).", [("ClinicalTrials.gov", "NCT01234567")]),
    ("ISRCTN registry, ISRCTN82180413, registered 2014.", [("ISRCTN", "ISRCTN82180413")]),
    ("The trial was registered with ISRCTN, number 96169987.", [("ISRCTN", "ISRCTN96169987")]),
    ("EudraCT number 2015-001234-56.", [("EudraCT", "2015-001234-56")]),
    ("Trial registration: ACTRN12615000123456 and ChiCTR-IOR-17011234.",
     [("ANZCTR", "ACTRN12615000123456"), ("ChiCTR", "ChiCTR-IOR-17011234")]),
    ("CTRI/2020/01/022771; IRCT20190506043492N3; DRKS00012345; UMIN000041687.",
     [("CTRI", "CTRI/2020/01/022771"), ("DRKS", "DRKS00012345"), ("IRCT", "IRCT20190506043492N3"),
      ("UMIN-CTR", "UMIN000041687")]),
    ("PROSPERO CRD42020187078; Netherlands Trial Register: NTR3851.",
     [("Netherlands Trial Register", "NTR3851"), ("PROSPERO", "CRD42020187078")]),
    ("Registered as NCT-04447131 and in the European Clinical Trials Database (2012-001234-56).",
     [("ClinicalTrials.gov", "NCT04447131"), ("EudraCT", "2012-001234-56")]),
    ("Research Registry UIN: researchregistry5678.", [("Research Registry", "researchregistry5678")]),
    ("Review registered as reviewregistry857.", [("Research Registry", "reviewregistry857")]),
    ("Registered with Clinicaltrials.jp: JapicCTI-142693.", [("JapicCTI", "JapicCTI-142693")]),
    # an id in a link's path, a register's new id after its old one, a thousands comma in a CTRI number
    ("Registered at https://clinicaltrials.gov/ct2/show/NCT01234567 and https://www.anzctr.org.au/"
     "ACTRN12615000123456.aspx.", [("ClinicalTrials.gov", "NCT01234567"), ("ANZCTR", "ACTRN12615000123456")]),
    ("Registered with the Netherlands Trial Registry, NTR4132/NL3847.",
     [("Netherlands Trial Register", "NTR4132"), ("Netherlands Trial Register", "NL3847")]),
    ("Registered with the clinical trial registry of India (CTRI/2018/02/011,664).",
     [("CTRI", "CTRI/2018/02/011664")]),
    # marks and spaces between an id's letters and digits, as texts write them
    ("Registered as ISRCTN-82180413, DRKS: 00012345 and ACTRN 12615000123456.",
     [("ISRCTN", "ISRCTN82180413"), ("DRKS", "DRKS00012345"), ("ANZCTR", "ACTRN12615000123456")]),
    ("Trials KCT-0001234, NTR-1234, PACTR-201509001229283, IRCT: 20190506043492N3 and NCT\u201001234567.",
     [("CRIS", "KCT0001234"), ("Netherlands Trial Register", "NTR1234"), ("PACTR", "PACTR201509001229283"),
      ("IRCT", "IRCT20190506043492N3"), ("ClinicalTrials.gov", "NCT01234567")]),
    ("ChiCTR-1800012345 and ChiCTR-IOR-17011234 and JPRN-UMIN000041687 and jRCTs031180123.",
     [("ChiCTR", "ChiCTR1800012345"), ("ChiCTR", "ChiCTR-IOR-17011234"), ("UMIN-CTR", "UMIN000041687"),
      ("jRCT", "jRCTs031180123")]),
    # a bare number after the registry's name
    ("ClinicalTrials.gov identifier: 01234567.", [("ClinicalTrials.gov", "NCT01234567")]),
    ("Clinical Trial Registration: Clinicaltrials.gov; NCT#01234567.", [("ClinicalTrials.gov", "NCT01234567")]),
    ("TRIAL REGISTRATION: Australian New Zealand Clinical Trials Registry (ACTRN): 12615000123456; "
     "http://www.anzctr.org.au/Trial/Registration/TrialReview.aspx?id=365137.", [("ANZCTR", "ACTRN12615000123456")]),
    ("Registered with the ANZCTR (12615000123456) and UMIN-CTR: 000041687.",
     [("ANZCTR", "ACTRN12615000123456"), ("UMIN-CTR", "UMIN000041687")]),
    ("PROSPERO registration number 42020187078.", [("PROSPERO", "CRD42020187078")]),
    ("Eudra-CT 2012-001234-56; EU Clinical Trials Register 2013-004321-11.",
     [("EudraCT", "2012-001234-56"), ("EudraCT", "2013-004321-11")]),
    ("CTRI/2009/091/000123 was registered.", [("CTRI", "CTRI/2009/091/000123")]),
    ("Interleukin 2015-2019 values and function at NCT scale were studied.", []),  # no id shapes
    ("A dose of 2015-001234-56 mg.", []),  # EudraCT shape without the registry named
    # UMIN-CTR's receipt numbers where UMIN is named; not the one in the address of a page its UMIN id names
    ("TRIAL REGISTRATION: R000048089 (UMIN-CTR).", [("UMIN-CTR", "R000048089")]),
    ("Values of R000048089 were high.", []),
    ("UMIN000042071, https://upload.umin.ac.jp/cgi-open-bin/ctr_e/ctr_view.cgi?recptno=R000048012.",
     [("UMIN-CTR", "UMIN000042071")]),
    # OSF registrations, as a page or a DOI; OSF's data and preprints are not registrations
    ("The protocol was preregistered on the Open Science Framework (https://osf.io/Fp62E/).",
     [("OSF Registries", "osf.io/fp62e")]),
    ("This review was registered (DOI 10.17605/OSF.IO/EHJ6X).", [("OSF Registries", "osf.io/ehj6x")]),
    ("Data and code are available at osf.io/abcde.", []),
    ("Registered at osf.io/abcdefgh/files.", []),  # not an id's shape
])
def test_registration_ids_in_text(text, expected):
    got = extracted(text).registrations
    assert sorted((r.registry, r.registration_id) for r in got) == sorted(expected)
    for r in got:
        assert r.source == "text" and r.quote.text in text and r.url.startswith("https://")


def test_every_databank_registry_id_is_kept_and_repositories_are_not():
    record = fixture("No ids in the text.", databanks=[
        {"name": "ClinicalTrials.gov", "accessions": ["NCT01696747", "NCT00000001"]},
        {"name": "ISRCTN", "accessions": ["ISRCTN474042962"]},  # one digit too many, as NLM has it
        {"name": "GENBANK", "accessions": ["K00284"]}])
    got = {r.registration_id: r for r in extract.extract(record, STUDY).registrations}
    assert set(got) == {"NCT01696747", "NCT00000001", "ISRCTN474042962"}
    assert all(r.source == "databank" for r in got.values())
    assert got["NCT01696747"].url == "https://clinicaltrials.gov/study/NCT01696747"
    assert got["ISRCTN474042962"].url is None  # not the registry's shape: no link that would 404


def test_umin_ids_link_to_their_trial_and_reception_numbers_to_their_page():
    # a UMIN id's digits are not its page's reception number there (UMIN000041687 is R000047586)
    text = "Registered at UMIN-CTR (UMIN000041687). TRIAL REGISTRATION: R000048089 (UMIN-CTR)."
    got = {r.registration_id: r.url for r in extract.extract(fixture(text), STUDY).registrations}
    assert got == {"UMIN000041687": "https://trialsearch.who.int/Trial2.aspx?TrialID=JPRN-UMIN000041687",
                   "R000048089": "https://center6.umin.ac.jp/cgi-open-bin/ctr_e/ctr_view.cgi?recptno=R000048089"}


# ---------------------------------------------------------------- follow-up and comparators


@pytest.mark.parametrize("abstract, days", [
    ("Patients were followed up for 6 months.", 180),
    ("Outcomes were assessed at 30, 90, 180, and 360 days after discharge.", 360),
    ("Median follow-up was 55·7 months.", 1671),
    ("Pain was scored at 48 hours after surgery.", 2),
    ("Patients aged over 65 years were followed for 2 weeks.", 14),
    ("Patients with pain for more than 3 months were studied.", None),
    # time points, and the horizon of an outcome
    ("The LC rate was 99.7% at six months and 98.8% at 18 months.", 540),
    ("Retention was high, 95% at 12-month and 96% at 15-month assessments.", 450),
    ("1-year event-free survival was 59%.", 365),
    ("Infants were enrolled at 32 weeks of gestation.", None),
    # ... nor a gestation or a duration written with a possessive ("weeks' gestation", "years' duration")
    ("Fixture women were seen at 11 weeks' gestation and 32 weeks’ gestation.", None),
    ("Fixture patients had skin lesions of four months' to six years' duration.", None),
    # ages are no follow-up, however they are put; nor is a year read as a duration
    ("The age of the patients ranged from 31 to 83 years, followed for 7 years.", 2555),
    ("Of the 122 patients (average age, 27 years; range, 12 to 64 years), 112 were male.", None),
    ("Twenty-eight patients ranging from newborn to 66 years received parenteral nutrition for 10 days.", 10),
    ("We studied outcomes in patients older than 55 years at 2 years after surgery.", 730),
    ("We used data for the period from 2015 to 2019 years by territory.", None),
    ("The age-adjusted incidence and the 30-day mortality were reported.", 30),
    ("Children aged 6 were followed up to 10 years.", 3650),
    # the time of the intervention when nothing later is stated
    ("Participants received B vitamins or placebo (n = 101) for 2 years.", 730),
    ("We used a pre-post design to test whether a 12-week music intervention improved mood.", 84),
    ("Participants were randomized to an 8-week program; outcomes were assessed at 6 months.", 180),
    # a time before an event is no follow-up
    ("The control group was told not to eat high fibre foods for 48 hours prior to the bowel preparation.", None),
    ("Splenectomies were performed in dogs immediately prior to 5 hour infusions of bacteria.", None),
    ("Patients received ketamine or saline 2 weeks before surgery and were followed up for 3 months.", 90),
    # a number read whole, never from inside a word or another number
    ("The shortest follow-up in this fixture series was thirty-one months and the longest, forty-four months.", 1320),
    ("Follow-up of the fixture patients mentioned above is complete.", None),
    ("Mean follow-up was 7,5 years in one fixture group and 6,8 years in the other.", None),
    ("One-three years after the fixture operation, follow-up showed stable function.", 1095),
    ("Fixture patients were followed up for 1,500 days.", 1500),
    # an age at follow-up is an age
    ("In fixture adults, the median age at last follow up was 25 years and the median follow-up duration was "
     "7.9 years.", 2883.5),
    # a time point named by its number: the last of a list, the end of a range; not a count after a comma
    ("In this fixture trial, outcomes were evaluated on day 2, 4, 7, 9, and 11 of treatment.", 11),
    ("The fixture score improved significantly at week 24 compared to baseline.", 168),
    ("Fixture wounds were inspected on days 20 to 44 after grafting.", 44),
    ("Fixture samples were drawn at day 8-12 of the cycle.", 12),
    ("Fixture patients were seen at week 10, 664 of them in clinic.", 70),
    # a time after an injury, a therapy or an operation named by its kind
    ("Functional disability at 6 and 12 months after injury was assessed in fixture patients.", 360),
    ("Fixture toxicities were scored at baseline and 24 months after radiotherapy.", 720),
    ("The fixture patient developed hypercalcemia 39 months after mastectomy.", 1170),
    ("Fixture empathy scores were taken before the training and 1 month after the training.", 30),
    ("The fixture effect was still present 6 h after administration.", 0.25),
    ("Fixture patients were monitored for 12 hours before, during, and 12 hours after bronchoscopy.", 0.5),
    ("Fixture quality of life was rated at the start and 21 days after completion of the program.", 21),
    # a time point after which people were seen
    ("Mortality of fixture patients was 22%, after 1 year 24% and after 5 years 39%.", 1825),
    ("DAS28 was calculated at T0 and after 4 months (T4) in fixture patients.", 120),
    # a time later than what the sentence tells, but not a dose given again nor a comparison
    ("Neurologic disability in fixture patients was assessed at baseline and five-years later.", 1825),
    ("The fixture patient was discharged 2 days later.", 2),
    ("A second fixture dose was injected 64 h later and another 2 weeks later.", None),
    ("Fixture ulcers appeared in women about 10 years later than in men.", None),
    # a threshold is no time people were seen, unless they were followed
    ("Ten fixture women who took oral contraceptives for six months or longer were investigated.", None),
    ("Fixture eyes were operated on with this technique and followed for six months or more.", 180),
])
def test_follow_up_days(abstract, days):
    found = extracted(abstract).follow_up_days
    assert (found.value if found else None) == (None if days is None else pytest.approx(days))


def test_comparators_named_in_a_trial():
    got = extracted("Patients were randomized to ketamine or midazolam; a third group received saline placebo.",
                    title="Ketamine versus midazolam for pain")
    assert {c.value for c in got.comparators} >= {"midazolam", "placebo", "saline"}
    assert "ketamine" not in {c.value for c in got.comparators}


def test_comparators_of_older_trials():
    # the tricyclics, cromones and antispasmodics older trials compared their drugs with
    got = extracted("When compared with a placebo, fixture drug A reduced appetite. Compared with clomipramine, it "
                    "caused a smaller inhibition of 5-HT uptake.", {"design": "clinical-trial", "population": "human"},
                    title="Clinical studies of fixture drug A")
    assert {c.value for c in got.comparators} == {"placebo", "clomipramine"}


def test_comparators_among_the_substances_nlm_indexed():
    # drugs no list holds, named by the record's ChemicalList where its MeSH says they were given (not measured)
    substances = [indexed("D1", "Fixturamicin", "X1", "therapeutic use"),
                  indexed("D2", "Tobrafixture", "X2", "therapeutic use"),
                  indexed("D3", "Glucose", "X3", "blood"), indexed("D4", "Anti-Fixture Agents", "0", "therapeutic use")]
    got = extracted("Fixturamicin was compared with tobrafixture in 70 patients; glucose or anti-fixture agents in "
                    "the blood did not differ.", {"design": "rct", "population": "human"},
                    title="Comparison of fixturamicin and tobrafixture in infection",
                    chemicals=[c for c, _ in substances], mesh=[m for _, m in substances])
    assert [c.value for c in got.comparators] == ["tobrafixture"]


@pytest.mark.parametrize("abstract", [
    "Patients were randomized to receive or not to receive fixture transfusions after transplantation.",
    "On a random basis, 19 were given fixturine intramuscularly and 32 were not.",
    "Fixturine was compared with an untreated control group in a randomised fixture trial.",
])
def test_an_arm_left_untreated_is_compared_with_no_treatment(abstract):
    got = extracted(abstract, {"design": "rct", "population": "human"}, title="Fixturine in fixture disease")
    assert "no treatment" in {c.value for c in got.comparators}


def test_a_comparator_named_in_the_singular_and_the_plural_is_listed_once():
    got = extracted("Patients were randomized to ketamine or an opioid; those given opioids or placebo were followed.",
                    title="Ketamine versus opioids for pain")
    assert len([c for c in got.comparators if c.value.startswith("opioid")]) == 1


def test_the_drug_studied_is_no_comparator_in_the_singular_or_the_plural():
    got = extracted("Patients were randomized to opioids or gabapentin.", title="Opioid therapy for chronic pain")
    assert [c.value for c in got.comparators] == ["gabapentin"]


@pytest.mark.parametrize("abstract, title, design, expected", [
    # a placebo or sham named with no comparison word beside it is still the trial's comparator
    ("Patients on active drug received 5.2 mg into each nostril; control patients received a placebo spray.",
     "Nasal cromoglycate in rhinitis", "clinical-trial", {"placebo"}),
    ("A double-blind trial of stanozolol against placebo was continued for 12 months.", "Stanozolol in angina",
     "clinical-trial", {"placebo"}),
    ("Twenty patients had active stimulation and twenty had sham stimulation.", "rTMS in pain", "rct", {"sham"}),
    # a drug compared with placebo keeps both
    ("Patients were randomized to ketamine or midazolam, given with placebo tablets.", "Ketamine versus midazolam",
     "rct", {"midazolam", "placebo"}),
    # the drugs ketamine is compared with in pain and anaesthesia, first named in the title the one studied
    ("Sixty patients were randomised to intrathecal chloroprocaine or levobupivacaine.",
     "Intrathecal 1% chloroprocaine and 0.5% levobupivacaine in perianal surgery", "rct", {"levobupivacaine"}),
    ("Patients were randomised to ketamine or hydrocodone after surgery.", "Ketamine versus hydrocodone", "rct",
     {"hydrocodone"}),
    # an essay about the placebo effect compares no arms
    ("We discuss why the placebo response is large in trials of pain.", "The placebo effect in pain",
     "review", set()),
])
def test_what_a_trial_is_compared_with(abstract, title, design, expected):
    got = extracted(abstract, {"design": design, "population": "human"}, title=title)
    assert {c.value for c in got.comparators} == expected
    if expected & {"placebo", "sham"}:
        assert got.placebo_controlled.value is True


# ---------------------------------------------------------------- conclusion


def test_conclusion_section_verbatim_without_registration():
    record = fixture(None, sections=[("METHODS", "We enrolled 40 patients."),
                                     ("CONCLUSIONS", "Ketamine reduced pain. Larger trials are needed."),
                                     ("TRIAL REGISTRATION", "NCT01234567.")])
    got = extract.extract(record, STUDY).conclusion
    assert got.value == "Ketamine reduced pain. Larger trials are needed."
    assert record["abstract"][got.quote.start:got.quote.end] == got.value


@pytest.mark.parametrize("abstract", [
    "Pain fell by half. Conclusions: Ketamine relieved pain. Clinical trial registered with www.clinicaltrials.gov "
    "(NCT01234567).",
    "Pain fell by half. Conclusion: Ketamine relieved pain. Clinical Trial Number: NCT01234567.",
    "Pain fell by half. Conclusion: Ketamine relieved pain.This study was registered at ClinicalTrials.gov "
    "(identifier: NCT01234567).",
    # unlabelled: the note is its own sentence at the end
    "Forty patients were treated. Pain fell by half. Ketamine relieved pain. The trial was registered with a "
    "national registry: JapicCTI-142693.",
    "Forty patients were treated. Pain fell by half. Ketamine relieved pain. Further trials would be needed to "
    "confirm this. Supplementary data are available at the journal's site.",
])
def test_notes_after_a_conclusion_are_left_out(abstract):
    assert extracted(abstract).conclusion.value == "Ketamine relieved pain."


@pytest.mark.parametrize("label", ["CONCLUSIONS AND SIGNIFICANCE", "CONCLUSIONS FOR PRACTICE", "DISCUSSION/CONCLUSION",
                                   "EXPERT OPINION", "KEY MESSAGE", "DISCUSSION", "DISCUSSIONS"])
def test_sections_read_as_the_conclusion(label):
    # DISCUSSION only because it closes the abstract, notes aside
    record = fixture(None, sections=[("METHODS", "We enrolled 40 patients."),
                                     ("RESULTS", "Pain fell by half. These data show a large effect."),
                                     (label, "Ketamine relieved pain. It was well tolerated."),
                                     ("TRIAL REGISTRATION", "NCT01234567."),
                                     ("LEVEL OF EVIDENCE", "II; therapeutic, prospective cohort study.")])
    assert extract.extract(record, STUDY).conclusion.value == "Ketamine relieved pain. It was well tolerated."


@pytest.mark.parametrize("abstract", ["Not available.", "No abstract available.",
                                      # an erratum's or a retraction's note
                                      "[This corrects the article DOI: 10.3389/fphys.2020.590787.].",
                                      "[This corrects the article on p. 208 in vol. 14, PMID: 33487817.].",
                                      "[This retracts the article on p. 50 in vol. 13, PMID: 31031480.]."])
def test_no_conclusion_from_an_abstract_that_is_not_there(abstract):
    assert extracted(abstract).conclusion is None


def test_no_conclusion_from_the_sections_of_notes():
    record = fixture(None, sections=[("RESULTS", "Pain fell by half. The tool ran sixty times faster."),
                                     ("AVAILABILITY AND IMPLEMENTATION", "The tool is free at www.example.org."),
                                     ("SUPPLEMENTARY INFORMATION", "Supplementary data are available online."),
                                     ("PROTOCOL REGISTRATION", "PROSPERO CRD42020187078.")])
    assert extract.extract(record, STUDY).conclusion.value == "The tool ran sixty times faster."


def test_conclusion_from_the_sentence_that_states_it():
    text = ("Forty patients were treated. Pain fell by half. In conclusion, ketamine relieved pain. "
            "Further work will follow.")
    assert extracted(text).conclusion.value == "In conclusion, ketamine relieved pain."


@pytest.mark.parametrize("abstract, design, expected", [
    # a label inside unstructured text, a note glued after the last sentence
    ("Objectives: To test rTMS. Results: We found that only rTMS improved grip (p < 0.01). Conclusion: These "
     "results suggested that rTMS was useful. Clinical Trial Registration: http://www.chictr.org.cn (#ChiCTR1900023443).",
     "rct", "These results suggested that rTMS was useful."),
    ("Pulsing frequency affects physiological responses but not CAPs.Significance. Implant age and anesthesia affect "
     "VNS thresholds.", "observational", "Implant age and anesthesia affect VNS thresholds."),
    ("Switching improved FMD (p < 0.05). HNBCs exert a less detrimental effect than tobacco cigarettes.Trial "
     "registration Registered on https://clinicaltrials.gov/ (NCT03452124, 02/03/2018).", "rct",
     "HNBCs exert a less detrimental effect than tobacco cigarettes."),
    # the last sentence that states a finding, not what is discussed or the record's scope
    ("Salbutamol was the most effective drug studied. Possible mechanisms of action of these drugs are described.",
     "clinical-trial", "Salbutamol was the most effective drug studied."),
    ("The test was ineffective in diagnosing tuberculosis. The results are compared to those reported by other "
     "authors.", "observational", "The test was ineffective in diagnosing tuberculosis."),
    # the last sentence, though its words read like others' work; 'we observed that' states a finding
    ("We report 137 valve replacements. Mortality was 40% with three risk factors. Reduced ventricular function was "
     "an essential factor; improved results follow earlier indications for surgery.", "observational",
     "Reduced ventricular function was an essential factor; improved results follow earlier indications for surgery."),
    ("Blood samples were collected. We observed that COPD patients have shorter telomeres. Cytokines differed "
     "between groups.", "observational", "We observed that COPD patients have shorter telomeres."),
    # words that open a conclusion only where they open a sentence
    ("Eight trials were collectively analysed. Pooled response was 60%. Nausea was the most common harm.",
     "meta-analysis", "Nausea was the most common harm."),
    ("Pain scores fell in both groups. Collectively, these data favour early infusion. Two patients withdrew.",
     "rct", "Collectively, these data favour early infusion."),
    ("Our purpose was to use meta-analysis to summarize the estimates of ten studies. Pooled prevalence was 40%. "
     "Screening is recommended.", "meta-analysis", "Screening is recommended."),
    ("Pooled odds of preterm birth were raised. Further studies with enough samples are required to verify this.",
     "meta-analysis", "Pooled odds of preterm birth were raised."),
    # a subject set off by a clause, other verbs of stating, a finding told by the research itself
    ("Ligation of the artery raised renin. This observation, which was unplanned, demonstrates the role of the "
     "kidney in hypertension. Such a cause may be common after transplantation.", "case-report",
     "This observation, which was unplanned, demonstrates the role of the kidney in hypertension."),
    ("Nine workers fell ill. This report emphasises the hazard of aerosols in the laboratory. Vaccinated staff stayed "
     "well.", "case-series", "This report emphasises the hazard of aerosols in the laboratory."),
    ("Leaks were more frequent after irradiation. We stress that a protective stoma should be considered. Ten "
     "patients were followed.", "observational", "We stress that a protective stoma should be considered."),
    ("Serum phosphate fell. On the basis of our results we recommend adding phosphate from the start. Two patients "
     "were excluded.", "clinical-trial", "On the basis of our results we recommend adding phosphate from the start."),
    ("Thirty pyloroplasties were made. According to our experiences the plastic repair is simple. The mucosa was "
     "sutured apart.", "case-series", "According to our experiences the plastic repair is simple."),
    ("Acid output fell after the operation, suggesting that the gut drives secretion. Gastrin did not change.",
     "clinical-trial", "Acid output fell after the operation, suggesting that the gut drives secretion."),
    ("Staff were interviewed. The present research found that design alone does not secure access. Four factors "
     "were named by staff.", "observational", "The present research found that design alone does not secure access."),
    # 'the results ... indicated' reports a result: the closing judgement is the conclusion
    ("Rats were dosed for 50 days. The results of the analysis indicated no difference in the parents and a drug "
     "effect in the offspring. This effect across generations is consistent with that of other sedatives.",
     "clinical", "This effect across generations is consistent with that of other sedatives."),
    # a closing sentence that goes on from the one before is quoted with it; what the discussion covers is no finding
    ("Scores predicted play at weekends. Instead, age predicted play in the afternoon. The discussion deals with "
     "future research.", "observational",
     "Scores predicted play at weekends. Instead, age predicted play in the afternoon."),
    # ... however it goes on ('What's more', 'At the same time')
    ("Fixture plaques were found in 12 patients. Knowing these risk factors may help earlier diagnosis. What's more, "
     "it helps in understanding how the plaques develop.", "observational",
     "Knowing these risk factors may help earlier diagnosis. What's more, it helps in understanding how the plaques "
     "develop."),
    # ... or adds to it ('Finally, ...', 'We also ...', 'It was also found ...')
    ("Fixture drug A was given to 40 rats. The drug lowered pressure in all of them. Finally, fixture drug B removed "
     "the effect.", "other", "The drug lowered pressure in all of them. Finally, fixture drug B removed the effect."),
    ("Fixture markers were typed in 30 moose. The markers are specific to moose. We also show the limit of detection "
     "of the test.", "other", "The markers are specific to moose. We also show the limit of detection of the test."),
    # a cued closing sentence that goes on from a cued one before ('In addition, the data support') is quoted with it
    ("Lisuride lowered prolactin in all 12 fixture subjects. These results show that lisuride lowers prolactin in man. "
     "In addition, the data support a role of dopamine in its secretion.", "clinical-trial",
     "These results show that lisuride lowers prolactin in man. In addition, the data support a role of dopamine in "
     "its secretion."),
    # 'we found that' reports a finding, no stronger than 'these results suggest': the later of the two
    ("We found that lesions raised investigation in females. These results suggest a role of the nucleus in sex "
     "differences. Males did not differ.", "animal", "These results suggest a role of the nucleus in sex differences."),
    # 'highlights the need' judges; 'highlights recent advances' says what the record is about
    ("Cancer literacy is low among Asian Americans. This review highlights the need to educate them on screening.",
     "review", "This review highlights the need to educate them on screening."),
    # what the record does (recommendations made, results reported) and calls for more work are no finding
    ("CT changed the plan in 41 patients. Speculations are made regarding the impact of CT scanners.",
     "observational", "CT changed the plan in 41 patients."),
    ("Thymomas recurred in 9 patients. An attempt is made to work out a uniform working scheme of nomenclature.",
     "observational", "Thymomas recurred in 9 patients."),
    ("EFT reduced cannabis use. Further testing with larger samples of users is needed to understand it.",
     "rct", "EFT reduced cannabis use."),
    ("BoNT-A managed gingival smile safely. Further and larger studies may determine the influence of each factor.",
     "observational", "BoNT-A managed gingival smile safely."),
    ("Mortality fell in the last decade. The epidemiology of cerebral palsy in Sweden is briefly surveyed.",
     "observational", "Mortality fell in the last decade."),
    ("Mortality was higher with miliary disease. General recommendations pertaining to treatment are made.",
     "observational", "Mortality was higher with miliary disease."),
    ("Histology did not predict response. In this paper are reported the results of 132 tumours, and compared with "
     "data from literature.", "observational", "Histology did not predict response."),
    ("Function improved in most knees. Further comparisons with longer follow-up are needed to determine which "
     "repair is better.", "observational", "Function improved in most knees."),
    # what the record goes on to is no finding
    ("Resection remained incomplete and histology showed fibrosis. The case description is followed by a brief "
     "overview of IgG4-related disease.", "case-report", "Resection remained incomplete and histology showed fibrosis."),
    # 'we also discuss' follows findings: the finding before it
    ("Twelve studies were read. Studies of the other nuclei supported a role in reward. Finally, we discuss "
     "strategies for future work.", "review", "Studies of the other nuclei supported a role in reward."),
    ("Clearance of dead cells fails in the plaque. Lastly, we review therapies that restore it.", "review",
     "Clearance of dead cells fails in the plaque."),
    ("Function improved in most knees. Further studies with uniform inclusion criteria, standardized treatment "
     "parameters, well-defined outcome measures, and long follow-up are needed.", "observational",
     "Function improved in most knees."),
    # 'We concluded that' states the authors' conclusion wherever it stands
    ("The view that cases can be halved was examined. We concluded that only a minority of cases follow this trend. "
     "Milder cases pose difficulties. While research gives a clear indication, such knowledge is rarely applied.",
     "letter-editorial", "We concluded that only a minority of cases follow this trend."),
    ("Lung ultrasound was used in 40 neonates. In the end, we have concluded that ultrasound is reliable for pneumonia. "
     "Scores rose with severity.", "observational", "In the end, we have concluded that ultrasound is reliable for "
                                                    "pneumonia."),
    # a conclusion labelled without a colon after a full stop; 'Conclusions support' is a sentence
    ("Accuracy was 0.92 (P = .01). Conclusion An endorectal system predicted response. © RSNA, 2021",
     "observational", "An endorectal system predicted response."),
    ("Mobile devices were used by 30 athletes. Conclusions support the use of daily variability to guide training.",
     "observational", "Conclusions support the use of daily variability to guide training."),
    ("Speech rate was measured in 22 adults. Conclusion GAT is a unique tool to process voice data. Supplemental "
     "Material https://doi.org/10.23641/asha.14575533.", "observational", "GAT is a unique tool to process voice data."),
    # where code or data may be had is no finding
    ("Our model outperforms existing prediction models. The prediction server is available at "
     "http://ssbio.cau.ac.kr/software/bbb.", "other", "Our model outperforms existing prediction models."),
    ("Leukocyte proteins were disturbed in 30 patients. Data are available via ProteomeXchange with identifier "
     "PXD019435.", "observational", "Leukocyte proteins were disturbed in 30 patients."),
    ("Accuracy was high in 40 patients. The system predicted response. See also the editorial by Klibanov in this "
     "issue.", "observational", "The system predicted response."),
    # a journal's note is none
    ("Our results are validated numerically. This article is part of the theme issue 'The mathematics of energy "
     "systems'.", "other", "Our results are validated numerically."),
    ("The niche needs more attention. Published by John Wiley & Sons, Ltd.", "review",
     "The niche needs more attention."),
    ("Bleeding was more frequent with 12 months of therapy. Unique identifier: NCT02494895.", "clinical-trial",
     "Bleeding was more frequent with 12 months of therapy."),
    ("Survival was longer with surgery. Further studies are in progress.", "observational",
     "Survival was longer with surgery."),
    # a call for more study that goes on to a finding ("is needed, but ...") states it
    ("Conduction was delayed in 40 fixture patients. One patient died. Further evaluation is needed, but with "
     "follow-up of 17 months patients without bradyarrhythmias appear not to require pacing.", "observational",
     "Further evaluation is needed, but with follow-up of 17 months patients without bradyarrhythmias appear not to "
     "require pacing."),
    ("Pressure fell in group 1. These facts are explained by differences in the ventricle. The concept is explained.",
     "observational", "These facts are explained by differences in the ventricle."),
    ("Most patients recovered. Registered January 2021.", "clinical-trial", "Most patients recovered."),
    ("Visual aids help readers. J Orthop Sports Phys Ther 2021;51(6):262-263. doi:10.2519/jospt.2021.0108.",
     "letter-editorial", "Visual aids help readers."),
    # the number of a list's next item is no sentence
    ("1. Uptake fell after amphetamine. 2. Entry from the blood was not disturbed. 3. Corticosterone did not mediate "
     "the effect. 4. Changes in catecholamines are considered as possible factors.", "other",
     "Corticosterone did not mediate the effect."),
    # one sentence is its own conclusion; a protocol's plans are none
    ("Two crossover trials have shown that meptazinol is superior to placebo in relieving chronic pain due to cancer.",
     "rct", "Two crossover trials have shown that meptazinol is superior to placebo in relieving chronic pain due to "
            "cancer."),
    # a call for research by way of a method, or where a method can be had, is no finding
    ("All protocols seemed effective. Further investigation through randomized controlled studies is required.",
     "review", "All protocols seemed effective."),
    ("Our method finds differences between clusters. Our methodology has been implemented in the R package fixture.",
     "other", "Our method finds differences between clusters."),
    ("Benign tumours were the most frequent. Future larger multicenter studies may aid in further understanding "
     "these neoplasms.", "observational", "Benign tumours were the most frequent."),
    # what this study demonstrated is its conclusion, not what the authors' earlier study showed
    ("This study demonstrated that the receptor regulates migration. Knockdown reduced migration by 40%.",
     "other", "This study demonstrated that the receptor regulates migration."),
    ("Our recent study showed that the drug protects the colon. Oral doses reduced colitis scores in mice.",
     "other", "Oral doses reduced colitis scores in mice."),
    # results that "were confirmed by" a method are a step of the work, not the authors' judgement of it
    ("Fixture drug A reduced tumour growth. Furthermore, the results were confirmed by western blotting. Thus, "
     "targeting the receptor may offer a new therapy.", "other", "Thus, targeting the receptor may offer a new therapy."),
    ("In the present study it was found that 85 fixture cows had high titres. Titres are also given for all animals.",
     "observational", "In the present study it was found that 85 fixture cows had high titres."),
    # a question left open is no finding
    ("Phagocytes from patients were fewer than from controls. The reasons for this inertia remain to be determined.",
     "observational", "Phagocytes from patients were fewer than from controls."),
    # future directions the record closes on are no finding, whatever verb announces them
    ("Our fixture models reached a sensitivity of 95%. Finally, we conclude with possible future directions for this "
     "research.", "other", "Our fixture models reached a sensitivity of 95%."),
    # a closing remark on harms alone follows the finding it qualifies
    ("Fixture drug A was as effective as fixture drug B in 40 patients. No side-effects were detected in the doses "
     "employed.", "rct", "Fixture drug A was as effective as fixture drug B in 40 patients."),
    ("Pain fell in 30 fixture patients. There were no serious adverse events.", "observational",
     "Pain fell in 30 fixture patients."),
    # what the record takes the chance to do is no finding
    ("Such fixture operations were safe in 76 percent of patients. We have summarized the 24-year experience with "
     "them at our centre.", "case-series", "Such fixture operations were safe in 76 percent of patients."),
    ("Progress remained satisfactory after 3 years. The opportunity is taken to discuss the role of the fixture "
     "bridge.", "case-report", "Progress remained satisfactory after 3 years."),
    # ... and so does one that names the harms first
    ("Pinning gave a better range of motion than traction in 60 fixture children. Complications in both groups were "
     "few.", "rct", "Pinning gave a better range of motion than traction in 60 fixture children."),
    # work still under way, how the record illustrates its point, and what else a review covers are no finding
    ("Radiotherapy did not prolong survival in fixture patients. The data from the second stage are currently "
     "being analyzed.", "rct", "Radiotherapy did not prolong survival in fixture patients."),
    ("Lymphocytes of some fixture volunteers responded more to one species. These reactions are under continued "
     "study.", "observational", "Lymphocytes of some fixture volunteers responded more to one species."),
    ("Some fixture patients have two membrane breaks. This theory is illustrated by three case histories.",
     "case-series", "Some fixture patients have two membrane breaks."),
    ("Combining fixture modalities will give the greatest insight. The review also outlines the context of use of "
     "various techniques.", "review", "Combining fixture modalities will give the greatest insight."),
    # harms that are the finding stay it
    ("Fixture drug A was given to 30 patients. Nausea was the most frequent side effect.", "observational",
     "Nausea was the most frequent side effect."),
    # how the work was measured or analysed, closing the abstract, is no finding; a finding beside it stays one
    ("Growth fell in fixture mice given the drug. Acquired immunity was measured by adoptive transfer of spleen "
     "cells.", "other", "Growth fell in fixture mice given the drug."),
    ("Blood pressure stayed normal in most fixture patients. 38 cases from the literature are analyzed with regard "
     "to morphology.", "case-series", "Blood pressure stayed normal in most fixture patients."),
    ("Fixture drug A was given to 30 patients. Serum levels measured by assay showed a rise in 20 of them.",
     "observational", "Serum levels measured by assay showed a rise in 20 of them."),
    ("Fixture lipopeptides killed both kinds of bacteria. Their action was then simulated with the data using "
     "computational methods.", "other", "Fixture lipopeptides killed both kinds of bacteria."),
    ("Seven days of fixture drug A cleared the infection as well as 21 days. The reproducibility of the isolation "
     "was assessed by delaying treatment in 10 patients.", "clinical-trial",
     "Seven days of fixture drug A cleared the infection as well as 21 days."),
    ("Fixture micelles shrank as the dose rose. Their critical concentrations were determined using surface "
     "tension.", "other", "Fixture micelles shrank as the dose rose."),
    # ... but what a result was obtained with, or what determined it, is the finding
    ("Fixture drug A was given to rats. Similar results were obtained with fixture drug B.", "other",
     "Similar results were obtained with fixture drug B."),
    # how long the people were followed is a detail of the methods; what the record discusses in its closing
    # section and what future uses may bring are no finding either
    ("Fixture vesicostomies were carried out successfully in six patients. The follow up period was 3--16 months.",
     "case-series", "Fixture vesicostomies were carried out successfully in six patients."),
    ("Working as a fixture carer was experienced as precarious. In the conclusion, we discuss how social workers "
     "could support carers.", "observational", "Working as a fixture carer was experienced as precarious."),
    ("The fixture model reproduces the dilation of the artery. Future applications of this model, via cheap "
     "imaging, could potentially help detect disease early.", "other",
     "The fixture model reproduces the dilation of the artery."),
    # what the record goes on to discuss, the verb left out, is no finding
    ("Five fixture diseases were found to produce this appearance. Typical cases are demonstrated and the "
     "differential diagnosis discussed.", "case-series", "Five fixture diseases were found to produce this appearance."),
    ("Fixture grafts took in 11 of 12 patients. Mean follow-up was 2.5 years.", "case-series",
     "Fixture grafts took in 11 of 12 patients."),
    # a concession is no cue: the finding that closes the abstract is the conclusion
    ("Although it is suggested to wait for 4 weeks after infection, there are no data on fixture transplants. Ten "
     "fixture candidates underwent transplant. This report is the first to demonstrate the feasibility of early "
     "transplant.", "case-series", "This report is the first to demonstrate the feasibility of early transplant."),
    # ... but what the follow-up found is one
    ("Fixture grafts were placed in 12 patients. Follow-up was uneventful in all of them.", "case-series",
     "Follow-up was uneventful in all of them."),
    # what is "considered to be" so is the authors' view, not what is considered elsewhere
    ("Fixture children were treated for 12 weeks. No monilial infections were found. Fixture drug A is considered "
     "to be superior to fixture drug B as a treatment for childhood asthma.", "rct",
     "Fixture drug A is considered to be superior to fixture drug B as a treatment for childhood asthma."),
    # evidence "presented that" (or "to support") a claim states the claim: a finding, not what the record does
    ("Fixture hormone levels fell in one patient. Evidence is presented that fixture puberty may result from "
     "prolactin.", "case-report", "Evidence is presented that fixture puberty may result from prolactin."),
    ("Fixture techniques include 2- and 4-field therapy. Data are presented to support the 4-field technique as "
     "the method of choice.", "observational",
     "Data are presented to support the 4-field technique as the method of choice."),
    # what the record has reviewed, in the perfect tense too, is no finding ...
    ("Four fixture cases are described. Excision and repair is the treatment of choice. The relevant literature has "
     "been reviewed.", "case-series", "Excision and repair is the treatment of choice."),
    ("Two fixture repairs succeeded. Thirty cases in the literature have been reviewed in the light of these two.",
     "case-series", "Two fixture repairs succeeded."),
    # ... but a finding the same sentence states first stays one
    ("Fixture spikes were seen in 10 patients. Recording them during attacks seems important and has been briefly "
     "discussed.", "case-series", "Recording them during attacks seems important and has been briefly discussed."),
    # what is discussed beside what the sentence stresses, postulates or takes it to indicate states a finding
    ("A fixture granuloma developed and lasted nine months. Its significance is discussed and the importance of "
     "preventing it is emphasized.", "case-report",
     "Its significance is discussed and the importance of preventing it is emphasized."),
    ("Fixture drugs were weak uptake inhibitors. These results are discussed as further indicating a link between "
     "dopamine and depression.", "other",
     "These results are discussed as further indicating a link between dopamine and depression."),
    ("Renal failure developed in 6 fixture patients. Possible mechanisms are discussed; a lipoprotein is suggested "
     "to be an important factor.", "case-series",
     "Possible mechanisms are discussed; a lipoprotein is suggested to be an important factor."),
    # ... but not what it proposes for others to use
    ("Bronchoscopy may yield the diagnosis of fixture lipoma. A more complete classification is suggested and the "
     "preferred treatment is discussed.", "case-series", "Bronchoscopy may yield the diagnosis of fixture lipoma."),
])
def test_conclusion_without_a_section(abstract, design, expected):
    got = extracted(abstract, {"design": design, "population": "human"}).conclusion
    assert got.value == expected and got.quote.text == expected


@pytest.mark.parametrize("abstract, design", [
    ("Statins differ in solubility. Their harms may differ too. Thus, the aim of the present review was to collect "
     "the evidence on these differences.", "review"),
    ("Robotic surgery has grown. Training varies. In this review, we describe the training programmes that exist.",
     "review"),
    ("Free radicals injure the heart. Its effects on apoptosis were examined to determine whether it protects the "
     "heart.", "clinical"),
    ("Polyps of the appendix are rare in children. We describe the sonographic features of two such polyps.",
     "case-series"),
    ("Stroke follows COVID-19 in some patients. The present narrative review summarizes the current evidence on it.",
     "review"),
    ("Catalysts are used widely. As a result, this minireview will highlight the recent advances in this field.",
     "review"),
    ("Older adults sit for most of the day. This study will assess the effectiveness of a new intervention.",
     "clinical-trial"),
    ("Single-atom enzymes are new. In this perspective, we discuss key aspects of single-atom enzymes.", "review"),
    ("Hormones may help the lungs. Herein we present the study's rationale and experimental design.", "rct"),
    ("Blood vessels form in many ways. Herein, we review how they form in different tissues.", "review"),
    ("Fixture heart defects are seen in adults. This manuscript reviews some of the common ones.", "review"),
    ("Spheroids are used in tissue work. In this mini-review, we describe how fixture spheroids are made.", "review"),
    ("Glioma is imaged in many ways. In this paper, we have summarized the common knowledge of fixture imaging.",
     "review"),
    ("Children with leukemia live longer now. This review considers how fixture families cope.", "review"),
    ("The fixture association was founded in 1988. This is a summary of its history to the present day.", "other"),
])
def test_no_conclusion_when_the_abstract_closes_on_its_aim(abstract, design):
    # an unstructured abstract that ends on what it sets out to do has stated no finding
    assert extracted(abstract, {"design": design, "population": "human"}).conclusion is None


def test_evidence_provided_is_a_finding_not_an_aim():
    abstract = "Energy stress induces GDF15. Herein, we provide evidence that AMPK mediates its induction."
    got = extracted(abstract, {"design": "other", "population": "in-vitro"}).conclusion
    assert got is not None and got.value == "Herein, we provide evidence that AMPK mediates its induction."


def test_no_conclusion_from_a_methods_section():
    record = fixture(None, sections=[("BACKGROUND", "Fixture drugs matter."),
                                     ("SEARCH METHODS", "A literature search was conducted from 1956 up to 2020."),
                                     ("PURPOSE OF REVIEW", "We reviewed the publications on fixture drugs.")])
    assert extract.extract(record, {"design": "review", "population": "human"}).conclusion is None
    record = fixture(None, sections=[("METHODS AND RESULTS", "We enrolled 40 patients. Pain fell by half.")])
    assert extract.extract(record, STUDY).conclusion.value == "Pain fell by half."


def test_a_protocols_plans_are_no_conclusion():
    record = fixture(None, sections=[("METHODS", "SLWH (N = 180) will be recruited."),
                                     ("CONCLUSIONS", "QUIT is designed to improve smoking cessation in SLWH.")])
    assert extract.extract(record, {"design": "protocol", "population": "human"}).conclusion is None


# ---------------------------------------------------------------- kinds of values (the article page's figures)


def conclusion_kind(record):
    found = extract.extract(record, STUDY).conclusion
    return extract.value_kind("conclusion", found.value, record, found.quote.start)


@pytest.mark.parametrize("record", [
    fixture(None, sections=[("METHODS", "We enrolled 40 patients."), ("RESULTS", "Pain fell by half."),
                            ("CONCLUSIONS", "Ketamine relieved pain.")]),
    # a discussion that closes the abstract stands for its conclusion
    fixture(None, sections=[("RESULTS", "Pain fell by half."), ("DISCUSSION", "Ketamine relieved pain.")]),
    fixture("Objectives: To test rTMS. Results: Grip improved (p < 0.01). Conclusion: These results suggested that "
            "rTMS was useful."),
])
def test_a_conclusion_its_authors_label_is_a_kind_of_its_own(record):
    assert conclusion_kind(record) == "conclusion: labelled a conclusion by its authors"


@pytest.mark.parametrize("record", [
    fixture("Forty patients were treated. Pain fell by half. Ketamine relieved pain."),
    fixture("Forty patients were treated. In conclusion, ketamine relieved pain. Further work will follow."),
    # sections, none of them a conclusion: the finding is taken from the results
    fixture(None, sections=[("METHODS", "We enrolled 40 patients."), ("RESULTS", "Ketamine relieved pain.")]),
])
def test_a_conclusion_chosen_from_an_abstract_that_labels_none_is_another(record):
    assert conclusion_kind(record) == "conclusion: the sentence taken for the main finding; the abstract labels none"


@pytest.mark.parametrize("field, value, kind", [
    ("randomised", True, "randomised: yes"), ("randomised", "0", "randomised: no"),
    ("placebo_controlled", 1, "placebo_controlled: yes"), ("placebo_controlled", False, "placebo_controlled: no"),
    ("blinding", "open-label", "blinding: open-label"),
    ("sample_size", 29, "sample_size"), ("follow_up_days", 90.0, "follow_up_days"),
])
def test_a_signal_is_a_kind_by_what_it_says_and_a_count_by_its_field(field, value, kind):
    assert extract.value_kind(field, value, fixture("Forty patients were treated.")) == kind


# ---------------------------------------------------------------- real records


def test_the_sublingual_troche_case_series(real_record):
    record = real_record(34092024)
    got = extract.extract(record, classify.classify(record))
    assert got.sample_size.value == 29 and "twenty-nine patients" in got.sample_size.quote.text
    assert [(d.low, d.high, d.unit, d.route) for d in got.doses] == [(25, 600, "mg", "sublingual-buccal")]
    assert got.conclusion.value.startswith("This retrospective case-series has demonstrated")
    for item in (got.sample_size, got.conclusion, got.doses[0]):
        assert record["abstract"][item.quote.start:item.quote.end] == item.quote.text


def test_a_registered_trial_from_its_databank_list(real_record):
    record = real_record(34086266)
    got = extract.extract(record, classify.classify(record))
    assert {(r.registration_id, r.source) for r in got.registrations} == {("NCT04447131", "databank")}
    assert got.registrations[0].quote is not None  # the abstract names it too: its words are kept


def test_quotes_point_into_the_stored_texts(real_record):
    for pmid in (34092024, 33962333, 34086266):
        record = real_record(pmid)
        got = extract.extract(record, classify.classify(record))
        for item in [got.sample_size, got.studies_included, got.conclusion, got.follow_up_days,
                     *got.doses, *got.comparators]:
            if item is not None:
                text = record[item.quote.source]
                assert text[item.quote.start:item.quote.end] == item.quote.text


# ---------------------------------------------------------------- first looks (extract.Guarded)


def _guarded_expressions():
    found = []

    def walk(value):
        if isinstance(value, extract.Guarded):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for value in vars(extract.PATTERNS).values():
        walk(value)
    return list({id(g): g for g in found}.values())


def test_long_expressions_are_behind_a_first_look():
    guarded = _guarded_expressions()
    assert len(guarded) >= 20
    assert extract.PATTERNS.not_a_finding[0] in guarded and extract.PATTERNS.aims[0] in guarded


def test_every_match_of_a_guarded_expression_holds_a_text_it_looks_for_first(sample_files):
    # The first look rules a text out when it holds none of the texts: real texts must agree.
    records = (v for k, v in read.iter_file(sample_files[1]) if k == "record")
    texts = [f"{r['title']}\n{r.get('abstract') or ''}" for r, _ in zip(records, range(600))]
    for guard in _guarded_expressions():
        for text in texts:
            for match in guard.regex.finditer(text):
                words = ascii_text(match.group()).lower()
                assert any(need in words for need in guard.needs), (guard.pattern[:80], match.group())


@pytest.mark.parametrize("text", [
    "These findings are discussed.",  # the expression matches: so does the first look
    "THESE FINDINGS ARE DISCUSSED.",  # whatever the case
    "These findings are di\u017fcu\u017f\u017fed.",  # a long s, which re.IGNORECASE reads as an s
    "These findings were striking.",  # no match: none either way
])
def test_a_guarded_expression_answers_as_the_expression_does(text):
    guard = extract.PATTERNS.not_a_finding[0]  # 'are discussed', 'is described', ...
    assert isinstance(guard, extract.Guarded)
    expected = guard.regex.search(text)
    found = guard.search(text)
    assert (found and found.span()) == (expected and expected.span())
    assert [m.span() for m in guard.finditer(text)] == [m.span() for m in guard.regex.finditer(text)]


@pytest.mark.parametrize("text, sentences", [
    ("Pain fell. Sleep improved.", ["Pain fell.", "Sleep improved."]),
    ("Pain fell.  ", ["Pain fell."]),  # spaces after the last stop
    ("Pain fell. 12 patients improved.", ["Pain fell.", "12 patients improved."]),
    ("Pain fell. (See table.)", ["Pain fell.", "(See table.)"]),
    ("Doses were 0.5 mg/kg i.v. Pain fell.", ["Doses were 0.5 mg/kg i.v. Pain fell."]),  # an abbreviation's stop
    ("Ketamine was given i.v.", ["Ketamine was given i.v."]),  # ... at the very end
    ("Did pain fall?! It did.", ["Did pain fall?!", "It did."]),
    ("First line\nsecond line", ["First line", "second line"]),
    ("Pain fell.\n", ["Pain fell."]),
    ("Mean age was 7.4 years. Pain fell.", ["Mean age was 7.4 years.", "Pain fell."]),  # a decimal point
    ("It fell. it rose.", ["It fell. it rose."]),  # no capital after the stop: one sentence
])
def test_sentences_end_where_a_reader_ends_them(text, sentences):
    assert [text[a:b] for a, b in extract.split_sentences(text)] == sentences


def test_a_registry_named_only_in_the_section_label_is_read_with_its_id():
    record = fixture(None, sections=[("BACKGROUND", "Pain persists."), ("EUDRACT NUMBER", "2012-001234-56."),
                                     ("UMIN", "R000048089.")])
    got = {(r.registry, r.registration_id) for r in extract.extract(record, STUDY).registrations}
    assert got == {("EudraCT", "2012-001234-56"), ("UMIN-CTR", "R000048089")}


@pytest.mark.parametrize("words, value", [
    ("twenty-nine", 29), ("One hundred and twenty", 120), ("three hundred and sixty-five", 365), ("nineteen", 19),
    # a slip of the pen is no number
    ("Eight-three", None), ("ten five", None), ("three twenty", None),
])
def test_numbers_written_in_words(words, value):
    assert extract.number_value(words) == value


@pytest.mark.parametrize("text", [
    "Children with asthma (n = 40), adults with COPD (N=12) and controls [n = 1,204; 52% women] were included.",
    "Patients aged 18-65 years (BMI > 30) (n = 55) and patients with diabetes, n = 20, were studied (n = 75).",
    "Of the women (n=12) and the men (n = 7), (n = 3) and n = 4 were lost; participants (n = 12 345) answered.",
])
def test_n_equals_matches_are_those_of_finditer(text):
    regex = getattr(extract.PATTERNS.n_equals, "regex", extract.PATTERNS.n_equals)
    found = lambda matches: [(m.span(), m.groupdict()) for m in matches]
    assert found(extract.n_equals_matches(text, extract.PATTERNS)) == found(regex.finditer(text))


def test_window_scan_finds_what_matches_in_any_part_of_the_text():
    # 'group' cut out of 'subgroup' starts at a boundary only in the part; a lookbehind sees nothing before a part
    patterns = extract.PATTERNS
    before = "In the subgroup "
    found = patterns.words_before.found(before)
    for cut in range(len(before)):
        if patterns.label_before.search(before[cut:]):
            assert found.may_match(patterns.label_before)
    assert found.search(patterns.label_before, before[-6:])  # 'group '
    assert not patterns.label_before.search(before)
    assert not patterns.words_before.found("we recruited ").may_match(patterns.label_before)


def test_without_the_engine_a_window_scan_rules_nothing_out(monkeypatch):
    # Python would try every expression for the scan: each is tried where it is asked instead
    monkeypatch.setattr(scan, "hyperscan", None)
    regexes = [re.compile(r"\bcohort\s+\d"), re.compile(r"\bof\s+")]
    found = extract.WindowScan(regexes).found("we recruited ")
    assert all(found.may_match(regex) for regex in regexes)
    assert found.search(regexes[1], "one of ten") and not found.search(regexes[0], "one of ten")
