#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import annotations

DOCUMENTATION = r"""
module: cloudron_description_info
short_description: Read a whole Cloudron server as the description the bootstrap role takes
version_added: 0.1.0
description:
  - Returns the server's settings, domains, groups, users, apps and mail in the form of the C(cloudron_bootstrap_description) variable
    of the P(selfhosted.platforms.cloudron_bootstrap#role) role, and a skeleton of the secrets it would need.
  - Lists are sorted by identity, so the same server always gives the same description, and applying it to another
    server and reading that back gives it again.
  - Every managed value is written, defaults included (C(role=user), C(active=true), C(groups=[]), C(memory_limit=0)),
    so a server rebuilt from the description keeps noticing when one of them is changed by hand. O(minimal) leaves
    values equal to the server's defaults out.
  - Left out are the token's own user (provisioning creates it), users and groups of an external directory, app versions
    (automatic updates move them) and group members (users carry their groups).
  - Secrets cannot be read back. The skeleton names every credential and app environment variable with the placeholder
    C(REPLACE-WITH-SECRET), which the bootstrap role refuses to apply. App environment variables all go to the skeleton,
    because the server does not say which of them are secret; so does the password of every mail relay that logs in
    with a username (the server shows a relay password masked, if at all), the directory server's secret when it is
    enabled, the external directory's bind password when it binds with a DN, and the registry's password when it
    logs in with a username.
  - Also left out are API tokens with a scope other than read-only or read-write (M(selfhosted.platforms.cloudron_token)
    makes only those), expired tokens, the OIDC clients the server makes for an app's login, and the ids, secrets and
    last-use times of tokens and clients.
  - Images (the branding's avatar and background, applink icons) are written as files only with O(files_dir); without
    it, C(branding) and the applinks' C(icon) are left out of the description.
author:
  - selfhosted.platforms maintainers (@selfhosted-platforms)
extends_documentation_fragment:
  - selfhosted.platforms.cloudron
attributes:
  check_mode:
    support: full
    description: The module only reads the server; in check mode the files O(files_dir) would get are listed, not written.
  diff_mode:
    support: none
    description: The module changes nothing on the server, so there is nothing to show.
  action_group:
    support: full
    description: Use C(group/selfhosted.platforms.cloudron) in C(module_defaults) to set the connection options once.
    membership:
      - selfhosted.platforms.cloudron
options:
  minimal:
    description:
      - Leave out values equal to the server's defaults, for a shorter description.
      - A server bootstrapped from a minimal description does not manage those values, so it no longer notices when one
        of them is changed by hand (a user made C(admin) by hand, say, stays admin unnoticed).
      - Services are then listed only with a memory limit other than their default or recovery mode on.
    type: bool
    default: false
  files_dir:
    description:
      - A directory on the host running the module to write the images the server serves to (made when missing),
        each named C(<kind>-<first 12 hex digits of its SHA-256>.<ext>) (kind V(avatar), V(background) or
        V(applink-icon); the extension from the image's first bytes (V(png), V(jpg), V(gif)), else V(bin)).
      - A file is written (mode 0644, atomically) only when it is missing or differs, so exports of several servers
        into one directory share the images they have in common.
      - The description names each file as O(files_prefix)C(/<name>).
    type: path
  files_prefix:
    description:
      - How the description names O(files_dir) (without a trailing slash); V(files) when O(files_dir) is the
        directory C(files) beside the description file, whose relative paths the bootstrap role takes from the
        description file's own directory. An empty value gives the bare file names.
    type: str
    default: files
notes:
  - Reading domain settings and the mail server's settings needs the C(admin) role.
  - C(playbooks/export.yml) writes the description and the secrets skeleton to files, and the images to C(files/) beside
    them.
  - C(changed) is V(true) only when a file was (in check mode, would be) written to O(files_dir).
seealso:
  - module: selfhosted.platforms.cloudron_users
  - module: selfhosted.platforms.cloudron_apps
"""

EXAMPLES = r"""
- name: Read the server
  selfhosted.platforms.cloudron_description_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
  register: server

- name: Write the description
  ansible.builtin.copy:
    content: "{{ {'cloudron_bootstrap_description': server.description} | to_nice_yaml(indent=2) }}"
    dest: "{{ inventory_hostname }}.yml"
    mode: "0644"

- name: Read the server with its images, written to files/ beside the description
  selfhosted.platforms.cloudron_description_info:
    api_url: my.example.com
    api_token: "{{ cloudron_readonly_token }}"
    files_dir: "{{ playbook_dir }}/files"
  register: server
"""

RETURN = r"""
description:
  description:
    - The server as the bootstrap role's C(cloudron_bootstrap_description).
    - Each entry is in the form of the options of the module named (see there for what a value means); a key is
      left out when the server has no value for it, and with O(minimal) when it holds the server's default.
  returned: always
  type: dict
  contains:
    settings:
      description:
        - Every setting M(selfhosted.platforms.cloudron_settings) manages that the server has, in the form of its options. Their defaults
          differ between server versions, so they are all written.
      type: dict
      contains:
        cloudron_name:
          description: The name shown in the dashboard, emails and the login page.
          type: str
          sample: Example Co
        time_zone:
          description: The time zone of the server's schedules, an IANA name.
          type: str
          sample: Europe/Berlin
        language:
          description: The default language of the dashboard and emails.
          type: str
          sample: de
        footer:
          description: The dashboard footer, in Markdown (C(%YEAR%) and C(%VERSION%) as written).
          type: str
          sample: "&copy; %YEAR% Example Co"
        autoupdate_pattern:
          description: When automatic updates run, a cron pattern of six fields (seconds first), or V(never).
          type: str
          sample: "00 00 1,3,5,23 * * *"
        dynamic_dns:
          description: Whether the server keeps its domains' DNS records pointing at its public IP.
          type: bool
          sample: false
    domains:
      description: Domains in the form of M(selfhosted.platforms.cloudron_domain), without credentials.
      type: list
      elements: dict
      contains:
        domain:
          description: The domain name.
          type: str
          sample: example.com
        zone_name:
          description: The DNS zone.
          type: str
          sample: example.com
        provider:
          description: The DNS provider.
          type: str
          sample: cloudflare
        dns_config:
          description:
            - The provider settings that are not secret, those the server has for the provider; left out when the
              provider has none.
          type: dict
          sample: {token_type: ApiToken}
          contains:
            email:
              description: The Cloudflare account email (with C(token_type=GlobalApiKey)).
              type: str
              returned: when the provider uses it
            token_type:
              description: The Cloudflare token kind, V(GlobalApiKey) or V(ApiToken).
              type: str
              returned: when the provider uses it
              sample: ApiToken
            access_key_id:
              description: The Route 53 access key id.
              type: str
              returned: when the provider uses it
            project_id:
              description: The Google Cloud DNS project id.
              type: str
              returned: when the provider uses it
            username:
              description: The Name.com or Namecheap user name.
              type: str
              returned: when the provider uses it
            customer_number:
              description: The netcup customer number.
              type: str
              returned: when the provider uses it
            endpoint:
              description: The OVH API endpoint.
              type: str
              returned: when the provider uses it
            app_key:
              description: The OVH application key.
              type: str
              returned: when the provider uses it
        tls_config:
          description: The certificate settings.
          type: dict
          sample: {provider: letsencrypt-prod, wildcard: true}
          contains:
            provider:
              description: V(letsencrypt-prod), V(letsencrypt-staging) or V(fallback).
              type: str
              sample: letsencrypt-prod
            wildcard:
              description: Whether one wildcard certificate is obtained instead of one per app.
              type: bool
              sample: false
        fallback_certificate:
          description: The domain's own certificate (PEM); left out when it has none. Its key is never shown.
          type: str
    groups:
      description: Group names.
      type: list
      elements: dict
      contains:
        name:
          description: The group name.
          type: str
          sample: staff
    users:
      description: Users in the form of M(selfhosted.platforms.cloudron_users) items.
      type: list
      elements: dict
      contains:
        username:
          description: The username; left out for an invited user who has not chosen one.
          type: str
          sample: alice
        email:
          description: The primary email, lower-case.
          type: str
          sample: alice@example.com
        display_name:
          description: The full name.
          type: str
          sample: Alice Example
        fallback_email:
          description: The password recovery email.
          type: str
          sample: alice@example.com
        role:
          description: The role, V(owner), V(admin), V(usermanager), V(mailmanager) or V(user).
          type: str
          sample: admin
        active:
          description: Whether the user may log in.
          type: bool
          sample: true
        groups:
          description: Names of the user's groups, sorted.
          type: list
          elements: str
          sample: [staff]
    apps:
      description: Apps in the form of M(selfhosted.platforms.cloudron_apps) items, without environment variables.
      type: list
      elements: dict
      contains:
        app_store_id:
          description: The App Store id of the app's package.
          type: str
          sample: org.wordpress.cloudronapp
        subdomain:
          description: The subdomain the app lives at, lower-case; V("") for the domain itself.
          type: str
          sample: blog
        domain:
          description: The domain the app lives on, lower-case.
          type: str
          sample: example.com
        label:
          description: The name shown on the dashboard; V("") without one.
          type: str
          sample: Company blog
        notes:
          description: The notes shown on the dashboard, in Markdown; V("") without any.
          type: str
          sample: Ask **Bob** before changing plugins.
        tags:
          description: The dashboard tags, sorted.
          type: list
          elements: str
          sample: [web]
        access_restriction:
          description: Who may use the app, V(everyone) or a dict of C(users) and C(groups).
          type: raw
          sample: {users: [], groups: [editors]}
          contains:
            users:
              description: Usernames (the email of a user without one), sorted; the id of a user the server no longer knows.
              type: list
              elements: str
              sample: [bob]
            groups:
              description: Group names, sorted; the id of a group the server no longer knows.
              type: list
              elements: str
              sample: [editors]
        operators:
          description: Users and groups who may configure, start and stop the app without being admins.
          type: dict
          contains:
            users:
              description: Usernames (the email of a user without one), sorted.
              type: list
              elements: str
              sample: []
            groups:
              description: Group names, sorted.
              type: list
              elements: str
              sample: [editors]
        enable_backup:
          description: Whether the app is in the automatic backups.
          type: bool
          sample: true
        enable_automatic_update:
          description: Whether the app is updated automatically.
          type: bool
          sample: true
        reverse_proxy_config:
          description: The settings of the reverse proxy in front of the app.
          type: dict
          contains:
            robots_txt:
              description: The content of C(/robots.txt); V("") for the app's own.
              type: str
              sample: ""
            csp:
              description: The Content-Security-Policy header; V("") for none.
              type: str
              sample: ""
            hsts_preload:
              description: Whether the HSTS header has the C(preload) directive.
              type: bool
              sample: false
        crontab:
          description: The periodic commands run inside the app, in crontab format; V("") for none.
          type: str
          sample: ""
        upstream_uri:
          description: For app links and proxy apps, the URL the app forwards to; V("") for other apps.
          type: str
          sample: ""
        sso:
          description: Whether the app uses the Cloudron user directory for login.
          type: bool
          sample: true
        ports:
          description:
            - The port bindings, from the names in the app's manifest (such as C(SSH_PORT)) to port numbers; V({}) for none.
            - The keys are the app package's own names.
          type: dict
          sample: {SSH_PORT: 29418}
        secondary_domains:
          description: Further locations the app needs, sorted by domain and subdomain.
          type: list
          elements: dict
          contains:
            subdomain:
              description: The subdomain, lower-case; V("") for the domain itself.
              type: str
              sample: files
            domain:
              description: The domain, lower-case.
              type: str
              sample: example.com
            environment_variable:
              description: The variable the app reads the location from.
              returned: when the server names one
              type: str
              sample: FILES_DOMAIN
        alias_domains:
          description: Further locations serving the same app, sorted by domain and subdomain.
          type: list
          elements: dict
          contains:
            subdomain:
              description: The subdomain, lower-case; V("") for the domain itself.
              type: str
              sample: www
            domain:
              description: The domain, lower-case.
              type: str
              sample: example.com
        redirect_domains:
          description: Locations that redirect to the app, sorted by domain and subdomain.
          type: list
          elements: dict
          contains:
            subdomain:
              description: The subdomain, lower-case; V("") for the domain itself.
              type: str
              sample: ""
            domain:
              description: The domain, lower-case.
              type: str
              sample: example.org
        memory_limit:
          description: The memory limit in bytes; V(0) for the app's default, V(-1) for none.
          type: int
          sample: 536870912
        cpu_quota:
          description: The CPU share in percent, 1 to 100.
          type: int
          sample: 100
        enable_mailbox:
          description: Whether the app has a mailbox to send mail from.
          type: bool
          sample: true
        mailbox_name:
          description: The mailbox's name (the part before C(@)).
          type: str
          sample: blog.app
        mailbox_domain:
          description: The mailbox's domain.
          type: str
          sample: example.com
        mailbox_display_name:
          description: The sender name of mail from the app; V("") for the server's default.
          type: str
          sample: ""
        enable_turn:
          description: Whether the app may use the TURN service.
          type: bool
          sample: true
        enable_redis:
          description: Whether the app has its Redis service.
          type: bool
          sample: true
        storage_volume:
          description: The name of the volume holding the app's data; V("") for the server's default location.
          type: str
          sample: media
        storage_volume_prefix:
          description: The directory inside C(storage_volume) that holds the data; V("") for none.
          type: str
          sample: files
        mounts:
          description: The volumes the app mounts, sorted by volume name; V([]) for none.
          type: list
          elements: dict
          contains:
            volume:
              description: The volume's name.
              type: str
              sample: archive
            read_only:
              description: Whether the app may only read the volume.
              type: bool
              sample: true
        run_state:
          description: V(running) or V(stopped).
          type: str
          sample: running
    mail:
      description: Mail.
      type: dict
      contains:
        server:
          description: Every setting of M(selfhosted.platforms.cloudron_mail_server), sizes in bytes.
          type: dict
          contains:
            location:
              description: Where the mail server lives.
              type: dict
              sample: {domain: example.com, subdomain: mail}
              contains:
                domain:
                  description: The domain of the mail server's host name, lower-case.
                  type: str
                  sample: example.com
                subdomain:
                  description: The subdomain of the host name, lower-case; V("") for the domain itself.
                  type: str
                  sample: mail
            max_email_size:
              description: The largest mail accepted, in bytes.
              type: int
              sample: 26214400
            dnsbl_zones:
              description: The DNS block list zones, lower-case.
              type: list
              elements: str
              sample: [zen.spamhaus.org]
            full_text_search:
              description: Whether full text search is on.
              type: bool
              sample: false
            mailbox_sharing:
              description: Whether mailbox sharing is on.
              type: bool
              sample: true
            virtual_all_mail:
              description: Whether the virtual All Mail folder is on.
              type: bool
              sample: true
            spam_allowlist:
              description: The spam allow list, lower-case.
              type: list
              elements: str
              sample: ["*@partner.example.org"]
            spam_blocklist:
              description: The spam block list, lower-case.
              type: list
              elements: str
              sample: [offers@pest.example.net]
            spam_custom_config:
              description: The custom SpamAssassin rules.
              type: str
              sample: "score URIBL_BLACK 3.0"
        domains:
          description:
            - The mail settings of every domain in the form of M(selfhosted.platforms.cloudron_mail_domain), without the
              relay password. With O(minimal), a domain whose mail settings are those of a new domain is left out.
          type: list
          elements: dict
          contains:
            domain:
              description: The domain.
              type: str
              sample: example.com
            enabled:
              description: Whether the domain receives mail.
              type: bool
              sample: true
            mail_from_validation:
              description: Whether senders must send as their own mailbox.
              type: bool
              sample: true
            catch_all:
              description: The catch-all addresses, lower-case.
              type: list
              elements: str
              sample: [postmaster@example.com]
            relay:
              description: The relay settings that are not secret; keys the server does not set are left out.
              type: dict
              sample: {provider: external-smtp, host: smtp.mailrelay.example.net, port: 587, username: cloudron@example.com,
                       accept_self_signed_certs: false, force_from_address: false}
              contains:
                provider:
                  description: The relay provider as the server names it, such as V(cloudron-smtp) (the server itself) or V(external-smtp).
                  type: str
                  sample: external-smtp
                host:
                  description: The SMTP host relayed through, lower-case.
                  type: str
                  returned: when the server sets it
                  sample: smtp.mailrelay.example.net
                port:
                  description: The SMTP port of C(host).
                  type: int
                  returned: when the server sets it
                  sample: 587
                username:
                  description: The user name the server logs in to the relay with.
                  type: str
                  returned: when the server sets it
                  sample: cloudron@example.com
                accept_self_signed_certs:
                  description: Whether a self-signed certificate of the relay host is accepted.
                  type: bool
                  returned: when the server sets it
                  sample: false
                force_from_address:
                  description: Whether the sender of outgoing mail is rewritten to the relay's own address.
                  type: bool
                  returned: when the server sets it
                  sample: false
            banner:
              description: The banner added to outgoing mail.
              type: dict
              sample: {text: "Example Co, 1 Example Street", html: ""}
              contains:
                text:
                  description: The banner for plain-text mail; V("") for none.
                  type: str
                  sample: "Example Co, 1 Example Street"
                html:
                  description: The banner for HTML mail; V("") for none.
                  type: str
                  sample: ""
        mailboxes:
          description: Every mailbox with its aliases, in the form of M(selfhosted.platforms.cloudron_mailboxes) items.
          type: list
          elements: dict
          contains:
            name:
              description: The name, lower-case.
              type: str
              sample: alice
            domain:
              description: The mail domain, lower-case.
              type: str
              sample: example.com
            owner:
              description: The owner's username (or email while the user has none) or group name; the id when unknown.
              type: str
              sample: alice
            owner_type:
              description: V(user) or V(group).
              type: str
              sample: user
            active:
              description: Whether the mailbox is active.
              type: bool
              sample: true
            enable_pop3:
              description: Whether POP3 is enabled.
              type: bool
              sample: false
            storage_quota:
              description: The storage quota in bytes; V(0) for no limit.
              type: int
              sample: 5368709120
            messages_quota:
              description: The messages quota in bytes; V(0) for no limit.
              type: int
              sample: 0
            aliases:
              description: The aliases, sorted, as C(name@domain).
              type: list
              elements: str
              sample: [a.example@example.com, alice@example.org]
        lists:
          description: Every mailing list, in the form of M(selfhosted.platforms.cloudron_mail_lists) items.
          type: list
          elements: dict
          contains:
            name:
              description: The name, lower-case.
              type: str
              sample: sales
            domain:
              description: The mail domain, lower-case.
              type: str
              sample: example.com
            members:
              description: The members' addresses, lower-case and sorted.
              type: list
              elements: str
              sample: [alice@example.com, bob@example.com]
            members_only:
              description: Whether only members may send to the list.
              type: bool
              sample: true
            active:
              description: Whether the list is active.
              type: bool
              sample: true
    volumes:
      description: Volumes in the form of M(selfhosted.platforms.cloudron_volume), without mount passwords or keys.
      type: list
      elements: dict
      contains:
        name:
          description: The volume's name.
          type: str
          sample: media
        mount_type:
          description: The mount type.
          type: str
          sample: cifs
        mount_options:
          description: The mount options of its type, without the password or private key.
          type: dict
          sample: {host: nas.example.com, remote_dir: /media, username: cloudron, seal: true}
          contains:
            host:
              description: The server of the share, lower-case (V(cifs), V(nfs), V(sshfs)).
              type: str
              returned: when the server stores it (with the mount types that use it)
              sample: nas.example.com
            remote_dir:
              description: The directory on that server (V(cifs), V(nfs), V(sshfs)).
              type: str
              returned: when the server stores it (with the mount types that use it)
              sample: /media
            username:
              description: The user name to log in with (V(cifs)).
              type: str
              returned: when the server stores it (with the mount types that use it)
              sample: cloudron
            seal:
              description: Whether the share is mounted with encryption (V(cifs)).
              type: bool
              returned: when the server stores it (with the mount types that use it)
              sample: true
            port:
              description: The SSH port (V(sshfs)).
              type: int
              returned: when the server stores it (with the mount types that use it)
              sample: 22
            user:
              description: The SSH user (V(sshfs)).
              type: str
              returned: when the server stores it (with the mount types that use it)
              sample: cloudron
            host_path:
              description: The directory of the server (V(filesystem), V(mountpoint)).
              type: str
              returned: when the server stores it (with the mount types that use it)
              sample: /srv/archive
            disk_path:
              description: The disk device (V(ext4), V(xfs)).
              type: str
              returned: when the server stores it (with the mount types that use it)
              sample: /dev/disk/by-uuid/0b5d1d57-3c1b-4c1e-9f56-0d0f4a3e2c11
    backups:
      description: The backup storage and policy (C(storage), C(policy)), without the storage's secrets.
      type: dict
      contains:
        storage:
          description:
            - Where backups are stored, as O(selfhosted.platforms.cloudron_backup_config#module:storage) without its secrets;
              only the keys the server has for the provider.
          type: dict
          sample: {provider: s3, format: rsync, bucket: backups, region: us-east-1, access_key_id: AKIAEXAMPLE, prefix: ""}
          contains:
            provider:
              description: The storage provider as the server names it, such as V(filesystem) or V(s3).
              type: str
              sample: s3
            format:
              description: V(tgz) or V(rsync).
              type: str
              sample: rsync
            encrypted_filenames:
              description: Whether file names inside encrypted backups are encrypted too; V(false) for unencrypted backups.
              type: bool
              returned: when the server shows it, or the backups are not encrypted
              sample: false
            backup_folder:
              description: With V(filesystem), the folder on the server.
              type: str
              returned: when the server has it
              sample: /var/backups
            no_hard_links:
              description: With V(filesystem), whether files are copied instead of hard-linked between backups.
              type: bool
              returned: when the server has it
              sample: false
            bucket:
              description: With V(s3), the bucket.
              type: str
              returned: when the server has it
              sample: backups
            prefix:
              description: With V(s3) or a mount provider, the folder inside the bucket or share.
              type: str
              returned: when the server has it
              sample: ""
            region:
              description: With V(s3), the region.
              type: str
              returned: when the server has it
              sample: us-east-1
            endpoint:
              description: With V(s3), the endpoint URL of an S3-compatible service.
              type: str
              returned: when the server has it
              sample: https://s3.example.net
            access_key_id:
              description: With V(s3), the access key id.
              type: str
              returned: when the server has it
              sample: AKIAEXAMPLE
            mount_options:
              description: With a mount provider, its mount options without the password or private key.
              type: dict
              returned: with a mount provider
              sample: {host: nas.example.com, remote_dir: /backups, username: cloudron}
              contains:
                host:
                  description: The server of the share, lower-case (V(cifs), V(nfs), V(sshfs)).
                  type: str
                  returned: when the server stores it (with the mount types that use it)
                  sample: nas.example.com
                remote_dir:
                  description: The directory on that server (V(cifs), V(nfs), V(sshfs)).
                  type: str
                  returned: when the server stores it (with the mount types that use it)
                  sample: /media
                username:
                  description: The user name to log in with (V(cifs)).
                  type: str
                  returned: when the server stores it (with the mount types that use it)
                  sample: cloudron
                seal:
                  description: Whether the share is mounted with encryption (V(cifs)).
                  type: bool
                  returned: when the server stores it (with the mount types that use it)
                  sample: true
                port:
                  description: The SSH port (V(sshfs)).
                  type: int
                  returned: when the server stores it (with the mount types that use it)
                  sample: 22
                user:
                  description: The SSH user (V(sshfs)).
                  type: str
                  returned: when the server stores it (with the mount types that use it)
                  sample: cloudron
                host_path:
                  description: The directory of the server (V(filesystem), V(mountpoint)).
                  type: str
                  returned: when the server stores it (with the mount types that use it)
                  sample: /srv/archive
                disk_path:
                  description: The disk device (V(ext4), V(xfs)).
                  type: str
                  returned: when the server stores it (with the mount types that use it)
                  sample: /dev/disk/by-uuid/0b5d1d57-3c1b-4c1e-9f56-0d0f4a3e2c11
        policy:
          description: When backups are made and how long they are kept, as O(selfhosted.platforms.cloudron_backup_config#module:policy).
          type: dict
          sample: {schedule: "00 00 03 * * *", retention: {keep_daily: 7}}
          contains:
            schedule:
              description: The backup schedule, a cron pattern of six fields (seconds first).
              type: str
              sample: "00 00 03 * * *"
            retention:
              description: Which backups the cleanup keeps; only the keys the server has.
              type: dict
              sample: {keep_daily: 7}
              contains:
                keep_within_secs:
                  description: Keep every backup younger than this many seconds (V(-1) keeps every backup).
                  type: int
                  returned: when the server has it
                keep_daily:
                  description: Keep the newest backup of each of this many days.
                  type: int
                  returned: when the server has it
                  sample: 7
                keep_weekly:
                  description: Keep the newest backup of each of this many weeks.
                  type: int
                  returned: when the server has it
                keep_monthly:
                  description: Keep the newest backup of each of this many months.
                  type: int
                  returned: when the server has it
                keep_yearly:
                  description: Keep the newest backup of each of this many years.
                  type: int
                  returned: when the server has it
    access:
      description: API tokens, OIDC clients and applinks.
      type: dict
      contains:
        tokens:
          description:
            - The token user's API tokens as M(selfhosted.platforms.cloudron_token) options, sorted by name
              (C(name), C(scope), and C(expires_at) only for a token that expires).
          type: list
          elements: dict
          contains:
            name:
              description: The token's name.
              type: str
              sample: automation
            scope:
              description: V(read-only) or V(read-write).
              type: str
              sample: read-only
            expires_at:
              description: When the token expires (ISO-8601).
              type: str
              returned: for a token that expires
              sample: "2027-01-31T00:00:00Z"
        oidc_clients:
          description:
            - OIDC clients as M(selfhosted.platforms.cloudron_oidc_client) options, sorted by name (C(name),
              C(login_redirect_uri), C(token_signature_algorithm)).
          type: list
          elements: dict
          contains:
            name:
              description: The client's name.
              type: str
              sample: grafana
            login_redirect_uri:
              description: Where the server sends users back after they signed in.
              type: str
              sample: https://grafana.example.com/login/generic_oauth
            token_signature_algorithm:
              description: The signature algorithm of the tokens, such as V(RS256).
              type: str
              sample: RS256
        applinks:
          description:
            - Applinks as M(selfhosted.platforms.cloudron_applink) options, sorted by C(upstream_uri); C(icon) (a
              file path, see O(files_dir)) only for a link with an icon and only with O(files_dir).
          type: list
          elements: dict
          contains:
            upstream_uri:
              description: The URL the link opens.
              type: str
              sample: https://status.example.com/
            label:
              description: The name shown on the dashboard.
              type: str
              sample: Status
            tags:
              description: The dashboard tags, sorted.
              type: list
              elements: str
              sample: [ops]
            access_restriction:
              description: Who may see the link, V(everyone) or a dict of C(users) and C(groups).
              type: raw
              sample: {users: [], groups: [staff]}
              contains:
                users:
                  description: Usernames, sorted.
                  type: list
                  elements: str
                groups:
                  description: Group names, sorted.
                  type: list
                  elements: str
            icon:
              description: The icon's file, as O(files_prefix)C(/<name>).
              type: str
              returned: with O(files_dir), for a link with an icon
              sample: files/applink-icon-3f2a9c0d1e4b.png
    directory:
      description: The user directory, the directory server and the external directory.
      type: dict
      contains:
        user_directory:
          description: Every setting of M(selfhosted.platforms.cloudron_user_directory).
          type: dict
          contains:
            lock_user_profiles:
              description: Whether users are kept from changing their own display name and email.
              type: bool
              sample: false
            mandatory_2fa:
              description: Whether every user must use two-factor authentication.
              type: bool
              sample: false
        server:
          description: The settings of M(selfhosted.platforms.cloudron_directory_server) without the secret.
          type: dict
          contains:
            enabled:
              description: Whether the directory server runs.
              type: bool
              sample: true
            allowlist:
              description: The addresses and ranges that may connect, sorted.
              type: list
              elements: str
              sample: [198.51.100.0/24]
        external_ldap:
          description:
            - The settings of M(selfhosted.platforms.cloudron_external_ldap) without the bind password; only
              C(provider=noop) when there is no external directory.
          type: dict
          contains:
            provider:
              description: The kind of directory, as the server names it; V(noop) for none.
              type: str
              sample: noop
            url:
              description: The address of the LDAP server.
              type: str
              returned: when the server has it
              sample: ldaps://ldap.example.com:636
            base_dn:
              description: The base DN users are looked up under.
              type: str
              returned: when the server has it
              sample: ou=people,dc=example,dc=com
            username_field:
              description: The LDAP attribute used as the username.
              type: str
              returned: when the server has it
              sample: uid
            filter:
              description: The LDAP filter selecting the users.
              type: str
              returned: when the server has it
              sample: (objectclass=inetOrgPerson)
            group_base_dn:
              description: The base DN groups are looked up under.
              type: str
              returned: when the server has it
              sample: ou=groups,dc=example,dc=com
            bind_dn:
              description: The DN the server binds as.
              type: str
              returned: when the server has it
              sample: cn=cloudron,dc=example,dc=com
    network:
      description: Every setting of M(selfhosted.platforms.cloudron_network), the lists sorted without comments.
      type: dict
      contains:
        ipv4:
          description: The IPv4 configuration, with only the setting its provider uses.
          type: dict
          sample: {provider: fixed, ip: 192.0.2.10}
          contains:
            provider:
              description:
                - How the address is found, V(generic) (asked of a service on the internet), V(fixed) (C(ip)),
                  V(interface) (the address of the interface C(ifname)) or V(noop) (none).
              type: str
              sample: fixed
            ip:
              description: The address, with provider V(fixed) only.
              type: str
              returned: with provider V(fixed)
              sample: 192.0.2.10
            ifname:
              description: The name of the network interface, with provider V(interface) only.
              type: str
              returned: with provider V(interface)
              sample: eth0
        ipv6:
          description: The IPv6 configuration, with only the setting its provider uses.
          type: dict
          sample: {provider: noop}
          contains:
            provider:
              description:
                - How the address is found, V(generic) (asked of a service on the internet), V(fixed) (C(ip)),
                  V(interface) (the address of the interface C(ifname)) or V(noop) (none).
              type: str
              sample: fixed
            ip:
              description: The address, with provider V(fixed) only.
              type: str
              returned: with provider V(fixed)
              sample: "2001:db8::10"
            ifname:
              description: The name of the network interface, with provider V(interface) only.
              type: str
              returned: with provider V(interface)
              sample: eth0
        blocklist:
          description: The blocked addresses and ranges, sorted, without the server's comments.
          type: list
          elements: str
          sample: [198.51.100.0/24, 2001:db8:bad::/48]
        trusted_ips:
          description: The trusted proxies, sorted, without the server's comments.
          type: list
          elements: str
          sample: [10.0.0.2]
    branding:
      description:
        - The avatar and background as M(selfhosted.platforms.cloudron_branding) options (file paths, see O(files_dir)).
          Only with O(files_dir), and only the images the server serves.
      type: dict
      contains:
        avatar:
          description: The avatar's file, as O(files_prefix)C(/<name>).
          type: str
          returned: when the server serves one
          sample: files/avatar-0c1d2e3f4a5b.png
        background:
          description: The login background's file, as O(files_prefix)C(/<name>).
          type: str
          returned: when the server serves one
          sample: files/background-6c7d8e9f0a1b.jpg
    registry:
      description:
        - The settings of M(selfhosted.platforms.cloudron_docker_registry) without the password; only C(provider=noop)
          when there is no registry.
      type: dict
      contains:
        provider:
          description: The kind of registry, as the server names it; V(noop) for none.
          type: str
          sample: noop
        server_address:
          description: The registry's address.
          type: str
          returned: when there is a registry
          sample: registry.example.com
        username:
          description: The user name the server logs in with.
          type: str
          returned: when the registry has one
          sample: deploy
        email:
          description: The e-mail address of the registry account.
          type: str
          returned: when the registry has one
          sample: deploy@example.com
    services:
      description:
        - Every service as M(selfhosted.platforms.cloudron_service) options (C(name), C(memory_limit) in bytes,
          C(recovery_mode)), sorted by name. A service without a memory limit of its own gets no C(memory_limit).
      type: list
      elements: dict
      contains:
        name:
          description: The service's name.
          type: str
          sample: mail
        memory_limit:
          description: The memory limit in bytes.
          type: int
          returned: for a service with a limit of its own (with O(minimal), one other than its default)
          sample: 536870912
        recovery_mode:
          description: Whether the service runs in recovery mode.
          type: bool
          returned: unless O(minimal) and it is off
          sample: false
  sample:
    settings: {cloudron_name: Example Co, time_zone: Europe/Berlin, language: en}
    domains: [{domain: example.com, provider: cloudflare, dns_config: {token_type: ApiToken}}]
    groups: [{name: staff}]
    users: [{username: alice, email: alice@example.com, role: admin, groups: [staff]}]
    apps: [{app_store_id: org.wordpress.cloudronapp, subdomain: blog, domain: example.com, access_restriction: everyone}]
    mail:
      server: {max_email_size: 52428800, dnsbl_zones: [zen.spamhaus.org], location: {domain: example.com, subdomain: my}}
      domains: [{domain: example.com, enabled: true, catch_all: [alice@example.com],
                 relay: {provider: external-smtp, host: smtp.example.net, port: 587, username: relay}}]
      mailboxes: [{name: alice, domain: example.com, owner: alice, owner_type: user, aliases: [ceo@example.com]}]
      lists: [{name: staff, domain: example.com, members: [alice@example.com], members_only: false, active: true}]
    access:
      tokens: [{name: ci-deploy, scope: read-only}, {name: audit, scope: read-write, expires_at: "2027-01-31T00:00:00Z"}]
      oidc_clients: [{name: grafana, login_redirect_uri: "https://grafana.example.com/login/generic_oauth",
                      token_signature_algorithm: RS256}]
      applinks: [{upstream_uri: "https://status.example.com/", label: Status, tags: [ops],
                  access_restriction: {users: [], groups: [staff]}, icon: files/applink-icon-3f2a9c0d1e4b.png}]
    directory:
      user_directory: {lock_user_profiles: true, mandatory_2fa: false}
      server: {enabled: true, allowlist: [198.51.100.0/24]}
      external_ldap: {provider: noop}
    network: {ipv4: {provider: generic}, ipv6: {provider: noop}, blocklist: [203.0.113.7], trusted_ips: []}
    branding: {avatar: files/avatar-0c1d2e3f4a5b.png, background: files/background-6c7d8e9f0a1b.jpg}
    registry: {provider: noop}
    services: [{name: mail, memory_limit: 536870912, recovery_mode: false}, {name: docker, recovery_mode: false}]
secrets:
  description: The skeleton of C(cloudron_bootstrap_secrets), every value the placeholder C(REPLACE-WITH-SECRET).
  returned: always
  type: dict
  sample:
    passwords: {}
    dns_credentials: {example.com: {token: REPLACE-WITH-SECRET}}
    fallback_certificate_keys: {}
    app_secret_env: {blog.example.com: {SMTP_PASSWORD: REPLACE-WITH-SECRET}}
    mail_relay_passwords: {example.com: REPLACE-WITH-SECRET}
    volume_mount_secrets: {nas: {password: REPLACE-WITH-SECRET}}
    backup_storage_secrets: {encryption_password: REPLACE-WITH-SECRET}
    directory_server_secret: REPLACE-WITH-SECRET
  contains:
    passwords:
      description: Users' passwords, by username; always V({}), since the server never shows a password.
      type: dict
      sample: {}
    dns_credentials:
      description:
        - The DNS provider credentials of each domain whose provider has any, by domain name; each a mapping of the
          keys of O(selfhosted.platforms.cloudron_domain#module:dns_credentials) the server has (such as C(token)).
      type: dict
      sample: {example.com: {token: REPLACE-WITH-SECRET}}
    fallback_certificate_keys:
      description: The key of the fallback certificate of each domain that has one, by domain name.
      type: dict
      sample: {example.com: REPLACE-WITH-SECRET}
    app_secret_env:
      description: The environment variables of each app that has any, by app FQDN, then by variable name.
      type: dict
      sample: {blog.example.com: {SMTP_PASSWORD: REPLACE-WITH-SECRET}}
    mail_relay_passwords:
      description: The relay password of each mail domain whose relay logs in, by domain name.
      type: dict
      sample: {example.com: REPLACE-WITH-SECRET}
    volume_mount_secrets:
      description: The mount secrets (C(password), C(private_key)) of each volume whose type takes them, by volume name.
      type: dict
      sample: {nas: {password: REPLACE-WITH-SECRET}}
    backup_storage_secrets:
      description: The secrets the backup storage has or may have, in the shape of its options; V({}) for none.
      type: dict
      sample: {encryption_password: REPLACE-WITH-SECRET, secret_access_key: REPLACE-WITH-SECRET}
      contains:
        encryption_password:
          description: The encryption password, unless the server says backups are not encrypted.
          type: str
          returned: when backups are or may be encrypted
        secret_access_key:
          description: The S3 secret access key.
          type: str
          returned: when the storage has an access key
        mount_options:
          description: The mount's secrets.
          type: dict
          returned: when the storage's mount logs in
          contains:
            password:
              description: The password of a mount that logs in with a user name.
              type: str
              returned: when the mount has a user name
            private_key:
              description: The SSH private key of a mount that logs in with a user.
              type: str
              returned: when the mount has an SSH user
    directory_server_secret:
      description: The directory server's secret.
      type: str
      returned: when the directory server is enabled
    external_ldap_bind_password:
      description: The bind password of the external directory.
      type: str
      returned: when the external directory binds with a DN
    registry_password:
      description: The registry's password.
      type: str
      returned: when the registry logs in with a user name
files:
  description:
    - The files the description refers to (images), each once, in the order met; empty without O(files_dir).
  returned: always
  type: list
  elements: dict
  contains:
    path:
      description: The file's absolute path.
      type: str
    reference:
      description: The path the description gives for it (O(files_prefix)C(/<name>)).
      type: str
    kind:
      description: V(avatar), V(background) or V(applink-icon).
      type: str
    written:
      description: Whether this run wrote it (in check mode, would have); V(false) when it was there already.
      type: bool
  sample:
    - {path: /srv/export/files/avatar-0c1d2e3f4a5b.png, reference: files/avatar-0c1d2e3f4a5b.png, kind: avatar, written: false}
"""

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import EXPORT_OPTIONS
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.description import describe
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.export_files import ExportFiles
from ansible_collections.selfhosted.platforms.plugins.module_utils.cloudron.platform import CLOUDRON


def main():
    run = CLOUDRON.module(dict(EXPORT_OPTIONS, files_dir={"type": "path"}, files_prefix={"type": "str", "default": "files"}))
    params = run.params
    files = ExportFiles(params["files_dir"], params["files_prefix"], run.check_mode) if params["files_dir"] else None
    listed = files.files if files else []

    def body(ctx):
        description, secrets = describe(ctx, minimal=params["minimal"], files=files)
        return {"changed": any(entry["written"] for entry in listed), "description": description, "secrets": secrets,
                "files": listed}

    # a failure after some files were written still reports them
    run.execute(body, on_failure=lambda exc: {"changed": any(entry["written"] for entry in listed), "files": listed})


if __name__ == "__main__":
    main()
