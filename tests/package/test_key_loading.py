"""The store's own key file (PBES2 + scrypt + AES-256-CBC) is opened with hashlib's scrypt, which lets
other threads run (the window stays live during an export; the figure is in benchmarks/bench_gui.py):
same key, same refusals; any other structure is still read by cryptography."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from reportdesk.package import identity as ident
from reportdesk.package.errors import WrongPassphrase

PW = "mật khẩu khóa 2026"


@pytest.fixture(scope="module")
def key():
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)


def test_our_key_file_opens_to_the_same_key(key):
    pem = ident.encrypt_key_pem(key, PW)
    assert ident._scrypt_pkcs8_plain(pem, PW) is not None  # the fast path is the one taken
    loaded = ident.load_private_key(pem, PW)
    assert loaded.private_numbers() == key.private_numbers()


def test_a_wrong_passphrase_is_refused(key):
    pem = ident.encrypt_key_pem(key, PW)
    for wrong in ("mật khẩu khoá 2026", "", "x" * 100):
        with pytest.raises(WrongPassphrase):
            ident.load_private_key(pem, wrong)


def test_other_structures_still_open_through_cryptography(key):
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.BestAvailableEncryption(PW.encode("utf-8")))
    assert ident._scrypt_pkcs8_plain(pem, PW) is None
    assert ident.load_private_key(pem, PW).private_numbers() == key.private_numbers()
    with pytest.raises(WrongPassphrase):
        ident.load_private_key(pem, "sai")

