"""Settings, declared once. Every setting is read from a `CIVCAS_*` environment variable."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CIVCAS_", extra="ignore")

    data_dir: Path = Field(default=Path("data"), description="Where the SQLite database and archives live.")
    database_url: str | None = Field(
        default=None,
        description="SQLAlchemy URL; default sqlite:///<data_dir>/civcas.db. "
        "PostgreSQL: postgresql+psycopg://user@host/db",
    )
    host: str = Field(default="127.0.0.1", description="Address the web app listens on.")
    port: int = Field(default=8000, description="Port the web app listens on.")
    fetch_timeout_s: float = Field(default=20.0, description="Timeout for fetching a URL or feed.")
    fetch_max_bytes: int = Field(default=10_000_000, description="Largest response accepted from a URL.")
    secret_key: str | None = Field(
        default=None,
        description="Signs session cookies; at least 32 characters. Generated into <data_dir>/secret_key if unset.",
    )
    secure_cookies: bool = Field(default=False, description="Send cookies only over HTTPS (set behind TLS).")
    link_threshold: float | None = Field(
        default=None,
        description="Match weight a new report needs to join an incident; unset: -1 on ingest, -2 for the batch relink.",
    )
    tile_url: str | None = Field(
        default=None,
        description="Map tile server URL template, e.g. http://tiles.internal/{z}/{x}/{y}.png; "
        "unset: the map draws the bundled country outlines only, with no network.",
    )
    tile_attribution: str = Field(default="", description="Attribution shown for the tile server's map.")
    # One at a time measured best on SQLite and on PostgreSQL sharing the machine (docs/performance.md);
    # a database server with cores of its own may keep a worker busier with two or more.
    concurrent_reads: int = Field(
        default=1,
        ge=0,
        description="Page and API reads a worker serves at once, the others waiting in arrival order; 0: no limit.",
    )

    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'civcas.db').as_posix()}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
