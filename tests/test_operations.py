"""rf_operations on real sentences: the prefixes and campaign forms, normalised names, and the
standing schemes, units and generic uses that are not named operations."""
import pytest
import spacy
import srsly
from spacy.matcher import Matcher

from pipeline.nlp.macros import expand_macros
from pipeline.nlp.operations import PATTERNS



@pytest.fixture(scope="module")
def nlp():
    """The component alone on spacy.blank("en"), after the sentence splitter it relies on."""
    import pipeline.nlp.pipeline  # noqa: F401  registers the factories and Span._.rf

    n = spacy.blank("en")
    n.add_pipe("rf_sentences")
    n.add_pipe("rf_operations")
    return n

def ops(nlp, text):
    doc = nlp(text)  # a SpanGroup needs its Doc alive
    return [(s._.rf["name"], s._.rf["kind"], s._.rf["mention"]) for s in doc.spans["operations"]]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The Special Constabulary were part of Operation RESPAIR which was a highly visible operation.",
         [("RESPAIR", "operation", "Operation RESPAIR")]),
        ("Preventative action through targeting Urban Street Gang-related criminality (Op. RAPTOR)",
         [("RAPTOR", "operation", "Op. RAPTOR")]),
        ("Operation DINGO – Op Raptor teams identified a drug line supplying crack/heroin in Harlow.",
         [("DINGO", "operation", "Operation DINGO"), ("RAPTOR", "operation", "Op Raptor")]),
        ("Dyfed-Powys Police targeted properties in Carmarthenshire, Ceredigion, and Powys as part of "
         "Operation Mille 3, aimed at disrupting large-scale cannabis production.",
         [("MILLE 3", "operation", "Operation Mille 3")]),
        ("Project Servator – successful crime-deterring tactics turn four",
         [("SERVATOR", "project", "Project Servator")]),
        ("Partnership working took place with Next Chapter and their TRIBE project.",
         [("TRIBE", "project", "their TRIBE project")]),
        ("In Colchester, Operation CHRISTMAS TREE delivered presents to over 500 vulnerable children.",
         [("CHRISTMAS TREE", "operation", "Operation CHRISTMAS TREE")]),
        ("The ‘Safer Nights’ campaign was launched in Colchester with the Community Safety Partnership.",
         [("SAFER NIGHTS", "campaign", "‘Safer Nights’ campaign")]),
        ("The national campaign “Kick it Out”, has been implemented locally.",
         [("KICK IT OUT", "campaign", "campaign “Kick it Out”")]),
        ("Christmas 2021 Drink & Drug Drive campaign – A total of 264 people were arrested during December.",
         [("CHRISTMAS 2021 DRINK & DRUG DRIVE", "campaign", "Christmas 2021 Drink & Drug Drive campaign")]),
        ("The force has launched its #LookCloser campaign.", [("LOOKCLOSER", "campaign", "#LookCloser campaign")]),
        ("A policing plan under the name Operation Moonbeam was introduced in 2018.",
         [("MOONBEAM", "operation", "Operation Moonbeam")]),
        ("Two priority road safety campaigns are currently being prepared by the Safer Essex Roads Partnership: "
         "* Young \nDriver * \"Street Spirit\", focused on Moped riders.",
         [("YOUNG DRIVER", "campaign", "Young Driver"), ("STREET SPIRIT", "campaign", "\"Street Spirit\"")]),
    ],
)
def test_operation_forms(nlp, text, expected):
    assert ops(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Supporting Local Policing and the Operational Policing Command.",
        "Special Constables have supported a large scale ANPR Operation involving Hertfordshire Constabulary.",
        "The operation of the scheme is being reviewed.",
        "The Community Volunteer Services continue to provide support around recruitment Campaigns for 2022.",
        "A review of Hate Crime Offences in Harlow is taking place and an awareness campaign being launched.",
        "We have 500 more officers and 300 more to come on the back of the government's Police Uplift Programme.",
        "Support increased participation in Community Safety by supporting schemes such as Neighbourhood Watch.",
        "Officers are working on safer relationships and promoting #truenottoxic",
        "The operation saw six properties raided, seven people arrested, and six charged.",
        "The Serious Crime Directorate (SCD) Prevent and Project team have completed 102 partner engagements.",
        "Backed by high-profile campaigns and proactive operational activity, almost all targets were reached.",
    ],
)
def test_not_operations(nlp, text):
    assert ops(nlp, text) == []


def test_area_from_the_sentence(nlp):
    doc = nlp("Operation MONTREAL was launched in Colchester to target specific ASB issues.")
    (span,) = doc.spans["operations"]
    assert span._.rf["area"] == "Colchester"
    assert span._.rf["rule"] == "op-operation"


def test_every_mention_is_a_record(nlp):
    text = ("In July the PSNI launched Operation Dealbreaker. As part of Operation Dealbreaker we also worked "
            "alongside our Border Force colleagues.")
    doc = nlp(text)
    assert [s._.rf["name"] for s in doc.spans["operations"]] == ["DEALBREAKER", "DEALBREAKER"]


def test_pattern_file_loads_with_validation(nlp):
    macros = srsly.read_json(PATTERNS / "operations_macros.json")
    matcher = Matcher(nlp.vocab, validate=True)
    ids = [p["id"] for p in srsly.read_jsonl(PATTERNS / "operations.jsonl")]
    for p in srsly.read_jsonl(PATTERNS / "operations.jsonl"):
        matcher.add(p["id"], expand_macros(p["pattern"], macros))
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "text, expected",
    [
        # BBC South: a second phase of a regional operation
        ("It is the second phase of Operation Scorpion - the first phase in March resulted in 194 arrests.",
         [("SCORPION", "operation")]),
        # Warwickshire World: a quoted operation name
        ("‘Operation Bracebridge’ was the Warwickshire policing response to a national County Lines "
         "Intensification Week.", [("BRACEBRIDGE", "operation")]),
        # Hillingdon Vision: a lower-case prefix after a preposition
        ("Multiple arrests were made in relation to operation Yamata in what Police describe as a week of "
         "co-ordinated action.", [("YAMATA", "operation")]),
        ("The operation, known as “intensification week,” saw forces across England and Wales make 1,660 arrests.",
         []),
    ],
)
def test_operations_in_other_forces_news(nlp, text, expected):
    assert [(n, k) for n, k, _ in ops(nlp, text)] == expected


def test_a_two_word_code_name_in_running_text_stays_whole(nlp):
    # Northumberland Gazette: the heading test looks at the line, so body text keeps both words
    text = ("The project – named Operation Soteria Bluestone – aims to enhance outcomes for victims and bring "
            "about meaningful change in how investigations are carried out.")
    assert {n for n, _, _ in ops(nlp, text)} == {"SOTERIA BLUESTONE"}
