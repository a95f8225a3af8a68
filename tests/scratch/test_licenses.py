"""Licence decisions from distribution metadata: permissive ones in, everything else (unknown included) out."""

from email.message import Message

import pytest

from axiom.scratch.licenses import classify, expression_permissive


def metadata(**fields) -> Message:
    m = Message()
    for key, value in fields.items():
        for v in value if isinstance(value, list) else [value]:
            m[key.replace("_", "-")] = v
    return m


@pytest.mark.parametrize("expression, permissive", [
    ("MIT", True), ("BSD-3-Clause AND 0BSD AND MIT", True), ("Apache-2.0 OR BSD-2-Clause", True),
    ("Apache-2.0 AND Apache-2.0 WITH LLVM-exception", True), ("(MIT OR GPL-3.0-only) AND BSD-3-Clause", True),
    ("GPL-3.0-only", False), ("MPL-2.0 AND MIT", False), ("LGPL-2.1-or-later OR GPL-2.0-only", False),
    ("MIT AND (GPL-2.0-only OR LGPL-3.0-only)", False), ("MIT AND", False), ("(MIT", False), ("", False),
])
def test_spdx_expressions(expression, permissive):
    assert expression_permissive(expression) is permissive


@pytest.mark.parametrize("fields, spdx, source, permissive", [
    ({"License_Expression": "BSD-3-Clause"}, "BSD-3-Clause", "License-Expression", True),
    ({"License_Expression": "GPL-2.0-or-later", "Classifier": "License :: OSI Approved :: MIT License"},
     "GPL-2.0-or-later", "License-Expression", False),  # the expression decides, not the classifiers
    ({"Classifier": ["License :: OSI Approved :: MIT License", "Programming Language :: Python"]}, "MIT",
     "classifier", True),
    ({"Classifier": ["License :: OSI Approved :: BSD License",
                     "License :: OSI Approved :: GNU General Public License v3 (GPLv3)"]}, None, "classifier", False),
    ({"Classifier": "License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)"}, None, "classifier", False),
    ({"License": "Apache 2.0 License"}, "Apache-2.0", "License field", True),
    ({"License": "MPL-2.0 AND MIT"}, "MPL-2.0 AND MIT", "License field", False),
    ({"License": "Copyright (c) 2020 X\n\nPermission is hereby granted, free of charge, to any person..."}, "MIT",
     "License field", True),
    ({"License": "Proprietary. All rights reserved."}, "unknown", "License field", False),
    ({}, "unknown", "none", False),
])
def test_classify(fields, spdx, source, permissive):
    licence = classify(metadata(**fields))
    assert licence.source == source and licence.permissive is permissive
    if spdx is not None:
        assert licence.spdx == spdx
