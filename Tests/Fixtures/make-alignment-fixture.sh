#!/usr/bin/env bash
# Makes asterisk-prompts-en.wav and asterisk-prompts-fr.wav, the real-speech snippets of the
# aligner tests. asterisk-prompts-en.wav: four prompts of
# Debian's asterisk-core-sounds-en-wav (one professional speaker, 8 kHz 16-bit mono; texts in
# asterisk-core-sounds-en's core-sounds-en.txt.gz) concatenated as they are with sox. This prints
# the cumulative lengths (where the prompts meet); the test's truth is each prompt's speech as
# Benchmarks/align measures it (`speech_extent`: frames within 40 dB of the prompt's loudest),
# and a junction's true point is the middle of the pause between two prompts' speech.
#
#   one-moment-please   One moment, please.
#   please-try-again    Please try again.
#   do-not-disturb      Do not disturb.
#   queue-thankyou      Thank you for your patience
set -euo pipefail
cd "$(dirname "$0")"

# concatenate LANGUAGE PROMPT…: asterisk-prompts-LANGUAGE.wav, printing where each prompt ends.
concatenate() {
  local language=$1 sounds=/usr/share/asterisk/sounds/$1 files=() total=0 p
  shift
  for p in "$@"; do
    files+=("$sounds/$p.wav")
    total=$((total + $(soxi -s "$sounds/$p.wav")))
    echo "$p ends at sample $total"
  done
  sox "${files[@]}" -r 8000 -c 1 -b 16 "asterisk-prompts-$language.wav"
}

concatenate en one-moment-please please-try-again do-not-disturb queue-thankyou

# asterisk-prompts-fr.wav: three prompts of asterisk-core-sounds-fr-wav, the same way. The middle
# one's text in the package ("Si c'est exact appuyer…") leaves out the last word the speaker says
# ("… appuyez sur"), whose [s] is so weak in the 8 kHz band that it reads as a pause.
#   auth-thankyou                Merci.
#   if-correct-press             Si c'est exact appuyer…
#   confbridge-inc-talk-vol-in   Pour augmenter le volume de votre voix, tel qu'entendue par les autres participants..."
concatenate fr auth-thankyou if-correct-press confbridge-inc-talk-vol-in
