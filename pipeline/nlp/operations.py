"""PLACEHOLDER: replaced by the operations extractor. Registers rf_operations so the pipeline builds."""
from spacy.language import Language
from spacy.tokens import Doc


@Language.factory("rf_operations")
def make_operations(nlp: Language, name: str):
    def component(doc: Doc) -> Doc:
        doc.spans["operations"] = []
        return doc

    return component
