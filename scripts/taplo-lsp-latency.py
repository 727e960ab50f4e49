#!/usr/bin/env python3
"""Measures how fast Taplo's language server answers on a sorn source, with sorn's schemas.

Starts `taplo lsp stdio`, opens a source (its `#:schema` line names the schema), and times, over
JSON-RPC on standard input and output:

  - completion of top-level keys (on an empty line after the `#:schema` line),
  - completion of keys in a table (on an empty line after the first table header),
  - hover on the `kind` key.

Each request gets at most --timeout seconds; one that does not answer in time is reported as
such, and the script exits 1. Usage:

    scripts/taplo-lsp-latency.py [--taplo PATH] [--timeout S] [--repeat N] SOURCE...

--taplo is the command that stands for `taplo` (split as a shell would): a native taplo with its
language server (`cargo install taplo-cli --features lsp --locked`; the npm package @taplo/cli is
built without it), or the WebAssembly server of npm's @taplo/lsp, which Even Better TOML runs:
`--taplo "node scripts/taplo-lsp.cjs"` with TAPLO_LSP_MODULE set (see that file).
"""

import argparse
import json
import os
import pathlib
import queue
import shlex
import subprocess
import sys
import threading
import time


class Client:
    """A minimal LSP client: one request at a time; requests from the server are answered."""

    def __init__(self, taplo):
        self.process = subprocess.Popen(
            shlex.split(taplo) + ["lsp", "stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None if os.environ.get("TAPLO_LOG") else subprocess.DEVNULL
        )
        self.messages = queue.Queue()
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        stream = self.process.stdout
        while True:
            headers = {}
            while True:
                line = stream.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.decode("ascii", "replace").strip()
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.lower()] = value.strip()
            body = stream.read(int(headers.get("content-length", "0")))
            self.messages.put(json.loads(body))

    def send(self, message):
        body = json.dumps(dict(message, jsonrpc="2.0")).encode()
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method, params):
        self.send({"method": method, "params": params})

    def request(self, method, params, timeout):
        """The result and the seconds it took; (None, None) if no answer came in time."""
        self.next_id += 1
        wanted = self.next_id
        start = time.monotonic()
        self.send({"id": wanted, "method": method, "params": params})
        while (left := timeout - (time.monotonic() - start)) > 0:
            try:
                message = self.messages.get(timeout=min(left, 0.05))
            except queue.Empty:
                continue
            if message is None:
                raise SystemExit("taplo exited")
            if "method" in message and "id" in message:
                self.send({"id": message["id"], "result": server_request_result(message)})
            elif message.get("id") == wanted:
                return message.get("result"), time.monotonic() - start
        return None, None

    def close(self):
        self.process.kill()
        self.process.wait()


def server_request_result(message):
    """The answer to a request from the server: default settings for each configuration item
    asked (Taplo asks for its `evenBetterToml` settings), without the schema catalog that it
    would fetch from the network; an empty success otherwise."""
    if message["method"] == "workspace/configuration":
        settings = {"schema": {"enabled": True, "catalogs": []}}
        return [settings for _ in message.get("params", {}).get("items", [])]
    return {}


def labels(result):
    items = result.get("items", []) if isinstance(result, dict) else (result or [])
    return sorted(item["label"] for item in items)


def measure(client, source, timeout):
    """[(what, seconds or None, detail)] for one source."""
    lines = source.read_text(encoding="utf-8").split("\n")
    header = next((i for i, line in enumerate(lines) if line.startswith("[")), None)
    # An empty line after the #:schema line, and one after the first table header (if any).
    if header is None:
        edited = [lines[0], ""] + lines[1:]
    else:
        edited = [lines[0], ""] + lines[1 : header + 1] + [""] + lines[header + 1 :]
    uri = source.resolve().as_uri()
    client.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "toml", "version": 1, "text": "\n".join(edited)}},
    )
    kind_line = next(i for i, line in enumerate(edited) if line.startswith("kind"))
    results = []
    requests = [("completion, top level", "textDocument/completion", 1)]
    if header is not None:
        requests.append((f"completion, in {lines[header]}", "textDocument/completion", header + 2))
    requests.append(("hover on kind", "textDocument/hover", kind_line))
    for what, method, line in requests:
        params = {"textDocument": {"uri": uri}, "position": {"line": line, "character": 0 if "completion" in what else 1}}
        result, seconds = client.request(method, params, timeout)
        if method.endswith("completion"):
            detail = ", ".join(labels(result)) if seconds is not None else "no answer"
        else:
            detail = json.dumps((result or {}).get("contents", ""))[:80] if seconds is not None else "no answer"
        results.append((what, seconds, detail))
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--taplo", default="taplo")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("sources", nargs="+", type=pathlib.Path)
    args = parser.parse_args()
    client = Client(args.taplo)
    root = pathlib.Path.cwd().resolve().as_uri()
    _, seconds = client.request(
        "initialize",
        {"processId": os.getpid(), "rootUri": root, "capabilities": {}, "workspaceFolders": [{"uri": root, "name": "root"}]},
        args.timeout,
    )
    if seconds is None:
        raise SystemExit("taplo did not answer initialize")
    client.notify("initialized", {})
    failed = False
    for source in args.sources:
        for run in range(args.repeat):
            for what, seconds, detail in measure(client, source, args.timeout):
                shown = f"{seconds * 1000:8.1f} ms" if seconds is not None else f"   > {args.timeout:g} s"
                print(f"{source}  run {run + 1}  {what:<28} {shown}  {detail[:100]}")
                failed |= seconds is None
    client.close()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
