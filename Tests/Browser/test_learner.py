"""The learner screens in headless Chromium against the real server: sign in by pictures, record
from the fake microphone (MediaRecorder and the AudioWorklet fallback), and the stored Opus
matches what the microphone heard."""
import os
import tempfile
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from harness import CODE_KEYS, World, choose_story_picture, windowed_correlation, clickable, read_wav, record, screenshot, sign_in, check_screen, visible, wait

world = None


def setUpModule():
    global world
    world = World()
    world.call("POST", "/api/groups", {"name": "Le Voyage", "picture": "caravan", "openSignIn": True})


def tearDownModule():
    world.close()


class LearnerTests(unittest.TestCase):
    def setUp(self):
        self.driver = world.browser()

    def tearDown(self):
        self.driver.quit()

    def test_group_screen_then_sign_in_with_a_wrong_code_first(self):
        driver = self.driver
        driver.get(world.base + "/")
        visible(driver, 'button[aria-label="Les Tournesols"]')
        screenshot(driver, "learner-1-group")
        check_screen(self, driver)
        driver.find_element(By.CSS_SELECTOR, 'button[aria-label="Les Tournesols"]').click()
        clickable(driver, 'button[aria-label="Amina"]').click()
        for key in ["moon", "tree", "boat"]:
            clickable(driver, f'button[data-label="{key}"]').click()
        wait(driver).until(lambda d: "Essaie" in d.find_element(By.ID, "status").text or d.find_elements(By.CSS_SELECTOR, ".shake"))
        screenshot(driver, "learner-3b-wrong-code")
        wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, ".chosen"))
        for key in CODE_KEYS:
            driver.find_element(By.CSS_SELECTOR, f'button[data-label="{key}"]').click()
        visible(driver, "nav.home")
        screenshot(driver, "learner-4-home")
        for label in ["listen", "record", "stories", "scenarios"]:
            button = driver.find_element(By.CSS_SELECTOR, f'nav.home button[data-label="{label}"]')
            self.assertGreaterEqual(button.size["width"], 48)
            self.assertGreaterEqual(button.size["height"], 48)

    def recorded_correlation(self, path, expected_format):
        driver = self.driver
        before = {r["id"] for r in world.recordings_of(world.learner["id"])}
        sign_in(self, driver, world, path, shots="learner")
        keep = record(driver, 5, shots="learner")
        screenshot(driver, "learner-6-review")
        check_screen(self, driver)
        keep.click()
        choose_story_picture(driver)
        clickable(driver, 'button[data-label="private"]')
        screenshot(driver, "learner-7-consent")
        check_screen(self, driver)
        driver.find_element(By.CSS_SELECTOR, 'button[data-label="private"]').click()
        wait(driver).until(lambda d: d.current_url.endswith("#/stories"))
        visible(driver, 'button[data-label="play"]')
        screenshot(driver, "learner-8-stories")
        check_screen(self, driver)
        new = [r for r in world.recordings_of(world.learner["id"]) if r["id"] not in before]
        self.assertEqual(len(new), 1)
        recording = new[0]
        self.assertEqual(recording["sourceFormat"], expected_format)
        self.assertEqual(recording["visibility"], "private")
        self.assertGreater(recording["durationMs"], 4000)
        decoded = os.path.join(tempfile.mkdtemp(), "stored.wav")
        with open(decoded, "wb") as file:
            file.write(world.call("GET", f"/media/{recording['id']}.wav"))
        rate, stored = read_wav(decoded)
        reference_rate, reference = read_wav(world.speech)
        self.assertEqual(rate, reference_rate)
        return windowed_correlation(stored, reference, rate=rate)

    def test_record_with_media_recorder_keeps_what_the_microphone_heard(self):
        correlation = self.recorded_correlation("/", "webm/opus")
        print(f"\nMediaRecorder path: correlation {correlation:.3f}")
        self.assertGreaterEqual(correlation, 0.8)

    def test_record_through_the_audio_worklet_keeps_what_the_microphone_heard(self):
        correlation = self.recorded_correlation("/?recorder=pcm", "wav/pcm16")
        print(f"\nAudioWorklet path: correlation {correlation:.3f}")
        self.assertGreaterEqual(correlation, 0.8)

    def test_keyboard_reaches_every_home_button_with_a_visible_focus(self):
        driver = self.driver
        sign_in(self, driver, world)
        reached = set()
        for _ in range(20):
            driver.switch_to.active_element.send_keys(Keys.TAB)
            focused = driver.switch_to.active_element
            label = focused.get_attribute("data-label")
            if focused.get_attribute("class").startswith("big") and label:
                reached.add(label)
                self.assertNotEqual(focused.value_of_css_property("outline-style"), "none")
                self.assertGreaterEqual(float(focused.value_of_css_property("outline-width").rstrip("px")), 3)
        self.assertEqual(reached, {"listen", "record", "stories", "scenarios"})
        driver.switch_to.active_element.send_keys(Keys.TAB)
        screenshot(driver, "learner-4b-home-focus")
        # Enter on the focused Record button opens the recorder.
        driver.find_element(By.CSS_SELECTOR, 'nav.home button[data-label="record"]').send_keys(Keys.ENTER)
        visible(driver, "button.recbtn")

    def test_a_screen_that_answers_late_does_not_cover_the_one_gone_to(self):
        driver = self.driver
        sign_in(self, driver, world)
        # A slow link (1.5 s a request): Listen's list of stories is still on its way when the
        # learner, impatient, goes back home and on to Record.
        driver.set_network_conditions(offline=False, latency=1500, download_throughput=-1, upload_throughput=-1)
        try:
            # Waiting for the list is not a screen that seems deaf to the tap: the turning
            # hourglass shows (the home buttons gone), then the list takes its place.
            clickable(driver, 'nav.home button[data-label="listen"]').click()
            tapped = time.time()
            visible(driver, "#screen[aria-busy] .done-mark.coming", 2)
            print(f"\nthe hourglass showed {time.time() - tapped:.1f} s after the tap")
            self.assertEqual(driver.find_elements(By.CSS_SELECTOR, "nav.home"), [])
            screenshot(driver, "learner-4c-coming")
            check_screen(self, driver)
            wait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, '#screen [role="list"]'))
            self.assertEqual(driver.find_elements(By.CSS_SELECTOR, ".done-mark.coming"), [])
            self.assertIsNone(driver.find_element(By.ID, "screen").get_attribute("aria-busy"))
            driver.execute_script("location.hash = '#/'")
            visible(driver, "nav.home")
            driver.execute_script("performance.clearResourceTimings()")
            driver.execute_script("location.hash = '#/listen'")
            driver.execute_script("location.hash = '#/'")
            clickable(driver, 'nav.home button[data-label="record"]').click()
            visible(driver, "button.recbtn")
            asked = time.time()
            wait(driver).until(lambda d: d.execute_script(
                "return performance.getEntriesByType('resource').some((entry) => entry.name.includes('/api/recordings?') && entry.responseEnd > 0)"))
            time.sleep(0.5)
            print(f"\nthe list answered {time.time() - asked:.1f} s after the recorder showed")
            self.assertEqual(len(driver.find_elements(By.CSS_SELECTOR, "button.recbtn")), 1, "the recorder stays")
            self.assertEqual(driver.find_elements(By.CSS_SELECTOR, ".done-mark.failed"), [], "no failure shown for a screen left")
        finally:
            driver.delete_network_conditions()

    def test_learner_screens_weigh_under_100_kb_of_code(self):
        driver = self.driver
        sign_in(self, driver, world, "/?recorder=pcm")
        record(driver, 1)
        # Everything the page loaded as code (HTML, scripts, styles, the worklet), uncompressed.
        sizes = driver.execute_script("""
            const code = (name) => /\\.(js|css|html)$|\\/(kiosk)?$/.test(new URL(name).pathname);
            return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
              .filter((entry) => code(entry.name)).map((entry) => [new URL(entry.name).pathname, entry.decodedBodySize]);""")
        # The worklet loads into the audio thread, out of the page's resource timing: fetched to weigh it.
        sizes.append(["/shared/pcm-worklet.js", driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch('/shared/pcm-worklet.js').then((r) => r.arrayBuffer()).then((body) => done(body.byteLength));""")])
        total = sum(size for _, size in sizes)
        print(f"\nlearner code: {total} bytes in {len(sizes)} files")
        self.assertTrue(all(size > 0 for _, size in sizes), sizes)
        self.assertGreaterEqual(len(sizes), 14)
        self.assertLess(total, 100_000)

    def test_kiosk_buttons_are_64_pixels_or_more(self):
        driver = world.browser(1280, 800)
        try:
            sign_in(self, driver, world, "/kiosk")
            screenshot(driver, "kiosk-home")
            for button in driver.find_elements(By.CSS_SELECTOR, "button"):
                if button.is_displayed():
                    self.assertGreaterEqual(min(button.size["width"], button.size["height"]), 64, button.get_attribute("outerHTML")[:80])
        finally:
            driver.quit()

    def test_phone_320_pixels_wide(self):
        driver = world.browser(320, 640)
        try:
            sign_in(self, driver, world, "/")
            screenshot(driver, "phone-home")
            width = driver.execute_script("return document.documentElement.scrollWidth")
            self.assertLessEqual(width, 320)
        finally:
            driver.quit()


if __name__ == "__main__":
    unittest.main()
