"""The aligner benchmark's corpus sets (see Benchmarks/README.md, "Aligner"): real recorded speech
with known text from Debian's packages, cut to its voice and joined again with known gaps.

Sources (every real speech with a known text found in Debian's packages; synthetic voices such as
festival's or flite's are left out, and so are packages without texts: asterisk-prompt-es-co,
asterisk-prompt-fr-armelle, asterisk-prompt-it-menardi):
- Asterisk's core prompts, one professional speaker per language, 8 kHz telephone band, texts
  in the packages' core-sounds-LANG.txt.gz: `en` (US English, woman), `fr` (Canadian French,
  woman), `es` (Mexican Spanish, woman: the package's folder names the same voice talent as
  `en`'s), `it` (Italian, man), `ru` (Russian, woman). Sentences: prompts of 3 to 25 words and at
  most 9 s. Words: the single-word prompts (digits, numbers, days, months, letters, the phonetic
  alphabet).
- Fish Fillets NG's spoken dialogues (fillets-ng-data-cs, fillets-ng-data-nl): Czech and Dutch
  actors, several voices each (the big fish, the small fish, a dozen others), 22 kHz, lines in
  the game's dialogs_LANG.lua (dialogStr after each English dialogId). Sentences only (3 to 25 words, at most 9 s).
- KLettres' syllables (klettres-data): one native speaker per language, 44.1 kHz resampled to
  22.05 kHz, syllables such as "fa", "ge", "zo" named in sounds.xml. Words only (every syllable a
  word), for the languages eSpeak NG speaks.

Each set is a draw of one source (sentences or words), in one of two parts: `dev` (looked at to
choose the aligner's settings; `dev2`, `dev3`, ... are its prompts reshuffled, other neighbours and
other gaps, on request with --parts) or `held` (held out: never looked at to choose anything), and in
one of two joins: `tight` (30-80 ms of room noise between voices, as phrases run into each other
in told stories) or `natural` (200-400 ms); a third join, `none` (voice spliced to voice, no gap: the
boundary is the splice), is a diagnostic for speech with no pause at all, run on the dev part only
(`--joins none --parts dev`) and not scored against the targets. Every prompt is first cut to its voice: from its
first to the end of its last 10 ms frame within 40 dB of its loudest (or over its noise floor,
its quietest 30 ms that are not digital silence, + 6 dB where that is higher), the rule by which the earlier sets measured where a prompt's speech ends
(a voice 40 dB under the loudest frame of the same prompt is inaudible beside it; cutting at the
sample peaks, as sox's `silence` does, left up to 400 ms of faint breath and fade at −45…−55 dB
before the gap). What lies between voices is then only the gap. Then the prompts are joined by noise at the level of the two neighbours' noise floors (at least
-90 dBFS), each gap drawn from a generator seeded by the set's name. The true boundary is the
middle of each gap, exactly. Word sets put six words to a phrase and are scored on every word
boundary, inside phrases and between them: a word-level truth inside continuous phrases.
"""
import array, glob, gzip, json, math, os, random, re, subprocess, sys, wave

SOUNDS = "/usr/share/asterisk/sounds"
ASTERISK_DOCS = "/usr/share/doc/asterisk-core-sounds-{lang}/core-sounds-{lang}.txt.gz"
FILLETS = "/usr/share/games/fillets-ng"
KLETTRES = "/usr/share/klettres"

VOICE_BELOW_PEAK_DB = 40
TRIM_ABOVE_FLOOR_DB = 6
GAP_FLOOR_DB = -90
# When set, the cut's levels (and the floor) are measured on the prompt high-passed at this many Hz
# (sox `highpass`, twice: 24 dB per octave), so rumble and thumps under the voice's band do not
# count as voice; the audio kept is the prompt as recorded.
VOICE_BAND_HZ = None
# How a prompt is cut to its voice (the truth): "levels", its frames within VOICE_BELOW_PEAK_DB
# of its loudest; "voicing", of those only the frames that are also voice by their sound: periodic
# with a pitch of 70-400 Hz (normalised autocorrelation over 30 ms at least VOICING_PERIODICITY) or
# with energy above VOICING_HIGH_HZ within VOICE_BELOW_PEAK_DB of the prompt's loudest there (a
# fricative, a burst), in runs of 30 ms or more. Rumble and thumps (under 100 Hz, aperiodic or
# slower than 70 Hz) and clicks are neither. Each source has its own (Source.cut, chosen on the
# dev prompts' spectrograms, see Benchmarks/README.md); CUT set overrides it for every source.
CUT = None
VOICING_PERIODICITY = 0.5
VOICING_HIGH_HZ = 1500
JOINS = {"tight": (30, 80), "natural": (200, 400), "none": (0, 0)}
SENTENCES_PER_SET = 40
WORDS_PER_SET = 60
WORDS_PER_PHRASE = 6


class Source:
    """One speaker set: its name, the language tag a trainer would give the transcript, aeneas'
    language code, the Debian packages it comes from, its sample rate in the sets, and how its
    prompts are cut to their voice (see CUT)."""

    def __init__(self, name, tag, aeneas, packages, rate, kinds, cut="levels"):
        self.name, self.tag, self.aeneas, self.packages, self.rate, self.kinds = name, tag, aeneas, packages, rate, kinds
        self.cut = cut

    def items(self, kind):
        """[(id, path, text)] of every usable prompt of `kind` ("sent" or "words"), sorted by id."""
        raise NotImplementedError


def speakable(text):
    return any(c.isalnum() for c in text) and not any(c in text for c in "[]()<>")


class AsteriskSource(Source):
    def __init__(self, name, lang, tag, aeneas):
        super().__init__(name, tag, aeneas, [f"asterisk-core-sounds-{lang}", f"asterisk-core-sounds-{lang}-wav"], 8000, ("sent", "words"))
        self.lang = lang

    def texts(self):
        result = {}
        with gzip.open(ASTERISK_DOCS.format(lang=self.lang), "rt", encoding="utf-8-sig", errors="replace") as f:
            for line in f:
                if line.startswith(";") or ":" not in line:
                    continue
                name, text = line.split(":", 1)
                result[name.strip()] = " ".join(text.split())
        return result

    def items(self, kind):
        texts, folder = self.texts(), os.path.join(SOUNDS, self.lang)
        result = []
        for n, t in sorted(texts.items()):
            path = os.path.join(folder, n + ".wav")
            if not speakable(t) or not os.path.exists(path):
                continue
            # The Italian list lost its accented letters to '?' ("sar? esattamente"): a '?'
            # anywhere but at the end is a lost letter, and that text is not what is said.
            if "?" in t.rstrip("?").rstrip():
                continue
            if kind == "words":
                if n.split("/")[0] in ("digits", "letters", "phonetic") and len(t.split()) == 1 and not any(c in t for c in ".-'"):
                    # Letters are written as capitals ("a" alone would be read as the article).
                    result.append((n, path, t.upper() if n.startswith("letters/") and len(t) == 1 else t))
            elif "/" not in n and 3 <= len(t.split()) <= 25:
                result.append((n, path, t))
        return result


class FilletsSource(Source):
    # dialogId("name", "font", "the English original") then dialogStr("the line in this language").
    DIALOG = re.compile(r'dialogId\(\s*"([^"]+)"\s*,\s*"[^"]*"\s*,\s*"(?:[^"\\]|\\.)*"\s*\)\s*dialogStr\(\s*"((?:[^"\\]|\\.)*)"\s*\)')

    def __init__(self, name, lang, tag, aeneas):
        super().__init__(name, tag, aeneas, ["fillets-ng-data", f"fillets-ng-data-{lang}"], 22050, ("sent",))
        self.lang = lang

    def items(self, kind):
        result = {}
        for script in sorted(glob.glob(os.path.join(FILLETS, "script", "*", f"dialogs_{self.lang}.lua"))):
            level = os.path.basename(os.path.dirname(script))
            with open(script, encoding="utf-8", errors="replace") as f:
                for name, text in self.DIALOG.findall(f.read()):
                    text = " ".join(text.replace('\\"', '"').replace("\\n", " ").split())
                    path = os.path.join(FILLETS, "sound", level, self.lang, name + ".ogg")
                    if speakable(text) and 3 <= len(text.split()) <= 25 and os.path.exists(path):
                        result[f"{level}/{name}"] = (f"{level}/{name}", path, text)
        return [result[k] for k in sorted(result)]


class KLettresSource(Source):
    SOUND = re.compile(r'<sound\s+name="([^"]+)"\s+file="([^"]+)"')

    # Cut on voicing: these home recordings carry rumble, thumps and clicks within 40 dB of the
    # voice, up to 900 ms of it counted as speech by the levels alone (Benchmarks/README.md).
    def __init__(self, name, folder, tag, aeneas):
        super().__init__(name, tag, aeneas, ["klettres-data"], 22050, ("words",), cut="voicing")
        self.folder = folder

    def items(self, kind):
        with open(os.path.join(KLETTRES, self.folder, "sounds.xml"), encoding="utf-8") as f:
            sounds = self.SOUND.findall(f.read())
        # Syllables only: a letter's recording may be its name or its sound, a syllable is said
        # as written. Lower case, or eSpeak NG would spell "BA" letter by letter.
        return sorted((file, os.path.join(KLETTRES, file), name.lower()) for name, file in sounds
                      if "/syllab/" in file and os.path.exists(os.path.join(KLETTRES, file)))


SOURCES = [
    AsteriskSource("en", "en", "en-US", "eng"),
    AsteriskSource("fr", "fr", "fr-CA", "fra"),
    AsteriskSource("es", "es", "es-MX", "spa"),
    AsteriskSource("it", "it", "it", "ita"),
    AsteriskSource("ru", "ru", "ru", "rus"),
    FilletsSource("cs", "cs", "cs", "ces"),
    FilletsSource("nl", "nl", "nl", "nld"),
    KLettresSource("pt-BR-syl", "pt_BR", "pt-BR", "por"),
    KLettresSource("es-syl", "es", "es", "spa"),
    KLettresSource("it-syl", "it", "it", "ita"),
    KLettresSource("ru-syl", "ru", "ru", "rus"),
    KLettresSource("uk-syl", "uk", "uk", "ukr"),
    KLettresSource("lt-syl", "lt", "lt", "lit"),
    KLettresSource("hu-syl", "hu", "hu", "hun"),
    # Added on 2026-12-07, after the settings above were chosen (their first figures are out of
    # sample on both parts): every other KLettres language with syllable recordings on disk, a
    # voice in eSpeak NG, and a pool of at least 30 (15 a part). Left out: Indonesian (its files
    # are not shipped), Low German (no eSpeak NG voice), Malayalam (465 prompts, but each is ~2 s
    # of hiss at -33...-48 dBFS around 0.5 s of clipped voice: the level cut keeps the hiss as
    # "voice", so no truth), and the pools of 18-28 (cs, da, en, en_GB, fr, he, nl), too few for
    # a p90 per part.
    KLettresSource("tn-syl", "tn", "tn", "tsn"),
    KLettresSource("de-syl", "de", "de", "deu"),
]


def legacy_dev_prompts(source):
    """The Asterisk prompts the earlier benchmark sets `en`, `en-2`, `en-words` (and fr, es) used,
    which its settings were chosen on: kept out of the held-out part."""
    if not isinstance(source, AsteriskSource) or source.lang not in ("en", "fr", "es"):
        return set()
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "align")
    import importlib.machinery, importlib.util
    loader = importlib.machinery.SourceFileLoader("align_legacy", path)
    spec = importlib.util.spec_from_loader("align_legacy", loader)
    legacy = importlib.util.module_from_spec(spec)
    loader.exec_module(legacy)
    used = set()
    for name, words in ((source.lang, False), (source.lang + "-2", False), (source.lang + "-words", True)):
        chosen, _ = legacy.choose_prompts(name, source.lang, words)
        used.update(chosen)
    return used


def seconds(path):
    return float(subprocess.check_output(["soxi", "-D", path]).decode().strip())


def draw(source, kind, part):
    """The prompts of one set: the source's usable prompts of `kind` shuffled by a generator seeded
    by its name and kind; `dev` takes the first ones, `held` the next ones (none in both), each
    at most SENTENCES_PER_SET (WORDS_PER_SET) and half the pool."""
    pool = source.items(kind)
    if kind == "sent":
        pool = [item for item in pool if seconds(item[1]) <= 9]
    random.Random(f"parlons-{source.name}-{kind}").shuffle(pool)
    size = min(SENTENCES_PER_SET if kind == "sent" else WORDS_PER_SET, len(pool) // 2)
    if kind == "words":
        size -= size % WORDS_PER_PHRASE
    if part == "dev":
        return pool[:size]
    if part.startswith("dev"):
        # `dev2`, `dev3`, ...: the dev prompts again in another order, so other neighbours and
        # other gaps (the gaps are seeded by the set's name): more dev material from the same
        # speakers, to see whether a failure met once on a held set has a kind that dev shows too.
        again = list(pool[:size])
        random.Random(f"parlons-{source.name}-{kind}-{part}").shuffle(again)
        return again
    excluded = legacy_dev_prompts(source)
    rest = [item for item in pool[size:] if item[0] not in excluded]
    return rest[:size]


def run(cmd):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def pcm(path):
    with wave.open(path) as w:
        if w.getsampwidth() != 2 or w.getnchannels() != 1:
            raise SystemExit(f"{path}: expected 16-bit mono")
        rate, data = w.getframerate(), array.array("h", w.readframes(w.getnframes()))
    if sys.byteorder == "big":
        data.byteswap()
    return data, rate


def frame_levels(data, rate):
    """RMS level (dBFS) of every 10 ms frame."""
    hop = rate // 100
    return [10 * math.log10(sum(v * v for v in data[s:s + hop]) / hop / (32768.0 * 32768.0) + 1e-12)
            for s in range(0, len(data) - hop + 1, hop)]


def voice_frames(data, rate):
    """Per 10 ms frame, whether it sounds like voice (see VOICING): periodic at 70-400 Hz, or
    loud enough above VOICING_HIGH_HZ."""
    import numpy as np
    x = np.asarray(data, dtype=np.float64) / 32768.0
    hop, window = rate // 100, int(rate * 0.03)
    frames = (len(x) - hop) // hop + 1 if len(x) >= hop else 0
    lags = range(max(1, rate // 400), rate // 70 + 1)
    periodic, high = np.zeros(frames, bool), np.full(frames, -200.0)
    size = 1
    while size < 2 * window:
        size *= 2
    freqs = np.fft.rfftfreq(size, 1 / rate)
    band = freqs >= VOICING_HIGH_HZ
    for k in range(frames):
        center = k * hop + hop // 2
        seg = x[max(0, center - window // 2):max(0, center - window // 2) + window]
        if len(seg) < window:
            seg = np.pad(seg, (0, window - len(seg)))
        seg = seg - seg.mean()
        spectrum = np.fft.rfft(seg * np.hanning(window), size)
        power = np.abs(spectrum) ** 2
        high[k] = 10 * np.log10(power[band].sum() + 1e-20)
        energy = float((seg * seg).sum())
        if energy <= 0:
            continue
        ac = np.fft.irfft(np.abs(np.fft.rfft(seg, size)) ** 2, size)[:window]
        # Normalised for the overlap at each lag, so long lags are not penalised.
        # The strongest peak (a local maximum) in the pitch range: a sound under 70 Hz, whose
        # autocorrelation only falls over these lags, has none.
        best = max((ac[lag] / (ac[0] * (window - lag) / window) for lag in lags
                    if 0 < lag < window - 1 and ac[lag] >= ac[lag - 1] and ac[lag] >= ac[lag + 1]), default=0.0)
        periodic[k] = best >= VOICING_PERIODICITY
    loud_high = high >= high.max() - VOICE_BELOW_PEAK_DB if frames else high
    return list(periodic | loud_high)


def prepared(source, item, work):
    """The prompt as 16-bit mono WAV at the source's rate, cut to its voice: from its first to the
    end of its last 10 ms frame (RMS) within VOICE_BELOW_PEAK_DB of its loudest frame (and over its
    noise floor + TRIM_ABOVE_FLOOR_DB, for the prompts whose noise floor is that close to their
    peak); on the voicing cut (see CUT), of those frames only the ones that also sound like voice.
    Returns (path, floor dBFS)."""
    folder = os.path.join(work, "pieces", source.name)
    os.makedirs(folder, exist_ok=True)
    stem = os.path.join(folder, item[0].replace("/", "__"))
    voicing = (CUT or source.cut) == "voicing"
    plain = stem + ".wav"
    trimmed, info = (stem + ".voicing.wav", stem + ".voicing.json") if voicing else (stem + ".voice.wav", stem + ".json")
    if not os.path.exists(info):
        run(["sox", "-V1", item[1], "-r", str(source.rate), "-c", "1", "-b", "16", plain])
        data, rate = pcm(plain)
        if VOICE_BAND_HZ:
            band = stem + ".band.wav"
            run(["sox", "-V1", plain, band, "highpass", str(VOICE_BAND_HZ), "highpass", str(VOICE_BAND_HZ)])
            levels = frame_levels(pcm(band)[0], rate)
        else:
            levels = frame_levels(data, rate)
        # The noise floor: the quietest 30 ms, digital silence (an edited file's zeros) left out.
        # A steady hum 25 dB under the voice (KLettres' Hungarian recordings, whose 10 ms frames
        # alternate by 3 dB with it) is the floor to cut at, not the zeros before it.
        audible = [level for level in levels if level > -100] or levels
        smoothed = [sum(audible[k:k + 3]) / 3 for k in range(max(1, len(audible) - 2))]
        peak, floor = max(levels), min(smoothed)
        # (A prompt whose floor is within 16 dB of its peak keeps its frames within 10 dB of it.)
        threshold = max(peak - VOICE_BELOW_PEAK_DB, min(floor + TRIM_ABOVE_FLOOR_DB, peak - 10))
        voiced = [k for k, level in enumerate(levels) if level > threshold]
        if voicing:
            sounding = voice_frames(data, rate)
            kept = [k for k in voiced if k < len(sounding) and sounding[k]]
            # Runs of at least 30 ms: a click is no voice.
            runs, current = [], []
            for k in kept:
                if current and k != current[-1] + 1:
                    runs.append(current)
                    current = []
                current.append(k)
            if current:
                runs.append(current)
            kept = [k for r in runs if len(r) >= 3 for k in r]
            voiced = kept or voiced
        hop = rate // 100
        with wave.open(trimmed, "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(rate)
            w.writeframes(data[voiced[0] * hop:(voiced[-1] + 1) * hop].tobytes())
        with open(info, "w") as f:
            json.dump({"floor": floor, "peak": peak}, f)
    with open(info) as f:
        return trimmed, json.load(f)["floor"]


def noise(path, milliseconds, level_db, seed, rate):
    """`milliseconds` of white Gaussian noise at RMS `level_db` dBFS, from a generator seeded by `seed`."""
    rng = random.Random(seed)
    sigma = 32768.0 * 10 ** (level_db / 20)
    count = int(round(rate * milliseconds / 1000))
    values = array.array("h", (max(-32768, min(32767, round(rng.gauss(0, sigma)))) for _ in range(count)))
    if sys.byteorder == "big":
        values.byteswap()
    with wave.open(path, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(values.tobytes())
    return count


def build(source, kind, part, join, work):
    """Writes NAME.wav, NAME.txt (one phrase per line) and NAME.truth.json under `work`; returns
    (base path, truth)."""
    name = f"{source.name}-{kind}-{part}-{join}"
    base = os.path.join(work, name)
    cut = CUT or source.cut
    if all(os.path.exists(base + ext) for ext in (".wav", ".txt", ".truth.json")):
        with open(base + ".truth.json") as f:
            truth = json.load(f)
        # A set built with another cut is built again (a truth without one is from before
        # 2026-12-07: cut on levels, or on voicing in the old --voicing folder, rebuilt too).
        if truth.get("cut", "levels") == cut:
            return base, truth
    items = draw(source, kind, part)
    pieces = [prepared(source, item, work) for item in items]
    rng = random.Random(f"parlons-{name}")
    low, high = JOINS[join]
    gap_dir = base + ".gaps"
    os.makedirs(gap_dir, exist_ok=True)
    files, boundaries, gaps, cursor = [], [], [], 0
    for k, (path, floor) in enumerate(pieces):
        files.append(path)
        cursor += len(pcm(path)[0])
        if k + 1 < len(pieces):
            gap = rng.uniform(low, high)
            count = 0
            if gap > 0:
                level = max(GAP_FLOOR_DB, (floor + pieces[k + 1][1]) / 2)
                gap_file = os.path.join(gap_dir, f"{k:03d}.wav")
                count = noise(gap_file, gap, level, f"parlons-{name}-{k}", source.rate)
                files.append(gap_file)
            boundaries.append((cursor + count / 2) * 1000.0 / source.rate)
            gaps.append(count * 1000.0 / source.rate)
            cursor += count
    run(["sox", "-V1"] + files + ["-r", str(source.rate), "-c", "1", "-b", "16", base + ".wav"])
    texts = [item[2] for item in items]
    lines = texts if kind == "sent" else [" ".join(texts[i:i + WORDS_PER_PHRASE]) for i in range(0, len(texts), WORDS_PER_PHRASE)]
    with open(base + ".txt", "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    truth = {"name": name, "source": source.name, "cut": cut, "kind": kind, "part": part, "join": join, "prompts": [item[0] for item in items],
             "texts": texts, "boundaries": boundaries, "gapsMs": gaps, "seconds": cursor / source.rate}
    with open(base + ".truth.json", "w") as f:
        json.dump(truth, f)
    return base, truth


def sets(selected_sources=None, kinds=("sent", "words"), parts=("dev", "held"), joins=("tight", "natural")):
    """Every (source, kind, part, join) of the benchmark, in report order."""
    result = []
    for source in SOURCES:
        if selected_sources and source.name not in selected_sources:
            continue
        for kind in kinds:
            if kind not in source.kinds:
                continue
            for part in parts:
                for join in joins:
                    result.append((source, kind, part, join))
    return result
