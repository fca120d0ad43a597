# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""What the platform simulators share: HTTP server, routing, fault injection, request log, control plumbing,
switch tables and the task clock. Nothing here knows a platform's routes, formats or rules."""
