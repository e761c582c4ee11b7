"""Altered packages: every single-byte change of a small package, truncations, and a property test.

Zero crashes other than PackageRejected, zero accepted.
"""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pkgkit import ids, small_package
from reportdesk.package import PackageRejected, open_package


def _outcome(data: bytes) -> str:
    try:
        open_package(data, ids().atmt.key, ids().atmt.cert)
    except PackageRejected as e:
        return e.code
    return "ACCEPTED"


def test_original_opens():
    assert _outcome(small_package()) == "ACCEPTED"


def test_every_single_byte_flip_is_rejected():
    d = small_package()
    outcomes = Counter()
    accepted = []
    for i in range(len(d)):
        m = bytearray(d)
        m[i] ^= 0x01 if i % 2 else 0x80
        code = _outcome(bytes(m))
        outcomes[code] += 1
        if code == "ACCEPTED":
            accepted.append(i)
    assert not accepted, f"accepted after changing byte at {accepted[:20]}"
    # the rejections are spread over the layers (parse, recipient, decryption, signature, binding, manifest)
    assert {"not_for_us", "decrypt_failed", "bad_signature", "digest_mismatch", "envelope_mismatch"} <= set(outcomes)


def test_every_truncation_is_rejected():
    d = small_package()
    for n in range(0, len(d), 3):
        assert _outcome(d[:n]) != "ACCEPTED"
    assert _outcome(d[:-1]) in {"truncated", "not_cms"}


mutation = st.one_of(
    st.tuples(st.just("set"), st.integers(0, 10**6), st.integers(0, 255)),
    st.tuples(st.just("xor"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.integers(0, 10**6), st.binary(min_size=1, max_size=8)),
    st.tuples(st.just("delete"), st.integers(0, 10**6), st.integers(1, 64)),
    st.tuples(st.just("truncate"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("swap"), st.integers(0, 10**6), st.integers(0, 10**6)),
)


def _apply(d: bytes, muts) -> bytes:
    b = bytearray(d)
    for kind, pos, arg in muts:
        if not b:
            break
        i = pos % len(b)
        if kind == "set":
            b[i] = arg
        elif kind == "xor":
            b[i] ^= arg
        elif kind == "insert":
            b[i:i] = arg
        elif kind == "delete":
            del b[i:i + arg]
        elif kind == "truncate":
            del b[i:]
        elif kind == "swap":
            j = arg % len(b)
            b[i], b[j] = b[j], b[i]
    return bytes(b)


@settings(max_examples=6000, deadline=None, derandomize=False,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(mutation, min_size=1, max_size=4))
def test_mutated_packages_never_crash_never_accepted(muts):
    d = small_package()
    m = _apply(d, muts)
    if m == d:
        return
    try:
        open_package(m, ids().atmt.key, ids().atmt.cert)
    except PackageRejected as e:
        assert e.code and e.message_vi
    else:
        raise AssertionError(f"mutated package accepted: {muts}")


# --- deeper: the same envelope (binding intact) around an altered SignedData ---------------------

import functools  # noqa: E402

from pkgkit import report  # noqa: E402
from reportdesk.package import cms  # noqa: E402
from reportdesk.package import format as F  # noqa: E402


@functools.cache
def _inner():
    """(prepared envelope, SignedData DER, ZIP payload) of a valid package, so that layers can be altered
    below the encryption while the envelope binding stays intact."""
    u, a = ids().unit, ids().atmt
    prepared = cms.prepare_envelope([a.cert, u.cert])
    payload, _ = F.make_payload(report(answers={"x": 1}), signer_cert=u.cert, recipient_certs=[a.cert, u.cert],
                                binding=prepared.recipient_infos_sha256)
    return prepared, cms.sign(payload, u.key, u.cert), payload


def test_inner_reference_opens():
    prepared, signed, _ = _inner()
    assert _outcome(cms.encrypt(prepared, signed)) == "ACCEPTED"


def test_every_single_byte_flip_of_the_signed_data_is_rejected():
    prepared, signed, _ = _inner()
    accepted, outcomes = [], Counter()
    for i in range(len(signed)):
        m = bytearray(signed)
        m[i] ^= 0x01 if i % 2 else 0x80
        code = _outcome(cms.encrypt(prepared, bytes(m)))
        outcomes[code] += 1
        if code == "ACCEPTED":
            accepted.append(i)
    assert not accepted, f"accepted after changing SignedData byte at {accepted[:20]}"
    assert {"bad_signature", "digest_mismatch"} <= set(outcomes)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(mutation, min_size=1, max_size=3))
def test_mutated_signed_data_never_crash_never_accepted(muts):
    prepared, signed, _ = _inner()
    m = _apply(signed, muts)
    if m == signed:
        return
    assert _outcome(cms.encrypt(prepared, m)) != "ACCEPTED"


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(mutation, min_size=1, max_size=3))
def test_mutated_zip_validly_signed_never_crashes(muts):
    # a known signer's key signs a damaged ZIP: whatever comes out is a PackageRejected or a package
    # whose every listed file still matches its signed manifest
    prepared, _signed, payload = _inner()
    m = _apply(payload, muts)
    data = cms.encrypt(prepared, cms.sign(m, ids().unit.key, ids().unit.cert))
    try:
        o = open_package(data, ids().atmt.key, ids().atmt.cert)
    except PackageRejected as e:
        assert e.code and e.message_vi
    else:
        assert o.report["answers"] == {"x": 1} and o.manifest["unit_code"] == "SCT-01"
