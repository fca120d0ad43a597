# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The built-in App Store catalog: a few real app ids with realistic manifests, several versions each."""

import copy

_SUPPORT = "support@cloudron.io"

# id: (first publication, manifest fields shared by all versions, [(version, date, upstreamVersion, changelog), ...] oldest first)
_APPS = {
    "org.wordpress.cloudronapp": ("2016-02-04T10:21:43.000Z", {
        "title": "WordPress (Developer)",
        "author": "WordPress Developers",
        "tagline": "Blog and CMS",
        "description": "WordPress is web software you can use to create a beautiful website or blog. This package gives full "
                       "access to the WordPress files, so that themes and plugins can be edited with the file manager or SFTP.",
        "website": "https://wordpress.org",
        "healthCheckPath": "/wp-includes/version.php",
        "httpPort": 80,
        "memoryLimit": 268435456,
        "addons": {"mysql": {}, "localstorage": {}, "sendmail": {}, "ldap": {},
                   "scheduler": {"cron": {"schedule": "*/5 * * * *", "command": "/app/pkg/cron.sh"}}},
        "optionalSso": True,
        "tags": ["blog", "cms"],
    }, [
        ("3.4.0", "2024-05-02T09:14:11.000Z", "6.5.2", "Update WordPress to 6.5.2"),
        ("3.5.1", "2024-07-18T13:40:02.000Z", "6.6.0", "Update WordPress to 6.6.0"),
        ("3.6.0", "2024-09-12T08:03:55.000Z", "6.6.2", "Update WordPress to 6.6.2 and PHP to 8.3"),
    ]),
    "com.nextcloud.cloudronapp": ("2016-06-22T15:02:10.000Z", {
        "title": "Nextcloud",
        "author": "Nextcloud GmbH",
        "tagline": "Content collaboration platform",
        "description": "Nextcloud keeps files, calendars and contacts in sync across devices and shares them with others.",
        "website": "https://nextcloud.com",
        "healthCheckPath": "/status.php",
        "httpPort": 8000,
        "memoryLimit": 536870912,
        "addons": {"postgresql": {}, "localstorage": {}, "sendmail": {}, "redis": {}, "ldap": {},
                   "scheduler": {"housekeeping": {"schedule": "*/5 * * * *", "command": "/app/pkg/cron.sh"}}},
        "optionalSso": True,
        "tags": ["sync", "storage", "collaboration"],
    }, [
        ("4.20.2", "2024-04-10T11:30:00.000Z", "28.0.4", "Update Nextcloud to 28.0.4"),
        ("4.21.0", "2024-06-05T16:12:45.000Z", "29.0.2", "Update Nextcloud to 29.0.2"),
        ("5.0.1", "2024-09-20T07:48:31.000Z", "30.0.0", "Update Nextcloud to 30.0.0 (major version)"),
    ]),
    "io.cloudron.surfer": ("2015-11-30T12:00:00.000Z", {
        "title": "Surfer",
        "author": "Cloudron Developers",
        "tagline": "Simple static file server",
        "description": "Surfer serves a static website and lets users upload its files through a web interface or a CLI tool.",
        "website": "https://git.cloudron.io/cloudron/surfer",
        "healthCheckPath": "/api/healthcheck",
        "httpPort": 3000,
        "memoryLimit": 268435456,
        "addons": {"localstorage": {}, "ldap": {}},
        "optionalSso": False,
        "tags": ["hosting", "development"],
    }, [
        ("5.17.4", "2024-03-01T10:00:00.000Z", "5.17.4", "Fix upload of large files"),
        ("5.18.0", "2024-06-14T09:22:17.000Z", "5.18.0", "Add directory listing option"),
        ("6.0.1", "2024-10-02T14:05:09.000Z", "6.0.1", "New file manager"),
    ]),
    "io.gitea.cloudronapp": ("2017-04-12T08:30:00.000Z", {
        "title": "Gitea",
        "author": "Gitea Developers",
        "tagline": "Painless self-hosted Git service",
        "description": "Gitea is a community managed lightweight code hosting solution: repositories, issues, pull requests "
                       "and a wiki, over HTTPS and SSH.",
        "website": "https://gitea.io",
        "healthCheckPath": "/api/healthz",
        "httpPort": 3000,
        "memoryLimit": 268435456,
        "addons": {"mysql": {}, "localstorage": {}, "sendmail": {}, "ldap": {}},
        "tcpPorts": {"SSH_PORT": {"title": "SSH Port", "description": "SSH Port over which repos can be pushed & pulled",
                                  "defaultValue": 29418, "containerPort": 29418}},
        "optionalSso": True,
        "tags": ["git", "development"],
    }, [
        ("1.32.0", "2024-04-20T12:00:00.000Z", "1.21.11", "Update Gitea to 1.21.11"),
        ("1.33.1", "2024-06-01T18:33:21.000Z", "1.22.0", "Update Gitea to 1.22.0"),
        ("1.34.0", "2024-09-05T06:41:10.000Z", "1.22.2", "Update Gitea to 1.22.2"),
    ]),
    "chat.rocket.cloudronapp": ("2016-01-15T09:00:00.000Z", {
        "title": "Rocket.Chat",
        "author": "Rocket.Chat Developers",
        "tagline": "Team chat",
        "description": "Rocket.Chat is a team chat with channels, direct messages, file sharing, video calls and integrations.",
        "website": "https://rocket.chat",
        "healthCheckPath": "/api/info",
        "httpPort": 3000,
        "memoryLimit": 1073741824,
        "addons": {"mongodb": {}, "localstorage": {}, "sendmail": {}, "ldap": {}},
        "optionalSso": True,
        "tags": ["chat", "collaboration"],
    }, [
        ("2.48.0", "2024-05-15T10:10:10.000Z", "6.8.0", "Update Rocket.Chat to 6.8.0"),
        ("2.49.2", "2024-08-01T11:11:11.000Z", "6.10.2", "Update Rocket.Chat to 6.10.2"),
    ]),
}


def _manifest(app_id, shared, version, upstream, changelog):
    manifest = {
        "id": app_id,
        "title": shared["title"],
        "author": shared["author"],
        "description": shared["description"],
        "tagline": shared["tagline"],
        "version": version,
        "upstreamVersion": upstream,
        "manifestVersion": 2,
        "healthCheckPath": shared["healthCheckPath"],
        "httpPort": shared["httpPort"],
        "memoryLimit": shared["memoryLimit"],
        "addons": copy.deepcopy(shared["addons"]),
        "optionalSso": shared["optionalSso"],
        "website": shared["website"],
        "contactEmail": _SUPPORT,
        "icon": "file://logo.png",
        "tags": list(shared["tags"]),
        "minBoxVersion": "7.6.0",
        "changelog": changelog,
        "dockerImage": "cloudron/%s:%s" % (app_id, version),
    }
    if "tcpPorts" in shared:
        manifest["tcpPorts"] = copy.deepcopy(shared["tcpPorts"])
    return manifest


def app_ids():
    return sorted(_APPS)


def versions(app_id):
    """Versions of a catalog app, oldest first; empty for an unknown id."""
    return [entry[0] for entry in _APPS.get(app_id, (None, None, []))[2]]


def entry(app_id, version=None):
    """The store entry of an app version (the latest without ``version``); None when unknown."""
    if app_id not in _APPS:
        return None
    created, shared, releases = _APPS[app_id]
    release = releases[-1] if version is None else next((r for r in releases if r[0] == version), None)
    if release is None:
        return None
    number, published, upstream, changelog = release
    return {
        "id": app_id,
        "creationDate": created,
        "ts": published,
        "publishState": "published",
        "iconUrl": "https://api.cloudron.io/api/v1/apps/%s/versions/%s/icon" % (app_id, number),
        "manifest": _manifest(app_id, shared, number, upstream, changelog),
    }
