"""A learner plays a scenario to the end in headless Chromium: the list of scenarios as pictures,
then each step in order (listen, record an answer, fill the gaps, talk), the progress dots, and the
progress the server keeps."""
import os
import tempfile
import time
import unittest

from selenium.webdriver.common.by import By

from harness import ROOT, World, check_screen, clickable, screenshot, sign_in, visible, wait

SCENARIO = """---
slug: premiers-mots
title: Premiers mots
languages: [fr]
themes: [rencontre]
level: 1
picture: pictures/se-presenter.svg
spoken-title: prompts/se-presenter/titre.opus
synthetic-voice: true
steps:
  - id: ecouter
    kind: listen
    prompt: prompts/se-presenter/amina.opus
    text: Bonjour. Je m'appelle Amina. Je viens du Soudan. J'habite à Lyon depuis un an.
  - id: votre-nom
    kind: record
    prompt: prompts/se-presenter/votre-nom.opus
    text: Et vous ? Comment vous appelez-vous ?
  - id: trous
    kind: gap-fill
    recording: prompts/se-presenter/dictee.opus
    text: Je m'appelle Amina. J'habite à Lyon.
  - id: parler
    kind: talk
    text: Dans votre pays, comment dit-on bonjour ?
---
"""

world = None
folder = None


def setUpModule():
    global world, folder
    folder = tempfile.mkdtemp(prefix="parlons-scenarios-")
    with open(os.path.join(folder, "premiers-mots.md"), "w") as file:
        file.write(SCENARIO)
    world = World(server_args=["--scenarios", folder, "--scenario-media", os.path.join(ROOT, "media", "scenarios")])


def tearDownModule():
    world.close()


class ScenarioTests(unittest.TestCase):
    def setUp(self):
        self.driver = world.browser()
        sign_in(self, self.driver, world)

    def tearDown(self):
        self.driver.quit()

    def progress(self):
        """The learner's progress as the server keeps it, asked with the learner's own session."""
        return self.driver.execute_async_script(
            "const done = arguments[0]; fetch('/api/scenarios/premiers-mots').then((r) => r.json()).then((s) => done(s.progress));")

    def dots(self):
        return [dot.get_attribute("class").split() for dot in self.driver.find_elements(By.CSS_SELECTOR, ".dots span")]

    def test_a_scenario_played_to_the_end(self):
        driver = self.driver
        clickable(driver, 'nav.home button[data-label="scenarios"]').click()
        tile = clickable(driver, 'button[aria-label="Premiers mots"]')
        screenshot(driver, "learner-16-scenarios")
        check_screen(self, driver)

        # 1. Listen: the prompt plays, the dots show four steps, the first one current.
        tile.click()
        visible(driver, ".dots span.current")
        self.assertEqual(len(self.dots()), 4)
        self.assertIn("current", self.dots()[0])
        self.assertIn("Amina", driver.find_element(By.CSS_SELECTOR, "p.text").text)
        screenshot(driver, "learner-17-scenario-listen")
        check_screen(self, driver)
        clickable(driver, 'button[data-label="next"]').click()

        # 2. Record: the answer is recorded from the microphone, kept private, linked to the step.
        wait(driver).until(lambda d: "votre-nom" in d.current_url)
        clickable(driver, "button.recbtn").click()
        wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "button.recbtn").get_attribute("aria-pressed") == "true")
        time.sleep(2)
        driver.find_element(By.CSS_SELECTOR, "button.recbtn").click()
        clickable(driver, 'button[data-label="keep"]').click()
        clickable(driver, 'button[data-label="private"]').click()

        # 3. Gap-fill on the scenario's recording, phrase after phrase: the right tiles, the marks, then on.
        wait(driver).until(lambda d: "trous" in d.current_url)
        visible(driver, "section[data-segment]")
        self.assertEqual(self.progress()["done"], 2)
        transcript = driver.execute_async_script(
            "const done = arguments[0]; fetch('/api/scenarios/premiers-mots').then((r) => r.json())"
            ".then((s) => fetch(s.steps[2].recording.transcript)).then((r) => r.json()).then(done);")
        screenshot(driver, "learner-18-scenario-gapfill")
        phrases = 0
        while "parler" not in driver.current_url:
            section = visible(driver, "section[data-segment]")
            words = [word["text"] for word in transcript["segments"][int(section.get_attribute("data-segment"))]["words"]]
            for _ in range(len(words)):
                gaps = driver.find_elements(By.CSS_SELECTOR, ".gap.current")
                if not gaps:
                    break
                wanted = words[int(gaps[0].get_attribute("data-word"))].lower()
                # An elided article stays before the gap (`J'` + `habite`): the tile is the word without it.
                tiles = [b for b in driver.find_elements(By.CSS_SELECTOR, ".tiles button")
                         if (tile := b.get_attribute("data-word").lower()) == wanted or wanted.endswith(("'" + tile, "’" + tile))]
                self.assertTrue(tiles, f"no tile for {wanted}")
                tiles[0].click()
                if driver.find_element(By.CSS_SELECTOR, 'button[data-label="check"]').is_enabled():
                    break
            clickable(driver, 'button[data-label="check"]').click()
            next_button = clickable(driver, 'button[data-label="next"]')
            self.assertEqual(driver.find_elements(By.CSS_SELECTOR, ".gap.m-wrong, .gap.m-missing"), [])
            phrases += 1
            next_button.click()
            wait(driver).until(lambda d: "parler" in d.current_url or not d.find_elements(By.CSS_SELECTOR, 'button[data-label="next"]'))
            self.assertLess(phrases, len(transcript["segments"]) + 1)
        self.assertGreaterEqual(phrases, 1)

        # 4. Talk: the question large, then the end of the scenario.
        wait(driver).until(lambda d: "parler" in d.current_url)
        self.assertIn("bonjour", visible(driver, "p.text").text)
        self.assertEqual([("on" in dot) for dot in self.dots()], [True, True, True, False])
        screenshot(driver, "learner-19-scenario-talk")
        check_screen(self, driver)
        clickable(driver, 'button[data-label="next"]').click()
        visible(driver, ".done-all")
        screenshot(driver, "learner-20-scenario-done")
        progress = self.progress()
        self.assertEqual((progress["done"], progress["total"]), (4, 4))
        self.assertNotIn("next", progress)

        # Back in the scenario later: it shows the end, every dot full; the answer is the learner's, private.
        driver.get(world.base + "/#/scenario/premiers-mots")
        visible(driver, ".done-all")
        answers = world.recordings_of(world.learner["id"])
        self.assertEqual(len(answers), 1)
        self.assertEqual(answers[0]["visibility"], "private")


if __name__ == "__main__":
    unittest.main()
