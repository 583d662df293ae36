"""The browser tests' world: the real `parlons` binary on a free loopback port with a temporary
media root, people and groups made through the API, a speech file spoken by eSpeak NG for the fake
microphone, and headless Chromium (Debian's) driven by Selenium."""
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import wave
import zlib

import numpy as np
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

TRAINER_PASSWORD = "un mot de passe long"
ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SCREENSHOTS = os.path.join(ROOT, "Tests", "Browser", "screenshots")
BINARY = os.environ.get("PARLONS_BINARY", os.path.join(ROOT, ".build", "debug", "parlons"))
# The learner's picture code: sun, flower, cat (indices in GET /api/signin/pictures).
CODE = [0, 3, 8]
CODE_KEYS = ["sun", "flower", "cat"]
SPOKEN = "Bonjour, je m'appelle Amina. J'habite à Lyon avec ma famille."


# Injected by DevTools before any page script (so the page's Content-Security-Policy does not
# apply to it): every violation of the policy is kept in the tab's sessionStorage, across pages.
CSP_WATCH = """
document.addEventListener('securitypolicyviolation', (event) => {
  const kept = JSON.parse(sessionStorage.getItem('cspViolations') || '[]');
  kept.push(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`);
  sessionStorage.setItem('cspViolations', JSON.stringify(kept));
}, true);
"""


class WatchedChrome(webdriver.Chrome):
    """Chromium that fails the test using it, when it quits, if a page of ours broke its own
    Content-Security-Policy (an inline script or style, a source the policy does not allow)."""

    def quit(self):
        try:
            violations = self.execute_script("return JSON.parse(sessionStorage.getItem('cspViolations') || '[]')") or []
        except Exception:
            violations = []  # no page of ours open (or already gone): nothing to read
        super().quit()
        if violations:
            raise AssertionError("Content-Security-Policy violations: " + "; ".join(violations))


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*command, stdin=None):
    return subprocess.run(command, check=True, capture_output=True, text=True, input=stdin).stdout.strip()


def read_wav(path):
    with wave.open(path) as file:
        assert file.getsampwidth() == 2 and file.getnchannels() == 1, path
        return file.getframerate(), np.frombuffer(file.readframes(file.getnframes()), dtype="<i2").astype(np.float64)


def circular_correlation(recorded, reference):
    """Best normalised correlation of a window of `recorded` as long as `reference` with any
    circular shift of `reference`: the fake microphone plays the file in a loop, so a window of
    the recording is the file rotated."""
    best = 0.0
    n = len(reference)
    for start in range(0, len(recorded) - n, n // 4):
        window = recorded[start:start + n]
        spectrum = np.fft.rfft(window) * np.conj(np.fft.rfft(reference))
        correlation = np.fft.irfft(spectrum, n)
        norm = np.linalg.norm(window) * np.linalg.norm(reference)
        if norm > 0:
            best = max(best, float(correlation.max() / norm))
    return best


def windowed_correlation(recorded, reference, seconds=1.0, rate=48000):
    """Median, over one-second windows of `recorded` that hold sound, of each window's best
    normalised correlation with the looped `reference` (each window aligned on its own). One
    dropped block of audio then spoils a window or two, not the whole measure: the question is
    whether what was stored is what the microphone heard."""
    n, m = len(reference), int(seconds * rate)
    spectrum = np.fft.rfft(reference)
    energy = np.concatenate([reference, reference[:m]]) ** 2
    running = np.convolve(energy, np.ones(m), mode="valid")[:n]
    scores = []
    for start in range(0, len(recorded) - m + 1, m):
        window = recorded[start:start + m]
        norm = np.linalg.norm(window)
        if norm < 1e-3 * m ** 0.5 * 32768 * 0.01:
            continue
        correlation = np.fft.irfft(np.conj(np.fft.rfft(window, n)) * spectrum, n)
        scores.append(float(np.max(correlation / (norm * np.sqrt(np.maximum(running, 1e-9))))))
    return float(np.median(scores)) if scores else 0.0


class World:
    """One server, one media root, an admin's token, a group with a learner who signs in by pictures."""

    def __init__(self, server_args=(), people=True):
        self.directory = tempfile.mkdtemp(prefix="parlons-browser-")
        self.media = os.path.join(self.directory, "media")
        os.makedirs(SCREENSHOTS, exist_ok=True)
        self.speech = os.path.join(self.directory, "speech.wav")
        raw = os.path.join(self.directory, "speech-22k.wav")
        run("espeak-ng", "-v", "fr", "-s", "150", "-w", raw, SPOKEN)
        run("sox", raw, "-r", "48000", "-c", "1", "-b", "16", self.speech)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        store = ["--media", self.media]
        self.log = open(os.path.join(self.directory, "server.log"), "w")
        self.server = subprocess.Popen([BINARY, "serve", "--port", str(self.port), *store, *server_args], stdout=self.log, stderr=self.log)
        self.wait_for_server()
        if not people:
            # A fresh install, as a centre gets it: only the first admin's one-time link, in the log.
            self.first_run_link = re.search(r"/api/auth/link\?token=[A-Za-z0-9_-]+", open(self.log.name).read()).group(0)
            return
        run(BINARY, "user", "add", "--name", "formatrice", "--role", "admin", "--display-name", "Claire", "--password-stdin", *store,
            stdin=TRAINER_PASSWORD + "\n")
        self.token = run(BINARY, "token", "create", "--user", "formatrice", *store)
        self.group = self.call("POST", "/api/groups", {"name": "Les Tournesols", "picture": "flower", "openSignIn": True})
        self.learner = self.call("POST", "/api/people", {"name": "amina", "displayName": "Amina", "role": "learner",
                                                         "avatar": "woman", "languages": ["fr"]})
        self.call("POST", f"/api/groups/{self.group['id']}/members", {"personId": self.learner["id"]})
        self.call("PUT", f"/api/people/{self.learner['id']}/picture-code", {"code": CODE})

    def cli(self, *arguments, stdin=None):
        """The `parlons` command line on this world's media root."""
        return run(BINARY, *arguments, "--media", self.media, stdin=stdin)

    def wait_for_server(self):
        # A start that imports scenarios decodes and aligns their audio: on a loaded machine that
        # takes far longer than the usual second, so wait for as long as the process lives.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and self.server.poll() is None:
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("parlons did not start: " + open(os.path.join(self.directory, "server.log")).read())

    def call(self, method, path, body=None, raw=None, content_type=None):
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self.token}")
        if data is not None:
            request.add_header("Content-Type", content_type or "application/json")
        try:
            with urllib.request.urlopen(request) as response:
                payload = response.read()
        except urllib.error.HTTPError as error:
            raise AssertionError(f"{method} {path}: {error.code} {error.read().decode()}") from None
        if not payload:
            return None
        return json.loads(payload) if payload[:1] in (b"{", b"[") else payload

    def recordings_of(self, person_id):
        return [r for r in self.call("GET", "/api/recordings?limit=200")["recordings"] if r.get("ownerId") == person_id]

    def browser(self, width=1024, height=800, network_log=False, autoplay=True):
        """Headless Chromium with the fake microphone; `network_log` keeps DevTools' network events
        (read with `requested_urls`); `autoplay` False plays sound only after a touch, as phones do."""
        options = webdriver.ChromeOptions()
        if network_log:
            options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
        options.binary_location = "/usr/bin/chromium"
        for flag in ["--headless", "--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                     f"--use-file-for-fake-audio-capture={self.speech}",
                     "--autoplay-policy=" + ("no-user-gesture-required" if autoplay else "document-user-activation-required"),
                     f"--window-size={width},{height}", "--disable-gpu", "--lang=fr"]:
            options.add_argument(flag)
        # French, like the learners the shipped labels speak to (headless Chromium ignores --lang).
        options.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
        driver = WatchedChrome(options=options, service=Service("/usr/bin/chromedriver"))
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": CSP_WATCH})
        driver.implicitly_wait(0)
        if width < 500:
            # Headless windows are at least 500 px wide: a phone's screen is emulated instead.
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": True})
        return driver

    def close(self):
        self.server.terminate()
        self.server.wait(timeout=10)
        self.log.close()
        shutil.rmtree(self.directory, ignore_errors=True)


def requested_urls(driver):
    """Every URL the page asked the network for since the last call (a browser made with `network_log`)."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def heard_labels(driver):
    """The spoken label keys the page asked for since the last call (a browser made with `network_log`)."""
    paths = [urllib.parse.urlsplit(url).path for url in requested_urls(driver)]
    return [path.rsplit("/", 1)[1][:-len(".opus")] for path in paths if "/labels/fr/" in path and path.endswith(".opus")]


def png_pixels(png):
    """An 8-bit RGB or RGBA PNG (as Chromium's screenshots are) as a height × width × channels array."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    at, data, width = 8, b"", 0
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        body = png[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and color in (2, 6), (depth, color)
            channels = 3 if color == 2 else 4
        elif kind == b"IDAT":
            data += body
        at += 12 + length
    raw = np.frombuffer(zlib.decompress(data), dtype=np.uint8).reshape(height, 1 + width * channels)
    out = np.zeros((height, width * channels), dtype=np.int32)
    for y in range(height):
        kind, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        above = out[y - 1] if y else np.zeros_like(line)
        if kind == 0:
            out[y] = line
        elif kind == 2:
            out[y] = (line + above) % 256
        else:
            # Sub, average and Paeth depend on the pixel to the left: done pixel by pixel.
            row = np.zeros_like(line)
            for x in range(len(line)):
                left = row[x - channels] if x >= channels else 0
                corner = above[x - channels] if x >= channels else 0
                if kind == 1:
                    predicted = left
                elif kind == 3:
                    predicted = (left + above[x]) // 2
                else:
                    p = left + above[x] - corner
                    pa, pb, pc = abs(p - left), abs(p - above[x]), abs(p - corner)
                    predicted = left if pa <= pb and pa <= pc else (above[x] if pb <= pc else corner)
                row[x] = (line[x] + predicted) % 256
            out[y] = row
    return out.reshape(height, width, channels)[:, :, :3]


def pixels_apart(a, b):
    """How unlike two renderings are: the mean difference per channel (0–255) once both are cut to the same size."""
    height, width = min(a.shape[0], b.shape[0]), min(a.shape[1], b.shape[1])
    return float(np.abs(a[:height, :width] - b[:height, :width]).mean())


TAP_TARGETS_SCRIPT = """
const small = [];
for (const node of document.querySelectorAll('button, a[href], input:not([type=hidden]), select, textarea, [role=button]')) {
  const rect = node.getBoundingClientRect();
  if (!rect.width || !rect.height || getComputedStyle(node).visibility === 'hidden' || node.closest('[hidden]')) continue;
  if (node.readOnly && node.tabIndex < 0) continue;
  if (rect.width < 47.5 || rect.height < 47.5) small.push(`${node.outerHTML.slice(0, 80)}: ${Math.round(rect.width)}×${Math.round(rect.height)}`);
}
return small;
"""

ICON_CONTRAST_SCRIPT = """
const luminance = (rgb) => rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
  .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
const parse = (color) => (color.match(/[\\d.]+/g) || []).map(Number);
const failures = [];
// Every icon is drawn in white: what counts is the colour it sits on.
for (const image of document.querySelectorAll('img[src*="/shared/icons/"]')) {
  if (!image.getClientRects().length) continue;
  let background = null;
  for (let at = image.parentElement; at; at = at.parentElement) {
    const [r, g, b, a = 1] = parse(getComputedStyle(at).backgroundColor);
    if (a > 0) { background = [r, g, b]; break; }
  }
  background ??= [255, 255, 255];
  const ratio = 1.05 / (luminance(background) + 0.05);
  if (ratio < 3) failures.push(`${image.getAttribute('src')} on rgb(${background}): ${ratio.toFixed(2)} < 3`);
}
return failures;
"""


def check_targets_and_contrast(test, driver, where):
    """Every tap target at least 48 × 48 px on the layout; icons 3:1 on their colour, text 4.5:1 (WCAG AA)."""
    test.assertEqual(driver.execute_script(TAP_TARGETS_SCRIPT), [], where)
    test.assertEqual(driver.execute_script(ICON_CONTRAST_SCRIPT), [], where)
    test.assertEqual(driver.execute_script(CONTRAST_SCRIPT), [], where)
    test.assertEqual(unnamed_controls(driver), [], where)


def wait(driver, seconds=10):
    # The screens re-render as answers arrive: an element found a moment ago may be replaced before
    # its text is read. That is a reason to look again, not a failure.
    return WebDriverWait(driver, seconds, ignored_exceptions=(StaleElementReferenceException,))


def visible(driver, css, seconds=10):
    return wait(driver, seconds).until(EC.visibility_of_element_located((By.CSS_SELECTOR, css)))


def clickable(driver, css, seconds=10):
    return wait(driver, seconds).until(EC.element_to_be_clickable((By.CSS_SELECTOR, css)))


def screenshot(driver, name):
    wait(driver).until(lambda d: d.execute_script("return [...document.images].every((image) => image.complete)"))
    driver.save_screenshot(os.path.join(SCREENSHOTS, f"{name}.png"))


def unnamed_controls(driver):
    """Every visible control on the screen without an accessible name (as Chromium computes it)."""
    controls = driver.find_elements(By.CSS_SELECTOR, "button, a[href], input, select, textarea, [role=button], [tabindex]")
    return [c.get_attribute("outerHTML")[:120] for c in controls
            if c.is_displayed() and c.get_attribute("tabindex") != "-1" and not (c.accessible_name or "").strip()]


CONTRAST_SCRIPT = """
const luminance = (rgb) => rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
  .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
const parse = (color) => (color.match(/[\\d.]+/g) || []).map(Number);
const failures = [];
for (const node of document.querySelectorAll('body *')) {
  const text = [...node.childNodes].filter((c) => c.nodeType === 3).map((c) => c.textContent).join('').trim();
  if (!text || !node.getClientRects().length || node.closest(':disabled')) continue;
  const style = getComputedStyle(node);
  let background = null;
  for (let at = node; at; at = at.parentElement) {
    const [r, g, b, a = 1] = parse(getComputedStyle(at).backgroundColor);
    if (a > 0) { background = [r, g, b]; break; }
  }
  background ??= [255, 255, 255];
  const [fg, bg] = [luminance(parse(style.color).slice(0, 3)), luminance(background)];
  const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  if (ratio < needed) failures.push(`${text.slice(0, 30)}: ${ratio.toFixed(2)} < ${needed}`);
}
return failures;
"""


def check_screen(test, driver):
    """What every learner screen must be: every control named, all text readable (WCAG AA)."""
    test.assertEqual(unnamed_controls(driver), [])
    test.assertEqual(driver.execute_script(CONTRAST_SCRIPT), [])


def sign_in(test, driver, world, path="/", shots=None, group="Les Tournesols", learner="Amina", keys=CODE_KEYS):
    """Group picture → own picture → three pictures; checks names on each screen on the way."""
    driver.get(world.base + path)
    # One group to choose from (a kiosk's, say) goes straight to its learners.
    first = visible(driver, f'button[aria-label="{group}"], button[aria-label="{learner}"]')
    if first.get_attribute("aria-label") == group:
        first.click()
    visible(driver, f'button[aria-label="{learner}"]')
    if shots:
        screenshot(driver, f"{shots}-2-who")
    check_screen(test, driver)
    driver.find_element(By.CSS_SELECTOR, f'button[aria-label="{learner}"]').click()
    visible(driver, 'button[data-label="sun"]')
    if shots:
        screenshot(driver, f"{shots}-3-code")
    check_screen(test, driver)
    for key in keys:
        driver.find_element(By.CSS_SELECTOR, f'button[data-label="{key}"]').click()
    visible(driver, "nav.home")
    check_screen(test, driver)


def record(driver, seconds, shots=None):
    """Home → Record → start, `seconds` of the fake microphone, stop; returns the keep button."""
    clickable(driver, 'nav.home button[data-label="record"]').click()
    clickable(driver, "button.recbtn").click()
    wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "button.recbtn").get_attribute("aria-pressed") == "true")
    if shots:
        time.sleep(seconds / 2)
        screenshot(driver, f"{shots}-5-recording")
        time.sleep(seconds / 2)
    else:
        time.sleep(seconds)
    driver.find_element(By.CSS_SELECTOR, "button.recbtn").click()
    return clickable(driver, 'button[data-label="keep"]')


def choose_story_picture(driver, key="house"):
    """After keep, a story gets its picture (the step that lets it be told apart later)."""
    clickable(driver, f'.grid.code button[data-label="{key}"]').click()


def trainer_sign_in(driver, base, hash_path="", name="formatrice", password=None):
    """Signs a trainer (the world's admin "formatrice" unless told) in on /trainer, opening `hash_path`."""
    driver.get(base + "/trainer" + hash_path)
    visible(driver, "#name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password or TRAINER_PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    visible(driver, "#nav a")
