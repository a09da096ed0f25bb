import pytest

from pynn.keras import backend


@pytest.fixture(autouse=True)
def fresh_names():
    """Every test starts with fresh automatic layer names (`dense`, not `dense_7`) and the
    default learning phase, and leaves no learning phase behind."""
    backend.clear_session()
    yield
    backend.clear_session()
