# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SSH keys: public keys checked and fingerprinted locally (vectors from ``ssh-keygen -l -E md5`` / ``-E sha256``), keys
named by name or fingerprint, and the key resource: add, rename, replace (new key first), delete, check mode."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.keys import (
    SshKeys, check_public_key, find_keys, fingerprint_form, fingerprints, is_key, resolve_keys, same_fingerprint,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.engine import Engine
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import PartialFailure, ResourceError

from ansible_collections.selfhosted.platforms.tests.unit.plugins.module_utils.cloudsfor.fake_cloudsfor import BASE, make, run_module_on

# Generated with ssh-keygen; the expected strings are what `ssh-keygen -l -E md5|sha256 -f KEY.pub` printed.
ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHKHBwDs8h41V0IJWTg9aVCxceO1AdSf/LBtKY1/ejyq deploy@example.com"
ED25519_MD5 = "d1:5c:36:00:fb:49:82:7d:1a:aa:a9:22:5d:c1:ac:f4"
ED25519_SHA256 = "SHA256:kPsppKQ4aO6aiE8p+lNe2QJS2aNo4V0BR2WzFozz8sM"
RSA = ("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDBt/wBiFrZtJ9VseK4JOhh1A8vv8v5Uc2qqUwsKFXcvteUBz6XKravfz1kjE5plZJpTOnotgSxLgNwvokJmBb3"
       "HM/pO92ytRz6TGJ19ydPmyW7KcSyEMiYCBveVqvLCgA5PZfTg26nbtCO54kAcZ4ZkVW+EUrXvUEeszPXROEN2c8byoD4auOJY8JBaN5nL120SXC7ptopZphRuF"
       "KNmWD6+uv1Sg9n69f/Ie8oqHvZqNutQ79wnLgXgz+0Q6e4DpnIzoLIX40HYTTSm3oygWrcxSMMV04DokvFBTRAVqTQknh2XHUcpzzWAiluOMdn3cwwE3iwrzF0huQh"
       "vaqivU39 ops@example.com")
RSA_MD5 = "5b:a6:e5:0c:4d:5b:13:6c:21:d7:3e:17:2e:2e:85:1a"
RSA_SHA256 = "SHA256:04yLdhWpSr0lX+pqtM2tyVNGnAg2jFq3/kSy3hMAyhk"
ECDSA = ("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBJdO+2sIzh3zTENjWazLQYLHaP9QA/77jRsjb6igIm+mCAXHPk7"
         "VVH2HpW00X0oU15mcO0fZrLfx0mFvdmdsA/8=")
ECDSA_MD5 = "46:c9:1d:1d:a4:50:c2:ff:1f:0e:59:d7:03:e8:f1:df"
ECDSA_SHA256 = "SHA256:xBcm0fd4Ke1uef5hiP/5jnXS69hoQYV6poC6bjMWsb8"


# -- public keys and fingerprints -------------------------------------------------------------------


@pytest.mark.parametrize("key,md5,sha256", [(ED25519, ED25519_MD5, ED25519_SHA256), (RSA, RSA_MD5, RSA_SHA256),
                                            (ECDSA, ECDSA_MD5, ECDSA_SHA256)], ids=["ed25519", "rsa", "ecdsa"])
def test_fingerprints_are_those_ssh_keygen_shows(key, md5, sha256):
    assert fingerprints(key) == {"md5": md5, "sha256": sha256}


def test_the_comment_and_spacing_do_not_change_the_fingerprint():
    assert fingerprints("  " + ED25519.replace(" deploy@example.com", "   other comment ") + "\n") == fingerprints(ED25519)


@pytest.mark.parametrize("text,message", [
    ("", "one line of type, base64 data"),
    ("ssh-ed25519", "one line of type, base64 data"),
    ("ssh-ed25519 not*base64!", "not base64"),
    ("ssh-rsa " + ED25519.split()[1], "not of the type ssh-rsa"),
    ("ssh-ed25519 AAAA", "too short"),
    (ED25519 + "\n" + RSA, "one line"),
])
def test_what_is_not_a_public_key_is_refused(text, message):
    with pytest.raises(ValueError, match=message):
        check_public_key(text)


def test_a_private_key_is_refused_without_being_quoted():
    private = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ-secret-part\n-----END OPENSSH PRIVATE KEY-----"
    with pytest.raises(ValueError) as info:
        check_public_key(private)
    assert "private key" in str(info.value) and "secret-part" not in str(info.value)


def test_fingerprints_compare_with_or_without_the_md5_prefix_and_hex_case():
    assert same_fingerprint("MD5:" + ED25519_MD5.upper(), ED25519_MD5)
    assert not same_fingerprint(ED25519_SHA256.lower(), ED25519_SHA256)  # base64 keeps its case
    assert not same_fingerprint(None, None)
    assert fingerprint_form(ED25519_SHA256) == "sha256" and fingerprint_form(ED25519_MD5) == "md5"


@pytest.mark.parametrize("shown", [ED25519_MD5, ED25519_SHA256])
def test_a_key_is_recognised_by_the_fingerprint_the_server_shows_in_either_form(shown):
    assert is_key({"fingerprint": shown, "public_key": None}, ED25519)
    assert not is_key({"fingerprint": shown, "public_key": None}, RSA)


def test_a_key_is_recognised_by_its_public_key_whatever_fingerprint_the_server_shows():
    assert is_key({"fingerprint": "something-else", "public_key": ED25519}, ED25519)


KEYS = [{"id": 1, "name": "deploy", "public_key": ED25519, "fingerprint": ED25519_MD5},
        {"id": 2, "name": "ops", "public_key": RSA, "fingerprint": RSA_SHA256},
        {"id": 3, "name": "twin", "public_key": ECDSA, "fingerprint": ECDSA_MD5}]


@pytest.mark.parametrize("reference,expected", [("deploy", [1]), (ED25519_MD5, [1]), ("MD5:" + ED25519_MD5, [1]), (ED25519_SHA256, [1]),
                                                (RSA_MD5, [2]), (RSA_SHA256, [2]), ("nobody", [])])
def test_keys_are_named_by_name_or_fingerprint_in_either_form(reference, expected):
    assert [key["id"] for key in find_keys(KEYS, reference)] == expected


def test_resolving_keys_gives_their_ids_once_each():
    ctx, server = make()
    server.keys = [dict(key) for key in KEYS]
    assert resolve_keys(ctx, ["deploy", ED25519_SHA256, RSA_MD5]) == [1, 2]


def test_a_name_two_keys_share_is_refused_naming_their_ids():
    ctx, server = make()
    server.keys = [dict(KEYS[0]), dict(KEYS[1], name="deploy")]
    with pytest.raises(ResourceError, match=r"ssh_keys: 2 SSH keys are named 'deploy' \(ids 1, 2\)"):
        resolve_keys(ctx, ["deploy"])


def test_an_unknown_key_fails_and_in_check_mode_warns():
    ctx, server = make()
    server.keys = [dict(KEYS[0])]
    with pytest.raises(ResourceError, match="ssh_keys: SSH key 'laptop' does not exist"):
        resolve_keys(ctx, ["laptop", "deploy"])
    warnings = []
    ctx, server = make(check_mode=True, warnings=warnings)
    server.keys = [dict(KEYS[0])]
    assert resolve_keys(ctx, ["laptop", "deploy"]) == [1]
    assert "SSH key 'laptop' does not exist; assuming an earlier task creates it (check mode)" in warnings[0]


# -- the resource -----------------------------------------------------------------------------------


def converge(ctx, state="present", check_mode=False, **params):
    resource = SshKeys(rename=state == "present")
    engine = Engine(resource, ctx, check_mode=check_mode)
    items = engine.items([params])
    outcome = engine.converge(items, state)
    return outcome


def test_a_new_key_is_added():
    ctx, server = make()
    outcome = converge(ctx, name="deploy", public_key=ED25519)
    assert outcome.changed
    assert server.sent("POST", "/keys") == [{"name": "deploy", "public_key": ED25519}]
    assert outcome.results[0] == {"id": server.keys[0]["id"], "name": "deploy", "public_key": ED25519,
                                  "fingerprint": server.keys[0]["fingerprint"]}


def test_check_mode_predicts_a_new_key_with_the_fingerprint_form_of_the_other_keys_and_writes_nothing():
    ctx, server = make(check_mode=True)
    server.keys = [dict(KEYS[1])]  # the server shows SHA256 fingerprints
    outcome = converge(ctx, check_mode=True, name="deploy", public_key=ED25519)
    assert outcome.changed and server.writes() == []
    assert outcome.results[0] == {"id": None, "name": "deploy", "public_key": ED25519, "fingerprint": ED25519_SHA256}


def test_the_same_key_again_is_no_change_whatever_its_comment():
    ctx, server = make()
    server.keys = [dict(KEYS[0])]
    outcome = converge(ctx, name="deploy", public_key=ED25519.replace("deploy@example.com", "laptop"))
    assert not outcome.changed and server.writes() == []


def test_the_same_public_key_under_another_name_is_renamed():
    ctx, server = make()
    server.keys = [dict(KEYS[0], name="old-name")]
    outcome = converge(ctx, name="deploy", public_key=ED25519)
    assert outcome.changed
    assert server.calls()[-1] == "PUT /keys/1" and server.sent("PUT", "/keys/1") == [{"name": "deploy"}]
    assert outcome.results[0]["name"] == "deploy" and outcome.results[0]["id"] == 1


def test_a_key_of_that_name_with_another_public_key_is_replaced_new_key_first():
    ctx, server = make()
    server.keys = [dict(KEYS[0])]
    outcome = converge(ctx, name="deploy", public_key=RSA)
    writes = [call for call in server.calls() if not call.startswith("GET")]
    assert writes == ["POST /keys", "DELETE /keys/1"]
    assert [(key["name"], key["public_key"]) for key in server.keys] == [("deploy", RSA)]
    assert outcome.results[0]["id"] == server.keys[0]["id"] != 1
    assert outcome.before == {"deploy": {"id": 1, "name": "deploy", "public_key": ED25519, "fingerprint": ED25519_MD5}}


def test_a_replacement_with_a_key_the_account_has_under_another_name_is_refused_before_any_write():
    for check_mode in (False, True):
        ctx, server = make(check_mode=check_mode)
        server.keys = [dict(KEYS[0]), dict(KEYS[1])]
        with pytest.raises(ResourceError, match="public_key is already on the account as the key 'ops' \\(id 2\\)"):
            converge(ctx, check_mode=check_mode, name="deploy", public_key=RSA)
        assert server.writes() == []


def test_two_keys_of_the_name_neither_of_them_wanted_are_refused_naming_their_ids():
    ctx, server = make()
    server.keys = [dict(KEYS[0]), dict(KEYS[1], name="deploy")]
    with pytest.raises(ResourceError, match=r"2 SSH keys are named 'deploy' \(ids 1, 2\)"):
        converge(ctx, name="deploy", public_key=ECDSA)
    for public_key in (ED25519, None):
        with pytest.raises(ResourceError, match=r"2 SSH keys are named 'deploy' \(ids 1, 2\)"):
            converge(ctx, state="absent", name="deploy", public_key=public_key)
    assert server.writes() == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_an_interrupted_replacement_is_finished_by_deleting_the_other_keys_of_the_name(check_mode):
    ctx, server = make(check_mode=check_mode)
    server.keys = [dict(KEYS[1], name="deploy"), dict(KEYS[2], name="deploy"), dict(KEYS[0])]  # the wanted key came last
    outcome = converge(ctx, check_mode=check_mode, name="deploy", public_key=ED25519)
    assert outcome.changed
    assert [change.report() for change in outcome.changes] == [{"action": "update", "key": "deploy", "fields": ["public_key"]}]
    assert outcome.results[0] == {"id": 1, "name": "deploy", "public_key": ED25519, "fingerprint": ED25519_MD5}
    assert outcome.before["deploy"]["id"] == 2
    if check_mode:
        assert server.writes() == []
    else:
        assert [call for call in server.calls() if not call.startswith("GET")] == ["DELETE /keys/2", "DELETE /keys/3"]
        assert [key["id"] for key in server.keys] == [1]
        ctx.forget()
        assert not converge(ctx, name="deploy", public_key=ED25519).changed


def test_a_replacement_whose_delete_failed_is_finished_by_the_next_run():
    ctx, server = make()
    server.keys = [dict(KEYS[0])]
    server.inject("DELETE", "/keys/1", (500, {"id": "server_error", "message": "Internal Server Error"}))
    with pytest.raises(PartialFailure) as info:
        converge(ctx, name="deploy", public_key=RSA)
    assert "DELETE" in str(info.value.error) and "500" in str(info.value.error)
    assert [(key["name"], key["public_key"]) for key in server.keys] == [("deploy", ED25519), ("deploy", RSA)]
    ctx.forget()
    outcome = converge(ctx, name="deploy", public_key=RSA)
    assert outcome.changed and [(key["name"], key["public_key"]) for key in server.keys] == [("deploy", RSA)]
    assert server.calls()[-1] == "DELETE /keys/1" and server.sent("POST", "/keys") == [{"name": "deploy", "public_key": RSA}]


def test_absent_deletes_by_name_only():
    ctx, server = make()
    server.keys = [dict(KEYS[0], name="other")]
    outcome = converge(ctx, state="absent", name="deploy", public_key=ED25519)
    assert not outcome.changed and server.writes() == []
    server.keys = [dict(KEYS[0])]
    ctx.forget()
    outcome = converge(ctx, state="absent", name="deploy")
    assert outcome.changed and server.calls()[-1] == "DELETE /keys/1" and server.keys == []


def test_a_bad_public_key_names_the_option_before_any_request():
    ctx, server = make()
    with pytest.raises(ResourceError, match="public_key: is not an OpenSSH public key"):
        converge(ctx, name="deploy", public_key="ssh-ed25519 ###")
    assert server.log == []


def test_check_mode_predicts_a_replaced_keys_fingerprint_in_the_form_the_server_shows():
    ctx, server = make(check_mode=True)
    server.keys = [dict(KEYS[1], name="deploy")]  # SHA256 form
    outcome = converge(ctx, check_mode=True, name="deploy", public_key=ED25519)
    assert outcome.changed and server.writes() == []
    assert outcome.results[0] == {"id": 2, "name": "deploy", "public_key": ED25519, "fingerprint": ED25519_SHA256}


# -- failures as the module reports them ------------------------------------------------------------


def ssh_key_module(run):
    """What cloudsfor_ssh_key's main runs once its options are parsed."""
    run.singular(SshKeys(rename=run.params["state"] == "present"))


def test_a_failed_create_names_the_options_given_and_no_read_only_field():
    ctx, server = make()
    server.inject("POST", "/keys", (503, {"id": "server_error", "message": "Injected fault"}))
    outcome, result, _warnings = run_module_on(ctx, ssh_key_module, {"name": "deploy", "public_key": ED25519, "state": "present"})
    assert outcome == "fail"
    assert result["msg"] == ("ssh_key 'deploy': create failed (options: name, public_key): POST %s/keys returned 503: "
                             "Injected fault (server_error)" % BASE)
    assert result["changed"] is False and result["changes"] == [] and result["error"]["status"] == 503


def test_a_replacement_whose_delete_failed_is_reported_as_an_update_of_the_public_key():
    ctx, server = make()
    server.keys = [dict(KEYS[0])]
    server.inject("DELETE", "/keys/1", (500, {"id": "server_error", "message": "Internal Server Error"}))
    outcome, result, _warnings = run_module_on(ctx, ssh_key_module, {"name": "deploy", "public_key": RSA, "state": "present"})
    assert outcome == "fail"
    assert result["msg"] == ("ssh_key 'deploy': update failed (options: public_key): DELETE %s/keys/1 returned 500: "
                             "Internal Server Error (server_error)" % BASE)
    ctx.forget()
    outcome, result, _warnings = run_module_on(ctx, ssh_key_module, {"name": "deploy", "public_key": RSA, "state": "present"})
    assert outcome == "exit" and result["changed"] is True and result["ssh_key"]["public_key"] == RSA
    assert [key["public_key"] for key in server.keys] == [RSA]
