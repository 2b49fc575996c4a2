"""A complete tool-use loop: a model writes Python, wasmbox runs it, the model reads the result.

The model here is a stub that plays a real one's part, so the example runs offline and
without an API key: its first program has a bug (it forgets an import), it reads the error
wasmbox sends back, fixes the code, and answers from the result. The messages are exactly
what Anthropic's Messages API sends and expects: user text, assistant turns with
``tool_use`` blocks, user turns with ``tool_result`` blocks. To use a real model, replace
``StubModel.create`` with the client call shown in ``ask()``.

    python examples/llm_tool_loop.py
"""

from __future__ import annotations

import json
import textwrap
from typing import Any

from wasmbox import Limits, Sandbox
from wasmbox.llm import RUN_PYTHON, anthropic_tool, describe, run_tool_call

Message = dict[str, Any]

QUESTION = "How many words are in this review, what is their average length, and which are longest?"
REVIEW = "Surprisingly comfortable chair, although assembly instructions were bewildering"


class StubModel:
    """Stands in for Claude: decides its next turn from the conversation so far."""

    BUGGY = (
        "words = [w.strip(',.') for w in review.split()]\n"
        "longest = max(len(w) for w in words)\n"
        "{'words': len(words), 'mean': round(mean(len(w) for w in words), 2),\n"
        " 'longest': [w for w in words if len(w) == longest]}"
    )
    FIXED = "from statistics import mean\n" + BUGGY

    def create(self, messages: list[Message], tools: list[dict[str, Any]]) -> Message:
        assert tools[0]["name"] == RUN_PYTHON
        results = [
            block
            for message in messages
            if message["role"] == "user" and isinstance(message["content"], list)
            for block in message["content"]
            if block["type"] == "tool_result"
        ]
        if not results:
            return self._run("I'll count the words in Python.", self.BUGGY, turn=1)
        last = results[-1]["content"]
        if last.startswith("error (") and len(results) == 1:
            return self._run("I forgot to import mean; fixing that.", self.FIXED, turn=2)
        if last.startswith("value: "):
            facts = json.loads(last.removeprefix("value: "))
            answer = (
                f"The review has {facts['words']} words, {facts['mean']} letters long on average; "
                f"the longest are {' and '.join(facts['longest'])}."
            )
        else:
            answer = "Sorry, my code kept failing: " + last.splitlines()[0]
        return {
            "role": "assistant",
            "content": [{"type": "text", "text": answer}],
            "stop_reason": "end_turn",
        }

    @staticmethod
    def _run(text: str, code: str, turn: int) -> Message:
        return {
            "role": "assistant",
            "content": [
                {"type": "text", "text": text},
                {
                    "type": "tool_use",
                    "id": f"toolu_stub{turn:02d}",
                    "name": RUN_PYTHON,
                    "input": {"code": code, "inputs": {"review": REVIEW}},
                },
            ],
            "stop_reason": "tool_use",
        }


def ask(model: StubModel, messages: list[Message], tools: list[dict[str, Any]]) -> Message:
    """One model turn: the assistant's content blocks and why it stopped."""
    # With a real model (pip install anthropic), this is the only change:
    #
    #     client = anthropic.Anthropic()  # reads ANTHROPIC_API_KEY
    #     response = client.messages.create(
    #         model="claude-sonnet-4-5", max_tokens=1024, tools=tools, messages=messages
    #     )
    #     return {
    #         "role": "assistant",
    #         "content": [block.model_dump(exclude_none=True) for block in response.content],
    #         "stop_reason": response.stop_reason,
    #     }
    return model.create(messages, tools)


def show(who: str, text: str) -> None:
    print(f"{who}:\n{textwrap.indent(text, '    ')}\n")


def main() -> list[Message]:
    limits = Limits(wall_time=2.0, memory=32 << 20)
    sandbox = Sandbox(limits)
    # Tell the model the limits it really has; anthropic_tool() alone describes the defaults.
    tools = [anthropic_tool(describe(wall_time=limits.wall_time, memory=limits.memory))]

    messages: list[Message] = [{"role": "user", "content": f"{QUESTION}\n\n{REVIEW}"}]
    show("user", messages[0]["content"])
    model = StubModel()
    for _ in range(5):  # a bound on the loop, whatever the model does
        reply = ask(model, messages, tools)
        messages.append({"role": "assistant", "content": reply["content"]})
        results = []
        for block in reply["content"]:
            if block["type"] == "text":
                show("assistant", block["text"])
            elif block["type"] == "tool_use":
                show(f"assistant -> {block['name']}", str(block["input"].get("code")))
                # Never raises: bad arguments, errors and limits all come back as text.
                if block["name"] == RUN_PYTHON:
                    output = run_tool_call(sandbox, block["input"])
                else:
                    output = f"error: there is no tool named {block['name']!r}"
                show(f"{block['name']} -> assistant", output)
                results.append(
                    {"type": "tool_result", "tool_use_id": block["id"], "content": output}
                )
        if reply["stop_reason"] != "tool_use":
            break
        # Every tool_use is answered in the next user turn, results first in the content.
        messages.append({"role": "user", "content": results})
    return messages


if __name__ == "__main__":
    main()
