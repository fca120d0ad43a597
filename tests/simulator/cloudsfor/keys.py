# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""SSH public keys: reading ``type base64 [comment]`` and the fingerprints of the key blob (the base64 part)."""

import base64
import binascii
import hashlib

KEY_TYPES = ("ssh-rsa", "ssh-dss", "ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
             "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com")


def blob_of(text):
    """The key blob of an OpenSSH public key line, or None when it is not one."""
    if not isinstance(text, str):
        return None
    parts = text.strip().split()
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        return None
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        return None
    # the blob starts with its own type name as an SSH string (4-byte length, then the bytes), which must agree
    length = int.from_bytes(blob[:4], "big") if len(blob) >= 4 else -1
    if blob[4:4 + length] != parts[0].encode():
        return None
    return blob


def md5_fingerprint(blob):
    return ":".join("%02x" % byte for byte in hashlib.md5(blob).digest())


def sha256_fingerprint(blob):
    return "SHA256:" + base64.b64encode(hashlib.sha256(blob).digest()).decode().rstrip("=")


def fingerprint(blob, form):
    return sha256_fingerprint(blob) if form == "sha256" else md5_fingerprint(blob)
