"""A learner who cannot read, alone, on a phone (360 × 740) and on a kiosk screen (1280 × 800):
finds themselves among six learners without photos, enters their code with every picture in view,
records two stories and tells them apart, finds the trainer's shared recording in Listen, plays a
scenario where every step is heard, withdraws a story and signs out. Nothing is found by its text:
the test taps pictures (by the picture file they show) and checks what is seen on the pixels, what
is heard on the network (each state that waits for the learner asks for its spoken label), and the
layout (every target 48 px or more, icons 3:1, text 4.5:1)."""
import os
import tempfile
import time
import unittest
import urllib.parse
import urllib.request

from selenium.webdriver.common.by import By

from harness import (ROOT, World, check_targets_and_contrast, clickable, pixels_apart, png_pixels, requested_urls, screenshot,
                     visible, wait)

SCENARIO = """---
slug: bonjour
title: Bonjour
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
    text: Bonjour. Je m'appelle Amina.
  - id: votre-nom
    kind: record
    prompt: prompts/se-presenter/votre-nom.opus
  - id: parler
    kind: talk
    text: Dans votre pays, comment dit-on bonjour ?
---
"""

# Six learners, none with a photo: three with a picture their trainer chose, three with none.
# Amina plays the phone, Bilal the kiosk, each with their picture, their code and their spoken name.
LEARNERS = [("amina", "Amina", "p-bun"), ("bilal", "Bilal", "p-cap"), ("chen", "Chen", "p-glasses"),
            ("dora", "Dora", None), ("emil", "Emil", None), ("fatou", "Fatou", None)]
CODES = {"amina": ([0, 3, 8], ["sun", "flower", "cat"]), "bilal": ([1, 2, 4], ["moon", "tree", "house"])}
# The picture each then chooses for themselves, on their own screen.
CHOSEN = {"amina": "p-hat", "bilal": "p-braids"}

# Injected before the page's own scripts: each Screen Wake Lock the page asks for, and what the browser answered.
WAKE_WATCH = """
window.wakeLocks = [];
if (navigator.wakeLock) {
  const request = navigator.wakeLock.request.bind(navigator.wakeLock);
  navigator.wakeLock.request = (type) => request(type).then(
    (lock) => { window.wakeLocks.push(`${type}: granted`); return lock; },
    (error) => { window.wakeLocks.push(`${type}: ${error.name}`); throw error; });
}
"""

world = None


def setUpModule():
    global world
    folder = tempfile.mkdtemp(prefix="parlons-scenarios-")
    with open(os.path.join(folder, "bonjour.md"), "w") as file:
        file.write(SCENARIO)
    world = World(server_args=["--scenarios", folder, "--scenario-media", os.path.join(ROOT, "media", "scenarios")], people=False)
    # What the trainer prepared (through the API here; the trainer's own test does it on the screens).
    world.cli("user", "add", "--name", "claire", "--role", "admin", "--display-name", "Claire", "--password-stdin", stdin="un mot de passe long\n")
    world.token = world.cli("token", "create", "--user", "claire")
    world.group = world.call("POST", "/api/groups", {"name": "Les Tournesols", "picture": "flower", "openSignIn": True})
    world.people = {}
    for name, display, avatar in LEARNERS:
        body = {"name": name, "displayName": display, "role": "learner", "languages": ["fr"]}
        if avatar:
            body["avatar"] = avatar
        person = world.call("POST", "/api/people", body)
        world.call("POST", f"/api/groups/{world.group['id']}/members", {"personId": person["id"]})
        world.call("PUT", f"/api/people/{person['id']}/picture-code", {"code": CODES.get(name, ([5, 6, 7], []))[0]})
        world.people[name] = person
    with open(world.speech, "rb") as file:
        world.shared = world.call("POST", f"/api/recordings?title=Bienvenue&language=fr&groupId={world.group['id']}&picture=caravan",
                                  raw=file.read(), content_type="audio/wav")
        for name in CODES:
            file.seek(0)
            world.call("PUT", f"/api/people/{world.people[name]['id']}/name", raw=file.read(), content_type="audio/wav")
    world.call("POST", f"/api/recordings/{world.shared['id']}/consent", {"visibility": "group", "method": "tap"})


def tearDownModule():
    world.close()


class LearnerAloneTests(unittest.TestCase):
    def setUp(self):
        self.driver = None
        self.paths, self.mark = [], 0

    def tearDown(self):
        if self.driver:
            self.driver.quit()

    def waits_for(self, wanted, what, where):
        """The page asked the network for a path `wanted(path)` accepts since the last thing waited for."""
        deadline = time.time() + 8
        while True:
            self.paths += [urllib.parse.urlsplit(url).path for url in requested_urls(self.driver)]
            found = next((at for at in range(self.mark, len(self.paths)) if wanted(self.paths[at])), None)
            if found is not None:
                self.mark = found + 1
                return
            if time.time() > deadline:
                self.fail(f"{where}: {what} was never asked for (asked: {self.paths[self.mark:]})")
            time.sleep(0.1)

    def waits_with(self, key, where):
        """The screen that now waits for the learner asked for its spoken label `key`."""
        self.waits_for(lambda path: path.endswith(f"/labels/fr/{key}.opus"), f"the label '{key}'", where)

    def look(self, where, shots):
        """Every target big enough, everything readable, what to press next in view; a screenshot to look at."""
        check_targets_and_contrast(self, self.driver, where)
        below = self.driver.execute_script("""return [...document.querySelectorAll('.actions button')].filter((button) => {
            const r = button.getBoundingClientRect(); return r.width && (r.top < 0 || r.bottom > innerHeight); }).map((b) => b.dataset.label)""")
        self.assertEqual(below, [], f"{where}: what to press next is out of view")
        screenshot(self.driver, f"{shots}-{where}")

    def tap_picture(self, picture, scope="#screen"):
        """Taps the button showing the picture file `picture` (how a learner who cannot read finds it)."""
        clickable(self.driver, f'{scope} button.big img[src$="/{picture}.svg"]')
        self.driver.find_element(By.CSS_SELECTOR, f'{scope} button.big img[src$="/{picture}.svg"]').find_element(By.XPATH, "./ancestor::button").click()

    def tiles_apart(self, selector, count, where):
        """`count` tiles, each rendering unlike every other one (checked on the screenshot's pixels)."""
        tiles = self.driver.find_elements(By.CSS_SELECTOR, selector)
        self.assertEqual(len(tiles), count, where)
        wait(self.driver).until(lambda d: d.execute_script("return [...document.images].every((image) => image.complete)"))
        time.sleep(0.3)
        pictures = [png_pixels(tile.screenshot_as_png) for tile in tiles]
        nearest = min(pixels_apart(a, b) for i, a in enumerate(pictures) for b in pictures[i + 1:])
        print(f"\n{where}: {count} tiles, the two most alike differ by {nearest:.1f} / 255 per channel")
        self.assertGreater(nearest, 6, f"{where}: two tiles look alike")

    def record(self, seconds):
        clickable(self.driver, "button.recbtn").click()
        wait(self.driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "button.recbtn").get_attribute("aria-pressed") == "true")
        time.sleep(seconds)
        self.driver.find_element(By.CSS_SELECTOR, "button.recbtn").click()

    def alone(self, width, height, shots, name, path="/"):
        self.driver = driver = world.browser(width, height, network_log=True)
        # The screen is the window: a kiosk going full screen stays 1280 × 800 (headless screens are smaller).
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                                     "mobile": width < 500, "screenWidth": width, "screenHeight": height})
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WAKE_WATCH})
        learner = world.people[name]
        picture = dict((key, avatar) for key, _, avatar in LEARNERS)[name]
        before = {r["id"] for r in world.recordings_of(learner["id"])}

        # 1. Who am I? Six tiles, six pictures; the learner's is the one their trainer chose, their name spoken beside it.
        driver.get(world.base + path)
        visible(driver, "button.big.person")
        self.waits_with("who", "who")
        # A kiosk keeps its screen on from the sign-in screen on (Screen Wake Lock); a phone is left to sleep.
        if path == "/kiosk":
            wait(driver).until(lambda d: d.execute_script("return window.wakeLocks").count("screen: granted") == 1, "the kiosk's screen kept on")
        else:
            self.assertEqual(driver.execute_script("return window.wakeLocks"), [], "a phone's screen is its owner's to keep on")
        self.tiles_apart("button.big.person", 6, f"{shots} people")
        self.look("1-who", shots)
        driver.find_element(By.CSS_SELECTOR, f'button.big.person img[src$="/{picture}.svg"]').find_element(By.XPATH, "./ancestor::div[@class='tile']") \
            .find_element(By.CSS_SELECTOR, "button.say").click()
        self.waits_for(lambda path: path == f"/api/people/{learner['id']}/name", "her spoken name", "the speaker beside her")
        self.tap_picture(picture)

        # 2. The code: all twelve pictures in view at once, no scrolling.
        visible(driver, '.grid.code button[data-label="sun"]')
        self.waits_with("code", "code")
        outside = driver.execute_script("""
            return [...document.querySelectorAll('.grid.code button.big')].filter((b) => { const r = b.getBoundingClientRect();
              return r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth; }).length""")
        self.assertEqual(outside, 0, "every code picture in view")
        self.assertEqual(len(driver.find_elements(By.CSS_SELECTOR, ".grid.code button.big")), 12)
        self.look("2-code", shots)
        for key in CODES[name][1]:
            self.tap_picture(key)
        visible(driver, "nav.home")
        self.waits_with("home", "home")
        self.look("3-home", shots)

        # 2b. Their own screen, behind their face: another picture, and their name in their own voice.
        def name_tag():
            request = urllib.request.Request(world.base + f"/api/people/{learner['id']}/name", headers={"Authorization": f"Bearer {world.token}"})
            with urllib.request.urlopen(request) as answer:
                return answer.headers["ETag"]
        spoken_before = name_tag()
        clickable(driver, "#who").click()
        self.waits_with("choose", "own screen")
        self.look("3b-me", shots)
        self.tap_picture(CHOSEN[name])
        wait(driver).until(lambda d: d.execute_script("return document.querySelector('#who img').getAttribute('src')").endswith(f"/{CHOSEN[name]}.svg"))
        self.assertEqual(world.call("GET", f"/api/people/{learner['id']}")["avatar"], CHOSEN[name])
        clickable(driver, "button.name-rec").click()
        wait(driver).until(lambda d: d.find_element(By.CSS_SELECTOR, "button.name-rec").get_attribute("aria-pressed") == "true")
        time.sleep(1)
        driver.find_element(By.CSS_SELECTOR, "button.name-rec").click()
        wait(driver).until(lambda d: name_tag() != spoken_before)
        driver.execute_script("location.hash = '#/'")
        visible(driver, "nav.home")

        # 3. Two stories, each with its own picture: one kept private, one shared.
        for picture, choice in [("house", "private"), ("boat", "share")]:
            self.tap_picture("record", "nav.home")
            visible(driver, "button.recbtn")
            self.waits_with("speak", "record")
            self.look("4-record", shots)
            self.record(2)
            clickable(driver, 'button[data-label="keep"]')
            self.waits_with("review", "review")
            self.look("5-review", shots)
            driver.find_element(By.CSS_SELECTOR, 'button[data-label="keep"]').click()
            visible(driver, f'button.big img[src$="/{picture}.svg"]')
            self.waits_with("picture", "story picture")
            self.look("6-story-picture", shots)
            self.tap_picture(picture)
            clickable(driver, f'button[data-label="{choice}"]')
            self.waits_with("consent", "consent")
            self.look("7-consent", shots)
            driver.find_element(By.CSS_SELECTOR, f'button[data-label="{choice}"]').click()
            wait(driver).until(lambda d: d.current_url.endswith("#/stories"))
            driver.execute_script("location.hash = '#/'")
            visible(driver, "nav.home")
        mine = [r for r in world.recordings_of(learner["id"]) if r["id"] not in before]
        self.assertEqual(sorted((r["picture"], r["visibility"], r["purpose"]) for r in mine),
                         [("boat", "group", "story"), ("house", "private", "story")])
        clickable(driver, 'nav.home button[data-label="stories"]').click()
        visible(driver, "button.big.story")
        self.waits_with("stories", "my stories")
        self.tiles_apart("button.big.story", 2, f"{shots} stories")
        self.look("8-stories", shots)

        # 4. Listen: the trainer's shared recording, with the picture the trainer gave it.
        driver.execute_script("location.hash = '#/listen'")
        visible(driver, 'button.big.story img[src$="/caravan.svg"]')
        self.waits_with("others", "listen")
        # Each of the others' stories shows whose voice it is: the speaker's own picture (the trainer has none: a person).
        for tile in driver.find_elements(By.CSS_SELECTOR, "[data-recording]"):
            owner = world.call("GET", f"/api/people/{world.call('GET', '/api/recordings/' + tile.get_attribute('data-recording'))['ownerId']}")
            face = tile.find_element(By.CSS_SELECTOR, ".speaker img").get_attribute("src")
            self.assertTrue(face.endswith(f"/shared/pictures/{owner.get('avatar') or 'person'}.svg"), (owner["name"], face))
        self.look("9-listen", shots)
        self.tap_picture("caravan")
        clickable(driver, "button.playbig")
        self.waits_with("play", "player")
        driver.find_element(By.CSS_SELECTOR, "button.playbig").click()
        wait(driver).until(lambda d: float(d.execute_script("return document.querySelector('.playbig .ring circle').getAttribute('stroke-dashoffset')"))
                           < 280, "the ring fills while it plays")
        # The lock screen and a headset's buttons know what plays.
        self.assertEqual(driver.execute_script("return navigator.mediaSession.metadata && navigator.mediaSession.metadata.title"), "Bienvenue")
        self.look("10-player", shots)
        driver.find_element(By.CSS_SELECTOR, "button.playbig").click()

        # 5. A scenario, every step heard: the prompt, the question, "talk with your group", the end.
        driver.execute_script("location.hash = '#/scenarios'")
        tile = clickable(driver, '[data-slug="bonjour"] button.big')
        self.waits_with("scenarios", "scenarios")
        self.look("11-scenarios", shots)
        steps = driver.execute_async_script("const done = arguments[0]; fetch('/api/scenarios/bonjour').then((r) => r.json()).then((s) => done(s.steps));")
        tile.click()
        visible(driver, ".dots span.current")
        self.waits_for(lambda path: path == steps[0]["prompt"]["opus"], "the listen step's prompt", "scenario listen")
        self.look("12-scenario-listen", shots)
        clickable(driver, 'button[data-label="next"]').click()
        wait(driver).until(lambda d: "votre-nom" in d.current_url)
        self.waits_for(lambda path: path == steps[1]["prompt"]["opus"], "the record step's prompt", "scenario record")
        self.record(1)
        clickable(driver, 'button[data-label="keep"]').click()
        clickable(driver, 'button[data-label="private"]').click()
        wait(driver).until(lambda d: "parler" in d.current_url)
        self.waits_with("talk", "talk step")
        self.look("13-scenario-talk", shots)
        clickable(driver, 'button[data-label="next"]').click()
        visible(driver, ".done-all .done-mark")
        self.waits_with("done", "scenario done")
        self.look("14-scenario-done", shots)
        # Back at the question, her answer is kept under it (not among her stories) and heard again.
        answer = driver.execute_async_script("const done = arguments[0]; fetch('/api/scenarios/bonjour').then((r) => r.json()).then((s) => done(s.steps[1].answer));")
        self.assertTrue(answer)
        driver.execute_script("location.hash = '#/scenario/bonjour/votre-nom'")
        clickable(driver, f'button[data-label="mine"][data-take="{answer}"]')
        self.look("14b-scenario-answer", shots)
        driver.find_element(By.CSS_SELECTOR, f'button[data-label="mine"][data-take="{answer}"]').click()
        self.waits_for(lambda path: path == f"/media/{answer}.opus", "her answer", "the record step, again")
        driver.execute_script("location.hash = '#/scenarios'")
        visible(driver, '[data-slug="bonjour"][data-done="true"] .badge.done')

        # 6. Withdraw the private story (the house): asked aloud, then gone for good.
        driver.execute_script("location.hash = '#/stories'")
        visible(driver, "button.big.story")
        house = next(r for r in mine if r["picture"] == "house")
        self.tap_picture("house")
        clickable(driver, 'button[data-label="withdraw"]').click()
        clickable(driver, '.actions button[data-label="withdraw"]')
        self.waits_with("confirm", "withdraw question")
        self.look("15-withdraw", shots)
        driver.find_element(By.CSS_SELECTOR, '.actions button[data-label="withdraw"]').click()
        wait(driver).until(lambda d: d.current_url.endswith("#/stories"))
        self.waits_with("withdrawn", "withdrawn")
        wait(driver).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "button.big.story")) == 1)
        self.assertNotIn(house["id"], {r["id"] for r in world.recordings_of(learner["id"])})

        # 6b. The shared story (the boat): stop sharing it, then share it again, each said aloud.
        boat = next(r for r in mine if r["picture"] == "boat")
        self.tap_picture("boat")
        clickable(driver, 'button[data-label="unshare"]')
        self.look("15b-own-story", shots)
        driver.find_element(By.CSS_SELECTOR, 'button[data-label="unshare"]').click()
        clickable(driver, 'button[data-label="share"]')
        self.waits_with("private", "unshared")
        self.assertEqual(world.call("GET", f"/api/recordings/{boat['id']}")["visibility"], "private")
        driver.find_element(By.CSS_SELECTOR, 'button[data-label="share"]').click()
        clickable(driver, 'button[data-label="unshare"]')
        self.waits_with("shared", "shared again")
        self.assertEqual(world.call("GET", f"/api/recordings/{boat['id']}")["visibility"], "group")

        # 7. Sign out: said, then the sign-in screen says who to touch again.
        clickable(driver, "#signout").click()
        self.waits_with("signout", "sign out")
        visible(driver, "button.big.person")
        self.waits_with("who", "after sign-out")
        self.assertEqual(driver.execute_script("return fetch('/api/auth/me').then((r) => r.status)"), 401)

    def test_a_phone_360_by_740(self):
        self.alone(360, 740, "alone-phone", "amina")

    def test_empty_and_error_states_are_heard(self):
        """A learner with no story yet hears that there is nothing here (and sees a picture of it);
        something that fails says so aloud."""
        self.driver = driver = world.browser(360, 740, network_log=True)
        driver.get(world.base + "/")
        visible(driver, "button.big.person")
        dora = world.people["dora"]
        # Signed in as her sign-in screen would (that screen is tested above): her code, from this page.
        status = driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch('/api/auth/picture', { method: 'POST', headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ personId: arguments[0], code: [5, 6, 7] }) }).then((r) => done(r.status));""", dora["id"])
        self.assertEqual(status, 200)
        # Loaded afresh, signed in, at My stories.
        driver.execute_script("location.hash = '#/stories'")
        driver.refresh()
        empty = visible(driver, '.empty button[data-label="empty"]')
        self.waits_with("empty", "my stories, empty")
        self.assertEqual(driver.find_elements(By.CSS_SELECTOR, "button.big.story"), [])
        self.look("16-empty", "alone-phone")
        empty.click()
        self.waits_with("empty", "the picture of nothing, touched")
        # What to do about it: the red button, to tell a first story.
        clickable(driver, '.actions button[data-label="record"]').click()
        visible(driver, "button.recbtn")
        self.waits_with("speak", "record, from an empty My stories")
        # A story that is not there (withdrawn meanwhile, say): a cross on red, "that did not work" aloud,
        # and the ways on: again, or home.
        driver.execute_script("location.hash = '#/play/AAAAAAAAAAAAAAAAAAAAAA'")
        visible(driver, ".done-mark.failed")
        self.waits_with("error", "an error")
        # The words under it are the learner's (what the sound says), not the server's English message.
        self.assertEqual(driver.find_element(By.ID, "status").text, "Ça n’a pas marché")
        self.look("17-error", "alone-phone")
        clickable(driver, '.actions button[data-label="again"]').click()
        self.waits_with("error", "the same error, tried again")
        clickable(driver, '.actions button[data-label="home"]').click()
        visible(driver, "nav.home")
        self.waits_with("home", "home, after an error")

    def test_a_kiosk_screen_1280_by_800(self):
        self.alone(1280, 800, "alone-kiosk", "bilal", "/kiosk")


class FirstLoadTests(unittest.TestCase):
    def test_first_load_is_under_60_kb_compressed(self):
        driver = world.browser(360, 740)
        try:
            driver.get(world.base + "/")
            visible(driver, "button.big.person")
            wait(driver).until(lambda d: d.execute_script("return [...document.images].every((image) => image.complete)"))
            time.sleep(0.5)
            entries = driver.execute_script("""
                return [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
                  .map((e) => [new URL(e.name).pathname, e.transferSize, e.decodedBodySize, e.encodedBodySize]);""")
            sent = sum(size for _, size, _, _ in entries)
            plain = sum(size for _, _, size, _ in entries)
            print(f"\nfirst load: {sent} bytes over the wire ({plain} unpacked) in {len(entries)} requests")
            code = [path for path, _, decoded, encoded in entries if path.endswith((".js", ".css", "/")) and encoded < decoded]
            self.assertGreaterEqual(len(code), 10, "scripts and styles came compressed")
            self.assertLess(sent, 60_000)
        finally:
            driver.quit()

    def test_a_browser_that_keeps_sound_asks_for_a_touch(self):
        driver = world.browser(360, 740, autoplay=False, network_log=True)
        try:
            driver.get(world.base + "/")
            touch = visible(driver, "#touch")
            self.assertGreaterEqual(min(touch.size["width"], touch.size["height"]), 300)
            screenshot(driver, "alone-0-touch")
            asked = lambda: [url for url in requested_urls(driver) if "/labels/fr/who.opus" in url]
            self.assertTrue(asked(), "the screen tried to say who to touch")
            touch.click()
            wait(driver).until(lambda d: not d.find_elements(By.ID, "touch"))
            visible(driver, "button.big.person")
            # Then it says what was missed: the label asked for again, after the touch.
            wait(driver).until(lambda d: asked(), "the label said again after the touch")
        finally:
            driver.quit()


if __name__ == "__main__":
    unittest.main()
