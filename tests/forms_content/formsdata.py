"""Shared helpers for the tests of the shipped forms, units registry and calendar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reportdesk.domain.forms import Form, load_form_file

REPO = Path(__file__).resolve().parents[2]
FORMS = REPO / "forms"
SAMPLES = FORMS / "samples"
RESOURCES = REPO / "resources"

FORM_IDS = ("bc-cucvu", "bc-sct", "bc-tct")


def load_form(form_id: str) -> Form:
    return load_form_file(FORMS / f"{form_id}.v1.yaml")


def load_sample(name: str) -> dict:
    return json.loads((SAMPLES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def forms() -> dict[str, Form]:
    return {fid: load_form(fid) for fid in FORM_IDS}
