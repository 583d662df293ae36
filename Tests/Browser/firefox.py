"""Headless Firefox (Debian's firefox-esr) for the browser tests, driven through its own Marionette
protocol by Mozilla's `marionette_driver` client: Debian has no geckodriver, so Selenium cannot
drive it here. A fresh profile per session; its prefs give a fake microphone (a sine tone of
FAKE_TONE_HZ), no permission prompt and autoplay without a gesture."""
import os
import shutil
import subprocess
import tempfile
import time

from marionette_driver.marionette import Marionette
from marionette_driver.wait import Wait

from harness import CODE_KEYS, CONTRAST_SCRIPT, SCREENSHOTS

FAKE_TONE_HZ = 1000
PREFS = {
    # Port 0: Firefox picks a free one and writes it to MarionetteActivePort in the profile.
    "marionette.port": 0,
    "media.navigator.streams.fake": True,
    "media.navigator.audio.fake_frequency": FAKE_TONE_HZ,
    "media.navigator.permission.disabled": True,
    "media.autoplay.default": 0,
    "intl.accept_languages": "fr-FR,fr",
    # No first-run pages, updates or telemetry in the way of the page under test.
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.page": 0,
    "app.update.disabledForTesting": True,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
}
CONTROLS = "button, a[href], input, select, textarea, [role=button], [tabindex]"


class Firefox:
    """One headless Firefox with a fresh profile and a Marionette session on it."""

    def __init__(self, width=1024, height=800):
        self.profile = tempfile.mkdtemp(prefix="parlons-firefox-")
        with open(os.path.join(self.profile, "user.js"), "w") as file:
            for name, value in PREFS.items():
                literal = ("true" if value else "false") if isinstance(value, bool) else repr(value).replace("'", '"')
                file.write(f'user_pref("{name}", {literal});\n')
        self.process = subprocess.Popen(["firefox-esr", "--headless", "--marionette", "--no-remote", "--profile", self.profile],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            self.marionette = Marionette(host="127.0.0.1", port=self.active_port(), socket_timeout=120)
            self.marionette.raise_for_port(120)
            self.marionette.start_session()
            self.marionette.timeout.script = 60
            # --window-size is not honoured headless; the window is sized through Marionette instead.
            self.marionette.set_window_rect(width=width, height=height)
        except BaseException:
            self.quit()
            raise

    def active_port(self, seconds=240):
        path = os.path.join(self.profile, "MarionetteActivePort")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"firefox-esr exited with {self.process.returncode}")
            if os.path.exists(path):
                with open(path) as file:
                    text = file.read().strip()
                if text:
                    return int(text)
            time.sleep(0.1)
        raise RuntimeError("firefox-esr did not open its Marionette port")

    @property
    def version(self):
        return self.marionette.session_capabilities.get("browserVersion")

    def get(self, url):
        self.marionette.navigate(url)

    def run(self, script, *args):
        """Runs `script` (a function body; `arguments` holds args) in the page itself, not a sandbox,
        so page globals set by one call are seen by the next."""
        return self.marionette.execute_script(script, script_args=list(args), sandbox=None)

    def run_async(self, script, *args):
        return self.marionette.execute_async_script(script, script_args=list(args), sandbox=None)

    def find(self, css):
        return self.marionette.find_element("css selector", css)

    def find_all(self, css):
        return self.marionette.find_elements("css selector", css)

    def until(self, condition, seconds=10, message=""):
        return Wait(self.marionette, timeout=seconds, interval=0.1).until(lambda _: condition(), message=message)

    def visible(self, css, seconds=10):
        def shown():
            found = self.find_all(css)
            return next((element for element in found if element.is_displayed()), None)
        return self.until(shown, seconds, f"{css} not visible")

    def clickable(self, css, seconds=10):
        def ready():
            element = self.visible(css, seconds)
            return element if element.is_enabled() else None
        return self.until(ready, seconds, f"{css} not clickable")

    def screenshot(self, name):
        self.until(lambda: self.run("return [...document.images].every((image) => image.complete)"))
        with open(os.path.join(SCREENSHOTS, f"{name}.png"), "wb") as file:
            file.write(self.marionette.screenshot(format="binary"))

    def unnamed_controls(self):
        """Every visible control without an accessible name, as Firefox's accessibility tree computes it."""
        return [control.get_property("outerHTML")[:120] for control in self.find_all(CONTROLS)
                if control.is_displayed() and control.get_attribute("tabindex") != "-1"
                and not (control.computed_label or "").strip()]

    def quit(self):
        try:
            if getattr(self, "marionette", None) and self.marionette.session:
                self.marionette.delete_session()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            shutil.rmtree(self.profile, ignore_errors=True)


def check_screen(test, firefox):
    """The same bar as harness.check_screen, in Firefox: every control named, all text readable."""
    test.assertEqual(firefox.unnamed_controls(), [])
    test.assertEqual(firefox.run(CONTRAST_SCRIPT), [])


def sign_in(test, firefox, world, shots=None):
    """Group picture → own picture → three pictures, checking each screen on the way. The session
    is a cookie and the browser outlives a test: it is dropped first, so sign-in starts afresh."""
    firefox.get(world.base + "/")
    firefox.marionette.delete_all_cookies()
    firefox.get(world.base + "/")
    first = firefox.visible('button[aria-label="Les Tournesols"], button[aria-label="Amina"]')
    if shots:
        firefox.screenshot(f"{shots}-1-group")
    check_screen(test, firefox)
    if first.get_attribute("aria-label") == "Les Tournesols":
        first.click()
    firefox.clickable('button[aria-label="Amina"]')
    if shots:
        firefox.screenshot(f"{shots}-2-who")
    check_screen(test, firefox)
    firefox.find('button[aria-label="Amina"]').click()
    firefox.clickable('button[data-label="sun"]')
    if shots:
        firefox.screenshot(f"{shots}-3-code")
    check_screen(test, firefox)
    for key in CODE_KEYS:
        firefox.find(f'button[data-label="{key}"]').click()
    firefox.visible("nav.home")
    check_screen(test, firefox)
