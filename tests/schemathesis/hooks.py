"""schemathesis hooks for tests/schemathesis/run (loaded via SCHEMATHESIS_HOOKS).

One rule of the pages JSON Schema cannot express: an `Int` is written without
a fraction or an exponent, so the servers refuse `3628801.0` where JSON
Schema's `integer` (a mathematical integer) accepts it. The document says so
in each such schema's `description`; schemathesis cannot read that, and sends
integral floats as "valid" integers.

`before_call` writes every integral float of a body within the range of an
`Int` (|x| < 2^63) as an integer before it is sent. JSON Schema cannot tell
`1.0` from `1`, so this changes no verdict of the document (a positive case
stays positive, a negative one negative); it only keeps schemathesis from
testing the one rule the document states it cannot describe. Larger floats
are left as Python writes them (`1e+300`): an `Int` refuses them anyway
(range). (schemathesis found that a Float written as a 309-digit integer
near f64::MAX was refused: serde_json's `float_roundtrip` is now on, and
codegen/runtime/tests/exact_data.rs holds the case.) The servers' refusal
of `1.0` in an `Int` is covered by the payload fixtures and
tests/tests/openapi_agreement.rs instead.
"""

import schemathesis


def _integral_floats_as_integers(value):
    if isinstance(value, float) and value.is_integer() and abs(value) < 2.0**63:
        return int(value)
    if isinstance(value, list):
        return [_integral_floats_as_integers(item) for item in value]
    if isinstance(value, dict):
        return {key: _integral_floats_as_integers(item) for key, item in value.items()}
    return value


@schemathesis.hook
def before_call(context, case, kwargs):
    body = getattr(case, "body", None)
    if isinstance(body, (dict, list, float)):
        case.body = _integral_floats_as_integers(body)
