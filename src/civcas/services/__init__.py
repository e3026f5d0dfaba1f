"""The service layer: the one core API that the CLI and the web app are thin shells over.

Services take a Session and an Actor, add and flush, and never commit: the command or
request that calls them owns the transaction (see store/database.py).
"""
