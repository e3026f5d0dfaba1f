"""Ingest stage: read files, folders, URLs, feeds and batches into `IncomingReport`s.

Entry point: `civcas.ingest.readers.read_inputs(inputs, settings=, kind=, client=)`.
Nothing there raises for one bad input: each gives an `IngestProblem` whose
`origin` names the file (and line, "path:LINE"; feed entries "source#entryN") and
whose `message` gives the reason, and the rest of the batch goes on.

Problem codes (see `problems.py`): not_found, too_large, fetch_failed, bad_encoding,
binary, empty, empty_text, bad_json, not_object, missing_column, bad_csv, bad_field,
bad_feed, unreadable.
"""
