"""A trainer's first day on a fresh install, only on the screens: the one-time link lands on the
trainer screens, her own picture, a group, a learner with a picture and a spoken name, the picture
code and the learner's printed sign-in card, then a recording of the trainer's shared with the
group, its text pasted and aligned without saving it first, and sign-out. No API call is made by
the test until the end, where it reads back what the screens did."""
import json
import time
import unittest
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from harness import SPOKEN, World, check_screen, clickable, screenshot, visible, wait

world = None
CODE = ["moon", "boat", "apple"]


def setUpModule():
    global world
    world = World(people=False)


def tearDownModule():
    world.close()


def fill(scope, label, value):
    """Types into the field of `scope` whose label is `label`."""
    field = scope.find_element(By.XPATH, f'.//label[normalize-space()="{label}"]')
    control = scope.find_element(By.ID, field.get_attribute("for"))
    if control.get_attribute("type") != "file":
        control.clear()
    control.send_keys(value)
    return control


class FirstDayTests(unittest.TestCase):
    def test_from_the_admin_link_to_a_printed_card_and_a_shared_aligned_recording(self):
        driver = world.browser(1280, 900)
        try:
            # The link printed at first start signs the admin in and opens the trainer screens.
            driver.get(world.base + world.first_run_link)
            visible(driver, "#nav a")
            self.assertEqual(driver.current_url, world.base + "/trainer")
            visible(driver, "#signout")

            # Her own picture, the one learners will see on her recordings (her name in the bar opens her screen).
            clickable(driver, "#me a").click()
            wait(driver).until(lambda d: "#/person/" in d.current_url)
            clickable(driver, 'button.pic-choice[data-picture="p-glasses"]').click()
            # (Read in the page: the screen is drawn again once saved, so an element found before may be gone.)
            wait(driver).until(lambda d: d.execute_script("return document.querySelector('.big-thumb img')?.src.endsWith('/p-glasses.svg')"))

            # A group open to picture sign-in.
            clickable(driver, 'nav a[data-nav="groups"]').click()
            create = visible(driver, 'form[aria-label="Nouveau groupe"]')
            fill(create, "Nom du groupe", "Les Tournesols")
            create.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
            create.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait(driver).until(lambda d: "#/group/" in d.current_url)
            group_id = driver.current_url.rsplit("/", 1)[1]

            # A learner, with the picture she will be known by (no photo today).
            learner = visible(driver, 'form[aria-label="Nouvel apprenant"]')
            fill(learner, "Identifiant (lettres, chiffres, . - _)", "amina")
            fill(learner, "Nom affiché", "Amina")
            self.assertEqual(learner.find_element(By.XPATH, './/label[normalize-space()="Langue (fr, en, ar…)"]/following-sibling::input')
                             .get_attribute("value"), "fr", "the language is the centre's, not the browser's")
            learner.find_element(By.CSS_SELECTOR, 'button.pic-choice[data-picture="p-bun"]').click()
            check_screen(self, driver)
            screenshot(driver, "first-day-1-learner")
            learner.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait(driver).until(lambda d: "#/person/" in d.current_url)
            amina_id = driver.current_url.rsplit("/", 1)[1]

            # Her name, said by the trainer into the microphone.
            clickable(driver, 'section[aria-labelledby="name-title"] button.rec').click()
            wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, 'section[aria-labelledby="name-title"] button.rec')
                               .get_attribute("aria-pressed") == "true")
            time.sleep(1.5)
            driver.find_element(By.CSS_SELECTOR, 'section[aria-labelledby="name-title"] button.rec').click()
            visible(driver, "button.hear-name")

            # Her code, then her card: the group, her picture, the three pictures in order; printed.
            for key in CODE:
                clickable(driver, f'.code-grid button[data-picture="{key}"]').click()
            driver.find_element(By.CSS_SELECTOR, "button.save-code").click()
            clickable(driver, "a.print-card").click()
            card = visible(driver, ".signin-card")
            self.assertEqual([image.get_attribute("data-picture") for image in card.find_elements(By.CSS_SELECTOR, "img[data-picture]")], CODE)
            self.assertTrue(all(image.size["width"] >= 100 for image in card.find_elements(By.TAG_NAME, "img")), "printed big")
            self.assertTrue(card.find_element(By.CSS_SELECTOR, 'img[src$="/p-bun.svg"]').is_displayed())
            self.assertTrue(card.find_element(By.CSS_SELECTOR, 'img[src$="/flower.svg"], img[src$="/group.svg"]').is_displayed())
            self.assertEqual([len(step.find_elements(By.CSS_SELECTOR, ".card-dots span")) for step in card.find_elements(By.CSS_SELECTOR, ".card-step")],
                             [0, 0, 1, 2, 3])
            driver.execute_script("window.print = () => { window.printed = true; }")
            clickable(driver, "#print").click()
            self.assertTrue(driver.execute_script("return window.printed === true"))
            check_screen(self, driver)
            screenshot(driver, "first-day-2-card")

            # A recording of the trainer's, for the group to hear, with its picture.
            clickable(driver, 'nav a[data-nav=""]').click()
            upload = visible(driver, "form.upload")
            upload.find_element(By.ID, "file").send_keys(world.speech)
            fill(upload, "Titre", "Bienvenue")
            Select(upload.find_element(By.CSS_SELECTOR, "select[name=group]")).select_by_value(group_id)
            Select(upload.find_element(By.CSS_SELECTOR, "select[name=picture]")).select_by_value("caravan")
            Select(upload.find_element(By.CSS_SELECTOR, "select[name=visibility]")).select_by_value("group")
            upload.find_element(By.CSS_SELECTOR, "input[name=consent]").click()
            check_screen(self, driver)
            screenshot(driver, "first-day-3-upload")
            upload.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait(driver).until(lambda d: "#/recording/" in d.current_url)
            recording_id = driver.current_url.rsplit("/", 1)[1]

            # The text pasted and aligned at once: Align saves it first.
            visible(driver, "#transcript").send_keys(SPOKEN)
            driver.find_element(By.XPATH, '//button[normalize-space()="Aligner"]').click()
            visible(driver, ".wordbox", 60)
            check_screen(self, driver)
            screenshot(driver, "first-day-4-aligned")

            # Sign-out leaves the sign-in form.
            clickable(driver, "#signout").click()
            visible(driver, "#password")
            self.assertEqual(driver.execute_script("return fetch('/api/auth/me').then((r) => r.status)"), 401)
        finally:
            driver.quit()

        # What the screens did, read back with the learner's own sign-in.
        request = urllib.request.Request(world.base + "/api/auth/picture", method="POST", headers={"Content-Type": "application/json"},
                                         data=json.dumps({"personId": amina_id, "code": [1, 10, 9]}).encode())
        with urllib.request.urlopen(request) as response:
            cookie = response.headers["Set-Cookie"].split(";")[0]
            amina = json.loads(response.read())["person"]
        self.assertEqual((amina["avatar"], amina["nameUrl"]), ("p-bun", f"/api/people/{amina_id}/name"))

        def read(path):
            with urllib.request.urlopen(urllib.request.Request(world.base + path, headers={"Cookie": cookie})) as answer:
                return json.loads(answer.read())
        recording = read(f"/api/recordings/{recording_id}")
        self.assertEqual((recording["title"], recording["language"], recording["groupId"], recording["visibility"], recording["picture"]),
                         ("Bienvenue", "fr", group_id, "group", "caravan"))
        # What Amina sees of whose voice it is: the picture her trainer chose for herself.
        self.assertEqual(recording["speaker"].get("avatar"), "p-glasses")
        transcript = read(f"/api/recordings/{recording_id}/transcripts/fr")
        words = [word for segment in transcript["segments"] for word in segment["words"]]
        self.assertGreater(len(words), 5)
        self.assertTrue(all(word.get("startMs") is not None and word.get("origin") == "auto" for word in words), words)


if __name__ == "__main__":
    unittest.main()
