"""A trainer edits a shipped scenario in the trainer app: the text with line numbers, a save that
becomes revision 2, a deliberate error shown at its line, the history with its authors, the diff
(added and removed lines, marked + and −), revert, a stale save shown as a conflict, and a new
scenario from the template. And the offline shell: a kiosk loaded once online still reaches the
sign-in screen, served by its service worker, when the network and the server are gone."""
import os
import shutil
import tempfile
import struct
import unittest
import zlib

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

from harness import ROOT, World, check_screen, requested_urls, screenshot, trainer_sign_in, unnamed_controls, visible, wait

world = None
folder = None
SLUG = "se-presenter"


def setUpModule():
    global world, folder
    folder = tempfile.mkdtemp(prefix="parlons-scenarios-")
    shutil.copy(os.path.join(ROOT, "Scenarios", f"{SLUG}.md"), folder)
    world = World(server_args=["--scenarios", folder, "--scenario-media", os.path.join(ROOT, "media", "scenarios")])


def tearDownModule():
    world.close()
    shutil.rmtree(folder, ignore_errors=True)




def current(slug=SLUG):
    return world.call("GET", f"/api/scenarios/{slug}/revisions")["current"]


def body(number, slug=SLUG):
    return world.call("GET", f"/api/scenarios/{slug}/revisions/{number}")["body"]


def go_to_line(driver, line):
    """The caret at the end of `line` of the source, by keyboard."""
    area = driver.find_element(By.ID, "source")
    area.click()
    area.send_keys(Keys.CONTROL, Keys.HOME)
    for _ in range(line - 1):
        area.send_keys(Keys.DOWN)
    area.send_keys(Keys.END)
    return area


def named(test, driver):
    """Every control has an accessible name; the trainer's text is readable too (WCAG AA)."""
    check_screen(test, driver)


class ScenarioEditingTests(unittest.TestCase):
    def setUp(self):
        self.driver = world.browser(1280, 900)
        trainer_sign_in(self.driver, world.base)

    def tearDown(self):
        self.driver.quit()

    def open_editor(self):
        driver = self.driver
        visible(driver, "#scenarios-link").click()
        visible(driver, f'tr[data-slug="{SLUG}"] a.open').click()
        return visible(driver, "#source")

    def test_a_edit_save_error_diff_and_revert(self):
        driver = self.driver
        visible(driver, "#scenarios-link").click()
        row = visible(driver, f'tr[data-slug="{SLUG}"]')
        self.assertIn("Se présenter", row.text)
        self.assertTrue(row.find_element(By.CSS_SELECTOR, "img.thumb").get_attribute("src").endswith(f"/api/scenarios/{SLUG}/picture"))
        self.assertIn("Aucun problème", driver.find_element(By.TAG_NAME, "main").text)
        screenshot(driver, "trainer-scenarios-1-list")
        named(self, driver)
        self.assertEqual(current(), 1)

        row.find_element(By.CSS_SELECTOR, "a.open").click()
        visible(driver, "#source")
        self.assertEqual(driver.find_element(By.ID, "revision").text, "r1")
        # The title is line 3: typed at its end, saved with a message.
        area = go_to_line(driver, 3)
        area.send_keys(" ensemble")
        driver.find_element(By.ID, "message").send_keys("titre plus clair")
        named(self, driver)
        driver.find_element(By.ID, "save").click()
        wait(driver).until(lambda d: d.find_element(By.ID, "revision").text == "r2")
        self.assertIn("révision 2", driver.find_element(By.ID, "status").text)
        self.assertEqual(current(), 2)
        self.assertIn("title: Se présenter ensemble\n", body(2))
        screenshot(driver, "trainer-scenarios-2-saved")

        # A deliberate error: an unknown step kind on line 13 is refused and shown at its line.
        area = go_to_line(driver, 13)
        self.assertEqual(driver.execute_script("""const a = document.getElementById('source');
            return a.value.split('\\n')[12]"""), "    kind: listen")
        area.send_keys(Keys.BACKSPACE * len("listen"), "ecoute")
        driver.find_element(By.ID, "save").click()
        problem = visible(driver, "#problems button.linelink")
        self.assertEqual(problem.text, "ligne 13")
        self.assertIn("unknown kind 'ecoute'", driver.find_element(By.ID, "problems").text)
        self.assertEqual([m.text for m in driver.find_elements(By.CSS_SELECTOR, ".gutter .bad")], ["!13"])
        self.assertEqual(current(), 2, "nothing is saved from a text with problems")
        driver.find_element(By.ID, "source").send_keys(Keys.CONTROL, Keys.HOME)
        problem.click()
        # The problem's button puts the caret on its line.
        self.assertEqual(driver.execute_script("""const a = document.getElementById('source');
            return a.value.slice(0, a.selectionStart).split('\\n').length"""), 13)
        screenshot(driver, "trainer-scenarios-3-problem")
        named(self, driver)

        # The history: who and when; the difference between revisions 1 and 2.
        driver.find_element(By.CSS_SELECTOR, f'a[href="#/scenario/{SLUG}/history"]').click()
        rows = wait(driver).until(lambda d: d.find_elements(By.CSS_SELECTOR, "table.revisions tbody tr") or None)
        self.assertEqual([r.get_attribute("data-revision") for r in rows], ["2", "1"])
        self.assertIn("Claire", rows[0].text)
        self.assertIn("titre plus clair", rows[0].text)
        self.assertIn("fichier livré", rows[1].text)
        named(self, driver)
        screenshot(driver, "trainer-scenarios-4-history")
        driver.find_element(By.CSS_SELECTOR, "form.compare button[type=submit]").click()
        visible(driver, "pre.diff")
        self.assertTrue(driver.current_url.endswith(f"/diff/1/2"))
        removed = driver.find_elements(By.CSS_SELECTOR, "pre.diff .d-removed del")
        added = driver.find_elements(By.CSS_SELECTOR, "pre.diff .d-added ins")
        self.assertEqual([r.text for r in removed], ["− title: Se présenter"])
        self.assertEqual([a.text for a in added], ["+ title: Se présenter ensemble"])
        # Colour is not the only signal: the sign, and a different background.
        self.assertNotEqual(removed[0].find_element(By.XPATH, "..").value_of_css_property("background-color"),
                            added[0].find_element(By.XPATH, "..").value_of_css_property("background-color"))
        self.assertIn("+1", driver.find_element(By.CSS_SELECTOR, ".summary").text)
        named(self, driver)
        screenshot(driver, "trainer-scenarios-5-diff")

        # An old revision, read only; then revert to revision 1 (a new revision 3).
        driver.back()
        visible(driver, 'tr[data-revision="1"] a.button').click()
        old = visible(driver, "#source")
        self.assertIsNotNone(old.get_attribute("readonly"))
        self.assertEqual(old.get_attribute("value"), body(1))
        driver.back()
        visible(driver, 'tr[data-revision="1"] button.revert').click()
        wait(driver).until(EC.alert_is_present()).accept()
        wait(driver).until(lambda d: "révision 3" in d.find_element(By.ID, "status").text)
        self.assertEqual(current(), 3)
        self.assertEqual(body(3), body(1))
        visible(driver, 'tr[data-revision="3"]')
        screenshot(driver, "trainer-scenarios-6-reverted")

    def test_b_a_stale_save_shows_the_conflict(self):
        driver = self.driver
        area = self.open_editor()
        opened = current()
        # Someone else saves while this trainer types.
        world.call("PUT", f"/api/scenarios/{SLUG}?message=niveau", raw=body(opened).replace("level: 1", "level: 2").encode(),
                   content_type="text/markdown")
        area = go_to_line(driver, 3)
        area.send_keys(" (version de Claire)")
        driver.find_element(By.ID, "save").click()
        stale = visible(driver, "#problems .stale")
        self.assertIn("Quelqu’un d’autre", stale.text)
        self.assertIn(f"{opened} → {opened + 1}", stale.text)
        self.assertEqual(current(), opened + 1, "the stale save changed nothing")
        self.assertIn("(version de Claire)", driver.find_element(By.ID, "source").get_attribute("value"), "the trainer's text is kept")
        see = driver.find_element(By.CSS_SELECTOR, "#problems a.button")
        self.assertTrue(see.get_attribute("href").endswith(f"#/scenario/{SLUG}/diff/{opened}/{opened + 1}"))
        named(self, driver)
        screenshot(driver, "trainer-scenarios-7-conflict")
        see.click()
        driver.switch_to.window(driver.window_handles[-1])
        visible(driver, "pre.diff")
        self.assertEqual([a.text for a in driver.find_elements(By.CSS_SELECTOR, ".d-added ins")], ["+ level: 2"])
        driver.close()
        driver.switch_to.window(driver.window_handles[0])
        driver.find_element(By.CSS_SELECTOR, "#problems button.text").click()
        wait(driver).until(lambda d: d.find_element(By.ID, "revision").text == f"r{opened + 1}")
        self.assertIn("level: 2", driver.find_element(By.ID, "source").get_attribute("value"))

    def test_c_new_scenario_from_the_template_and_a_copy(self):
        driver = self.driver
        visible(driver, "#scenarios-link").click()
        visible(driver, 'a[href="#/scenarios/new"]').click()
        area = visible(driver, "#source")
        self.assertIn("kind: talk", area.get_attribute("value"))
        named(self, driver)
        screenshot(driver, "trainer-scenarios-8-new")
        driver.find_element(By.ID, "create").click()
        wait(driver).until(lambda d: d.current_url.endswith("#/scenario/mon-scenario"))
        visible(driver, "#source")
        made = world.call("GET", "/api/scenarios/mon-scenario")
        self.assertEqual(made["scenario"]["groupId"], world.group["id"])
        self.assertEqual(made["scenario"]["title"], "Mon nouveau scénario")
        # Copy the shipped one into the group to adapt it.
        driver.execute_script(f"location.hash = '#/scenario/{SLUG}'")
        wait(driver).until(lambda d: f"slug: {SLUG}\n" in d.execute_script("return document.getElementById('source')?.value || ''"))
        name = visible(driver, "#copy-slug")
        name.clear()
        name.send_keys("se-presenter-lyon")
        visible(driver, "form.copy button[type=submit]").click()
        wait(driver).until(lambda d: d.current_url.endswith("#/scenario/se-presenter-lyon"))
        copied = world.call("GET", "/api/scenarios/se-presenter-lyon")["scenario"]
        self.assertTrue(copied["copiedFrom"].startswith(f"{SLUG}@"))
        self.assertEqual(copied["groupId"], world.group["id"])


class PhoneWidthTests(unittest.TestCase):
    def test_the_editor_at_320_pixels(self):
        driver = world.browser(320, 640)
        try:
            trainer_sign_in(driver, world.base)
            driver.execute_script(f"location.hash = '#/scenario/{SLUG}'")
            visible(driver, "#source")
            self.assertLessEqual(driver.execute_script("return document.documentElement.scrollWidth"), 320)
            self.assertEqual(unnamed_controls(driver), [])
            screenshot(driver, "trainer-scenarios-phone")
        finally:
            driver.quit()


def png_bytes(rgb, size=64):
    """A plain square PNG of one colour."""
    row = b"\x00" + bytes(rgb) * size
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(row * size)) + chunk(b"IEND", b""))


class OfflineShellTests(unittest.TestCase):
    """Its own server, stopped during the test: the page can only come from the service worker."""

    def test_kiosk_reloads_to_the_sign_in_screen_offline(self):
        own = World()
        # Amina has a photo and her name spoken: offline, the kiosk must still show and say them (every
        # learner looking alike is no sign-in).
        avatar, name = f"/api/people/{own.learner['id']}/avatar", f"/api/people/{own.learner['id']}/name"
        own.call("PUT", avatar, raw=png_bytes((200, 90, 40)), content_type="image/png")
        with open(own.speech, "rb") as file:
            own.call("PUT", name, raw=file.read(), content_type="audio/wav")
        # A second group of the kiosk's that nobody opens while the network is up: Bilal's photo is kept all the same.
        roses = own.call("POST", "/api/groups", {"name": "Les Roses", "picture": "moon", "openSignIn": True})
        bilal = own.call("POST", "/api/people", {"name": "bilal", "displayName": "Bilal", "role": "learner", "languages": ["fr"]})
        own.call("POST", f"/api/groups/{roses['id']}/members", {"personId": bilal["id"]})
        own.call("PUT", f"/api/people/{bilal['id']}/picture-code", {"code": [1, 2, 3]})
        bilal_photo = f"/api/people/{bilal['id']}/avatar"
        own.call("PUT", bilal_photo, raw=png_bytes((40, 90, 200), size=48), content_type="image/png")
        faces = [avatar, name, bilal_photo]
        driver = own.browser(1280, 800, network_log=True)
        try:
            driver.get(own.base + "/kiosk")
            visible(driver, 'button[aria-label="Les Roses"]')
            # Two groups: the kiosk first asks, aloud, for the learner's group.
            wait(driver).until(lambda d: any("/labels/fr/group.opus" in url for url in requested_urls(d)), "the group screen heard")
            visible(driver, 'button[aria-label="Les Tournesols"]').click()
            visible(driver, 'button[aria-label="Amina"]')
            # The worker installs (keeping the shell) and takes the page over.
            wait(driver, 30).until(lambda d: d.execute_script("return !!navigator.serviceWorker.controller"))
            # The photos and spoken names of the sign-in screens are kept too, once the worker is there to keep them.
            wait(driver, 10).until(lambda d: d.execute_async_script("""
                const done = arguments[arguments.length - 1];
                caches.open('parlons-photos').then((cache) => Promise.all(arguments[0].map((path) => cache.match(path))))
                  .then((hits) => done(hits.every(Boolean)));""", faces))
            kept = driver.execute_async_script("""
                const done = arguments[arguments.length - 1];
                (async () => { const paths = [];
                  for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
                  done(paths); })();""")
            self.assertIn("/kiosk", kept)
            self.assertIn("/learner/app.js", kept)
            self.assertIn("/shared/labels/fr/who.opus", kept)
            # No API answer nor media is kept, but for the sign-in screens' photos and spoken names.
            self.assertEqual([p for p in kept if (p.startswith(("/api/", "/media/")) and p not in faces) or "trainer" in p], [])
            driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
            own.server.terminate()
            own.server.wait(timeout=10)
            self.assertEqual(driver.execute_script("return fetch('/healthz').then(() => 'up', () => 'down')"), "down")
            driver.refresh()
            visible(driver, 'button[aria-label="Les Tournesols"]', 20).click()
            photo = visible(driver, 'button[aria-label="Amina"] img', 20)
            self.assertEqual(photo.get_attribute("src"), own.base + avatar)
            wait(driver).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", photo) == 64)
            # Her name, said by the speaker beside her photo, comes from the kept copy.
            self.assertEqual(driver.execute_async_script("""const done = arguments[arguments.length - 1];
                fetch(arguments[0]).then((r) => r.blob().then((b) => done([r.status, r.headers.get('Content-Type'), b.size > 1000])), () => done('failed'))""", name),
                [200, "audio/ogg; codecs=opus", True])
            self.assertTrue(driver.execute_script("return document.body.classList.contains('kiosk')"))
            self.assertGreater(driver.execute_script("return performance.getEntriesByType('navigation')[0].workerStart"), 0)
            screenshot(driver, "kiosk-offline-reloaded")
            check_screen(self, driver)
            # The group nobody opened online: its learner, by his own photo.
            driver.find_element(By.CSS_SELECTOR, '#screen button.back').click()
            visible(driver, 'button[aria-label="Les Roses"]').click()
            photo = visible(driver, 'button[aria-label="Bilal"] img', 20)
            self.assertEqual(photo.get_attribute("src"), own.base + bilal_photo)
            wait(driver).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", photo) == 48)
        finally:
            driver.quit()
            own.close()

if __name__ == "__main__":
    unittest.main()
