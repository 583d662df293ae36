"""Serving benchmarks for Benchmarks/run: the release server against nginx and opusenc, in one run.

- Media: `wrk` GETs of stored Opus files through Parlons (`/media/ID.opus`, the standard HTTP
  stack and all its middleware) against the stack's own ceiling (`GET /healthz`, same settings),
  with nginx (Debian's, serving the same files from the same media folder) beside them, on
  loopback, alternating runs: random 16 KiB ranges of public audio, anonymous; of a learner's
  private audio with their bearer token and with their session cookie; and whole ~100 KB files.
- JSON: `GET /api/recordings` with 10,000 recordings stored, and `GET /api/search` over 100,000
  transcript segments, at 16 connections: p50 and p99.
- Uploads: 50 concurrent 1-minute WAV uploads against 50 parallel `opusenc` on the same cores.
- Start-up: `parlons serve` on the 10,000 recordings, until it listens.

The populated media root is kept under Benchmarks/work/serving (git-ignored) and reused.
"""
import concurrent.futures, http.client, json, math, os, random, re, shutil, socket, statistics, struct, subprocess
import tempfile, time, urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, "Benchmarks", "work")
LUA = os.path.join(ROOT, "Benchmarks", "lua")
RECORDINGS = 10_000
SEGMENTS_PER_TRANSCRIPT = 10
MEDIA_FILES = 20
LISTENER_CODE = [4, 8, 1]
WRK_THREADS, WRK_CONNECTIONS = 2, 16


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`parlons serve` on a media root; `started_s` is the time from spawn to its "listening" line."""

    def __init__(self, parlons, media, *extra, cpus=None):
        command = [parlons, "serve", "--port", "0", "--media", media, "--log-level", "warning", *extra]
        if cpus:
            command = ["taskset", "-c", cpus] + command
        start = time.perf_counter()
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        for line in self.process.stdout:
            match = re.search(r"listening on http://127\.0\.0\.1:(\d+)", line)
            if match:
                self.port = int(match.group(1))
                break
        else:
            raise RuntimeError("parlons did not start")
        self.started_s = time.perf_counter() - start

    def stop(self):
        self.process.terminate()
        self.process.wait()

    def request(self, method, path, body=None, token=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response.status, data


def wav_bytes(samples, rate):
    data = struct.pack(f"<{len(samples)}h", *samples)
    return (b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
            + b"data" + struct.pack("<I", len(data)) + data)


VOCABULARY = ("bonjour merci école marché médecin travail famille enfant maison voiture route camp caravane histoire "
              "grand-mère voyage printemps hiver été automne lundi mardi mercredi jeudi vendredi samedi dimanche pain "
              "lait fromage pomme orange légume poisson viande eau café thé sucre sel rouge bleu vert jaune noir blanc "
              "chanter danser lire écrire parler écouter regarder apprendre comprendre répondre demander aider").split()


def transcript_text(index):
    """Ten phrases of five to nine words; the word `caravane` in about one transcript in fifty."""
    rng = random.Random(index)
    lines = []
    for _ in range(SEGMENTS_PER_TRANSCRIPT):
        words = [rng.choice(VOCABULARY) for _ in range(rng.randint(5, 9))]
        words = [w for w in words if w != "caravane" or rng.random() < 0.02]
        lines.append(" ".join(words).capitalize() + ".")
    return "\n".join(lines) + "\n"


def populate(parlons, speech_wav, recordings=RECORDINGS, media=None, store=()):
    """The shared media root: MEDIA_FILES public ~100 KB recordings (speech, through the upload API),
    then short recordings up to RECORDINGS (through `parlons import`), each with a transcript of
    SEGMENTS_PER_TRANSCRIPT phrases (through the API). Made once, kept in Benchmarks/work/serving.
    `store`: options naming other stores (`--database postgres://…`, `--blobs s3://…`) given to
    every command and server, with `media` then only their staging folder."""
    media = media or os.path.join(WORK, "serving" if recordings == RECORDINGS else f"serving-{recordings}")
    ready = os.path.join(media, "ready.json")
    if os.path.exists(ready):
        return media, json.load(open(ready))
    shutil.rmtree(media, ignore_errors=True)
    os.makedirs(media)
    run([parlons, "user", "add", "--name", "bench", "--role", "admin", "--media", media, *store], stdout=subprocess.DEVNULL)
    token = subprocess.check_output([parlons, "token", "create", "--user", "bench", "--media", media, *store], text=True).strip()
    print(f"populating {media}: {MEDIA_FILES} uploads, {recordings - MEDIA_FILES} imports, {recordings} transcripts", flush=True)
    # About 34 s of speech each, from different offsets of the speech file: ~100 KB of Opus.
    pieces = os.path.join(WORK, "pieces")
    os.makedirs(pieces, exist_ok=True)
    server = Server(parlons, media, *store)
    files = []
    try:
        for i in range(MEDIA_FILES):
            piece = os.path.join(pieces, f"piece{i}.wav")
            run(["sox", speech_wav, piece, "trim", str(i * 17), "34"])
            status, body = server.request("POST", f"/api/recordings?title=piece{i}&language=fr", open(piece, "rb").read(), token)
            assert status == 201, body
            recording = json.loads(body)
            status, body = server.request("POST", f"/api/recordings/{recording['id']}/consent",
                                          json.dumps({"visibility": "public", "method": "tap"}), token)
            assert status == 201, body
            files.append({"id": recording["id"], "sha256": recording["sha256"], "bytes": recording["bytes"]})
    finally:
        server.stop()
    # The rest: half-second tones, each different, imported in batches by the CLI.
    tones = os.path.join(WORK, "tones")
    os.makedirs(tones, exist_ok=True)
    names = []
    for i in range(recordings - MEDIA_FILES):
        path = os.path.join(tones, f"t{i:05}.wav")
        if not os.path.exists(path):
            frequency = 200 + i % 1000
            samples = [int(8000 * math.sin(2 * math.pi * frequency * n / 8000)) for n in range(4000)]
            open(path, "wb").write(wav_bytes(samples, 8000))
        names.append(path)
    for batch in range(0, len(names), 1000):
        run([parlons, "import", *names[batch:batch + 1000], "--owner", "bench", "--language", "fr", "--media", media, *store],
            stdout=subprocess.DEVNULL)
    server = Server(parlons, media, *store)
    try:
        ids, cursor = [], None
        while True:
            status, body = server.request("GET", "/api/recordings?limit=200" + (f"&cursor={cursor}" if cursor else ""), token=token)
            page = json.loads(body)
            ids += [r["id"] for r in page["recordings"]]
            cursor = page.get("nextCursor")
            if not cursor:
                break
        assert len(ids) == recordings, len(ids)

        def put(item):
            index, rid = item
            status, body = server.request("PUT", f"/api/recordings/{rid}/transcripts/fr", transcript_text(index).encode(), token)
            assert status == 201, body
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            list(pool.map(put, enumerate(ids)))
    finally:
        server.stop()
    info = {"token": token, "files": files}
    json.dump(info, open(ready, "w"))
    return media, info


def wrk(url, script, args, seconds, connections=WRK_CONNECTIONS, threads=WRK_THREADS):
    """Requests/s, p50 and p99 (ms) and the count of non-2xx answers of one wrk run (`script`
    None: GET `url` itself)."""
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency"]
    command += [url] if script is None else ["-s", os.path.join(LUA, script), url, "--", *args]
    out = subprocess.check_output(command, text=True)
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))

    def percentile(name):
        value, unit = re.search(rf"^\s+{name}%\s+([0-9.]+)(us|ms|s)\s*$", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": percentile("50"), "p99": percentile("99"), "errors": int(errors.group(1)) if errors else 0,
            "socket_errors": socket_errors.group(1) if socket_errors else ""}


NGINX_CONF = """
worker_processes {workers};
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/error.log;
events {{ worker_connections 1024; }}
http {{
    sendfile on;
    tcp_nopush on;
    types {{ audio/ogg opus; }}
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
    }}
}}
"""


def populate_listener(parlons, media, info, store=()):
    """A learner of a group with MEDIA_FILES private recordings of their own (the common path: a
    signed-in learner's own audio) and a bearer token; added to the populated media root once."""
    if "listener" in info:
        return info
    token = info["token"]
    server = Server(parlons, media, *store)
    try:
        def call(method, path, body=None, with_token=token):
            status, data = server.request(method, path, json.dumps(body) if body is not None else None, with_token)
            assert status in (200, 201, 204), (path, status, data)
            return json.loads(data) if data else None
        group = call("POST", "/api/groups", {"name": "listeners"})["id"]
        learner = call("POST", "/api/people", {"name": "listener", "displayName": "Listener", "role": "learner", "groupIds": [group]})["id"]
        call("PUT", f"/api/people/{learner}/picture-code", {"code": LISTENER_CODE})
        learner_token = subprocess.check_output([parlons, "token", "create", "--user", "listener", "--media", media, *store], text=True).strip()
        files = []
        pieces = os.path.join(WORK, "pieces")
        for i in range(MEDIA_FILES):
            status, data = server.request("POST", f"/api/recordings?title=mine{i}&language=fr",
                                          open(os.path.join(pieces, f"piece{i}.wav"), "rb").read(), learner_token)
            assert status == 201, data
            recording = json.loads(data)
            assert recording["visibility"] == "private"
            files.append({"id": recording["id"], "sha256": recording["sha256"], "bytes": recording["bytes"]})
    finally:
        server.stop()
    info["listener"] = {"id": learner, "token": learner_token, "files": files}
    json.dump(info, open(os.path.join(media, "ready.json"), "w"))
    return info


def session_cookie(server, learner_id):
    """The learner signed in with their picture code: the `parlons_session` cookie."""
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)
    connection.request("POST", "/api/auth/picture", body=json.dumps({"personId": learner_id, "code": LISTENER_CODE}),
                       headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    assert response.status == 200, response.status
    cookie = next(v for k, v in response.getheaders() if k.lower() == "set-cookie" and v.startswith("parlons_session="))
    return cookie.split(";")[0]


def bench_media(parlons, media, info, seconds, rounds):
    """Parlons against its own /healthz and against nginx on the same files, in turn: public
    ranges (anonymous), private ranges (bearer token, session cookie), whole files; medians."""
    directory = tempfile.mkdtemp(prefix="parlons-nginx-")
    port = free_port()
    conf = os.path.join(directory, "nginx.conf")
    open(conf, "w").write(NGINX_CONF.format(workers=os.cpu_count(), dir=directory, port=port, root=media))
    nginx = subprocess.Popen(["nginx", "-c", conf, "-p", directory], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    info = populate_listener(parlons, media, info)
    server = Server(parlons, media)
    cookie = session_cookie(server, info["listener"]["id"])
    lists = {}
    for name, files, path_of in [("parlons", info["files"], lambda f: f"/media/{f['id']}.opus"),
                                 ("private", info["listener"]["files"], lambda f: f"/media/{f['id']}.opus"),
                                 ("nginx", info["files"], lambda f: f"/recordings/{f['sha256'][:2]}/{f['sha256'][2:4]}/{f['sha256']}.opus")]:
        lists[name] = os.path.join(directory, f"{name}.txt")
        with open(lists[name], "w") as out:
            for f in files:
                out.write(f"{path_of(f)} {f['bytes']}\n")
    try:
        time.sleep(0.5)
        for name, url in [("parlons", f"http://127.0.0.1:{server.port}"), ("nginx", f"http://127.0.0.1:{port}")]:
            first = open(lists[name]).readline().split()[0]
            status = http.client.HTTPConnection("127.0.0.1", int(url.rsplit(":", 1)[1]))
            status.request("GET", first, headers={"Range": "bytes=0-9"})
            assert status.getresponse().status == 206, f"{name} does not serve {first}"
        ours, theirs = f"http://127.0.0.1:{server.port}", f"http://127.0.0.1:{port}"
        # (kind, name): the URL, the lua script (None: the URL itself) and its arguments.
        runs = {
            ("healthz", "parlons"): (ours + "/healthz", None, []),
            ("range", "parlons"): (ours, "paths.lua", [lists["parlons"], "range"]),
            ("range", "nginx"): (theirs, "paths.lua", [lists["nginx"], "range"]),
            ("range-token", "parlons"): (ours, "paths.lua", [lists["private"], "range", f"Authorization: Bearer {info['listener']['token']}"]),
            ("range-cookie", "parlons"): (ours, "paths.lua", [lists["private"], "range", f"Cookie: {cookie}"]),
            ("whole", "parlons"): (ours, "paths.lua", [lists["parlons"], "whole"]),
            ("whole", "nginx"): (theirs, "paths.lua", [lists["nginx"], "whole"]),
        }
        results = {key: [] for key in runs}
        for _ in range(rounds):
            for key, (url, script, args) in runs.items():
                results[key].append(wrk(url, script, args, seconds))
        return {key: {"rps": statistics.median(r["rps"] for r in runs), "p99": statistics.median(r["p99"] for r in runs),
                      "errors": sum(r["errors"] for r in runs)} for key, runs in results.items()}
    finally:
        server.stop()
        nginx.terminate()
        nginx.wait()
        shutil.rmtree(directory, ignore_errors=True)


def bench_json(parlons, media, info, seconds):
    """`GET /api/recordings` (first pages, as the admin who sees all) and search, at 16 connections."""
    server = Server(parlons, media)
    directory = tempfile.mkdtemp(prefix="parlons-json-")
    try:
        token = info["token"]
        status, body = server.request("GET", "/api/recordings?limit=50", token=token)
        cursors, cursor = [""], json.loads(body).get("nextCursor")
        while cursor and len(cursors) < 20:
            cursors.append(f"&cursor={cursor}")
            cursor = json.loads(server.request("GET", f"/api/recordings?limit=50&cursor={cursor}", token=token)[1]).get("nextCursor")
        lists = os.path.join(directory, "list.txt")
        open(lists, "w").write("".join(f"/api/recordings?limit=50{c}\n" for c in cursors))
        rng = random.Random(7)
        queries = [" ".join(rng.sample(VOCABULARY, k)) for k in (1, 2) for _ in range(50)] + ["caravane"] * 10
        searches = os.path.join(directory, "search.txt")
        # Percent-encoded: raw UTF-8 in a request line is refused (400) by the HTTP parser, which made
        # every query with an accented word a fast error in the first runs of this measure.
        open(searches, "w").write("".join(f"/api/search?q={urllib.parse.quote(q)}\n" for q in queries))
        for query in sorted(set(queries)):
            status, _ = server.request("GET", f"/api/search?q={urllib.parse.quote(query)}", token=token)
            if status != 200:
                raise RuntimeError(f"search for {query!r} answered {status}")
        status, body = server.request("GET", "/api/search?q=caravane", token=token)
        hits = len(json.loads(body)["results"])
        url = f"http://127.0.0.1:{server.port}"
        listing = wrk(url, "urls.lua", [lists, token], seconds)
        search = wrk(url, "urls.lua", [searches, token], seconds)
        return {"list": listing, "search": search, "caravane_hits": hits}
    finally:
        server.stop()
        shutil.rmtree(directory, ignore_errors=True)


def bench_startup(parlons, media, runs, *extra):
    times = []
    for _ in range(runs):
        server = Server(parlons, media, *extra)
        times.append(server.started_s)
        server.stop()
    return statistics.median(times)


def bench_uploads(parlons, speech_wav, count=50, cpus="0,1", rounds=3, baseline=None):
    """`count` concurrent uploads of a 1-minute 48 kHz mono WAV to a fresh server pinned to `cpus`,
    against `count` parallel opusenc of the same file on the same cores (and, when given, the
    `baseline` binary's server). Wall times, medians of `rounds` rounds whose order alternates: one
    round of 50 parallel encoders varies by a quarter from one run to the next on a shared machine."""
    minute = os.path.join(WORK, "speech-1min.wav")
    if not os.path.exists(minute):
        run(["sox", speech_wav, minute, "trim", "0", "60"])
    body = open(minute, "rb").read()

    def server_run(binary):
        media = tempfile.mkdtemp(prefix="parlons-uploads-")
        try:
            run([binary, "user", "add", "--name", "bench", "--role", "admin", "--media", media], stdout=subprocess.DEVNULL)
            token = subprocess.check_output([binary, "token", "create", "--user", "bench", "--media", media], text=True).strip()
            server = Server(binary, media, cpus=cpus)
            try:
                def upload(i):
                    return server.request("POST", f"/api/recordings?title=u{i}", body, token)[0]
                start = time.perf_counter()
                with concurrent.futures.ThreadPoolExecutor(count) as pool:
                    statuses = list(pool.map(upload, range(count)))
                elapsed = time.perf_counter() - start
            finally:
                server.stop()
            assert statuses == [201] * count, statuses
            return elapsed
        finally:
            shutil.rmtree(media, ignore_errors=True)

    def opusenc_run():
        out = tempfile.mkdtemp(prefix="opusenc-")
        try:
            start = time.perf_counter()
            encoders = [subprocess.Popen(["taskset", "-c", cpus, "opusenc", "--quiet", "--bitrate", "24", "--comp", "10", minute,
                                          os.path.join(out, f"{i}.opus")]) for i in range(count)]
            assert all(p.wait() == 0 for p in encoders)
            return time.perf_counter() - start
        finally:
            shutil.rmtree(out, ignore_errors=True)

    measures = {"ours": lambda: server_run(parlons), "opusenc": opusenc_run}
    if baseline:
        measures["baseline"] = lambda: server_run(baseline)
    times = {key: [] for key in measures}
    for index in range(rounds):
        order = list(measures) if index % 2 == 0 else list(reversed(measures))
        for key in order:
            times[key].append(measures[key]())
    print("uploads, seconds per round: " + "; ".join(f"{key} " + ", ".join(f"{t:.1f}" for t in values) for key, values in times.items()),
          flush=True)
    return {key: statistics.median(values) for key, values in times.items()}
