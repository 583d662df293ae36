"""Reads our exports and writes test files with the reference libraries of each format.

`python3 ecosystem.py read DIR` reads DIR/t.vtt (webvtt-py), DIR/t.srt (webvtt-py),
DIR/t.TextGrid (praatio) and DIR/t.eaf (pympi-ling) and prints what each library saw as JSON,
times in milliseconds.

`python3 ecosystem.py write DIR` reads DIR/spec.json ({"segments": [{"start", "end", "text",
"words": [{"start", "end", "text"}]}]}) and writes it with those libraries: py.vtt (word times
as cue timestamps), py.srt, py-long.TextGrid, py-short.TextGrid and py.eaf.
"""
import json
import os
import re
import sys

import pympi
import webvtt
from praatio import textgrid

STAMP = re.compile(r"<((?:\d+:)?\d{2}:\d{2}\.\d{3})>")


def ms(seconds):
    return int(round(seconds * 1000))


def stamp_ms(text):
    return webvtt.models.Timestamp.from_string(text).in_milliseconds()


def read(directory):
    out = {}
    captions = webvtt.read(os.path.join(directory, "t.vtt")).captions
    out["vtt"] = [
        {
            "start": c.start_time.in_milliseconds(),
            "end": c.end_time.in_milliseconds(),
            "text": c.text,
            "identifier": c.identifier,
            "stamps": [stamp_ms(s) for s in STAMP.findall(c.raw_text)],
        }
        for c in captions
    ]
    srt = webvtt.from_srt(os.path.join(directory, "t.srt")).captions
    out["srt"] = [
        {"start": c.start_time.in_milliseconds(), "end": c.end_time.in_milliseconds(), "text": c.text}
        for c in srt
    ]
    grid = textgrid.openTextgrid(os.path.join(directory, "t.TextGrid"), includeEmptyIntervals=False)
    out["textgrid"] = {
        "tiers": grid.tierNames,
        "end": ms(grid.maxTimestamp),
        **{
            name: [[ms(e.start), ms(e.end), e.label] for e in grid.getTier(name).entries]
            for name in grid.tierNames
        },
    }
    eaf = pympi.Elan.Eaf(os.path.join(directory, "t.eaf"))
    out["eaf"] = {
        "tiers": sorted(eaf.get_tier_names()),
        "parent": eaf.get_parameters_for_tier("words").get("PARENT_REF"),
        **{
            name: sorted([list(a[:3]) for a in eaf.get_annotation_data_for_tier(name)])
            for name in eaf.get_tier_names()
        },
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


def write(directory):
    with open(os.path.join(directory, "spec.json"), encoding="utf-8") as f:
        spec = json.load(f)
    segments = spec["segments"]
    end = max(s["end"] for s in segments) + 1000

    vtt = webvtt.WebVTT()
    for s in segments:
        # A karaoke cue: each word after the first preceded by its start time.
        parts = [w["text"] if i == 0 else "<%s>%s" % (webvtt.models.Timestamp.from_seconds(w["start"] / 1000), w["text"])
                 for i, w in enumerate(s["words"])]
        text = "<v Amina>" + " ".join(parts) if s["words"] else s["text"]
        vtt.captions.append(webvtt.Caption(
            start=str(webvtt.models.Timestamp.from_seconds(s["start"] / 1000)),
            end=str(webvtt.models.Timestamp.from_seconds(s["end"] / 1000)),
            text=text))
    vtt.save(os.path.join(directory, "py.vtt"))
    plain = webvtt.WebVTT()
    for s in segments:
        plain.captions.append(webvtt.Caption(
            start=str(webvtt.models.Timestamp.from_seconds(s["start"] / 1000)),
            end=str(webvtt.models.Timestamp.from_seconds(s["end"] / 1000)),
            text=s["text"]))
    plain.save_as_srt(os.path.join(directory, "py.srt"))

    grid = textgrid.Textgrid()
    grid.addTier(textgrid.IntervalTier(
        "phrases", [(s["start"] / 1000, s["end"] / 1000, s["text"]) for s in segments], 0, end / 1000))
    grid.addTier(textgrid.IntervalTier(
        "words", [(w["start"] / 1000, w["end"] / 1000, w["text"]) for s in segments for w in s["words"]], 0, end / 1000))
    grid.save(os.path.join(directory, "py-long.TextGrid"), format="long_textgrid", includeBlankSpaces=True)
    grid.save(os.path.join(directory, "py-short.TextGrid"), format="short_textgrid", includeBlankSpaces=True)

    eaf = pympi.Elan.Eaf(author="parlons-test")
    eaf.add_tier("phrases")
    eaf.add_tier("words")
    eaf.remove_tier("default")
    for s in segments:
        eaf.add_annotation("phrases", s["start"], s["end"], s["text"])
        for w in s["words"]:
            eaf.add_annotation("words", w["start"], w["end"], w["text"])
    eaf.to_file(os.path.join(directory, "py.eaf"))


if __name__ == "__main__":
    {"read": read, "write": write}[sys.argv[1]](sys.argv[2])
