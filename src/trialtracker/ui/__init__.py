"""The PySide6 desktop window. PySide6 is imported only inside this package.

PySide6 is pinned below 6.12 in ``pyproject.toml``: 6.12.0 on Python 3.11 hands
``None`` (from an empty QVariant, a null pointer) to Python without a reference,
and the interpreter aborts after a while with "none_dealloc: deallocating None".
"""


def unavailable() -> str | None:
    """Why the window cannot start here (PySide6 or a system library it needs is missing), or None."""
    try:
        import PySide6.QtWidgets  # noqa: F401
    except ImportError as exc:
        return str(exc)
    return None
