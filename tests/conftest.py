"""Shared pytest setup for minigrad's tests and for nbval's notebook runs.

Kept deliberately small: it fixes the environment that stored outputs depend on and skips the parity
tests when real PyTorch is absent. It hides no failure (no skipped comparisons, no ignored errors).
"""

from __future__ import annotations

import importlib.util
import os

import pytest

# The environment that stored notebook outputs depend on is fixed in the repository's root conftest.py
# (so that it also applies when pytest is pointed at notebooks/ or solutions/ alone).


def _torch_installed() -> bool:
    # Real PyTorch only: minigrad is imported as `minigrad`, never under the name `torch`.
    return importlib.util.find_spec("torch") is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip tests marked `parity` when torch is not installed (`make parity` installs torch==2.13.0).

    Under `make parity` (MINIGRAD_REQUIRE_TORCH=1) a missing torch is an error, not a skip.
    """
    parity_items = [item for item in items if item.get_closest_marker("parity") is not None]
    if not parity_items or _torch_installed():
        return
    if os.environ.get("MINIGRAD_REQUIRE_TORCH") == "1":
        raise pytest.UsageError(
            "parity 테스트에는 실제 PyTorch 가 필요합니다: pip install 'torch==2.13.0' "
            "(MINIGRAD_REQUIRE_TORCH=1 이라서 건너뛰지 않습니다)"
        )
    skip = pytest.mark.skip(reason="실제 PyTorch(torch==2.13.0)가 없어 건너뜁니다 - make parity 로 실행하세요")
    for item in parity_items:
        item.add_marker(skip)
