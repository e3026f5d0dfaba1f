"""Ingest stage: read files, URLs, feeds and batches into `IncomingReport`s.

Entry point: `civcas.ingest.readers.read_inputs`. Nothing here raises for one bad
input: problems come back as `IngestProblem`s so the rest of a batch goes on.
"""
