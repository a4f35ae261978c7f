"""The library itself (``kb/``): complete, valid, and every block has all its parts."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from policykb.loader import LoadResult, load_library
from policykb.model import Block

from .conftest import PROJECT

SAMPLE_SOPS = ("sop-greeting-customers", "sop-phone-email-enquiries", "sop-processing-a-return",
               "sop-handling-a-complaint")
SOP_HEADINGS = ("Purpose", "Scope", "Responsibilities", "Steps", "Records")


@pytest.fixture(scope="module")
def result() -> LoadResult:
    return load_library(PROJECT / "kb")


def test_the_library_validates(result: LoadResult) -> None:
    assert [str(problem) for problem in result.problems] == []


def test_size_and_shape(result: LoadResult) -> None:
    library = result.library
    assert len(library.blocks) >= 74
    assert len(library.categories) == 13
    per_category = Counter(block.category for block in library.blocks.values())
    assert min(per_category[category] for category in library.categories) >= 3, per_category
    assert sorted(library.kits) == ["appointment-services", "multi-branch-franchise",
                                    "online-store", "restaurant-cafe", "small-shop"]


def blocks(result: LoadResult) -> list[Block]:
    return sorted(result.library.blocks.values(), key=lambda block: block.id)


def test_every_block_has_every_part(result: LoadResult) -> None:
    for block in blocks(result):
        where = block.id
        assert block.summary.value.endswith(".") and ". " not in block.summary.value, where
        assert 3 <= len(block.questions) <= 6, where
        assert all(question.value.endswith("?") for question in block.questions), where
        assert 2 <= len(block.guidance) <= 4, where
        assert block.clauses, where
        assert block.checklist, where
        assert block.related, where
        assert block.reviewed.year >= 2026, where


def test_blocks_offer_choices_where_businesses_differ(result: LoadResult) -> None:
    switched = [block.id for block in blocks(result)
                if any(clause.when for clause in block.clauses)]
    assert len(switched) >= 0.8 * len(result.library.blocks)


def test_sample_sops_follow_sop_practice(result: LoadResult) -> None:
    for block_id in SAMPLE_SOPS:
        block = result.library.blocks[block_id]
        headings = [clause.heading.value for clause in block.clauses if clause.heading]
        assert [heading for heading in headings if heading in SOP_HEADINGS] == \
            list(SOP_HEADINGS), block_id
        steps = [clause for clause in block.clauses if clause.list == "numbered"]
        assert len(steps) >= 4, block_id


def test_kits_cover_every_block_and_mark_optional_ones(result: LoadResult) -> None:
    library = result.library
    in_kits = {ref.block for kit in library.kits.values() for ref in kit.blocks}
    assert set(library.blocks) <= in_kits, set(library.blocks) - in_kits
    for kit in library.kits.values():
        assert any(ref.optional for ref in kit.blocks), kit.id
        assert len(kit.introduction) >= 2, kit.id


def test_the_ideas_table_names_real_blocks(result: LoadResult) -> None:
    guide = (PROJECT / "CONTRIBUTING.md").read_text("utf-8")
    table = guide[guide.index("## Where the ideas of the source articles live"):]
    named = set(re.findall(r"`([a-z0-9-]+)`", table)) - {"tests", "test_library"}
    assert len(named) >= 30
    assert named <= set(result.library.blocks), named - set(result.library.blocks)


def test_law_is_never_stated_as_certain_everywhere(result: LoadResult) -> None:
    claims = re.compile(r"\b(Act|Directive|GDPR|Regulation|statutory|consumer law|"
                        r"data protection law|consumer protection law)\b")
    legal = [block for block in blocks(result)
             if any(claims.search(text.value) for text in block.guidance)]
    assert legal
    for block in legal:
        guidance = " ".join(text.value for text in block.guidance)
        assert re.search(r"\b(check|checks|checking|find out)\b|not legal advice", guidance,
                         re.I), block.id
