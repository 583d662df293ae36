"""The trainer's people screens: a trainer, only through the trainer UI, makes a group with a
picture and a learner with a photo and a picture code; the learner signs in with them on `/`,
misses words in a dictation, and the group's progress shows the learner and the missed words
(playable). A kiosk enrolled through the UI lists only its group. Mentoring and unlocking too."""
import struct
import time
import unittest
import urllib.error
import urllib.request
import zlib

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from harness import SPOKEN, World, check_screen, clickable, screenshot, sign_in, trainer_sign_in, visible, wait

world = None
PASSWORD = "le mot de passe de Marc"
BILAL_CODE = ["moon", "boat", "apple"]


def png(path, rgb, size=64):
    """A plain square PNG of one colour (what a phone photo is to the server: PNG bytes)."""
    row = b"\x00" + bytes(rgb) * size
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    with open(path, "wb") as file:
        file.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
                   + chunk(b"IDAT", zlib.compress(row * size)) + chunk(b"IEND", b""))
    return path


def setUpModule():
    global world
    world = World()
    world.trainer = world.call("POST", "/api/people", {"name": "marc", "displayName": "Marc", "role": "trainer", "password": PASSWORD})
    # Another group open to picture sign-in, which a kiosk of Les Tournesols must not show.
    world.call("POST", "/api/groups", {"name": "Les Mésanges", "picture": "bird", "openSignIn": True})


def tearDownModule():
    world.close()




def status_says(driver, text):
    wait(driver).until(lambda d: text in d.find_element(By.ID, "status").text)


def fill(form, label, value):
    """Types into the field of `form` whose label is `label`."""
    field = form.find_element(By.XPATH, f'.//label[normalize-space()="{label}"]')
    control = form.find_element(By.ID, field.get_attribute("for"))
    if control.get_attribute("type") != "file":
        control.clear()
    control.send_keys(value)
    return control


def no_overflow(test, driver):
    test.assertLessEqual(driver.execute_script("return document.documentElement.scrollWidth"),
                         driver.execute_script("return window.innerWidth"))


class TrainerPeopleTests(unittest.TestCase):
    def test_group_learner_code_sign_in_and_progress(self):
        group_photo = png(f"{world.directory}/group.png", (30, 120, 200))
        learner_photo = png(f"{world.directory}/bilal.png", (200, 90, 40))
        driver = world.browser(1280, 900)
        try:
            trainer_sign_in(driver, world.base, name="marc", password=PASSWORD)
            clickable(driver, 'nav a[data-nav="groups"]').click()
            create = visible(driver, 'form[aria-label="Nouveau groupe"]')
            fill(create, "Nom du groupe", "Les Hirondelles")
            fill(create, "Choisir une photo du groupe (PNG, JPEG, WebP)", group_photo)
            create.find_element(By.CSS_SELECTOR, "input[type=checkbox]").click()
            check_screen(self, driver)
            screenshot(driver, "people-1-groups")
            create.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait(driver).until(lambda d: "#/group/" in d.current_url)
            group_id = driver.current_url.rsplit("/", 1)[1]
            picture = visible(driver, f'.big-thumb img[src^="/api/groups/{group_id}/picture"]')
            wait(driver).until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", picture) == 64)

            learner = visible(driver, 'form[aria-label="Nouvel apprenant"]')
            fill(learner, "Identifiant (lettres, chiffres, . - _)", "bilal")
            fill(learner, "Nom affiché", "Bilal")
            fill(learner, "Langue (fr, en, ar…)", "fr")
            fill(learner, "Photo (facultative)", learner_photo)
            check_screen(self, driver)
            screenshot(driver, "people-2-group")
            learner.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait(driver).until(lambda d: "#/person/" in d.current_url)
            bilal_id = driver.current_url.rsplit("/", 1)[1]
            save = visible(driver, "button.save-code")
            self.assertFalse(save.is_enabled())
            for key in BILAL_CODE:
                driver.find_element(By.CSS_SELECTOR, f'.code-grid button[data-picture="{key}"]').click()
            self.assertEqual(len(driver.find_elements(By.CSS_SELECTOR, '.code-grid button[aria-pressed="true"]')), 3)
            check_screen(self, driver)
            screenshot(driver, "people-3-picture-code")
            save.click()
            wait(driver).until(lambda d: "Code défini" in d.find_element(By.CSS_SELECTOR, ".code-state").text)

            group = world.call("GET", f"/api/groups/{group_id}")
            self.assertEqual((group["name"], group["openSignIn"]), ("Les Hirondelles", True))
            self.assertEqual(group["pictureUrl"], f"/api/groups/{group_id}/picture")
            bilal = world.call("GET", f"/api/people/{bilal_id}")
            self.assertEqual((bilal["name"], bilal["displayName"], bilal["languages"]), ("bilal", "Bilal", ["fr"]))
            self.assertTrue(bilal["hasPictureCode"])
            self.assertEqual(bilal["avatarUrl"], f"/api/people/{bilal_id}/avatar")
            self.assertEqual(sorted(p["name"] for p in world.call("GET", f"/api/groups/{group_id}/members")), ["bilal", "marc"])

            # A recording of the group, timed, for Bilal to practise on.
            with open(world.speech, "rb") as file:
                recording = world.call("POST", f"/api/recordings?title=Amina&language=fr&groupId={group_id}", raw=file.read(),
                                       content_type="audio/wav")
            world.call("POST", f"/api/recordings/{recording['id']}/consent", {"visibility": "group", "method": "tap"})
            world.call("PUT", f"/api/recordings/{recording['id']}/transcripts/fr", raw=SPOKEN.encode(), content_type="text/plain; charset=utf-8")
            world.call("POST", f"/api/recordings/{recording['id']}/transcripts/fr/align")

            learner_driver = world.browser(1024, 800)
            try:
                # The sign-in screens show the photos the trainer uploaded.
                learner_driver.get(world.base + "/")
                loaded = "return arguments[0].complete && arguments[0].naturalWidth"
                group_image = visible(learner_driver, 'button[aria-label="Les Hirondelles"] img')
                self.assertEqual(group_image.get_attribute("src"), f"{world.base}/api/groups/{group_id}/picture")
                wait(learner_driver).until(lambda d: d.execute_script(loaded, group_image) == 64)
                sign_in(self, learner_driver, world, "/", shots="people-learner", group="Les Hirondelles", learner="Bilal", keys=BILAL_CODE)
                own_image = learner_driver.find_element(By.CSS_SELECTOR, "#who img")
                self.assertEqual(own_image.get_attribute("src"), f"{world.base}/api/people/{bilal_id}/avatar")
                wait(learner_driver).until(lambda d: d.execute_script(loaded, own_image) == 64)
                attempt = learner_driver.execute_async_script("""
                    const done = arguments[arguments.length - 1];
                    const me = await (await fetch('/api/auth/me')).json();
                    const response = await fetch('/api/attempts', { method: 'POST', headers: { 'Content-Type': 'application/json',
                      'X-CSRF-Token': me.csrfToken }, body: JSON.stringify({ kind: 'dictation', recordingId: arguments[0], segment: 0,
                      answer: { text: 'Bonjour je' } }) });
                    done([response.status, me.person.id]);""", recording["id"])
                self.assertEqual(attempt, [201, bilal_id])
            finally:
                learner_driver.quit()

            driver.find_element(By.CSS_SELECTOR, 'nav a[data-nav="groups"]').click()
            progress = clickable(driver, 'a[aria-label="Progrès : Les Hirondelles"]')
            check_screen(self, driver)
            screenshot(driver, "people-1-groups-list")
            progress.click()
            card = visible(driver, f'.card.learner[data-person="{bilal_id}"]')
            self.assertIn("Bilal", card.text)
            self.assertIn("dictée", card.text)
            missed = [item.get_attribute("data-word") for item in driver.find_elements(By.CSS_SELECTOR, ".missed .card")]
            self.assertIn("Amina", missed)
            play = driver.find_element(By.CSS_SELECTOR, '.missed .card[data-word="Amina"] button.play')
            self.assertEqual(play.accessible_name, "Écouter « Amina »")
            words = world.call("GET", f"/api/recordings/{recording['id']}/transcripts/fr")["segments"][0]["words"]
            amina = next(word for word in words if word["text"].startswith("Amina"))
            self.assertEqual(int(play.get_attribute("data-start")), amina["startMs"])
            check_screen(self, driver)
            screenshot(driver, "people-4-progress")
            play.click()
            wait(driver).until(lambda d: d.execute_script("const a = document.querySelector('main audio'); return a.currentTime > 0 && "
                                                          "a.currentTime * 1000 >= arguments[0] - 50", amina["startMs"]))

            # Five wrong codes lock Bilal; the trainer unlocks him and sees the failed attempts.
            for _ in range(5):
                request = urllib.request.Request(world.base + "/api/auth/picture", method="POST", headers={"Content-Type": "application/json"},
                                                 data=f'{{"personId":"{bilal_id}","code":[1,2,3]}}'.encode())
                try:
                    urllib.request.urlopen(request)
                except urllib.error.HTTPError:
                    pass
            self.assertTrue(world.call("GET", f"/api/people/{bilal_id}")["locked"])
            driver.get(f"{world.base}/trainer#/person/{bilal_id}")
            unlock = clickable(driver, "button.unlock")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", unlock)
            self.assertGreaterEqual(len(driver.find_elements(By.CSS_SELECTOR, ".attempts li.failed")), 5)
            screenshot(driver, "people-5-locked")
            driver.find_element(By.CSS_SELECTOR, "button.unlock").click()
            wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, "button.unlock"))
            self.assertFalse(world.call("GET", f"/api/people/{bilal_id}")["locked"])

            # Mentoring: Marc mentors Bilal, then the pair ends.
            driver.find_element(By.CSS_SELECTOR, 'nav a[data-nav="mentoring"]').click()
            pair = visible(driver, 'form[aria-label="Nouveau parrainage"]')
            Select(pair.find_elements(By.TAG_NAME, "select")[0]).select_by_value(world.trainer["id"])
            Select(pair.find_elements(By.TAG_NAME, "select")[1]).select_by_value(bilal_id)
            pair.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            end = clickable(driver, 'button[aria-label="Terminer maintenant : Marc → Bilal"]')
            check_screen(self, driver)
            screenshot(driver, "people-6-mentoring")
            end.click()
            wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, 'button[aria-label^="Terminer maintenant"]'))
            pairs = world.call("GET", "/api/mentoring-pairs")
            self.assertEqual([(p["mentorId"], p["newcomerId"], p["active"]) for p in pairs], [(world.trainer["id"], bilal_id, False)])
        finally:
            driver.quit()

        phone = world.browser(320, 640)
        try:
            trainer_sign_in(phone, world.base, name="marc", password=PASSWORD)
            for address, shot in [(f"#/group/{group_id}", "people-phone-group"), (f"#/person/{bilal_id}", "people-phone-person"),
                                  (f"#/group-progress/{group_id}", "people-phone-progress")]:
                phone.get(f"{world.base}/trainer{address}")
                visible(phone, "main h1")
                time.sleep(0.3)
                phone.execute_script("document.querySelector('.code-grid, .cards')?.scrollIntoView()")
                no_overflow(self, phone)
                check_screen(self, phone)
                screenshot(phone, shot)
        finally:
            phone.quit()

    def test_a_kiosk_enrolled_in_the_ui_shows_only_its_groups(self):
        driver = world.browser(1280, 900)
        try:
            trainer_sign_in(driver, world.base)
            clickable(driver, 'nav a[data-nav="kiosks"]').click()
            enrol = visible(driver, 'form[aria-label="Faire de ce navigateur une borne"]')
            fill(enrol, "Nom de la borne", "Accueil")
            enrol.find_element(By.CSS_SELECTOR, f'input[data-group="{world.group["id"]}"]').click()
            fill(enrol, "Déconnexion après (secondes sans activité)", "600")
            check_screen(self, driver)
            screenshot(driver, "people-7-kiosks")
            enrol.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait(driver).until(lambda d: d.current_url.endswith("/kiosk"))
            visible(driver, 'button[aria-label="Amina"]')
            self.assertEqual(driver.find_elements(By.CSS_SELECTOR, 'button[aria-label="Les Mésanges"]'), [])
            groups = driver.execute_async_script("""const done = arguments[arguments.length - 1];
                fetch('/api/signin/groups').then((r) => r.json()).then((groups) => done(groups.map((g) => g.name)));""")
            self.assertEqual(groups, ["Les Tournesols"])
            kiosks = [k for k in world.call("GET", "/api/kiosks") if not k["revoked"]]
            self.assertEqual([(k["name"], k["groupIds"], k["idleSeconds"]) for k in kiosks], [("Accueil", [world.group["id"]], 600)])
            screenshot(driver, "people-8-kiosk-signin")

            # Revoked from the trainer screens, the browser is a kiosk no more.
            trainer_sign_in(driver, world.base)
            driver.get(world.base + "/trainer#/kiosks")
            clickable(driver, 'button[aria-label="Révoquer : Accueil"]')
            driver.execute_script("window.confirm = () => true")
            driver.find_element(By.CSS_SELECTOR, 'button[aria-label="Révoquer : Accueil"]').click()
            wait(driver).until(lambda d: not d.find_elements(By.CSS_SELECTOR, 'button[aria-label="Révoquer : Accueil"]'))
            self.assertTrue(all(k["revoked"] for k in world.call("GET", "/api/kiosks")))
        finally:
            driver.quit()


if __name__ == "__main__":
    unittest.main()
