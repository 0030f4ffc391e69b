// A small static file server that compresses like GitHub Pages: gzip for text, JS, CSS,
// SVG, JSON and WebAssembly when the browser accepts it, `Cache-Control: max-age=600`.
// Used by bench/run.mjs; also runnable on its own:  node bench/serve.mjs DIR [PORT]
import { createServer } from "node:http";
import { readFileSync, statSync } from "node:fs";
import { join, normalize, extname, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};
const COMPRESSED = new Set([".html", ".js", ".mjs", ".css", ".wasm", ".svg", ".json", ".txt", ".ico"]);

/** Serves `root` on 127.0.0.1:`port` (0: any free port); resolves to `{ server, origin }`. */
export function serve(root, port = 0) {
  const cache = new Map();
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(root, path));
    if (!file.startsWith(normalize(root))) {
      res.writeHead(403).end();
      return;
    }
    let stat;
    try {
      stat = statSync(file);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    if (stat.isDirectory()) {
      res.writeHead(301, { location: `${path}/` }).end();
      return;
    }
    const ext = extname(file);
    const headers = { "content-type": TYPES[ext] || "application/octet-stream", "cache-control": "max-age=600", vary: "Accept-Encoding" };
    let body = readFileSync(file);
    if (COMPRESSED.has(ext) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
      const key = `${file}:${stat.mtimeMs}`;
      if (!cache.has(key)) cache.set(key, gzipSync(body, { level: 9 }));
      body = cache.get(key);
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = body.length;
    res.writeHead(200, headers);
    res.end(req.method === "HEAD" ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, "127.0.0.1", () => ok({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir = "dist", port = "8081"] = process.argv.slice(2);
  const { origin } = await serve(resolve(dir), Number(port));
  console.log(`serving ${dir} with gzip at ${origin}/ (Ctrl+C stops)`);
}
