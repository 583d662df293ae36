"""The kiosk keeps recordings made offline and sends each once when the network returns; the
trainer pastes a transcript, aligns it and drags a word boundary on the waveform."""
import time
import unittest

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By

from harness import SPOKEN, World, choose_story_picture, clickable, record, screenshot, sign_in, check_screen, trainer_sign_in, visible, wait

world = None


def setUpModule():
    global world
    world = World()


def tearDownModule():
    world.close()




def enrol_kiosk(test, driver, idle_seconds):
    """A trainer enrols this browser as the group's kiosk, then leaves it to the learners."""
    trainer_sign_in(driver, world.base)
    enrolled = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const me = await (await fetch('/api/auth/me')).json();
        const response = await fetch('/api/kiosks', { method: 'POST', headers: { 'Content-Type': 'application/json',
          'X-CSRF-Token': me.csrfToken }, body: JSON.stringify({ name: 'Accueil', groupIds: [arguments[0]], idleSeconds: arguments[1] }) });
        await fetch('/api/auth/signout', { method: 'POST', headers: { 'X-CSRF-Token': me.csrfToken } });
        done(response.status);""", world.group["id"], idle_seconds)
    test.assertEqual(enrolled, 201)


class KioskTests(unittest.TestCase):
    def test_a_learner_who_walks_away_is_signed_out(self):
        driver = world.browser(1280, 800)
        try:
            enrol_kiosk(self, driver, 5)
            sign_in(self, driver, world, "/kiosk")
            clickable(driver, 'nav.home button[data-label="listen"]').click()
            started = time.time()
            visible(driver, 'button[aria-label="Amina"]', 15)
            self.assertGreaterEqual(time.time() - started, 4)
            self.assertEqual(driver.execute_script("return fetch('/api/auth/me').then((r) => r.status)"), 401)
            # Recording a story longer than the idle time is not being idle: nothing ends under it.
            sign_in(self, driver, world, "/kiosk")
            keep = record(driver, 12)
            keep.click()
            choose_story_picture(driver)
            clickable(driver, 'button[data-label="private"]').click()
            wait(driver).until(lambda d: d.current_url.endswith("#/stories"))
            stories = world.recordings_of(world.learner["id"])
            self.assertTrue(any(r["durationMs"] > 11000 for r in stories))
            self.assertTrue(all(" " in r["title"] and "+" not in r["title"] for r in stories), [r["title"] for r in stories])
        finally:
            driver.quit()

    def test_recordings_made_offline_are_sent_once_when_back(self):
        driver = world.browser(1280, 800)
        try:
            enrol_kiosk(self, driver, 600)
            sign_in(self, driver, world, "/kiosk", shots="kiosk")
            learner = world.learner["id"]
            before = len(world.recordings_of(learner))
            driver.set_network_conditions(offline=True, latency=0, download_throughput=0, upload_throughput=0)
            for take in range(2):
                driver.execute_script("location.hash = '#/'")
                keep = record(driver, 2)
                keep.click()
                choose_story_picture(driver)
                wait(driver).until(lambda d: d.current_url.endswith("#/stories"))
                self.assertEqual(len(driver.execute_async_script("""
                    const done = arguments[arguments.length - 1];
                    const request = indexedDB.open('parlons');
                    request.onsuccess = () => { const all = request.result.transaction('uploads').objectStore('uploads').getAll();
                      all.onsuccess = () => done(all.result.map((item) => item.key)); };""")), take + 1)
            screenshot(driver, "kiosk-offline-waiting")
            check_screen(self, driver)
            self.assertEqual(len(world.recordings_of(learner)), before, "nothing reached the server while offline")
            driver.set_network_conditions(offline=False, latency=0, download_throughput=-1, upload_throughput=-1)
            driver.execute_script("window.dispatchEvent(new Event('online'))")
            deadline = time.time() + 40
            while time.time() < deadline and len(world.recordings_of(learner)) < before + 2:
                time.sleep(0.5)
            time.sleep(2)
            self.assertEqual(len(world.recordings_of(learner)), before + 2)
            wait(driver).until(lambda d: "offline" not in d.find_element(By.TAG_NAME, "body").get_attribute("class"))
        finally:
            driver.quit()


class TrainerTests(unittest.TestCase):
    def test_paste_align_and_drag_a_boundary(self):
        driver = world.browser(1280, 900)
        try:
            trainer_sign_in(driver, world.base)
            file = visible(driver, "#file")
            screenshot(driver, "trainer-1-list")
            file.send_keys(world.speech)
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
            visible(driver, "#transcript").send_keys(SPOKEN)
            recording_id = driver.current_url.rsplit("/", 1)[1]
            buttons = driver.find_elements(By.CSS_SELECTOR, "button.text")
            buttons[0].click()
            wait(driver).until(lambda d: d.find_element(By.ID, "status").text)
            driver.find_elements(By.CSS_SELECTOR, "button.text")[1].click()
            visible(driver, ".wordbox", 60)
            driver.execute_script("document.querySelector('.wave').scrollIntoView()")
            screenshot(driver, "trainer-2-aligned")
            boxes = driver.find_elements(By.CSS_SELECTOR, ".wordbox")
            self.assertGreater(len(boxes), 5)
            self.assertTrue(all(any(c in b.get_attribute("class") for c in ["c-high", "c-mid", "c-low"]) for b in boxes))
            check_screen(self, driver)
            path = f"/api/recordings/{recording_id}/transcripts/fr"
            before = world.call("GET", path)["segments"][0]["words"][2]
            handle = driver.find_element(By.CSS_SELECTOR, '.edge[data-segment="0"][data-word="2"]')
            pixels_per_ms = float(handle.value_of_css_property("left").rstrip("px")) / before["startMs"]
            ActionChains(driver).click_and_hold(handle).move_by_offset(-12, 0).move_by_offset(-12, 0).release().perform()
            deadline = time.time() + 10
            after = before
            while time.time() < deadline and after["startMs"] == before["startMs"]:
                time.sleep(0.3)
                after = world.call("GET", path)["segments"][0]["words"][2]
            moved = after["startMs"] - before["startMs"]
            print(f"\ndragged 24 px at {pixels_per_ms:.3f} px/ms: word start moved {moved} ms")
            self.assertAlmostEqual(moved, -24 / pixels_per_ms, delta=3 / pixels_per_ms)
            self.assertEqual(after["origin"], "manual")
            visible(driver, ".wordbox.c-manual")
            driver.execute_script("document.querySelector('.wave').scrollIntoView()")
            screenshot(driver, "trainer-3-corrected")
        finally:
            driver.quit()


if __name__ == "__main__":
    unittest.main()
