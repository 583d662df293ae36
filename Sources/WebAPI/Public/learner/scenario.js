// The scenario player: the scenarios as pictures that say their title, then one step at a time
// with progress dots, resuming where the learner stopped. Listen and talk steps are heard (and
// the talk's question shown large); record steps keep the learner's answer, private; the literacy
// steps open the exercise screens with the step's key, so their attempts count for the scenario.
import { api } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { exerciseScreen } from './exercises.js';
import { playerScreen } from './player.js';
import { recordScreen } from './record.js';
import { chime, load } from '../shared/sound.js';
import { bigButton, el, icon, roundButton, show } from '../shared/ui.js';

const speaker = new Audio();
async function play(opusURL) {
  await load(speaker, opusURL);
  speaker.currentTime = 0;
  return speaker.play().catch(() => {});
}

export async function scenarioList() {
  const { scenarios } = await api('/api/scenarios');
  show(el('h1', { class: 'sr' }, t('scenarios')),
    scenarios.length === 0 ? el('p', { class: 'row' }, icon('scenarios'), t('empty')) : null,
    el('div', { class: 'grid', role: 'list' }, scenarios.map((scenario) => el('div', { role: 'listitem' },
      bigButton({ label: 'scenarios', name: scenario.title, className: 'scenarios', caption: true,
        image: scenario.picture ? el('img', { src: scenario.picture, alt: '' }) : icon('scenarios'),
        speak: scenario.spokenTitle ? () => play(scenario.spokenTitle) : undefined,
        onClick: () => { location.hash = `#/scenario/${scenario.slug}`; } })))));
}

/** One scenario at the step `stepId`, or where the learner stopped. */
export async function scenarioScreen(slug, stepId, session) {
  const scenario = await api(`/api/scenarios/${slug}`);
  const steps = scenario.steps;
  const step = steps.find((candidate) => candidate.id === stepId) ?? steps.find((candidate) => candidate.id === scenario.progress?.next);
  const dots = el('div', { class: 'dots', role: 'img', 'aria-label': `${scenario.progress?.done ?? 0} / ${steps.length}` },
    steps.map((candidate) => el('span', { class: [candidate.completed ? 'on' : '', candidate === step ? 'current' : ''].join(' ') })));
  if (!step) {
    // Every step done: a chime, the picture, and back to the list.
    chime();
    return show(el('h1', { class: 'sr' }, scenario.scenario.title), dots,
      el('div', { class: 'row done-all' }, scenario.scenario.picture ? el('img', { class: 'scene', src: scenario.scenario.picture, alt: '' }) : null, icon('check')),
      el('div', { class: 'row' }, roundButton('scenarios', 'scenarios', 'scenarios', () => { location.hash = '#/scenarios'; })));
  }
  const next = steps[steps.indexOf(step) + 1];
  const goNext = () => { location.hash = next ? `#/scenario/${slug}/${next.id}` : `#/scenario/${slug}/end`; };
  const markDone = async (body) => {
    await api(`/api/scenarios/${slug}/steps/${step.id}/done`, { method: 'POST', body });
    chime();
    goNext();
  };
  const hearPrompt = step.prompt ? roundButton('play', 'play', 'listen', () => play(step.prompt.opus)) : null;
  const header = [el('h1', { class: 'sr' }, `${scenario.scenario.title} — ${steps.indexOf(step) + 1}`), dots];
  switch (step.kind) {
  case 'listen':
  case 'talk':
    show(...header, el('div', { class: 'row' }, hearPrompt, step.kind === 'talk' ? icon('stories') : null),
      step.text ? el('p', { class: 'text' }, step.text) : null,
      el('div', { class: 'row' }, roundButton('next', 'next', 'ok', () => markDone())));
    if (step.prompt) play(step.prompt.opus);
    return;
  case 'record':
    recordScreen({ session, prompt: el('div', {}, ...header, el('div', { class: 'row' }, hearPrompt)),
      onKept: (recording) => (recording ? markDone({ recording: recording.id }) : goNext()) });
    play(step.prompt.opus);
    return;
  case 'read-along': {
    await playerScreen(step.recording.recordingId, session);
    const screen = document.getElementById('screen');
    screen.prepend(...header);
    screen.append(el('div', { class: 'row' }, roundButton('next', 'next', 'ok', async () => {
      await api('/api/attempts', { method: 'POST', body: { kind: 'read-along', recordingId: step.recording.recordingId, step: step.key, language: step.language } });
      chime();
      goNext();
    })));
    return;
  }
  default:
    await exerciseScreen(step.kind, step.recording.recordingId, 0, session, { step: step.key, level: step.level, onFinished: goNext });
    document.getElementById('screen').firstChild?.prepend(...header);
  }
}
