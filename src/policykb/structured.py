"""schema.org structured data (JSON-LD) of a document: a returns policy as the merchant's
``MerchantReturnPolicy``, from the same values as the document's text."""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from typing import Any

SCHEMA = "https://schema.org/"

RETURN_WINDOW = "return-window"
"""The block whose presence makes a document a returns policy (its days: ``return_days``)."""
RESTOCKING_FEE = "restocking-fee"
RETURN_SHIPPING = "online-returns-shipping"


def return_policy(block_ids: Collection[str], value: Callable[[str], Any],
                  business_name: str, territory: str | None) -> dict[str, Any] | None:
    """The business and its ``MerchantReturnPolicy``, or None without the return window.

    ``value`` gives the business's value of a variable by name (its default if unset). Fees
    are stated only as far as the document states them: a restocking fee from its block,
    return shipping from its block when the business sells online."""
    if RETURN_WINDOW not in block_ids:
        return None
    days = int(value("return_days") or 0)
    policy: dict[str, Any] = {"@type": "MerchantReturnPolicy"}
    if territory:
        policy["applicableCountry"] = territory
        policy["returnPolicyCountry"] = territory
    if days <= 0:
        policy["returnPolicyCategory"] = SCHEMA + "MerchantReturnNotPermitted"
    else:
        policy["returnPolicyCategory"] = SCHEMA + "MerchantReturnFiniteReturnWindow"
        policy["merchantReturnDays"] = days
        methods = [SCHEMA + method for name, method in (("sells_online", "ReturnByMail"),
                                                        ("sells_in_shop", "ReturnInStore"))
                   if value(name)]
        if methods:
            policy["returnMethod"] = methods if len(methods) > 1 else methods[0]
        fees = _return_fees(block_ids, value)
        if fees:
            policy.update(fees)
    return {"@context": "https://schema.org", "@type": "Organization", "name": business_name,
            "hasMerchantReturnPolicy": policy}


def _return_fees(block_ids: Collection[str], value: Callable[[str], Any]) -> dict[str, Any]:
    if RESTOCKING_FEE in block_ids and value("charge_fee"):
        return {"returnFees": SCHEMA + "RestockingFees",
                "restockingFee": _number(value("fee_percent"))}
    ships_back = bool(value("sells_online"))
    if ships_back and RETURN_SHIPPING in block_ids and value("return_shipping") != "free":
        return {"returnFees": SCHEMA + "ReturnShippingFees"}
    free_shipping = not ships_back or (RETURN_SHIPPING in block_ids
                                       and value("return_shipping") == "free")
    if RESTOCKING_FEE in block_ids and free_shipping:
        return {"returnFees": SCHEMA + "FreeReturn"}
    return {}


def _number(value: Any) -> int | float:
    number = float(value)
    return int(number) if number.is_integer() else number


def json_ld(data: dict[str, Any]) -> str:
    """``data`` as JSON with no ``<`` at all, so that inside a script element no value can
    end it (neither ``</script>`` nor ``<!--``)."""
    return json.dumps(data, ensure_ascii=False, indent=2).replace("<", "\\u003c")
