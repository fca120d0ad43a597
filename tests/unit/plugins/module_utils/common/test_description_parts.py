# -*- coding: utf-8 -*-
# Copyright: selfhosted.platforms contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""The platform-neutral description check with parts grouped under one name (``pets.dogs``): a toy layout, no
platform, no server."""

from __future__ import annotations

import pytest

from ansible_collections.selfhosted.platforms.plugins.module_utils.common.description import (
    Layout, Reference, check_description, counts, part,
)
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.fields import Field, lower
from ansible_collections.selfhosted.platforms.plugins.module_utils.common.resource import Resource, Singleton


class _Named(Resource):
    fields = (Field("name", normalize=lower), Field("owner", normalize=lower), Field("password", secret=True))

    @staticmethod
    def key(item):
        return item.get("name")

    def read(self, ctx, items, complete):
        return []

    def find(self, current, item):
        return None

    def create(self, ctx, item):
        raise NotImplementedError

    def write(self, ctx, current, route, values, item):
        raise NotImplementedError

    def delete(self, ctx, current):
        raise NotImplementedError


class People(_Named):
    name = "person"


class Dogs(_Named):
    name = "dog"


class Cats(_Named):
    name = "cat"


class Feeding(Singleton):
    name = "feeding"
    fields = (Field("times", type="int", minimum=1), Field("keeper", normalize=lower))

    def read(self, ctx, items, complete):
        return [{}]

    def write(self, ctx, current, route, values, item):
        raise NotImplementedError


class PetLayout(Layout):
    kinds = (("people", People), ("pets.dogs", Dogs), ("pets.cats", Cats))
    mappings = (("pets.feeding", Feeding),)
    references = [Reference("pets.dogs", "owner", "people", lambda dog: [dog["owner"]] if dog.get("owner") else []),
                  Reference("pets.feeding", "keeper", "people", lambda feeding: [feeding["keeper"]] if feeding.get("keeper") else [])]
    secret_keys = {"dog_passwords": ("pets.dogs", "dog")}

    def check(self, entries):
        dogs = set(item["name"] for _label, item in entries("pets.dogs"))
        return ["%s: %r is also a dog" % (label, item["name"]) for label, item in entries("pets.cats") if item["name"] in dogs]


LAYOUT = PetLayout()
VALID = {"people": [{"name": "ann"}],
         "pets": {"dogs": [{"name": "rex", "owner": "Ann"}], "cats": [{"name": "tom"}], "feeding": {"times": 2, "keeper": "ann"}}}


def check(description, secrets=None):
    return check_description(None, LAYOUT, description, secrets or {}, server=False)


def test_parts_are_the_top_level_names_and_groups_list_the_parts_inside():
    assert LAYOUT.parts() == ["people", "pets"]
    assert LAYOUT.groups() == {"pets": ["cats", "dogs", "feeding"]}
    assert LAYOUT.paths() == ["people", "pets.dogs", "pets.cats", "pets.feeding"]


def test_part_follows_a_path_and_gives_none_where_a_step_is_missing_or_not_a_mapping():
    assert part(VALID, "pets.dogs") == VALID["pets"]["dogs"]
    assert part(VALID, "pets.birds") is None
    assert part({"pets": ["rex"]}, "pets.dogs") is None


def test_a_valid_description_with_grouped_parts_has_no_problems_and_is_counted_by_path():
    assert check(VALID, {"dog_passwords": {"Rex": "woof-1"}}) == []
    assert counts(LAYOUT, VALID) == {"people": 1, "pets.dogs": 1, "pets.cats": 1, "pets.feeding": 2}


@pytest.mark.parametrize("description,problems", [
    ([], ["the description must be a mapping of people and pets"]),
    ({"pets": ["rex"]}, ["pets: must be a mapping of cats, dogs and feeding, not list"]),
    ({"pets": {"feeding": 2}}, ["pets.feeding: must be a mapping of settings, not int"]),
    ({"pets": {"dogs": {"rex": {}}}}, ["pets.dogs: must be a list of entries, not dict"]),
    ({"animals": [], "pets": {"birds": [], "fish": []}},
     ["unknown part animals of the description (known: people, pets)",
      "unknown parts pets.birds, pets.fish of the description (known: pets.cats, pets.dogs, pets.feeding)"]),
])
def test_a_part_of_the_wrong_shape_or_an_unknown_part_is_named_by_its_path(description, problems):
    assert check(description) == problems


def test_entries_inside_a_group_are_named_by_path_position_and_identity():
    description = {"people": [{"name": "ann"}], "pets": {"dogs": [{"name": "rex"}, {"name": "Rex"}, {"name": "fido", "colour": "red"}],
                                                         "feeding": {"times": 0}}}
    assert check(description) == [
        "pets.dogs[2] (fido): unknown option colour (known: name, owner)",
        "pets.dogs[1] (rex): dog 'rex' is listed twice (also pets.dogs[0]; compared after normalisation)",
        "pets.feeding: times: 0 is out of range (at least 1)"]


def test_references_from_and_to_grouped_parts_and_from_a_mapping_are_checked():
    description = {"people": [{"name": "ann"}], "pets": {"dogs": [{"name": "rex", "owner": "bob"}], "feeding": {"keeper": "carl"}}}
    assert check(description) == [
        "pets.dogs[0] (rex): owner: 'bob' is not in the description",
        "pets.feeding: keeper: 'carl' is not in the description"]


def test_the_layouts_own_check_sees_the_entries_without_problems():
    description = {"pets": {"dogs": [{"name": "tom"}, {"name": "max", "colour": "red"}], "cats": [{"name": "tom"}, {"name": "max"}]}}
    assert check(description) == [
        "pets.dogs[1] (max): unknown option colour (known: name, owner)",
        "pets.cats[0] (tom): 'tom' is also a dog"]


def test_secrets_keyed_by_a_grouped_kind_are_checked_against_it():
    assert check(VALID, {"dog_passwords": {"rex": "woof-1", "fido": "woof-2"}}) == [
        "secrets.dog_passwords: no dog of the description is named 'fido'"]
