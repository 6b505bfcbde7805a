"""Sentence boundaries that respect bullets, headings and PDF line wraps (real corpus lines)."""
import spacy

from pipeline.nlp import sentences  # noqa: F401  (registers rf_sentences)


def split(text: str) -> list[str]:
    nlp = spacy.blank("en")
    nlp.add_pipe("rf_sentences")
    return [s.text.strip() for s in nlp(text).sents]


def test_pdf_line_wrap_inside_a_sentence_is_not_a_boundary():
    text = ("There are 11 student officers who have completed their \n\ntraining and will attest on the "
            "17th January 2022. There are a further 28 students.")
    assert split(text) == [
        "There are 11 student officers who have completed their \n\ntraining and will attest on the 17th January 2022.",
        "There are a further 28 students.",
    ]


def test_bullets_and_headings_start_sentences():
    text = ("Special Constabulary\n• The Special Constabulary headcount is currently 493, as at 21st December 2021. "
            "There are 11 student officers.\n\n• There are 13 Community Special Constables supporting eight Parishes.")
    got = split(text)
    assert got[0] == "Special Constabulary"
    assert got[1].startswith("• The Special Constabulary headcount is currently 493")
    assert got[-1] == "• There are 13 Community Special Constables supporting eight Parishes."


def test_abbreviations_do_not_end_sentences():
    got = split("Officers from Op. RAPTOR arrested 12 people. Sgt. James Mint led the team.")
    assert got == ["Officers from Op. RAPTOR arrested 12 people.", "Sgt. James Mint led the team."]


def test_a_quote_closing_a_sentence_ends_it():
    got = split("He said: “Crime is down by 6%.” The Commissioner added 905 officers.")
    assert len(got) == 2 and got[1] == "The Commissioner added 905 officers."
