"""Readers: bytes in, Document out. No NLP, no writing."""
