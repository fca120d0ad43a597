# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The check that holds each module's RETURN to what it returned in the integration tests (tools/return_docs.py)."""

import json
import os
import sys
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
sys.path.insert(0, os.path.join(ROOT, "tools"))

import return_docs  # noqa: E402

TASKS = """\
---
- name: Create
  selfhosted.platforms.demo_thing:
    name: one
  register: made
- name: Loop
  selfhosted.platforms.demo_thing:
    name: "{{ item }}"
  loop: [a, b]
- name: Refused, on purpose
  selfhosted.platforms.demo_thing:
    name: bad
  ignore_errors: true
- name: Not ours
  ansible.builtin.debug:
    var: made
"""

RETURN = {
    "thing": {"type": "dict", "contains": {
        "name": {"type": "str"},
        "tags": {"type": "list", "elements": "dict", "contains": {"key": {"type": "str"}}},
    }},
    "items": {"type": "list", "elements": "dict"},
    "labels": {"type": "dict"},
}


def _junit(path, cases):
    body = "".join('<testcase classname="%s" name="x"><system-out>%s</system-out></testcase>' % (where, escape(json.dumps(result)))
                   for where, result in cases)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('<testsuites><testsuite name="t">%s</testsuite></testsuites>' % body)


def _run(tmp_path, monkeypatch, cases, capsys, free_form=None):
    root = tmp_path / "collection"
    (root / "plugins" / "modules").mkdir(parents=True, exist_ok=True)
    (root / "plugins" / "modules" / "demo_thing.py").write_text("")
    tasks = root / "tests" / "integration" / "targets" / "demo_thing" / "tasks"
    tasks.mkdir(parents=True, exist_ok=True)
    (tasks / "main.yml").write_text(TASKS)
    junit = tmp_path / "junit"
    junit.mkdir(exist_ok=True)
    _junit(str(junit / "demo.xml"), [("tests/integration/targets/demo_thing/tasks/main.yml:%d" % line, result) for line, result in cases])
    monkeypatch.setattr(return_docs, "documented_returns", lambda names: {"demo_thing": RETURN})
    monkeypatch.setattr(return_docs, "FREE_FORM", free_form or {})
    status = return_docs.main([str(root), str(junit)])
    return status, capsys.readouterr().out


def test_documented_keys_at_every_depth_pass(tmp_path, monkeypatch, capsys):
    result = {"changed": True, "diff": {"before": {}}, "thing": {"name": "one", "tags": [{"key": "k"}]}, "items": []}
    status, out = _run(tmp_path, monkeypatch, [(2, result)], capsys)
    assert status == 0, out
    assert "RETURN checked against 1 results of 1 modules" in out


def test_undocumented_keys_are_named_with_their_path_and_task(tmp_path, monkeypatch, capsys):
    result = {"changed": False, "thing": {"name": "one", "id": 7, "tags": [{"key": "k", "value": "v"}]}, "extra": 1}
    status, out = _run(tmp_path, monkeypatch, [(2, result)], capsys)
    assert status == 1
    for path in ("extra", "thing.id", "thing.tags[].value"):
        assert "  %s  (first at tests/integration/targets/demo_thing/tasks/main.yml:2)" % path in out
    assert "thing.name" not in out


def test_objects_without_contains_fail_unless_free_form(tmp_path, monkeypatch, capsys):
    result = {"changed": False, "items": [{"a": 1}], "labels": {"team": "x"}}
    status, out = _run(tmp_path, monkeypatch, [(2, result)], capsys)
    assert status == 1
    assert "items (no `contains`)" in out and "labels (no `contains`)" in out
    status, out = _run(tmp_path, monkeypatch, [(2, result)], capsys, free_form={"demo_thing": ("labels",)})
    assert "labels" not in out.split("RETURN checked")[0] and "items (no `contains`)" in out


def test_loop_items_are_checked_one_by_one(tmp_path, monkeypatch, capsys):
    loop = {"changed": True, "msg": "All items completed", "results": [
        {"changed": True, "thing": {"name": "a"}, "item": "a", "ansible_loop_var": "item"},
        {"changed": True, "thing": {"name": "b", "secret": "x"}, "item": "b", "ansible_loop_var": "item"}]}
    status, out = _run(tmp_path, monkeypatch, [(6, loop)], capsys)
    assert status == 1
    assert "thing.secret" in out and "msg" not in out.split("RETURN checked")[0]
    assert "against 2 results" in out


def test_expected_failures_hidden_results_and_other_modules_are_left_out(tmp_path, monkeypatch, capsys):
    refused = {"changed": False, "msg": "refused", "error": {"status": 400}}
    censored = {"changed": True, "censored": "the output has been hidden"}
    other = {"changed": False, "made": {"anything": 1}}
    good = {"changed": False, "thing": {"name": "one"}}
    status, out = _run(tmp_path, monkeypatch, [(10, refused), (2, censored), (14, other), (2, good)], capsys)
    assert status == 0, out
    assert "checked against 1 results" in out


def test_nothing_to_check_fails(tmp_path, monkeypatch, capsys):
    status, out = _run(tmp_path, monkeypatch, [(14, {"changed": False})], capsys)
    assert status == 1 and "nothing was checked" in out
    monkeypatch.setattr(return_docs, "documented_returns", lambda names: {"demo_thing": RETURN})
    assert return_docs.main([str(tmp_path / "collection"), str(tmp_path / "no-such-dir")]) == 1
    assert "no junit results to check" in capsys.readouterr().out


def test_tasks_of_roles_and_playbooks_are_found_by_file_name(tmp_path, monkeypatch, capsys):
    role_tasks = tmp_path / "collection" / "roles" / "demo" / "tasks"
    role_tasks.mkdir(parents=True)
    (role_tasks / "converge.yml").write_text(TASKS)
    result = {"changed": False, "thing": {"name": "one", "leak": 1}}
    cases = [(2, {"changed": False, "thing": {"name": "x"}})]
    status, out = _run(tmp_path, monkeypatch, cases, capsys)
    assert status == 0
    _junit(str(tmp_path / "junit" / "role.xml"), [("out-of-tree:converge.yml:2", result)])
    status, out = _run(tmp_path, monkeypatch, cases, capsys)
    assert status == 1 and "thing.leak  (first at out-of-tree:converge.yml:2)" in out


def test_stale_free_form_entries_fail(tmp_path, monkeypatch, capsys):
    result = {"changed": False, "thing": {"name": "one"}}
    status, out = _run(tmp_path, monkeypatch, [(2, result)], capsys, free_form={"demo_thing": ("labels", "thing.tags[].key")})
    assert status == 0, out
    status, out = _run(tmp_path, monkeypatch, [(2, result)], capsys, free_form={"demo_thing": ("thing", "gone")})
    assert status == 1
    assert "FREE_FORM names what RETURN does not document as a mapping without `contains`: demo_thing: thing" in out
    assert "demo_thing: gone" in out
