"""extract_code: where the code is in a model's completion."""

from __future__ import annotations

import pytest

from axiom.verify import extract_code
from axiom.verify.extract import code_key, defines

FUNC = "def add(a, b):\n    return a + b\n"


@pytest.mark.parametrize("tag", ["python", "py", "", "Python", "python3"])
def test_fenced_block(tag):
    text = f"Here you go:\n\n```{tag}\n{FUNC}```\n\nThis adds the numbers."
    assert extract_code(text, "add") == FUNC


def test_several_blocks_pick_the_one_defining_the_entry_point():
    text = (f"First a helper:\n```python\ndef helper():\n    return 1\n```\n"
            f"Then the answer:\n```python\n{FUNC}```\nUsage:\n```python\nprint(add(1, 2))\n```\n")
    assert extract_code(text, "add") == FUNC


def test_the_last_definition_wins():
    first = "def add(a, b):\n    return a - b\n"
    text = f"```python\n{first}```\nOops, fixed:\n```python\n{FUNC}```"
    assert extract_code(text, "add") == FUNC


def test_without_a_defining_block_python_blocks_are_joined():
    text = "```python\nimport math\n```\nand\n```python\nx = math.pi\n```\n```bash\nls\n```"
    assert extract_code(text, "add") == "import math\n\n\nx = math.pi\n"


def test_other_languages_are_ignored_unless_alone():
    text = f"```bash\npip install nothing\n```\n```python\n{FUNC}```"
    assert extract_code(text) == FUNC
    assert extract_code("```text\nprint(1)\n```") == "print(1)\n"


def test_unfenced_code():
    assert extract_code(FUNC, "add") == FUNC


def test_unfenced_code_with_prose_around_it():
    text = f"Sure! Here is the function.\n\n{FUNC}\nIt returns the sum of a and b. Hope this helps!"
    assert extract_code(text, "add") == FUNC.rstrip() + "\n"


def test_unfenced_code_keeps_its_imports_and_decorators():
    code = "import functools\n\n@functools.cache\ndef fib(n):\n    return n if n < 2 else fib(n - 1) + fib(n - 2)\n"
    assert extract_code("Answer:\n" + code + "\nDone.", "fib") == code


def test_function_body_keeps_its_indentation():
    body = "    total = a + b\n    return total\n"
    assert extract_code(body, "add") == body


def test_truncated_fence_runs_to_the_end():
    assert extract_code(f"Here:\n```python\n{FUNC}", "add") == FUNC


def test_truncated_code_is_returned_to_fail_compiling():
    text = "def add(a, b):\n    return (a +"
    out = extract_code("Let me think.\n" + text, "add")
    assert out is not None and out.startswith("def add")


@pytest.mark.parametrize("text", ["", "   \n", "I cannot solve this.", "Sorry", "42", "```python\n```",
                                  "The answer is to add the numbers, then return them."])
def test_no_code(text):
    assert extract_code(text, "add") is None


def test_defines():
    assert defines(FUNC, "add")
    assert defines("async def add(): pass", "add")
    assert defines("add = lambda a, b: a + b", "add")
    assert defines("from operator import add", "add")
    assert defines("class add:\n    pass", "add")
    assert not defines("def plus(a, b):\n    return add(a, b)", "add")
    assert defines("def add(a, b):\n    return (", "add")  # truncated: falls back to the text


def test_a_stray_bare_fence_before_the_python_fence():
    # seen in a real smollm2-135m completion: the stray ``` must not pair with ```python
    text = "Here it is:\n```\n\n```python\ndef f(x):\n    return x\n```\nThis works because f returns x."
    assert extract_code(text, "f") == "def f(x):\n    return x\n"


def test_a_tagged_fence_inside_a_block_closes_it_and_opens_the_next():
    text = "```python\ndef g():\n    pass\n```python\ndef f(x):\n    return x\n```\n"
    assert extract_code(text, "f") == "def f(x):\n    return x\n"


def test_the_verifier_reuses_the_code_object_extraction_compiled():
    from axiom.verify.extract import compiled

    code = extract_code("def f(x):\n    return x + 1\n\nThis adds one.", "f")
    assert code == "def f(x):\n    return x + 1\n"
    obj = compiled(code)
    ns: dict = {}
    exec(obj, ns)
    assert ns["f"](1) == 2
    assert compiled(code) is None  # handed out once
    extract_code("def g():\n    return 2\n", "g")
    assert compiled("def g():\n    return 3\n") is None  # only for exactly the text it compiled


def test_code_key_ignores_formatting_and_comments():
    assert code_key("def f(x):\n    return x+1\n") == code_key("def f( x ):\n    # add one\n    return (x + 1)\n")
    assert code_key("def f(x):\n    return x+1\n") != code_key("def f(x):\n    return x+2\n")
    assert code_key("def f(:\n  pass") == code_key("def f(:\n  pass   \n\n")
