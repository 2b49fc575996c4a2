"""An LLM tool-use loop: model-written code runs in wasmbox with a host function and fetch.

A model is given a `python` tool. The code it writes (below, as a model would write it)
calls `get_order(order_id)`, a host function reading the application's database, and
`fetch()` on one allowed API, then leaves its answer as the value of the last expression.
The host gets a structured result and an audit trail of every call the code made. Nothing
else is reachable: no other host function, no other URL, no private address, no file of the
host, no environment variable.

The "API" here is a tiny HTTP server on 127.0.0.1 so the example runs offline; that is the
only reason the policy sets `allow_private=True`. Against a real API, leave it off.

    python examples/tool_use.py
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from wasmbox import FetchPolicy, Limits, Sandbox

ORDERS = {
    1001: {"id": 1001, "customer": "ada", "items": [["widget", 3, 2.5], ["gadget", 1, 10.0]]},
    1002: {"id": 1002, "customer": "grace", "items": [["widget", 10, 2.5]]},
}


def get_order(order_id: int) -> dict[str, Any]:
    """The application's own data access: the model's code sees only what this returns."""
    if order_id not in ORDERS:
        raise KeyError(f"no order {order_id}")
    return ORDERS[order_id]


class RatesAPI(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        body = json.dumps({"base": "USD", "rates": {"EUR": 0.92, "GBP": 0.79}}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


# What a model wrote when asked "What do orders 1001 and 1002 cost in euros?"
MODEL_CODE = """
rates = fetch(RATES_URL + '/latest?base=USD').json()['rates']
totals = {}
for oid in order_ids:
    order = get_order(oid)
    usd = sum(qty * price for _, qty, price in order['items'])
    totals[oid] = round(usd * rates['EUR'], 2)
try:
    get_order(9999)
except KeyError as e:
    missing = str(e)
{'eur_totals': totals, 'missing': missing}
"""

# What a model might also write: an attempt to reach something it was not given.
HOSTILE_CODE = """
out = []
for url in ['http://169.254.169.254/latest/meta-data/', 'https://example.com/']:
    try:
        fetch(url)
    except PermissionError as e:
        out.append(str(e))
out
"""


def main() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), RatesAPI)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    rates_url = f"http://127.0.0.1:{server.server_address[1]}"
    policy = FetchPolicy(
        allow=(rates_url + "/latest*",),
        methods={"GET"},
        timeout=2.0,
        allow_private=True,  # only because the demo API is on localhost
    )
    sandbox = Sandbox(
        functions={"get_order": get_order},
        fetch=policy,
        limits=Limits(wall_time=5, max_calls=50),
    )

    result = sandbox.run(MODEL_CODE, inputs={"order_ids": [1001, 1002], "RATES_URL": rates_url})
    print("status:", result.status)
    print("value: ", result.value)
    print("audit trail:")
    for call in result.calls:
        print(f"  {call.name:10s} {call.outcome:22s} {call.duration_ms:7.2f} ms  {call.detail}")

    hostile = sandbox.run(HOSTILE_CODE)
    print("\nhostile attempt:", hostile.status)
    for line in hostile.value:
        print("  refused:", line)
    server.shutdown()


if __name__ == "__main__":
    main()
