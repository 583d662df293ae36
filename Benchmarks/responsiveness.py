"""Responsiveness under heavy work, for Benchmarks/run (`--only responsiveness`).

- Load: 8 concurrent uploads of a 3-minute 48 kHz mono speech WAV and 4 clients fetching the WAV
  fallback (`/media/ID.wav`) of a stored 10-minute recording over and over, against a release
  server pinned to cores 0-1 (`taskset`). The load's clients are `curl` processes, so they do not
  share this script's interpreter with the probes.
- Probes, meanwhile, from this script alone: `GET /healthz` and an authenticated metadata read
  (`GET /api/recordings/ID`, bearer token), one after the other, each on a new connection, every
  10 ms, from 1 s after the load starts until the last upload is answered: p50, p99, max.
- Upload throughput: the same 8 uploads alone (no probes, no WAV clients), MB of WAV a second of
  wall time, and the CPU time the server spent on them (user + system, from /proc), which other
  programs on a shared machine disturb far less than the wall time.

With `--baseline BINARY` (e.g. a release build of the commit before), both are measured for it too,
on the same inputs, in the same run, one binary after the other.
"""
import os, shutil, statistics, subprocess, tempfile, threading, time, http.client

import serving  # noqa: E402  (Benchmarks/serving.py)

UPLOADS, WAV_CLIENTS = 8, 4
PROBE_INTERVAL_S = 0.01
WARM_UP_S = 1.0


def cpu_seconds(pid):
    """User + system CPU time of a process so far (/proc/PID/stat fields 14 and 15)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def prepare_root(parlons, long_wav):
    """A media root with an admin `bench`, their token and the 10-minute recording (imported
    offline); made once and copied for each server."""
    root = tempfile.mkdtemp(prefix="parlons-responsive-")
    serving.run([parlons, "user", "add", "--name", "bench", "--role", "admin", "--media", root], stdout=subprocess.DEVNULL)
    token = subprocess.check_output([parlons, "token", "create", "--user", "bench", "--media", root], text=True).strip()
    recording = subprocess.check_output([parlons, "import", long_wav, "--owner", "bench", "--media", root], text=True).split()[-1]
    return root, token, recording


def start_uploads(port, token, wav):
    return [subprocess.Popen(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", f"Authorization: Bearer {token}",
                              "-H", "Content-Type: audio/wav", "--data-binary", f"@{wav}",
                              f"http://127.0.0.1:{port}/api/recordings?title=load-{index}"], stdout=subprocess.PIPE, text=True)
            for index in range(UPLOADS)]


def finish_uploads(uploads):
    statuses = [upload.communicate()[0].strip() for upload in uploads]
    if any(status != "201" for status in statuses):
        raise RuntimeError(f"uploads answered {statuses}")


def start_wav_clients(port, token, recording):
    loop = f"while :; do curl -s -o /dev/null -H 'Authorization: Bearer {token}' http://127.0.0.1:{port}/media/{recording}.wav; done"
    return [subprocess.Popen(["sh", "-c", loop], start_new_session=True) for _ in range(WAV_CLIENTS)]


def stop_wav_clients(clients):
    for client in clients:
        os.killpg(client.pid, 15)
        client.wait()


def probe(port, path, token=None):
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("GET", path, headers={"Authorization": f"Bearer {token}"} if token else {})
    response = connection.getresponse()
    response.read()
    connection.close()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status}")
    return (time.perf_counter() - start) * 1000


def measure(parlons, template, token, recording, wav):
    """Upload throughput alone, then the probes' latencies under uploads and WAV fallbacks."""
    media = tempfile.mkdtemp(prefix="parlons-responsive-run-")
    shutil.rmtree(media)
    shutil.copytree(template, media)
    server = serving.Server(parlons, media, "--scenarios", "none", "--max-upload", str(1 << 30), cpus="0,1")
    try:
        size_mb = os.path.getsize(wav) / 1e6
        cpu_before, start = cpu_seconds(server.process.pid), time.perf_counter()
        finish_uploads(start_uploads(server.port, token, wav))
        alone_s, cpu_s = time.perf_counter() - start, cpu_seconds(server.process.pid) - cpu_before

        start = time.perf_counter()
        uploads = start_uploads(server.port, token, wav)
        wav_clients = start_wav_clients(server.port, token, recording)
        done, failures = threading.Event(), []

        def wait_for_uploads():
            try:
                finish_uploads(uploads)
            except Exception as error:  # reported after the probes stop
                failures.append(error)
            done.set()

        threading.Thread(target=wait_for_uploads, daemon=True).start()
        time.sleep(WARM_UP_S)
        health, metadata = [], []
        try:
            while not done.is_set():
                health.append(probe(server.port, "/healthz"))
                metadata.append(probe(server.port, f"/api/recordings/{recording}", token))
                time.sleep(PROBE_INTERVAL_S)
        finally:
            stop_wav_clients(wav_clients)
        if failures:
            raise failures[0]
        loaded_s = time.perf_counter() - start
        summary = lambda values: {"p50": percentile(values, 0.5), "p99": percentile(values, 0.99), "max": max(values), "n": len(values)}
        return {"alone_s": alone_s, "mb_s": UPLOADS * size_mb / alone_s, "cpu_s": cpu_s, "loaded_s": loaded_s,
                "health": summary(health), "metadata": summary(metadata)}
    finally:
        server.stop()
        shutil.rmtree(media, ignore_errors=True)


def bench(parlons, baseline, short_wav, long_wav):
    """The figures of `parlons` and, when given, of `baseline`, on the same media root and inputs."""
    template, token, recording = prepare_root(parlons, long_wav)
    try:
        load_before = os.getloadavg()[0]
        ours = measure(parlons, template, token, recording, short_wav)
        theirs = measure(baseline, template, token, recording, short_wav) if baseline else None
        return ours, theirs, (load_before, os.getloadavg()[0])
    finally:
        shutil.rmtree(template, ignore_errors=True)
