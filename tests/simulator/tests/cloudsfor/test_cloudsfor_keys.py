# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SSH keys: create, read by id or fingerprint, rename, delete; the rules; switch fingerprint."""

from urllib.parse import quote

import pytest

pytest.register_assert_rewrite("cfsim")

from cfsim import KEY0_MD5, KEY0_SHA256, key  # noqa: E402

pytest_plugins = ["cfsim"]


def test_create_answers_201_with_the_md5_fingerprint(cf):
    created = cf.ok("POST", "/keys", {"name": "laptop", "public_key": key(0)}, status=201)["ssh_key"]
    assert created == {"id": 1, "fingerprint": KEY0_MD5, "public_key": key(0), "name": "laptop"}
    assert cf.ok("GET", "/keys")["ssh_keys"] == [created]
    assert cf.state()["ssh_keys"][0]["fingerprints"] == {"md5": KEY0_MD5, "sha256": KEY0_SHA256}


def test_the_sha256_fingerprint_switch(cf):
    cf.seed(ssh_keys=[{"name": "laptop", "public_key": key(0)}])
    cf.switches(fingerprint="sha256")
    assert cf.ok("GET", "/keys/1")["ssh_key"]["fingerprint"] == KEY0_SHA256
    # a fingerprint in the path is percent-encoded (the SHA256 form may hold "/"); only the switch's form is known
    assert cf.ok("GET", "/keys/" + quote(KEY0_SHA256, safe=""))["ssh_key"]["id"] == 1
    assert cf.call("GET", "/keys/" + KEY0_MD5).status == 404
    cf.switches(fingerprint="md5")
    assert cf.ok("GET", "/keys/" + KEY0_MD5)["ssh_key"]["id"] == 1


def test_read_rename_and_delete_by_id_or_fingerprint(cf):
    first, second = cf.seed(ssh_keys=[{"name": "a", "public_key": key(0)}, {"name": "b", "public_key": key(1)}])["ssh_keys"]
    assert cf.ok("GET", "/keys/%d" % first)["ssh_key"]["name"] == "a"
    renamed = cf.ok("PUT", "/keys/" + KEY0_MD5, {"name": "renamed", "public_key": key(5)})["ssh_key"]
    assert renamed == {"id": first, "fingerprint": KEY0_MD5, "public_key": key(0), "name": "renamed"}
    result = cf.call("DELETE", "/keys/" + KEY0_MD5)
    assert result.status == 204 and result.body == b"" and result.response.getheader("Content-Type") is None
    assert cf.call("GET", "/keys/%d" % first).error == (404, "not_found")
    assert cf.call("DELETE", "/keys/%d" % first).error == (404, "not_found")
    assert cf.call("DELETE", "/keys/%d" % second).status == 204
    assert cf.ok("GET", "/keys") == {"ssh_keys": [], "links": {}, "meta": {"total": 0}}


def test_names_need_not_be_unique(cf):
    cf.ok("POST", "/keys", {"name": "same", "public_key": key(0)}, status=201)
    cf.ok("POST", "/keys", {"name": "same", "public_key": key(1)}, status=201)
    assert [k["name"] for k in cf.ok("GET", "/keys")["ssh_keys"]] == ["same", "same"]


def test_a_key_already_on_the_account_is_422(cf):
    cf.seed(ssh_keys=[{"name": "a", "public_key": key(0)}])
    result = cf.call("POST", "/keys", {"name": "other", "public_key": key(0, comment="another comment")})
    assert result.status == 422
    assert result.body == {"id": "unprocessable_entity", "message": "SSH Key is already in use on your account"}


@pytest.mark.parametrize("public_key", [
    "not a key",
    "ssh-ed25519",
    "ssh-ed25519 %%%%",
    "ssh-foo " + key(0).split()[1],
    "ssh-rsa " + key(0).split()[1],     # the blob says ssh-ed25519
    "ssh-ed25519 AAAA",
    42,
])
def test_an_unparsable_public_key_is_422(cf, public_key):
    result = cf.call("POST", "/keys", {"name": "bad", "public_key": public_key})
    assert result.error == (422, "unprocessable_entity") and "Key invalid" in result.body["message"]
    assert cf.state()["ssh_keys"] == []


@pytest.mark.parametrize("body, field", [({"public_key": key(0)}, "name"), ({"name": "", "public_key": key(0)}, "name"),
                                         ({"name": "a"}, "public_key")])
def test_missing_fields_are_named(cf, body, field):
    result = cf.call("POST", "/keys", body)
    assert result.status == 422 and result.body["message"].startswith(field)


def test_rename_needs_a_name(cf):
    cf.seed(ssh_keys=[{"name": "a", "public_key": key(0)}])
    assert cf.call("PUT", "/keys/1", {}).body["message"] == "name must be a non-empty string"
    assert cf.call("PUT", "/keys/9", {"name": "x"}).status == 404
