"""The documents a business publishes: which clauses each holds, and the words of its frame.

A *customer policy* holds the clauses for customers; a *staff handbook* the blocks
with rules for staff (SOPs, training, and the staff rules of customer blocks with
the promises they implement); a *counter notice* the clauses marked ``notice: true``
(the promises a customer needs at the till). No document holds a kit's
instructions to the owner. The frame's messages are interface messages
(``policykb.po``), marked here with :func:`_` and translated where they are used.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum

from .model import Audience, Block, Clause


def _(message: str) -> str:
    """Mark ``message`` for the interface catalog; it is translated where it is shown."""
    return message


class DocumentKind(StrEnum):
    """The documents ``policykb assemble --document`` writes."""

    CUSTOMER_POLICY = "customer-policy"
    STAFF_HANDBOOK = "staff-handbook"
    COUNTER_NOTICE = "counter-notice"


TITLES = {
    DocumentKind.CUSTOMER_POLICY: _("{business_name}: customer policy"),
    DocumentKind.STAFF_HANDBOOK: _("{business_name}: staff handbook"),
    DocumentKind.COUNTER_NOTICE: _("{business_name}: our promises to you"),
}
"""The title of each document, with the business's name."""

EFFECTIVE = _("In force from: {date}")
VERSION = _("Version: {version}")
NEXT_REVIEW = _("Next review: {date}")
COUNTRY = _("Country: {country}")
LANGUAGE = _("Language: {language}")
BRANCH = _("Branch: {branch}")
"""The frame line of a branch's edition (after the version), with the branch's name."""
BRANCHES = _("Our branches")
"""The heading of the table of branches that ends a business-wide document with branches."""
BRANCH_COLUMN = _("Branch")
"""The header of the table's first column: each branch's name."""


@dataclass(frozen=True)
class Frame:
    """What a published document says about itself: its kind, when it applies, its version."""

    kind: DocumentKind
    effective: datetime.date
    version: str = "1.0"
    branch: str | None = None
    """The name of the branch whose edition this is, if it is one."""

    @property
    def next_review(self) -> datetime.date:
        """A year after the effective date (the annual policy review)."""
        try:
            return self.effective.replace(year=self.effective.year + 1)
        except ValueError:  # 29 February
            return self.effective.replace(year=self.effective.year + 1, day=28)


def parse_kind(name: str) -> DocumentKind | None:
    """The document kind called ``name``, or None."""
    try:
        return DocumentKind(name)
    except ValueError:
        return None


def holds(kind: DocumentKind, block: Block, clause: Clause) -> bool:
    """True when ``clause`` of ``block`` belongs in a document of ``kind``."""
    if kind is DocumentKind.CUSTOMER_POLICY:
        return clause.audience is Audience.CUSTOMERS
    if kind is DocumentKind.COUNTER_NOTICE:
        return clause.notice and clause.audience is Audience.CUSTOMERS
    return any(other.audience is Audience.STAFF for other in block.clauses)
