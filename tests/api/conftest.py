import pytest

API = "/api/v2"


@pytest.fixture
def api(client):
    """GET an API address (relative to /api/v2/) as an anonymous reader: (status, JSON)."""

    def get(path, headers=None):
        response = client.get(f"{API}/{path}", headers=headers)
        return response.status_code, response.json()

    return get


def ids(data):
    return [item["id"] for item in data["items"]]
