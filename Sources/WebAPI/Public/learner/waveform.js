// A recording's waveform as a row of bars (from its peaks, BBC audiowaveform JSON): two stories
// of the same length still look different, and the bars fill with colour as it plays.
const SVG = 'http://www.w3.org/2000/svg';
const BARS = 40;

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

/**
 * An SVG of `recording`'s waveform, drawn once its peaks arrive (empty until then, or when it has
 * none). `progress(fraction)` colours the part already heard.
 */
export function waveform(recording) {
  const picture = svg('svg', { class: 'wave-thumb', viewBox: `0 0 ${BARS * 3} 40`, preserveAspectRatio: 'none', 'aria-hidden': 'true' });
  const heard = svg('clipPath', { id: `heard-${recording.id}` });
  const cover = svg('rect', { x: 0, y: 0, width: 0, height: 40 });
  heard.append(cover);
  const bars = svg('g', { class: 'bars' }), lit = svg('g', { class: 'lit', 'clip-path': `url(#heard-${recording.id})` });
  picture.append(heard, bars, lit);
  if (recording.peaks?.json) {
    // About BARS points whatever the length: the server sums samples (at least 480 a point).
    const samplesPerPixel = Math.min(48000 * 60, Math.max(480, Math.round((recording.durationMs * 48) / BARS)));
    fetch(`${recording.peaks.json}?samplesPerPixel=${samplesPerPixel}`).then((response) => (response.ok ? response.json() : null)).then((peaks) => {
      if (!peaks) return;
      const full = peaks.bits === 8 ? 128 : 32768;
      const count = Math.min(BARS, peaks.length);
      for (let index = 0; index < count; index += 1) {
        const level = Math.max(Math.abs(peaks.data[2 * index]), Math.abs(peaks.data[2 * index + 1])) / full;
        const height = Math.max(3, Math.round(level * 38));
        const bar = { x: index * 3, y: 20 - height / 2, width: 2, height, rx: 1 };
        bars.append(svg('rect', bar));
        lit.append(svg('rect', bar));
      }
    }).catch(() => {});
  }
  return { element: picture, progress: (fraction) => cover.setAttribute('width', Math.max(0, Math.min(1, fraction)) * BARS * 3) };
}
