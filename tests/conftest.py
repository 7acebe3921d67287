import os

import pytest


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite samples/*.expected.json and *.inspect.json from the current code")


@pytest.fixture(scope="session")
def update_golden(request) -> bool:
    return request.config.getoption("--update-golden") or os.environ.get("PERFXL_UPDATE_GOLDEN") == "1"
