# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""App Store: the built-in catalog and the appstore switch."""

import pytest

from cloudron import appstore_catalog as catalog


def test_list(client):
    status, payload = client.call("GET", "/appstore/apps").outcome
    assert status == 200
    ids = [entry["id"] for entry in payload["apps"]]
    assert set(ids) >= {"org.wordpress.cloudronapp", "com.nextcloud.cloudronapp", "io.cloudron.surfer", "io.gitea.cloudronapp"}
    wordpress = next(entry for entry in payload["apps"] if entry["id"] == "org.wordpress.cloudronapp")
    assert wordpress["publishState"] == "published" and wordpress["creationDate"].endswith(".000Z")
    assert wordpress["manifest"]["version"] == "3.6.0"


@pytest.mark.parametrize("app_id", catalog.app_ids())
def test_manifests(client, app_id):
    entry = client.call("GET", "/appstore/apps/" + app_id).body
    manifest = entry["manifest"]
    assert manifest["id"] == app_id and manifest["manifestVersion"] == 2
    for name in ("title", "version", "healthCheckPath", "httpPort", "memoryLimit", "addons", "tagline", "description", "website",
                 "author", "contactEmail", "dockerImage", "optionalSso"):
        assert name in manifest, name
    assert len(catalog.versions(app_id)) >= 2
    for version in catalog.versions(app_id):
        status, payload = client.call("GET", "/appstore/apps/%s/versions/%s" % (app_id, version)).outcome
        assert status == 200 and payload["manifest"]["version"] == version


def test_known_details(client):
    assert catalog.versions("org.wordpress.cloudronapp") == ["3.4.0", "3.5.1", "3.6.0"]
    assert catalog.entry("org.wordpress.cloudronapp")["manifest"]["memoryLimit"] == 268435456
    assert catalog.entry("com.nextcloud.cloudronapp")["manifest"]["memoryLimit"] == 536870912
    ssh = catalog.entry("io.gitea.cloudronapp")["manifest"]["tcpPorts"]["SSH_PORT"]
    assert ssh["defaultValue"] == 29418 and ssh["title"] and ssh["description"]


def test_unknown(client):
    assert client.call("GET", "/appstore/apps/com.example.nothing").status == 404
    assert client.call("GET", "/appstore/apps/io.cloudron.surfer/versions/0.0.1").status == 404


def test_needs_admin(client):
    client.control("POST", "/tokens", {"token": "t-user", "username": "someone"})
    assert client.call("GET", "/appstore/apps", token="t-user").status == 403


def test_unreachable(client):
    client.control("POST", "/switches", {"appstore": "unreachable"})
    status, payload = client.call("GET", "/appstore/apps").outcome
    assert status == 424 and "ENOTFOUND api.cloudron.io" in payload["message"]
    client.control("POST", "/switches", {"appstore": "unregistered"})
    assert client.call("GET", "/appstore/apps").status == 200
