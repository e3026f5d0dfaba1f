"""The session-signing secret: from CIVCAS_SECRET_KEY, or generated once per installation."""

from __future__ import annotations

import secrets

from civcas.config import Settings


def session_secret(settings: Settings) -> str:
    if settings.secret_key:
        if len(settings.secret_key) < 32:
            raise ValueError("CIVCAS_SECRET_KEY must be at least 32 characters")
        return settings.secret_key
    path = settings.data_dir / "secret_key"
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key, encoding="utf-8")
    path.chmod(0o600)
    return key
