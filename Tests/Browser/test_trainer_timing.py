"""The trainer's timing tools and spoken labels: tap-along with the space bar while the recording
plays at 0.75x, dragging a word's end, hearing one word, recording straight into a new recording
(with what it is and whose consent it needs), and recording a spoken label that learners then hear
instead of the shipped one."""
import json
import time
import unittest
import urllib.parse
import urllib.request

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

from harness import CODE, SPOKEN, World, check_screen, clickable, requested_urls, screenshot, trainer_sign_in, visible, wait

world = None


def setUpModule():
    global world
    world = World()


def tearDownModule():
    world.close()




def transcribed_recording(title, align):
    """The speech file uploaded with its transcript, aligned or not; returns its id."""
    with open(world.speech, "rb") as file:
        recording = world.call("POST", f"/api/recordings?title={title}&language=fr", raw=file.read(), content_type="audio/wav")
    world.call("PUT", f"/api/recordings/{recording['id']}/transcripts/fr", raw=SPOKEN.encode(), content_type="text/plain; charset=utf-8")
    if align:
        world.call("POST", f"/api/recordings/{recording['id']}/transcripts/fr/align")
    return recording["id"]


def words_of(recording_id):
    transcript = world.call("GET", f"/api/recordings/{recording_id}/transcripts/fr")
    return [word for segment in transcript["segments"] for word in segment["words"]]


def media_time(driver):
    return driver.execute_script("return document.querySelector('audio').currentTime")


class TimingTests(unittest.TestCase):
    def test_tap_along_at_three_quarter_speed_stores_the_moments_tapped(self):
        recording_id = transcribed_recording("Taper", align=False)
        driver = world.browser(1280, 900)
        try:
            trainer_sign_in(driver, world.base, f"#/recording/{recording_id}")
            start = clickable(driver, "#tap-start")
            Select(driver.find_element(By.ID, "tap-speed")).select_by_value("0.75")
            start.click()
            wait(driver).until(lambda d: media_time(d) > 0.2)
            self.assertEqual(driver.execute_script("return document.querySelector('audio').playbackRate"), 0.75)
            moments = []
            for index in range(6):
                target = 0.45 + index * 0.45
                wait(driver).until(lambda d: media_time(d) >= target)
                before = media_time(driver)
                ActionChains(driver).send_keys(Keys.SPACE).perform()
                after = media_time(driver)
                moments.append((before * 1000, after * 1000))
                if index == 2:
                    self.assertEqual(driver.find_element(By.CSS_SELECTOR, ".tapwords .next").text, words_of(recording_id)[3]["text"])
                    screenshot(driver, "trainer-timing-1-tapping")
                    check_screen(self, driver)
            clickable(driver, "#tap-save").click()
            deadline = time.time() + 10
            words = words_of(recording_id)
            while time.time() < deadline and words[0].get("origin") != "manual":
                time.sleep(0.2)
                words = words_of(recording_id)
            starts = [word["startMs"] for word in words[:6]]
            print(f"\ntapped between (ms): {[(round(b), round(a)) for b, a in moments]}\nstored starts (ms): {starts}")
            # Each stored start lies between the media times read just before and just after the key
            # was sent, give or take 60 ms of timer jitter. Without the rate correction, a tap would
            # land a quarter of the time since the press further on.
            for (before, after), stored in zip(moments, starts):
                self.assertGreaterEqual(stored, before - 60)
                self.assertLessEqual(stored, after + 60)
            self.assertTrue(all(word["origin"] == "manual" for word in words[:6]))
            visible(driver, ".wordbox.c-manual")
            self.assertGreaterEqual(len(driver.find_elements(By.CSS_SELECTOR, ".wordbox.c-manual")), 6)
            driver.execute_script("document.querySelector('.wave').scrollIntoView()")
            screenshot(driver, "trainer-timing-2-tapped")
            # Redo: a second run replaces the taps.
            clickable(driver, "#tap-start").click()
            wait(driver).until(lambda d: media_time(d) >= 1.0)
            ActionChains(driver).send_keys(Keys.SPACE).perform()
            clickable(driver, "#tap-save").click()
            deadline = time.time() + 10
            while time.time() < deadline and words_of(recording_id)[0]["startMs"] == starts[0]:
                time.sleep(0.2)
            self.assertGreaterEqual(words_of(recording_id)[0]["startMs"], 900)
        finally:
            driver.quit()

    def test_drag_a_word_end_and_hear_one_word(self):
        recording_id = transcribed_recording("Glisser", align=True)
        driver = world.browser(1280, 900)
        try:
            trainer_sign_in(driver, world.base, f"#/recording/{recording_id}")
            visible(driver, ".wordbox", 30)
            driver.execute_script("document.querySelector('.wave').scrollIntoView()")
            check_screen(self, driver)
            before = words_of(recording_id)[2]
            handle = driver.find_element(By.CSS_SELECTOR, '.edge.end[data-segment="0"][data-word="2"]')
            pixels_per_ms = float(handle.value_of_css_property("left").rstrip("px")) / before["endMs"]
            ActionChains(driver).click_and_hold(handle).move_by_offset(-10, 0).move_by_offset(-10, 0).release().perform()
            deadline = time.time() + 10
            after = before
            while time.time() < deadline and after["endMs"] == before["endMs"]:
                time.sleep(0.3)
                after = words_of(recording_id)[2]
            moved = after["endMs"] - before["endMs"]
            print(f"\ndragged a word end 20 px at {pixels_per_ms:.3f} px/ms: it moved {moved} ms")
            self.assertAlmostEqual(moved, -20 / pixels_per_ms, delta=3 / pixels_per_ms)
            self.assertEqual(after["origin"], "manual")
            self.assertEqual(after["startMs"], before["startMs"])
            # The arrow keys move an end too: three presses, 30 ms later.
            visible(driver, ".wordbox.c-manual")
            end = driver.find_element(By.CSS_SELECTOR, '.edge.end[data-segment="0"][data-word="1"]')
            previous = words_of(recording_id)[1]["endMs"]
            end.send_keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT)
            deadline = time.time() + 10
            while time.time() < deadline and words_of(recording_id)[1]["endMs"] == previous:
                time.sleep(0.3)
            self.assertEqual(words_of(recording_id)[1]["endMs"], previous + 30)
            screenshot(driver, "trainer-timing-3-end-moved")
            # Clicking a word plays just that word.
            wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, '.edge.end[data-segment="0"][data-word="1"]')
                               .get_attribute("aria-valuenow") == str(previous + 30))
            word = words_of(recording_id)[2]
            driver.find_element(By.CSS_SELECTOR, '.wordbox[data-segment="0"][data-word="2"]').click()
            wait(driver).until(lambda d: not d.execute_script("return document.querySelector('audio').paused"))
            self.assertGreaterEqual(media_time(driver) * 1000, word["startMs"] - 20)
            wait(driver).until(lambda d: d.execute_script("return document.querySelector('audio').paused"))
            stopped = media_time(driver) * 1000
            print(f"word {word['startMs']}-{word['endMs']} ms played, stopped at {stopped:.0f} ms")
            self.assertGreaterEqual(stopped, word["endMs"] - 20)
            self.assertLessEqual(stopped, word["endMs"] + 100)
        finally:
            driver.quit()


class RecordingTests(unittest.TestCase):
    def test_record_straight_into_a_new_recording(self):
        driver = world.browser(1280, 900)
        try:
            trainer_sign_in(driver, world.base)
            clickable(driver, 'a[href="#/record"]').click()
            button = clickable(driver, "button.rec")
            check_screen(self, driver)
            button.click()
            wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "button.rec").get_attribute("aria-pressed") == "true")
            time.sleep(2.5)
            driver.find_element(By.CSS_SELECTOR, "button.rec").click()
            keep = clickable(driver, ".take button.text")
            screenshot(driver, "trainer-timing-4-recorded")
            check_screen(self, driver)
            # No title: nothing is sent, the screen says what is missing and puts the cursor there.
            before = len(world.call("GET", "/api/recordings?limit=200")["recordings"])
            keep.click()
            wait(driver).until(lambda d: "Donnez un titre" in d.find_element(By.ID, "status").text)
            self.assertEqual(driver.switch_to.active_element.get_attribute("name"), "title")
            self.assertEqual(len(world.call("GET", "/api/recordings?limit=200")["recordings"]), before)
            driver.switch_to.active_element.send_keys("Les jours de la semaine")
            clickable(driver, ".take button.text").click()
            wait(driver).until(lambda d: "#/recording/" in d.current_url)
            recording = world.call("GET", f"/api/recordings/{driver.current_url.rsplit('/', 1)[1]}")
            self.assertEqual(recording["title"], "Les jours de la semaine")
            self.assertGreater(recording["durationMs"], 2000)
            self.assertEqual(recording["language"], "fr")
            visible(driver, "#transcript")
        finally:
            driver.quit()

    def test_recording_screen_says_what_it_is_and_asks_the_owners_consent(self):
        """The trainer's recording screen: title, language, group, picture and who hears it. Sharing
        their own voice waits for their ticked consent; a learner's recording waits for the learner's."""
        driver = world.browser(1280, 900)
        try:
            trainer_sign_in(driver, world.base)
            clickable(driver, 'a[href="#/record"]').click()
            form = visible(driver, "fieldset.recording-fields")
            self.assertEqual(form.find_element(By.CSS_SELECTOR, "input[name=language]").get_attribute("value"), "fr")
            form.find_element(By.CSS_SELECTOR, "input[name=title]").send_keys("Consigne du jour")
            Select(form.find_element(By.CSS_SELECTOR, "select[name=group]")).select_by_value(world.group["id"])
            Select(form.find_element(By.CSS_SELECTOR, "select[name=picture]")).select_by_value("tree")
            Select(form.find_element(By.CSS_SELECTOR, "select[name=visibility]")).select_by_value("group")
            self.assertTrue(form.find_element(By.CSS_SELECTOR, "input[name=consent]").is_displayed(), "her own voice: her consent asked")
            self.assertFalse(form.find_element(By.CSS_SELECTOR, ".owner-consent").is_displayed())
            clickable(driver, "button.rec").click()
            wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "button.rec").get_attribute("aria-pressed") == "true")
            time.sleep(1.5)
            driver.find_element(By.CSS_SELECTOR, "button.rec").click()
            before = len(world.call("GET", "/api/recordings?limit=200")["recordings"])
            # Not agreed: nothing is sent, and the screen says why.
            clickable(driver, ".take button.text").click()
            wait(driver).until(lambda d: "Cochez l’accord" in d.find_element(By.ID, "status").text)
            self.assertEqual(len(world.call("GET", "/api/recordings?limit=200")["recordings"]), before)
            form.find_element(By.CSS_SELECTOR, "input[name=consent]").click()
            check_screen(self, driver)
            screenshot(driver, "trainer-timing-6-record-details")
            clickable(driver, ".take button.text").click()
            wait(driver).until(lambda d: "#/recording/" in d.current_url)
            made = world.call("GET", f"/api/recordings/{driver.current_url.rsplit('/', 1)[1]}")
            self.assertEqual((made["title"], made["language"], made["groupId"], made["picture"], made["visibility"]),
                             ("Consigne du jour", "fr", world.group["id"], "tree", "group"))
            self.assertEqual([c["method"] for c in world.call("GET", f"/api/recordings/{made['id']}/consents")], ["tap"])

            # A learner's recording: no box to tick for her; the screen says it waits for her, and it stays private.
            request = urllib.request.Request(world.base + "/api/auth/picture", method="POST", headers={"Content-Type": "application/json"},
                                             data=json.dumps({"personId": world.learner["id"], "code": CODE}).encode())
            with urllib.request.urlopen(request) as answer:
                cookie = answer.headers["Set-Cookie"].split(";")[0]
            with open(world.speech, "rb") as file:
                upload = urllib.request.Request(world.base + "/api/recordings?title=Mon%20histoire&language=fr", method="POST", data=file.read(),
                                                headers={"Cookie": cookie, "Origin": world.base, "Content-Type": "audio/wav"})
            with urllib.request.urlopen(upload) as answer:
                hers = json.loads(answer.read())
            driver.get(f"{world.base}/trainer#/recording/{hers['id']}")
            # Only the hash changes: the previous recording's form stays until her screen replaces it.
            wait(driver).until(lambda d: d.find_elements(By.XPATH, "//h1[normalize-space()='Mon histoire']"))
            details = visible(driver, "form.details")
            Select(details.find_element(By.CSS_SELECTOR, "select[name=visibility]")).select_by_value("group")
            self.assertFalse(details.find_element(By.CSS_SELECTOR, "input[name=consent]").is_displayed(), "no ticking for someone else")
            self.assertTrue(details.find_element(By.CSS_SELECTOR, ".owner-consent").is_displayed())
            details.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait(driver).until(lambda d: "il faut son accord" in d.find_element(By.ID, "status").text)
            self.assertEqual(world.call("GET", f"/api/recordings/{hers['id']}")["visibility"], "private")
            check_screen(self, driver)
            screenshot(driver, "trainer-timing-7-learner-consent")
        finally:
            driver.quit()

    def test_a_recorded_label_is_what_learners_hear(self):
        driver = world.browser(1280, 900)
        try:
            trainer_sign_in(driver, world.base)
            clickable(driver, 'a[href="#/labels"]').click()
            row = 'tr[data-key="who"]'
            clickable(driver, f"{row} button.rec").click()
            wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, f"{row} button.rec").get_attribute("aria-pressed") == "true")
            time.sleep(1.5)
            driver.find_element(By.CSS_SELECTOR, f"{row} button.rec").click()
            clickable(driver, f"{row} button.keep").click()
            recorded = visible(driver, f"{row} button.recorded", 20)
            recording_id = recorded.get_attribute("data-recording")
            labels = world.call("GET", "/api/labels/fr")["labels"]
            self.assertEqual(labels["who"]["recordingId"], recording_id)
            self.assertEqual(list(labels), ["who"])
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", recorded)
            screenshot(driver, "trainer-timing-5-labels")
            check_screen(self, driver)
        finally:
            driver.quit()
        # A learner's sign-in screen says "who are you?" in the trainer's voice, not the shipped one.
        learner = world.browser(1024, 800, network_log=True)
        try:
            learner.get(world.base + "/")
            visible(learner, 'button[aria-label="Amina"]')
            deadline = time.time() + 10
            urls = []
            while time.time() < deadline and not any(url.endswith(f"/media/{recording_id}.opus") for url in urls):
                time.sleep(0.2)
                # Paths only: each time a label is said its address carries a counter (`?said=N`).
                urls += [urllib.parse.urlsplit(url).path for url in requested_urls(learner)]
            self.assertTrue(any(url.endswith(f"/media/{recording_id}.opus") for url in urls), urls)
            self.assertFalse(any(url.endswith("/labels/fr/who.opus") for url in urls), urls)
        finally:
            learner.quit()


if __name__ == "__main__":
    unittest.main()
