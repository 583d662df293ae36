#!/usr/bin/env bash
# Makes the file fixtures (what trainers and phones bring) from one espeak-ng sentence. Writes next
# to this script; the tests only read what it wrote. Needs espeak-ng, sox, opus-tools and ffmpeg.
#
#   opusenc.opus            opusenc defaults (re-muxed)
#   ffmpeg-libopus.opus     ffmpeg -c:a libopus, stereo 48 kHz (re-muxed)
#   whatsapp-16k.opus       16 kb/s VoIP mono at 16 kHz, 60 ms frames, as WhatsApp voice notes are (re-muxed)
#   chained.opus            two opusenc streams one after the other (decoded and re-encoded)
#   surround-5.1.opus       mapping family 1, six channels (decoded and re-encoded)
#   aac.m4a                 ffmpeg's AAC in MP4, index at the end (decoded by FFmpeg)
#   lame.mp3                MP3 with ffmpeg's LAME (decoded by FFmpeg)
#   speech.flac             FLAC (decoded by FFmpeg); lossless, so also the tests' reference: the
#                           espeak-ng sentence as every other fixture was made from it (16 kHz mono)
set -euo pipefail
cd "$(dirname "$0")"
here=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
espeak-ng -v fr -w "$work/raw.wav" "Bonjour. Je m'appelle Amina. J'habite à Lyon depuis un an."
sox "$work/raw.wav" -r 16000 -c 1 -b 16 "$work/speech-16k.wav" pad 0.2 0.5
cd "$work"
q=(-nostdin -loglevel error -y)
o=(-map_metadata -1 -fflags +bitexact)
opusenc --quiet speech-16k.wav opusenc.opus
ffmpeg "${q[@]}" -i speech-16k.wav "${o[@]}" -ac 2 -ar 48000 -c:a libopus -b:a 48k ffmpeg-libopus.opus
ffmpeg "${q[@]}" -i speech-16k.wav "${o[@]}" -c:a libopus -b:a 16k -application voip -frame_duration 60 whatsapp-16k.opus
sox speech-16k.wav first.wav trim 0 1.4
sox speech-16k.wav second.wav trim 1.4
opusenc --quiet first.wav link1.ogg
opusenc --quiet --bitrate 24 second.wav link2.ogg
cat link1.ogg link2.ogg > chained.opus
ffmpeg "${q[@]}" -i speech-16k.wav "${o[@]}" -af "pan=5.1|c0=c0|c1=c0|c2=c0|c3=0.5*c0|c4=0.5*c0|c5=0.1*c0" \
  -c:a libopus -b:a 96k -mapping_family 1 surround-5.1.opus
ffmpeg "${q[@]}" -i speech-16k.wav "${o[@]}" -ar 44100 -c:a aac -b:a 48k aac.m4a
ffmpeg "${q[@]}" -i speech-16k.wav "${o[@]}" -ar 22050 -c:a libmp3lame -b:a 32k lame.mp3
ffmpeg "${q[@]}" -i speech-16k.wav "${o[@]}" -c:a flac speech.flac
mv ./*.opus aac.m4a lame.mp3 speech.flac "$here/"
cd "$here"
ls -l ./*.opus aac.m4a lame.mp3 speech.flac
