"""The player with read-along and the exercises, in headless Chromium against the real server,
on a recording the trainer shared with the group, its transcript aligned by the server."""
import time
import unittest

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from harness import SPOKEN, World, clickable, screenshot, sign_in, check_screen, visible, wait

world = None
recording = None


def setUpModule():
    global world, recording
    world = World()
    with open(world.speech, "rb") as file:
        recording = world.call("POST", f"/api/recordings?title=Amina&language=fr&groupId={world.group['id']}", raw=file.read(),
                               content_type="audio/wav")
    world.call("POST", f"/api/recordings/{recording['id']}/consent", {"visibility": "group", "method": "tap"})
    world.call("PUT", f"/api/recordings/{recording['id']}/transcripts/fr", raw=SPOKEN.encode(), content_type="text/plain; charset=utf-8")
    world.call("POST", f"/api/recordings/{recording['id']}/transcripts/fr/align")


def tearDownModule():
    world.close()


def transcript_words():
    transcript = world.call("GET", f"/api/recordings/{recording['id']}/transcripts/fr")
    return [word for segment in transcript["segments"] for word in segment["words"]]


class PlayerTests(unittest.TestCase):
    def setUp(self):
        self.driver = world.browser()
        sign_in(self, self.driver, world)

    def tearDown(self):
        self.driver.quit()

    def open_player(self):
        driver = self.driver
        clickable(driver, 'nav.home button[data-label="listen"]').click()
        visible(driver, 'button[data-label="play"]')
        screenshot(driver, "learner-9-listen")
        check_screen(self, driver)
        driver.find_element(By.CSS_SELECTOR, 'button[data-label="play"]').click()
        visible(driver, ".text .w")
        wait(driver).until(lambda d: d.execute_script("return document.querySelector('audio').readyState >= 2"))

    def test_read_along_lights_the_right_word_in_time(self):
        driver = self.driver
        self.open_player()
        words = transcript_words()
        spans = driver.find_elements(By.CSS_SELECTOR, ".text .w")
        self.assertEqual(len(spans), len(words))
        # At given playback times (paused), the word spoken then is the one lit.
        for index in [0, len(words) // 2, len(words) - 1]:
            middle = (words[index]["startMs"] + words[index]["endMs"]) / 2000
            driver.execute_script("document.querySelector('audio').currentTime = arguments[0]", middle)
            wait(driver, 5).until(lambda d: spans[index].get_attribute("class") == "w lit")
            self.assertEqual(len(driver.find_elements(By.CSS_SELECTOR, ".w.lit")), 1)
        screenshot(driver, "learner-10-read-along")
        check_screen(self, driver)
        # Playing through: each word is lit within 50 ms of its start (playback time when it lit).
        driver.execute_script("""
            const audio = document.querySelector('audio');
            window.litAt = [];
            const spans = [...document.querySelectorAll('.text .w')];
            new MutationObserver((changes) => changes.forEach((change) => {
              if (change.target.classList.contains('lit')) window.litAt.push([spans.indexOf(change.target), audio.currentTime * 1000]);
            })).observe(document.querySelector('.text'), { subtree: true, attributes: true, attributeFilter: ['class'] });
            audio.currentTime = 0;""")
        time.sleep(0.3)
        clickable(driver, 'button[data-label="play"]').click()
        wait(driver, 30).until(lambda d: d.execute_script("return document.querySelector('audio').ended"))
        lit = driver.execute_script("return window.litAt")
        lags = {index: at - words[index]["startMs"] for index, at in lit}
        print(f"\nread-along lag per word (ms): {sorted(round(lag) for lag in lags.values())}")
        # A word shorter than a frame may pass unseen; every longer one is lit, once.
        seen = [index for index, word in enumerate(words) if word["endMs"] - word["startMs"] >= 50]
        self.assertEqual([index for index in sorted(lags) if index in seen], seen)
        self.assertEqual(len(lit), len(lags), "no word lit twice")
        for index, lag in lags.items():
            self.assertGreaterEqual(lag, 0, words[index]["text"])
            self.assertLessEqual(lag, 50, words[index]["text"])

    def test_tap_a_word_plays_just_its_slice_and_slow_speed(self):
        driver = self.driver
        self.open_player()
        words = transcript_words()
        index = len(words) // 2
        driver.execute_script("""
            const audio = document.querySelector('audio');
            window.played = [];
            audio.addEventListener('playing', () => window.played.push(['start', audio.currentTime * 1000]));
            audio.addEventListener('pause', () => window.played.push(['stop', audio.currentTime * 1000]));""")
        driver.find_elements(By.CSS_SELECTOR, ".text .w")[index].click()
        wait(driver, 10).until(lambda d: len(d.execute_script("return window.played")) >= 2)
        (_, started), (_, stopped) = driver.execute_script("return window.played")[:2]
        print(f"\ntapped word {words[index]['startMs']}-{words[index]['endMs']} ms played {started:.0f}-{stopped:.0f} ms")
        self.assertAlmostEqual(started, words[index]["startMs"], delta=40)
        self.assertGreaterEqual(stopped, words[index]["endMs"])
        self.assertLessEqual(stopped, words[index]["endMs"] + 60)
        slow = driver.find_element(By.CSS_SELECTOR, 'button[data-label="slow"]')
        slow.click()
        self.assertEqual(driver.execute_script("return document.querySelector('audio').playbackRate"), 0.75)
        self.assertEqual(slow.get_attribute("aria-pressed"), "true")
        # Chromium plays Ogg Opus, so canPlayType picked the stored file itself.
        self.assertTrue(driver.execute_script("return document.querySelector('audio').currentSrc").endswith(".opus"))
        self.assertTrue(driver.execute_script("return document.querySelector('audio').dataset.source").endswith(".opus"))

    def test_a_browser_without_opus_gets_the_wav_and_the_same_read_along(self):
        driver = self.driver
        # As in a browser that plays neither Ogg Opus nor CAF: canPlayType says no to both.
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": """
            const original = HTMLMediaElement.prototype.canPlayType;
            HTMLMediaElement.prototype.canPlayType = function (type) { return /ogg|caf/.test(type) ? '' : original.call(this, type); };"""})
        driver.refresh()
        visible(driver, "nav.home")
        self.open_player()
        self.assertTrue(driver.execute_script("return document.querySelector('audio').dataset.source").endswith(".wav"))
        words = transcript_words()
        spans = driver.find_elements(By.CSS_SELECTOR, ".text .w")
        middle = (words[3]["startMs"] + words[3]["endMs"]) / 2000
        driver.execute_script("document.querySelector('audio').currentTime = arguments[0]", middle)
        wait(driver, 5).until(lambda d: spans[3].get_attribute("class") == "w lit")
        # The keyboard plays a word as a tap does.
        spans[5].send_keys(Keys.ENTER)
        wait(driver, 5).until(lambda d: not d.execute_script("return document.querySelector('audio').paused"))
        wait(driver, 5).until(lambda d: d.execute_script("return document.querySelector('audio').paused"))
        at = driver.execute_script("return document.querySelector('audio').currentTime * 1000")
        self.assertGreaterEqual(at, words[5]["endMs"])
        self.assertLessEqual(at, words[5]["endMs"] + 60)


class ExerciseTests(unittest.TestCase):
    def setUp(self):
        self.driver = world.browser()
        sign_in(self, self.driver, world)

    def tearDown(self):
        self.driver.quit()

    def test_gap_fill_completed_with_marks_shown(self):
        driver = self.driver
        words = transcript_words()
        driver.get(f"{world.base}/#/gap-fill/{recording['id']}/0")
        visible(driver, ".gap")
        screenshot(driver, "learner-11-gap-fill")
        check_screen(self, driver)
        for gap in driver.find_elements(By.CSS_SELECTOR, ".gap"):
            gap.click()
            expected = words[int(gap.get_attribute("data-word"))]["text"].lower()
            tiles = driver.find_elements(By.CSS_SELECTOR, ".tiles button")
            self.assertGreaterEqual(len(tiles), 2)
            # The tile is the word without an elided prefix left in the text (l'|école).
            fitting = [tile for tile in tiles if expected.endswith(tile.get_attribute("data-word").lower())]
            max(fitting, key=lambda tile: len(tile.get_attribute("data-word"))).click()
        clickable(driver, 'button[data-label="check"]').click()
        wait(driver).until(lambda d: all(g.get_attribute("data-mark") for g in d.find_elements(By.CSS_SELECTOR, ".gap")))
        self.assertEqual({g.get_attribute("data-mark") for g in driver.find_elements(By.CSS_SELECTOR, ".gap")}, {"correct"})
        screenshot(driver, "learner-12-gap-fill-marked")
        check_screen(self, driver)

    def test_dictation_on_the_on_screen_keyboard_with_marks_shown(self):
        driver = self.driver
        driver.get(f"{world.base}/#/dictation/{recording['id']}/0")
        visible(driver, ".keys")
        screenshot(driver, "learner-13-dictation")
        check_screen(self, driver)
        for key in "bonjour je mapele amina":
            selector = '[data-key="space"]' if key == " " else f'[aria-label="{key}"]'
            driver.find_element(By.CSS_SELECTOR, f".keys button{selector}").click()
        self.assertEqual(driver.find_element(By.CSS_SELECTOR, "input.answer").get_attribute("value"), "bonjour je mapele amina")
        clickable(driver, 'button[data-label="check"]').click()
        visible(driver, ".text .w[data-mark]")
        marks = [m.get_attribute("data-mark") for m in driver.find_elements(By.CSS_SELECTOR, ".text .w[data-mark]")]
        print(f"\ndictation marks: {marks}")
        self.assertEqual(marks[0], "correct")
        self.assertIn(marks[-1], ["correct", "missing"])
        self.assertTrue({"close", "wrong"} & set(marks), marks)
        screenshot(driver, "learner-14-dictation-marked")
        check_screen(self, driver)

    def test_repeat_hear_record_then_hear_both(self):
        driver = self.driver
        driver.get(f"{world.base}/#/repeat/{recording['id']}/0")
        clickable(driver, "button.recbtn")
        screenshot(driver, "learner-15-repeat")
        check_screen(self, driver)
        self.assertTrue(driver.find_element(By.CSS_SELECTOR, 'button[data-label="play"]').is_displayed(), "the model can be heard again")
        driver.find_element(By.CSS_SELECTOR, "button.recbtn").click()
        wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "button.recbtn").get_attribute("aria-pressed") == "true")
        time.sleep(2)
        driver.find_element(By.CSS_SELECTOR, "button.recbtn").click()
        clickable(driver, 'button[data-label="keep"]').click()
        clickable(driver, 'button[data-label="mine"]')
        screenshot(driver, "learner-16-repeat-both")
        check_screen(self, driver)
        self.assertTrue(driver.find_element(By.CSS_SELECTOR, 'button[data-label="model"]').is_displayed())
        attempts = world.call("GET", f"/api/people/{world.learner['id']}/progress")["recentAttempts"]
        repeat = [attempt for attempt in attempts if attempt["kind"] == "repeat"]
        self.assertEqual(len(repeat), 1)
        tried = world.call("GET", f"/api/recordings/{repeat[0]['tryRecordingId']}")
        self.assertEqual(tried["ownerId"], world.learner["id"])
        self.assertEqual(tried["visibility"], "private")


if __name__ == "__main__":
    unittest.main()
