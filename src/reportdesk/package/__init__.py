"""Identities and the .rdpkg package: build, sign, encrypt, open, verify. No Qt, no store."""

from reportdesk.package.errors import (  # noqa: F401
    REJECTION_CODES,
    IdentityError,
    PackageBuildError,
    PackageError,
    PackageRejected,
    WrongPassphrase,
)
from reportdesk.package.format import (  # noqa: F401
    BuiltPackage,
    Limits,
    OpenedPackage,
    build_package,
    default_file_name,
    make_package,
    make_payload,
    open_package,
    open_package_file,
    read_package_file,
)
from reportdesk.package.identity import (  # noqa: F401
    Identity,
    fingerprint,
    format_fingerprint,
    parse_fingerprint,
)
