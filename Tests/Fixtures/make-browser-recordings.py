#!/usr/bin/env python3
"""Records the browser fixtures with a real headless Chromium: its MediaRecorder fed, through the
fake microphone, with a speech file made by espeak-ng. Writes next to this script:

  chromium-webm-opus.webm   MediaRecorder 'audio/webm;codecs=opus'
  chromium-mp4-opus.mp4     MediaRecorder 'audio/mp4;codecs=opus' (when this Chromium supports it)

The speech fed to the microphone is not kept: the tests make it again the same way (espeak-ng,
then sox to 48 kHz 16-bit with 0.2 s of silence before and 1 s after).

Needs Debian's chromium and chromium-driver, espeak-ng, sox, and `pip install selenium`.
Run it again to refresh the fixtures; the tests only read the files it wrote.
"""
import base64, http.server, os, subprocess, tempfile, threading
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

HERE = os.path.dirname(os.path.abspath(__file__))
TEXT = "Bonjour. Je m'appelle Amina. J'habite à Lyon depuis un an."
PAGE = b"""<!doctype html><meta charset=utf-8><title>record</title><script>
async function record(mimeType, ms) {
  if (!MediaRecorder.isTypeSupported(mimeType)) return null;
  const stream = await navigator.mediaDevices.getUserMedia(
    {audio: {echoCancellation: false, noiseSuppression: false, autoGainControl: false}});
  const recorder = new MediaRecorder(stream, {mimeType});
  const chunks = [];
  recorder.ondataavailable = e => chunks.push(e.data);
  const done = new Promise(resolve => recorder.onstop = resolve);
  recorder.start(500);  // timeslices, as a kiosk recording in pieces does
  await new Promise(r => setTimeout(r, ms));
  recorder.stop();
  await done;
  stream.getTracks().forEach(t => t.stop());
  const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
  let text = ''; for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}
</script>"""


class Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, *args):
        pass


def main():
    work = tempfile.mkdtemp()
    speech = os.path.join(work, "speech.wav")
    if True:
        raw = os.path.join(work, "raw.wav")
        subprocess.run(["espeak-ng", "-v", "fr", "-w", raw, TEXT], check=True)
        # Chromium's fake capture wants 16-bit PCM; pad with a little silence so the recording ends in it.
        subprocess.run(["sox", raw, "-r", "48000", "-c", "1", "-b", "16", speech, "pad", "0.2", "1.0"], check=True)
    server = http.server.HTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    options = Options()
    for flag in ["--headless=new", "--no-sandbox", "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                 f"--use-file-for-fake-audio-capture={speech}%noloop", "--autoplay-policy=no-user-gesture-required"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.set_script_timeout(30)
        driver.get(f"http://localhost:{server.server_port}/")
        print("browser:", driver.capabilities.get("browserVersion"))
        for name, mime in [("chromium-webm-opus.webm", "audio/webm;codecs=opus"), ("chromium-mp4-opus.mp4", "audio/mp4;codecs=opus")]:
            data = driver.execute_async_script(
                "const done = arguments[arguments.length - 1]; record(arguments[0], 3500).then(done, e => done('ERR ' + e));", mime)
            if data is None:
                print(f"{name}: {mime} not supported by this Chromium")
                continue
            if data.startswith("ERR "):
                raise SystemExit(f"{name}: {data}")
            with open(os.path.join(HERE, name), "wb") as out:
                out.write(base64.b64decode(data))
            print(f"{name}: {os.path.getsize(os.path.join(HERE, name))} bytes")
    finally:
        driver.quit()
        server.shutdown()


if __name__ == "__main__":
    main()
