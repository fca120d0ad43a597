# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""A throwaway CA and server certificates for the HTTPS simulators, made in a directory the caller removes.

The `openssl` command is used when present; otherwise `python tools/_tls.py DIR` runs with an interpreter that has the
`cryptography` package (every test environment does: ansible-core depends on it). The CA key is deleted once the
certificates are signed, so nothing else can ever be signed with it; the server keys stay in the directory (0600).
"""

from __future__ import annotations

import datetime
import os
import shutil
import subprocess
import sys

from _env import ToolError

# name -> (DNS names, IP addresses) in the certificate's subjectAltName
SERVERS = {'good': (('localhost',), ('127.0.0.1',)), 'wrong-host': (('wrong.example',), ())}
DAYS = 2


class Files:
    """Paths of the CA certificate and of each server's certificate and key."""

    def __init__(self, directory):
        self.directory = directory
        self.ca = os.path.join(directory, 'ca.pem')

    def cert(self, name):
        return os.path.join(self.directory, '%s.pem' % name)

    def key(self, name):
        return os.path.join(self.directory, '%s.key' % name)

    def server_args(self, name):
        """serve.py options that make its main listener serve HTTPS with this certificate."""
        return ['--tls-cert', self.cert(name), '--tls-key', self.key(name)]


def make(directory, python=None):
    """Make the CA and every certificate of SERVERS in `directory`; return a Files.

    `python` is an interpreter with `cryptography`, used when the `openssl` command is missing."""
    os.makedirs(directory, mode=0o700, exist_ok=True)
    files = Files(directory)
    if shutil.which('openssl'):
        _with_openssl(files)
    elif python:
        _run([python, os.path.abspath(__file__), directory])
    else:
        raise ToolError('no openssl command and no Python with cryptography to make test certificates')
    return files


def _run(command):
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode:
        raise ToolError('%s failed (status %d): %s' % (os.path.basename(command[0]), result.returncode, result.stderr.strip()))


def _with_openssl(files):
    ca_key = os.path.join(files.directory, 'ca.key')
    ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
    ca_options = ['-keyout', ca_key, '-out', files.ca, '-days', str(DAYS), '-subj', '/CN=selfhosted.platforms test CA',
                  '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']
    _run(['openssl', 'req', '-x509'] + ec + ca_options)
    for name, (dns, ips) in SERVERS.items():
        request, extensions = os.path.join(files.directory, name + '.csr'), os.path.join(files.directory, name + '.ext')
        alt = ['DNS:' + value for value in dns] + ['IP:' + value for value in ips]
        with open(extensions, 'w', encoding='utf-8') as handle:
            # what strict verifiers (Python 3.13's VERIFY_X509_STRICT) ask of a leaf certificate
            handle.write('subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n'
                         'extendedKeyUsage=serverAuth\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' % ','.join(alt))
        _run(['openssl', 'req'] + ec + ['-keyout', files.key(name), '-out', request, '-subj', '/CN=' + dns[0]])
        _run(['openssl', 'x509', '-req', '-in', request, '-CA', files.ca, '-CAkey', ca_key, '-CAcreateserial',
              '-days', str(DAYS), '-extfile', extensions, '-out', files.cert(name)])
        os.remove(request)
        os.remove(extensions)
    os.remove(ca_key)
    serial = os.path.join(files.directory, 'ca.srl')
    if os.path.exists(serial):
        os.remove(serial)
    for name in SERVERS:
        os.chmod(files.key(name), 0o600)


def _with_cryptography(files):
    # pylint: disable=import-outside-toplevel,import-error
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, 'selfhosted.platforms test CA')])
    usage = dict(content_commitment=False, key_encipherment=False, data_encipherment=False, key_agreement=False,
                 encipher_only=False, decipher_only=False)

    def builder(subject, public_key):
        return (x509.CertificateBuilder().subject_name(subject).issuer_name(ca_name).public_key(public_key)
                .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(minutes=5))
                .not_valid_after(now + datetime.timedelta(days=DAYS))
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False))

    ca = (builder(ca_name, ca_key.public_key()).add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=False, key_cert_sign=True, crl_sign=True, **usage), critical=True)
          .sign(ca_key, hashes.SHA256()))
    _write(files.ca, ca.public_bytes(serialization.Encoding.PEM))
    for name, (dns, ips) in SERVERS.items():
        key = ec.generate_private_key(ec.SECP256R1())
        alt = [x509.DNSName(value) for value in dns] + [x509.IPAddress(ipaddress.ip_address(value)) for value in ips]
        cert = (builder(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, dns[0])]), key.public_key())
                .add_extension(x509.SubjectAlternativeName(alt), critical=False)
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=False, crl_sign=False, **usage), critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
                .sign(ca_key, hashes.SHA256()))
        _write(files.key(name), key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                  serialization.NoEncryption()), mode=0o600)
        _write(files.cert(name), cert.public_bytes(serialization.Encoding.PEM))


def _write(path, data, mode=0o644):
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, 'wb') as handle:
        handle.write(data)


if __name__ == '__main__':
    os.makedirs(sys.argv[1], mode=0o700, exist_ok=True)
    _with_cryptography(Files(sys.argv[1]))
