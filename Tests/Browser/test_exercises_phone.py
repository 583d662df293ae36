"""The exercises on a phone (360 × 740), as a learner who cannot read meets them: every target a
finger's size and what to press next in view without scrolling; a wrong gap shows the right word
and says it; the dictation keyboard fits the screen whole and never hands the focus to a text field
(a phone would open its own keyboard over ours); a repeat's try is heard beside the recording it
repeats, never among the learner's stories."""
import time
import unittest
import urllib.parse

from selenium.webdriver.common.by import By

from harness import (SPOKEN, World, check_targets_and_contrast, clickable, requested_urls, screenshot, sign_in, visible,
                     wait)

world = None
recording = None

IN_VIEW = """
const r = arguments[0].getBoundingClientRect();
return r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
"""


def setUpModule():
    global world, recording
    world = World()
    with open(world.speech, "rb") as file:
        recording = world.call("POST", f"/api/recordings?title=Amina&language=fr&groupId={world.group['id']}&picture=school",
                               raw=file.read(), content_type="audio/wav")
    world.call("POST", f"/api/recordings/{recording['id']}/consent", {"visibility": "group", "method": "tap"})
    world.call("PUT", f"/api/recordings/{recording['id']}/transcripts/fr", raw=SPOKEN.encode(), content_type="text/plain; charset=utf-8")
    world.call("POST", f"/api/recordings/{recording['id']}/transcripts/fr/align")


def tearDownModule():
    world.close()


class PhoneExerciseTests(unittest.TestCase):
    def setUp(self):
        self.driver = world.browser(360, 740, network_log=True)
        self.paths, self.mark = [], 0
        sign_in(self, self.driver, world)

    def tearDown(self):
        self.driver.quit()

    def waits_with(self, key, where):
        """The screen asked the network for the spoken label `key` since the last one waited for."""
        deadline = time.time() + 8
        while True:
            self.paths += [urllib.parse.urlsplit(url).path for url in requested_urls(self.driver)]
            found = next((at for at in range(self.mark, len(self.paths)) if self.paths[at].endswith(f"/labels/fr/{key}.opus")), None)
            if found is not None:
                self.mark = found + 1
                return
            if time.time() > deadline:
                self.fail(f"{where}: the label '{key}' was never asked for (asked since the last: {self.paths[self.mark:]}; before: {self.paths[max(0, self.mark - 6):self.mark]})")
            time.sleep(0.1)

    def in_view(self, element, what):
        self.assertTrue(self.driver.execute_script(IN_VIEW, element), f"{what} in view without scrolling")

    def test_gap_fill_a_wrong_word_shows_and_says_the_right_one(self):
        driver = self.driver
        words = [word for segment in world.call("GET", f"/api/recordings/{recording['id']}/transcripts/fr")["segments"]
                 for word in segment["words"]]
        # The hardest case: the hidden word keeps its elided article in the text (m'|appelle). The
        # server picks the gaps by a seed: one that hides it is found, and the screen's request asks for it.
        seed = next(seed for seed in range(200) if any(gap.get("prefix") for gap in world.call(
            "GET", f"/api/recordings/{recording['id']}/exercises/gap-fill?segment=0&seed={seed}")["gaps"]))
        driver.execute_script("""const original = window.fetch, seed = arguments[0];
            window.fetch = (url, ...rest) => original(String(url).includes('/exercises/gap-fill?') ? `${url}&seed=${seed}` : url, ...rest);""", seed)
        driver.get(f"{world.base}/#/gap-fill/{recording['id']}/0")
        visible(driver, ".gap")
        self.waits_with("gapfill", "gap-fill")
        check_targets_and_contrast(self, driver, "gap-fill")
        self.in_view(driver.find_element(By.CSS_SELECTOR, 'button[data-label="check"]'), "the check button")
        screenshot(driver, "phone-1-gap-fill")
        expected = {}
        for gap in driver.find_elements(By.CSS_SELECTOR, ".gap"):
            gap.click()
            right = words[int(gap.get_attribute("data-word"))]["text"].lower()
            tiles = driver.find_elements(By.CSS_SELECTOR, ".tiles button")
            # The right tile is the word without an elided article left in the text (m'|appelle).
            expected[gap.get_attribute("data-word")] = max((tile.get_attribute("data-word") for tile in tiles
                                                            if right.endswith(tile.get_attribute("data-word").lower())), key=len)
            wrong = [tile for tile in tiles if not right.endswith(tile.get_attribute("data-word").lower())]
            self.assertTrue(wrong, "a wrong tile to choose")
            check_targets_and_contrast(self, driver, "gap-fill tiles")
            wrong[0].click()
        # Who hears the right word must hear it from the recording itself.
        driver.execute_script("""window.slices = []; document.querySelector('section audio')
            .addEventListener('playing', (event) => window.slices.push(event.target.currentTime));""")
        clickable(driver, 'button[data-label="check"]').click()
        wait(driver).until(lambda d: all(g.get_attribute("data-mark") for g in d.find_elements(By.CSS_SELECTOR, ".gap")))
        for gap in driver.find_elements(By.CSS_SELECTOR, ".gap"):
            self.assertEqual(gap.get_attribute("data-mark"), "wrong")
            # The right word in the gap, whole, as its tile shows it, in place of the wrong one.
            self.assertEqual(gap.text, expected[gap.get_attribute("data-word")])
        self.waits_with("again", "a wrong answer")
        self.waits_with("rightword", "the right word was…")
        wait(driver).until(lambda d: d.execute_script("return window.slices.length") >= 1, "the right word played")
        self.in_view(driver.find_element(By.CSS_SELECTOR, '.actions button[data-label="redo"]'), "try again")
        self.assertEqual(len(driver.find_elements(By.CSS_SELECTOR, ".actions")), 1, "one bar of what comes next")
        check_targets_and_contrast(self, driver, "gap-fill marked")
        screenshot(driver, "phone-2-gap-fill-wrong")

    def test_dictation_keyboard_fits_and_keeps_the_focus(self):
        driver = self.driver
        driver.get(f"{world.base}/#/dictation/{recording['id']}/0")
        keys = visible(driver, ".keys")
        self.waits_with("dictation", "dictation")
        check_targets_and_contrast(self, driver, "dictation")
        self.in_view(driver.find_element(By.CSS_SELECTOR, 'button[data-label="check"]'), "the check button")
        # Every key whole on the screen and a finger wide, m and w included (they were cut off).
        outside = driver.execute_script("""return [...arguments[0].querySelectorAll('button')].filter((key) => {
            const r = key.getBoundingClientRect();
            return r.left < 0 || r.right > innerWidth || r.width < 48 || r.height < 48 || key.scrollWidth > key.clientWidth + 1;
          }).map((key) => key.getAttribute('aria-label'))""", keys)
        self.assertEqual(outside, [])
        for key in "mw":
            self.assertTrue(driver.find_element(By.CSS_SELECTOR, f'.keys button[aria-label="{key}"]').is_displayed())
        screenshot(driver, "phone-3-dictation")
        for key in "bonjour":
            driver.find_element(By.CSS_SELECTOR, f'.keys button[aria-label="{key}"]').click()
            self.assertNotEqual(driver.execute_script("return document.activeElement.tagName"), "INPUT", "a key press gave the text field the focus")
            # Each key says its letter's name as it types it.
            self.waits_with(f"letter-{key}", f"the key {key}")
        for key, label in [("ç", "letter-ccedil"), ("'", "letter-apostrophe")]:
            driver.find_element(By.CSS_SELECTOR, f'.keys button[aria-label="{key}"]').click()
            self.waits_with(label, f"the key {key}")
        for key in ["erase", "erase"]:
            driver.find_element(By.CSS_SELECTOR, f'.keys button[data-key="{key}"]').click()
            self.waits_with(key, "erase")
        self.assertEqual(driver.find_element(By.CSS_SELECTOR, "input.answer").get_attribute("value"), "bonjour")
        clickable(driver, 'button[data-label="check"]').click()
        visible(driver, ".text .w[data-mark]")
        self.waits_with("again", "a dictation with words missing")
        self.in_view(driver.find_element(By.CSS_SELECTOR, 'button[data-label="redo"]'), "try again")
        check_targets_and_contrast(self, driver, "dictation marked")
        screenshot(driver, "phone-4-dictation-marked")

    def test_a_repeat_try_is_heard_beside_its_recording_not_among_stories(self):
        driver = self.driver
        driver.get(f"{world.base}/#/repeat/{recording['id']}/0")
        clickable(driver, "button.recbtn")
        self.waits_with("repeat", "repeat")
        check_targets_and_contrast(self, driver, "repeat")
        driver.find_element(By.CSS_SELECTOR, "button.recbtn").click()
        wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "button.recbtn").get_attribute("aria-pressed") == "true")
        time.sleep(1.5)
        driver.find_element(By.CSS_SELECTOR, "button.recbtn").click()
        kept_from = len(self.paths)
        clickable(driver, 'button[data-label="keep"]').click()
        clickable(driver, 'button[data-label="mine"]')
        self.waits_with("right", "a try kept")
        # The verdict is what is said: no "it is kept" for it to cut off.
        self.assertFalse([path for path in self.paths[kept_from:] if path.endswith("/labels/fr/saved.opus")])
        attempts = world.call("GET", f"/api/people/{world.learner['id']}/progress")["recentAttempts"]
        take = next(attempt["tryRecordingId"] for attempt in attempts if attempt["kind"] == "repeat")
        # The try waits under the recording it repeats: in its player, beside the model.
        driver.get(f"{world.base}/#/play/{recording['id']}")
        beside = clickable(driver, f'.takes button[data-take="{take}"]')
        check_targets_and_contrast(self, driver, "player with a try")
        screenshot(driver, "phone-5-player-with-try")
        beside.click()
        wait(driver).until(lambda d: d.execute_script("return [...document.querySelectorAll('.takes audio')].some((a) => a.src.includes(arguments[0]))", take))
        # Not a story: My stories knows nothing of it.
        driver.execute_script("location.hash = '#/stories'")
        self.waits_with("empty", "my stories, with only a try")
        self.assertEqual(driver.find_elements(By.CSS_SELECTOR, f'[data-recording="{take}"]'), [])


if __name__ == "__main__":
    unittest.main()
