# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""CloudsFor SSH keys: OpenSSH public keys checked and fingerprinted locally, and the key as a resource.

The server shows one fingerprint per key; which form is not documented (inferred: DigitalOcean's colon-separated MD5,
or OpenSSH's ``SHA256:``), so both are computed here and either matches. A key is identified by its name; a key of
that name with another public key is replaced (the API cannot change a key's public part): the new key is created
first, then the old one deleted. A replacement interrupted between the two leaves two keys of the name, one of them
the wanted key; a re-run finishes it by deleting the others. The same public key under another name is renamed.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct

from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudsfor.context import ids
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.errors import ApiError, ResourceError
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, stripped
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource

MD5 = "md5"
SHA256 = "sha256"


# -- public keys and fingerprints -------------------------------------------------------------------


def key_blob(text):
    """The decoded key data of an OpenSSH public key line (``type base64 [comment]``); ValueError when it is not one.

    The message never quotes the value: a private key pasted by mistake must not reach the output.
    """
    if not isinstance(text, str):
        raise ValueError("must be an OpenSSH public key line, not %s" % type(text).__name__)
    if "PRIVATE KEY" in text:
        raise ValueError("is a private key; give the public key (the .pub file)")
    parts = text.strip().split()
    if len(parts) < 2 or "\n" in text.strip():
        raise ValueError("is not an OpenSSH public key: one line of type, base64 data and an optional comment is expected")
    try:
        blob = base64.b64decode(parts[1].encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise ValueError("is not an OpenSSH public key: its key data is not base64")
    if len(blob) < 4:
        raise ValueError("is not an OpenSSH public key: its key data is too short")
    size = struct.unpack(">I", blob[:4])[0]
    if blob[4:4 + size] != parts[0].encode("ascii", "replace"):
        raise ValueError("is not an OpenSSH public key: its key data is not of the type %s it names" % parts[0][:40])
    return blob


def check_public_key(text):
    """Input check of ``public_key``: the line itself, stripped, once it parses."""
    key_blob(text)
    return text.strip()


def fingerprints(text):
    """``{"md5": "aa:bb:...", "sha256": "SHA256:..."}`` of a public key line (the forms ``ssh-keygen -l -E`` shows,
    without its ``MD5:`` prefix, which DigitalOcean's form lacks)."""
    blob = key_blob(text)
    md5 = hashlib.md5(blob).hexdigest()  # nosec - a key fingerprint, not a security measure
    return {
        MD5: ":".join(md5[index:index + 2] for index in range(0, len(md5), 2)),
        SHA256: "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii").rstrip("="),
    }


def fingerprint_form(value):
    """Which form a fingerprint is in (``md5`` or ``sha256``)."""
    return SHA256 if str(value or "").startswith("SHA256:") else MD5


def same_fingerprint(one, other):
    """Fingerprints compare with an optional ``MD5:`` prefix and, for MD5's hex, without case."""
    def clean(value):
        value = str(value or "").strip()
        if value.upper().startswith("MD5:"):
            value = value[4:]
        return value if value.startswith("SHA256:") else value.lower()
    return bool(one) and bool(other) and clean(one) == clean(other)


def key_fingerprints(key):
    """Every fingerprint a key answers to: the server's own and both computed from its public key."""
    found = [key.get("fingerprint")] if key.get("fingerprint") else []
    try:
        found.extend(fingerprints(key.get("public_key")).values())
    except ValueError:
        pass  # a key the server shows in a form not parsed here still has the server's fingerprint
    return found


def is_key(key, public_key):
    """Whether the server's key ``key`` is the public key line ``public_key`` (by fingerprint, in either form)."""
    wanted = fingerprints(public_key).values()
    return any(same_fingerprint(have, want) for have in key_fingerprints(key) for want in wanted)


def find_keys(keys, reference):
    """The keys a reference (a name, or a fingerprint in either form) means: those of that name, else those with
    that fingerprint."""
    named = [key for key in keys if key.get("name") == reference]
    return named or [key for key in keys if any(same_fingerprint(reference, have) for have in key_fingerprints(key))]


def resolve_keys(ctx, references, option="ssh_keys"):
    """The ids of the keys named (by name or fingerprint). A name two keys share is refused, naming their ids; an
    unknown one fails (in check mode a warning: an earlier task may create it)."""
    found, missing = [], []
    for reference in references:
        matched = find_keys(ctx.keys(), reference)
        if len(matched) > 1:
            raise ResourceError("%s: %d SSH keys are named %r (ids %s); name it by its fingerprint"
                                % (option, len(matched), reference, ids(matched)))
        if matched:
            if matched[0].get("id") not in found:
                found.append(matched[0].get("id"))
        else:
            missing.append(reference)
    ctx.require_existing(option, "SSH key", missing, ())
    return found


# -- the resource -----------------------------------------------------------------------------------


class PublicKeyField(Field):
    """A public key compares by its key data (so the comment and spacing never count)."""

    def differs(self, want, have, append):
        return _blob_or_text(want) != _blob_or_text(have)


def _blob_or_text(text):
    try:
        return key_blob(text)
    except ValueError:
        return text


FIELDS = (
    Field("id", read_only=True),
    Field("name", normalize=stripped, route="rename"),
    PublicKeyField("public_key", parse=check_public_key, normalize=stripped, route="replace"),
    Field("fingerprint", read_only=True),
)


def canonical(raw):
    return {"id": raw.get("id"), "name": raw.get("name"), "public_key": raw.get("public_key"), "fingerprint": raw.get("fingerprint")}


def fingerprint_in(public_key, form):
    """The fingerprint of a public key line in ``form`` (None when the line is not a key)."""
    try:
        return fingerprints(public_key)[form]
    except ValueError:
        return None


class SshKeys(Resource):
    """The SSH keys of the account for the engine. ``rename``: a key found by its public key under another name is
    renamed (for ``state=present``; deletion only ever goes by name)."""

    name = "ssh_key"
    plural = "ssh_keys"
    fields = FIELDS
    required_on_create = ("public_key",)

    def __init__(self, rename=True):
        self.rename = rename
        self.answered = {}  # name -> the key as the server answered a write
        self.unfinished = {}  # name -> (the wanted key, the keys of the name a replacement left to delete)
        # the form of fingerprint the server shows (the other keys tell; MD5, DigitalOcean's, when there are none)
        self.form = MD5
        # a new key's fingerprint, predicted in that form
        self.fields = FIELDS[:-1] + (Field("fingerprint", read_only=True, default=lambda item: fingerprint_in(item.get("public_key"), self.form)),)

    @staticmethod
    def key(item):
        return item.get("name")

    @staticmethod
    def identity(name):
        return stripped(name)

    def read(self, ctx, items, complete):
        keys = ctx.keys()
        self.form = fingerprint_form(next((key.get("fingerprint") for key in keys if key.get("fingerprint")), None))
        return [canonical(raw) for raw in keys]

    def find(self, current, item):
        named = [key for key in current if key["name"] == item.get("name")]
        wanted = [key for key in named if self.rename and item.get("public_key") and is_key(key, item["public_key"])]
        if len(named) > 1 and len(wanted) == 1:
            # an interrupted replacement: the new key is there, the old one was not deleted; "replace" finishes it
            others = [key for key in named if key is not wanted[0]]
            self.unfinished[item["name"]] = (wanted[0], others)
            return others[0]
        if len(named) > 1:
            raise ResourceError("name: %d SSH keys are named %r (ids %s); delete all but one"
                                % (len(named), item.get("name"), ids(named)))
        if named or not (self.rename and item.get("public_key")):
            return named[0] if named else None
        # the same public key under another name: that key is renamed
        return next((key for key in current if is_key(key, item["public_key"])), None)

    def check_updates(self, ctx, updates):
        """A replacement creates the new key first; refused when the account already has that public key under
        another name (the server would refuse the create after nothing else was written)."""
        for change in updates:
            if "public_key" not in change.writes or change.key in self.unfinished:
                continue
            elsewhere = [key for key in ctx.keys() if key.get("id") != change.current["id"] and is_key(key, change.item["public_key"])]
            if elsewhere:
                raise ResourceError("ssh_key %r: public_key is already on the account as the key %r (id %s); delete that "
                                    "key or give it this name" % (change.key, elsewhere[0].get("name"), elsewhere[0].get("id")))

    def predict(self, current, item, after):
        if item.get("name") in self.unfinished:  # the wanted key is there already
            return dict(self.unfinished[item["name"]][0])
        if "public_key" in item and not is_key(current, item["public_key"]):  # replaced: the new key's, in the same form
            after["fingerprint"] = fingerprint_in(item["public_key"], fingerprint_form(current.get("fingerprint")))
        return after

    def create(self, ctx, item):
        body = ctx.client.call("POST", "/keys", body={"name": item["name"], "public_key": item["public_key"]})
        created = canonical(ctx.client.root(body, "ssh_key", "POST", "/keys"))
        self.answered[item["name"]] = created
        ctx.forget("keys")
        return created

    def write(self, ctx, current, route, values, item):
        if route == "rename":
            path = "/keys/%s" % current["id"]
            body = ctx.client.call("PUT", path, body={"name": values["name"]})
            self.answered[item["name"]] = canonical(ctx.client.root(body, "ssh_key", "PUT", path))
        elif route == "replace":
            wanted, old = self.unfinished.get(current["name"], (None, [current]))
            if wanted is None:
                # the new key first, so a failure never leaves the account without the key of this name
                self.create(ctx, dict(item, name=current["name"]))
            else:
                self.answered[item["name"]] = dict(wanted)
            for key in old:
                try:
                    self.delete(ctx, key)
                except ApiError as exc:
                    if not exc.missing:
                        raise
        else:  # pragma: no cover - the field table and this dispatch are kept together
            raise ValueError(route)
        ctx.forget("keys")
        return True

    @staticmethod
    def delete(ctx, current):
        ctx.client.call("DELETE", "/keys/%s" % current["id"])
        ctx.forget("keys")

    def refresh(self, ctx, obj):
        return dict(self.answered.get(obj.get("name")) or obj)
