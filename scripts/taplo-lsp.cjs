#!/usr/bin/env node
// Taplo's language server from npm (@taplo/lsp: the WebAssembly build that Even Better TOML runs
// in VS Code), served over standard input and output as `taplo lsp stdio` serves it, so that an
// LSP client can drive the same server without a native build of taplo.
//
//   npm install --prefix DIR @taplo/lsp@0.8.0
//   TAPLO_LSP_MODULE=DIR/node_modules/@taplo/lsp node scripts/taplo-lsp.cjs [lsp stdio]
//
// The arguments are accepted and ignored, so the command stands where `taplo` would.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const { fileURLToPath } = require("node:url");
const { TaploLsp } = require(process.env.TAPLO_LSP_MODULE || "@taplo/lsp");

// Logs go to standard error: standard output carries only the protocol.
const log = (bytes) => {
  process.stderr.write(bytes);
  return Promise.resolve(bytes.length);
};

const environment = {
  now: () => new Date(),
  envVar: (name) => process.env[name],
  envVars: () => Object.entries(process.env),
  stdErrAtty: () => false,
  stdin: () => Promise.resolve(new Uint8Array()),
  stdout: log,
  stderr: log,
  glob: () => [],
  readFile: (file) => fs.promises.readFile(file),
  writeFile: (file, bytes) => fs.promises.writeFile(file, bytes),
  // Taplo passes URLs and, for some files, plain paths.
  urlToFilePath: (url) => (url.startsWith("file:") ? fileURLToPath(url) : url),
  isAbsolute: (file) => path.isAbsolute(file),
  cwd: () => process.cwd(),
  findConfigFile: (from) => {
    for (const name of [".taplo.toml", "taplo.toml"]) {
      const candidate = path.join(from, name);
      if (fs.existsSync(candidate)) return candidate;
    }
    return undefined;
  },
  fetch: { fetch, Headers, Request, Response },
};

function frame(message) {
  const body = Buffer.from(JSON.stringify(message), "utf8");
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

async function main() {
  const lsp = await TaploLsp.initialize(environment, { onMessage: frame });
  let buffer = Buffer.alloc(0);
  process.stdin.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf("\r\n\r\n");
      if (end < 0) return;
      const match = /content-length:\s*(\d+)/i.exec(buffer.subarray(0, end).toString("ascii"));
      const length = match ? Number(match[1]) : 0;
      if (buffer.length < end + 4 + length) return;
      const body = buffer.subarray(end + 4, end + 4 + length).toString("utf8");
      buffer = buffer.subarray(end + 4 + length);
      lsp.send(JSON.parse(body));
    }
  });
  process.stdin.on("end", () => process.exit(0));
}

main().catch((error) => {
  process.stderr.write(`${error}\n`);
  process.exit(2);
});
