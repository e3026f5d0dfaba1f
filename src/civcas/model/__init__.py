"""Pure domain records shared by every stage; no I/O lives here."""
