"""PLACEHOLDER: replaced by the figures extractor. Registers rf_figures so the pipeline builds."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("rf_figures")
def make_figures(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc.spans["figures"] = []
        return doc

    return component
