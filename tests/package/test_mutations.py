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
