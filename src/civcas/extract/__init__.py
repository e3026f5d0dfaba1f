"""Extraction: facts with their spans from one report's text (see pipeline.extract_report)."""

from civcas.extract.compiled import activate

activate(__path__)
