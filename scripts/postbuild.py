"""Trunk post-build hook: Content-Security-Policy hashes and GitHub Pages files.

Trunk loads the wasm with an inline <script type="module">. A strict policy
(script-src 'self' 'wasm-unsafe-eval') blocks inline scripts, so release builds get
the SHA-256 of each inline script added to the policy instead of 'unsafe-inline'.
Debug builds (trunk serve) drop the policy, because live reload injects a script
after this hook has run.

The whole app (race-planner-full.js and its wasm, which the first load fetches when it
hands over) keeps a fixed name; a <meta name="race-planner-full"> with a hash of its
content is added, which the first load puts in the URLs so that no cached copy of an
older build is used.

The service worker (sw.js, from src/sw.js) gets the list of the build's files to keep
for offline use and a version: a hash of every file, so each build has its own cache.
"""
import json
import base64
import hashlib
import os
import pathlib
import re
import sys

staging = pathlib.Path(os.environ["TRUNK_STAGING_DIR"])
profile = os.environ.get("TRUNK_PROFILE", "debug")
index = staging / "index.html"
html = index.read_text(encoding="utf-8")

PLACEHOLDER = "'inline-script-hashes'"
csp_meta = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.S)

if profile == "release":
    bodies = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S)
    hashes = " ".join(
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(b.encode("utf-8")).digest()).decode()
        for b in bodies
    )
    if PLACEHOLDER not in html:
        sys.exit("postbuild: the CSP placeholder %s is missing from index.html" % PLACEHOLDER)
    html = html.replace(PLACEHOLDER, hashes)
else:
    html = csp_meta.sub("", html)

full = hashlib.sha256()
for name in ("race-planner-full.js", "race-planner-full_bg.wasm"):
    full.update((staging / name).read_bytes())
html = html.replace(
    "</head>",
    '<meta name="race-planner-full" content="%s" /></head>' % full.hexdigest()[:16],
    1,
)

index.write_text(html, encoding="utf-8")

sw = staging / "sw.js"
files = sorted(
    p.relative_to(staging).as_posix()
    for p in staging.rglob("*")
    if p.is_file() and p.name not in ("sw.js", ".nojekyll", "index.html")
)
version = hashlib.sha256()
for name in ["index.html"] + files:
    version.update(name.encode("utf-8"))
    version.update((staging / name).read_bytes())
text = sw.read_text(encoding="utf-8")
for placeholder in ("__RACE_PLANNER_VERSION__", "__RACE_PLANNER_FILES__"):
    if placeholder not in text:
        sys.exit("postbuild: %s is missing from sw.js" % placeholder)
text = text.replace("__RACE_PLANNER_VERSION__", version.hexdigest()[:16])
text = text.replace("__RACE_PLANNER_FILES__", json.dumps(["./"] + files))
sw.write_text(text, encoding="utf-8")
(staging / ".nojekyll").write_text("", encoding="utf-8")
