"""Pairing from the trainer screens: the centre's trainer starts it on the group and reads off its
id and code; the camp's admin enters them; a bundle then goes across. And a camp kiosk shows, without words, when it last exchanged with the centre and whether anything
waits to go: nothing before its group is paired; then a dashed cross and a parcel going up (never,
waiting); a sun and an arrow once a bundle left (today, on its way); moons for the nights since.
Touching the picture says it aloud."""
import os
import tempfile
import unittest

from selenium.webdriver.common.by import By

from harness import (World, check_screen, check_targets_and_contrast, clickable, heard_labels, pixels_apart, png_pixels,
                     screenshot, trainer_sign_in, visible, wait)
from test_kiosk_trainer import enrol_kiosk
import test_kiosk_trainer

world = None

# Three days later on this device: the page's clock runs ahead, the server's does not.
THREE_DAYS_LATER = """
const RealDate = Date, shift = 3 * 86400000;
class Later extends RealDate {
  constructor(...args) { if (args.length) super(...args); else super(RealDate.now() + shift); }
  static now() { return RealDate.now() + shift; }
}
window.Date = Later;
"""


def setUpModule():
    global world
    world = World()
    test_kiosk_trainer.world = world


def tearDownModule():
    world.close()


def picture_state(driver):
    button = visible(driver, "#exchange")
    return button.get_attribute("data-age"), button.get_attribute("data-state")


class KioskExchangeTests(unittest.TestCase):
    def test_the_kiosk_shows_when_it_last_exchanged(self):
        group = world.group["id"]
        sizes = [(360, 740), (1280, 800)]
        drivers = {}
        try:
            for width, height in sizes:
                drivers[width] = driver = world.browser(width, height, network_log=True)
                enrol_kiosk(self, driver, 600)
                driver.get(world.base + "/kiosk")
                visible(driver, 'button[aria-label="Amina"]')
                # Not paired: no picture at all (a centre's kiosk, or a camp not yet set up).
                answer = driver.execute_async_script(
                    "const done = arguments[0]; fetch('/api/kiosk/exchange').then((r) => r.json()).then(done);")
                self.assertEqual(answer, {"groups": []})
                self.assertFalse(driver.find_element("css selector", "#exchange").is_displayed())

            shots = {}
            world.cli("sync", "pair", "--group", group)
            for width, driver in drivers.items():
                driver.refresh()
                self.assertEqual(picture_state(driver), ("never", "waiting"))
                # The speaker in its corner, as on every tile that talks, says it can be heard.
                box = driver.find_element("css selector", "#exchange").rect
                mark = driver.find_element("css selector", "#exchange .say")
                self.assertTrue(mark.is_displayed())
                self.assertIn("/speaker.svg", mark.find_element("css selector", "img").get_attribute("src"))
                middle = (mark.rect["x"] + mark.rect["width"] / 2, mark.rect["y"] + mark.rect["height"] / 2)
                self.assertGreater(middle[0], box["x"] + box["width"] * 0.75, f"speaker not at the right at {width}")
                self.assertLess(middle[1], box["y"] + box["height"] * 0.34, f"speaker not at the top at {width}")
                check_targets_and_contrast(self, driver, f"never/waiting at {width}")
                screenshot(driver, f"kiosk-exchange-never-{width}")
                shots[("never", width)] = png_pixels(driver.get_screenshot_as_png())
                heard_labels(driver)
                driver.find_element("css selector", "#exchange").click()
                heard = []
                wait(driver).until(lambda d: heard.extend(heard_labels(d)) or "exchange-waiting" in heard)
                self.assertIn("exchange-never", heard)

            usb = tempfile.mkdtemp(prefix="parlons-usb-")
            world.cli("sync", "export", "--group", group, usb)
            self.assertTrue(any(name.endswith(".parlons-sync") for name in os.listdir(usb)))
            for width, driver in drivers.items():
                driver.refresh()
                self.assertEqual(picture_state(driver), ("today", "onway"))
                check_targets_and_contrast(self, driver, f"today/onway at {width}")
                screenshot(driver, f"kiosk-exchange-today-{width}")
                shots[("today", width)] = png_pixels(driver.get_screenshot_as_png())
                # The two states do not look alike.
                self.assertGreater(pixels_apart(shots[("never", width)], shots[("today", width)]), 0.3)
        finally:
            for driver in drivers.values():
                driver.quit()

        # Three nights later (the page's clock ahead): three moons, the link on brown.
        driver = world.browser(1280, 800)
        try:
            enrol_kiosk(self, driver, 600)
            driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": THREE_DAYS_LATER})
            driver.get(world.base + "/kiosk")
            self.assertEqual(picture_state(driver), ("nights", "onway"))
            moons = driver.find_elements("css selector", "#exchange .age img")
            self.assertEqual(len(moons), 3)
            self.assertTrue(all("/moon.svg" in moon.get_attribute("src") for moon in moons))
            screenshot(driver, "kiosk-exchange-nights-1280")
        finally:
            driver.quit()


class PairingTests(unittest.TestCase):
    def test_a_trainer_pairs_a_group_with_a_camp_server_from_the_screens(self):
        group = world.call("POST", "/api/groups", {"name": "Aire des Saules"})
        camp = World()
        centre_driver = world.browser(1280, 800)
        camp_driver = camp.browser(1280, 800)
        try:
            trainer_sign_in(centre_driver, world.base, f"#/group/{group['id']}")
            card = visible(centre_driver, "section.pairing")
            self.assertIn("aucun autre serveur", card.text)
            card.find_element(By.CSS_SELECTOR, "button.text").click()
            wait(centre_driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "section.pairing input.copy")) == 2)
            shown_id, code = [field.get_attribute("value") for field in centre_driver.find_elements(By.CSS_SELECTOR, "section.pairing input.copy")]
            self.assertEqual(shown_id, group["id"])
            self.assertEqual(len(code), 39)
            paired = centre_driver.find_element(By.CSS_SELECTOR, "section.pairing").text
            self.assertIn("Jumelé le", paired)
            self.assertNotIn("null", paired)
            check_screen(self, centre_driver)
            screenshot(centre_driver, "trainer-pairing-code")

            trainer_sign_in(camp_driver, camp.base, "#/groups")
            join = visible(camp_driver, "form.join-pairing")
            join.find_element(By.NAME, "groupId").send_keys(shown_id)
            join.find_element(By.NAME, "code").send_keys(code.lower())
            join.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait(camp_driver).until(lambda d: "Jumelé" in d.find_element(By.ID, "status").text)
            check_screen(self, camp_driver)
            screenshot(camp_driver, "trainer-pairing-joined")
            # A code entered twice is refused, in words.
            join.find_element(By.NAME, "groupId").send_keys(shown_id)
            join.find_element(By.NAME, "code").send_keys(code)
            join.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            wait(camp_driver).until(lambda d: "already paired" in d.find_element(By.ID, "status").text)

            # The keys match: the centre's bundle is applied on the camp, and the group arrives.
            usb = tempfile.mkdtemp(prefix="parlons-usb-")
            world.cli("sync", "export", "--group", group["id"], usb)
            camp.cli("sync", "import", usb)
            camp_driver.get(f"{camp.base}/trainer#/group/{group['id']}")
            arrived = visible(camp_driver, "section.pairing")
            self.assertIn("Dernier échange", arrived.text)
            self.assertIn("Aire des Saules", camp_driver.find_element(By.TAG_NAME, "h1").text)
        finally:
            centre_driver.quit()
            camp_driver.quit()
            camp.close()


if __name__ == "__main__":
    unittest.main()
