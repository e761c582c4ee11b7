"""Validly signed packages with arbitrary manifest and report JSON: a PackageRejected or a sound
package, never a crash (a known unit's key may sign anything)."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pkgkit import ids, payload_entries, seal, zip_of
from reportdesk.package import PackageRejected, open_package
from reportdesk.package import format as F

json_scalar = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=False),
                        st.text(max_size=30),
                        st.sampled_from(["reportdesk/1", "0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00",
                                         "2026-02-30T00:00:00Z", "../x", "a" * 64]))
json_value = st.recursive(json_scalar, lambda c: st.one_of(st.lists(c, max_size=4),
                                                             st.dictionaries(st.text(max_size=12), c, max_size=4)),
                          max_leaves=12)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.dictionaries(st.sampled_from(F.MANIFEST_KEYS + ("extra",)), json_value, max_size=5),
       st.sampled_from(list(F.MANIFEST_KEYS)))
def test_arbitrary_manifest_values(changes, drop):
    entries, manifest = payload_entries()
    m = dict(manifest)
    m.update(changes)
    if drop not in changes and len(changes) % 3 == 0:
        m.pop(drop, None)
    body = json.dumps(m).encode()
    data = seal(zip_of([(n, body if n == "manifest.json" else b) for n, b in entries]))
    try:
        o = open_package(data, ids().atmt.key, ids().atmt.cert)
    except PackageRejected as e:
        assert e.code and e.message_vi
    else:
        assert o.manifest["unit_code"] == "SCT-01" and o.manifest["signer_sha256"] == manifest["signer_sha256"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(json_value)
def test_arbitrary_report_json(value):
    import hashlib
    entries, manifest = payload_entries()
    body = json.dumps(value).encode()
    m = dict(manifest)
    m["files"] = {"report.json": {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}}
    es = [(n, json.dumps(m).encode() if n == "manifest.json" else body if n == "report.json" else b) for n, b in entries]
    try:
        o = open_package(seal(zip_of(es)), ids().atmt.key, ids().atmt.cert)
    except PackageRejected as e:
        assert e.code in {"bad_manifest"}, e
    else:
        assert isinstance(o.report.get("answers"), dict)
