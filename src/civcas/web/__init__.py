"""The web app and REST API: thin shells over the service layer."""
