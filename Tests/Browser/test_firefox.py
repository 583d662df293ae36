"""The learner client in real headless Firefox (Debian's firefox-esr, through Marionette) against the
real server: sign in by pictures with every control named, read-along on Ogg Opus lighting the
right word, and a recording from Firefox's fake microphone stored as Opus that still holds its tone."""
import os
import tempfile
import time
import unittest

import numpy as np

from firefox import FAKE_TONE_HZ, Firefox, check_screen, sign_in
from harness import SPOKEN, World, read_wav

world = None
firefox = None
shared = None


def setUpModule():
    global world, firefox, shared
    world = World()
    # A recording the trainer shared with the group, its transcript aligned by the server.
    with open(world.speech, "rb") as file:
        shared = world.call("POST", f"/api/recordings?title=Amina&language=fr&groupId={world.group['id']}", raw=file.read(),
                            content_type="audio/wav")
    world.call("POST", f"/api/recordings/{shared['id']}/consent", {"visibility": "group", "method": "tap"})
    world.call("PUT", f"/api/recordings/{shared['id']}/transcripts/fr", raw=SPOKEN.encode(), content_type="text/plain; charset=utf-8")
    world.call("POST", f"/api/recordings/{shared['id']}/transcripts/fr/align")
    started = time.monotonic()
    try:
        firefox = Firefox()
    except BaseException:
        world.close()
        raise
    print(f"\nFirefox {firefox.version} session ready in {time.monotonic() - started:.1f} s")


def tearDownModule():
    try:
        firefox.quit()
    finally:
        world.close()


def tone_of(samples, rate):
    """The strongest frequency of `samples` and the share of their energy within 50 Hz of it."""
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(len(samples)))) ** 2
    frequencies = np.fft.rfftfreq(len(samples), 1 / rate)
    peak = float(frequencies[np.argmax(spectrum)])
    near = np.abs(frequencies - peak) <= 50
    return peak, float(spectrum[near].sum() / spectrum.sum())


class FirefoxLearnerTests(unittest.TestCase):
    def test_sign_in_by_pictures_reaches_home_with_every_control_named(self):
        sign_in(self, firefox, world, shots="firefox")
        firefox.screenshot("firefox-4-home")
        for label in ["listen", "record", "stories", "scenarios"]:
            button = firefox.find(f'nav.home button[data-label="{label}"]')
            self.assertTrue(button.is_displayed(), label)
            self.assertGreaterEqual(button.rect["width"], 48, label)
            self.assertGreaterEqual(button.rect["height"], 48, label)
            self.assertTrue(button.computed_label.strip(), label)
        # The check itself sees a control without a name: a button holding only a decorative picture.
        firefox.run("""document.getElementById('screen').append(Object.assign(document.createElement('button'),
            { innerHTML: '<img src="/shared/icons/listen.svg" alt="">', className: 'unnamed' }))""")
        self.assertEqual(len(firefox.unnamed_controls()), 1)
        firefox.run("document.querySelector('button.unnamed').remove()")
        self.assertEqual(firefox.unnamed_controls(), [])

    def test_read_along_plays_ogg_opus_and_lights_the_right_word(self):
        sign_in(self, firefox, world)
        firefox.clickable('nav.home button[data-label="listen"]').click()
        firefox.clickable('button[data-label="play"]').click()
        firefox.visible(".text .w")
        firefox.until(lambda: firefox.run("return document.querySelector('audio').readyState >= 2"), 20, "audio not loaded")
        # Firefox plays Ogg Opus, so it gets the stored Opus itself, not the WAV fallback.
        source = firefox.run("return document.querySelector('audio').currentSrc")
        self.assertTrue(source.endswith(f"/media/{shared['id']}.opus"), source)
        transcript = world.call("GET", f"/api/recordings/{shared['id']}/transcripts/fr")
        words = [word for segment in transcript["segments"] for word in segment["words"]]
        spans = firefox.find_all(".text .w")
        self.assertEqual(len(spans), len(words))
        for index in [0, len(words) // 2, len(words) - 1]:
            middle = (words[index]["startMs"] + words[index]["endMs"]) / 2000
            firefox.run("document.querySelector('audio').currentTime = arguments[0]", middle)
            firefox.until(lambda: spans[index].get_attribute("class") == "w lit", 5, f"word {index} not lit")
            self.assertEqual(len(firefox.find_all(".w.lit")), 1)
            self.assertEqual(spans[index].text, words[index]["text"])
        firefox.screenshot("firefox-5-read-along")
        check_screen(self, firefox)
        # It really plays: time moves on from where it was put. (Playing through to the end is not
        # measured: with no sound device here Firefox ends any 4 s clip, Opus or WAV, after about 2 s.)
        firefox.run("const audio = document.querySelector('audio'); audio.currentTime = 0; audio.play();")
        firefox.until(lambda: firefox.run("return document.querySelector('audio').currentTime > 0.5"), 15, "audio does not play")

    def test_record_with_the_fake_microphone_stores_its_tone(self):
        before = {r["id"] for r in world.recordings_of(world.learner["id"])}
        sign_in(self, firefox, world)
        firefox.clickable('nav.home button[data-label="record"]').click()
        firefox.clickable("button.recbtn").click()
        firefox.until(lambda: firefox.find("button.recbtn").get_attribute("aria-pressed") == "true", 10, "not recording")
        time.sleep(2)
        firefox.screenshot("firefox-6-recording")
        time.sleep(2)
        firefox.find("button.recbtn").click()
        keep = firefox.clickable('button[data-label="keep"]')
        firefox.screenshot("firefox-7-review")
        check_screen(self, firefox)
        keep.click()
        # The story's picture, then the consent step.
        firefox.clickable('.grid.code button[data-label="house"]').click()
        firefox.clickable('button[data-label="private"]')
        firefox.screenshot("firefox-8-consent")
        check_screen(self, firefox)
        firefox.find('button[data-label="private"]').click()
        firefox.until(lambda: firefox.marionette.get_url().endswith("#/stories"), 20, "not on the stories screen")
        firefox.visible('button[data-label="play"]')
        firefox.screenshot("firefox-9-stories")
        check_screen(self, firefox)
        new = [r for r in world.recordings_of(world.learner["id"]) if r["id"] not in before]
        self.assertEqual(len(new), 1)
        recording = new[0]
        # Firefox's MediaRecorder gives Opus in WebM or Ogg; either is accepted as sent.
        self.assertIn(recording["sourceFormat"], ["webm/opus", "ogg/opus"])
        self.assertEqual(recording["visibility"], "private")
        # About 4 s were recorded; a loaded machine makes the fake device deliver somewhat less.
        self.assertGreater(recording["durationMs"], 2000)
        decoded = os.path.join(tempfile.mkdtemp(), "stored.wav")
        with open(decoded, "wb") as file:
            file.write(world.call("GET", f"/media/{recording['id']}.wav"))
        rate, stored = read_wav(decoded)
        # The middle two seconds, clear of the start and end of the take.
        middle = stored[len(stored) // 2 - rate:len(stored) // 2 + rate]
        peak, share = tone_of(middle, rate)
        level = 20 * np.log10(np.sqrt(np.mean(middle ** 2)) / 32768 + 1e-12)
        print(f"\nFirefox recording: {recording['sourceFormat']}, {recording['durationMs']} ms, tone {peak:.1f} Hz "
              f"({share:.3f} of the energy), level {level:.1f} dBFS")
        self.assertLess(abs(peak - FAKE_TONE_HZ), 10)
        self.assertGreater(share, 0.9)
        self.assertGreater(level, -40)


if __name__ == "__main__":
    unittest.main()
