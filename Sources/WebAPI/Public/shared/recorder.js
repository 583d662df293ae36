// Capturing the microphone: MediaRecorder in Opus when the browser offers it, otherwise raw PCM
// from an AudioWorklet written as WAV. No echo cancellation, noise suppression or automatic gain
// (Chrome's doubles the level and clips): the server evens the loudness out instead.
export const microphoneConstraints = {
  audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
};

/** The Opus container MediaRecorder offers here, or null (then PCM through the worklet). */
export function opusRecorderType() {
  if (new URLSearchParams(location.search).get('recorder') === 'pcm' || typeof MediaRecorder === 'undefined') return null;
  return ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/mp4;codecs=opus']
    .find((type) => MediaRecorder.isTypeSupported(type)) ?? null;
}

export class Capture {
  /** Starts recording; `onLevel(peak 0…1)` is called every frame for the meter. */
  async start(onLevel) {
    this.stream = await navigator.mediaDevices.getUserMedia(microphoneConstraints);
    this.context = new AudioContext();
    const source = this.context.createMediaStreamSource(this.stream);
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 1024;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    const meter = () => {
      if (!this.context) return;
      analyser.getFloatTimeDomainData(samples);
      onLevel(samples.reduce((peak, value) => Math.max(peak, Math.abs(value)), 0));
      requestAnimationFrame(meter);
    };
    requestAnimationFrame(meter);
    this.type = opusRecorderType();
    if (this.type) {
      this.chunks = [];
      this.recorder = new MediaRecorder(this.stream, { mimeType: this.type, audioBitsPerSecond: 32000 });
      this.recorder.ondataavailable = (event) => this.chunks.push(event.data);
      this.recorder.start(1000);
    } else {
      await this.context.audioWorklet.addModule('/shared/pcm-worklet.js');
      this.blocks = [];
      this.node = new AudioWorkletNode(this.context, 'pcm-capture', { numberOfOutputs: 0 });
      this.node.port.onmessage = (event) => this.blocks.push(event.data);
      source.connect(this.node);
    }
    this.startedAt = performance.now();
  }

  /** Stops without keeping anything: the microphone is released. */
  cancel() {
    this.recorder?.state === 'recording' && this.recorder.stop();
    this.stream?.getTracks().forEach((track) => track.stop());
    this.context?.close();
    this.context = null;
  }

  /** Stops and returns the recording as a Blob (Opus in WebM/Ogg/MP4, or WAV). */
  async stop() {
    let blob;
    if (this.recorder) {
      const stopped = new Promise((resolve) => { this.recorder.onstop = resolve; });
      this.recorder.stop();
      await stopped;
      blob = new Blob(this.chunks, { type: this.type.split(';')[0] });
    } else {
      this.node.disconnect();
      blob = wav(this.blocks, this.context.sampleRate);
    }
    this.stream.getTracks().forEach((track) => track.stop());
    await this.context.close();
    this.context = null;
    return blob;
  }
}

/** 16-bit mono WAV of the Float32 blocks. */
export function wav(blocks, sampleRate) {
  const count = blocks.reduce((sum, block) => sum + block.length, 0);
  const view = new DataView(new ArrayBuffer(44 + count * 2));
  const text = (offset, string) => [...string].forEach((char, index) => view.setUint8(offset + index, char.charCodeAt(0)));
  text(0, 'RIFF'); view.setUint32(4, 36 + count * 2, true); text(8, 'WAVE'); text(12, 'fmt ');
  view.setUint32(16, 16, true); view.setUint16(20, 1, true); view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true); view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true); view.setUint16(34, 16, true); text(36, 'data'); view.setUint32(40, count * 2, true);
  let offset = 44;
  for (const block of blocks) for (const sample of block) {
    view.setInt16(offset, Math.max(-1, Math.min(1, sample)) * 0x7fff, true);
    offset += 2;
  }
  return new Blob([view.buffer], { type: 'audio/wav' });
}
