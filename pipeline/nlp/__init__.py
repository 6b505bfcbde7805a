"""The spaCy pipeline (spacy.blank("en") + rules) and the extractors it runs."""
