// The scenario player: the scenarios as pictures that say their title (a check on those done),
// then one step at a time with progress dots, resuming where the learner stopped. Every step is
// heard: its prompt, else a label saying what to do (a talk step without a prompt says "talk with
// your group"). Record steps keep the learner's answer, private, and play it back on the step when
// the learner comes back to it; the literacy steps open the exercise screens with the step's key,
// so their attempts count for the scenario.
import { api } from '../shared/api.js';
import { t } from '../shared/i18n.js';
import { exerciseScreen } from './exercises.js';
import { playerScreen } from './player.js';
import { recordScreen } from './record.js';
import { mineButton } from './stories.js';
import { chime, load, sayLabel } from '../shared/sound.js';
import { actions, bigButton, el, icon, roundButton, show, stillHere } from '../shared/ui.js';

const speaker = new Audio();
async function play(opusURL) {
  await load(speaker, opusURL);
  speaker.currentTime = 0;
  return speaker.play().catch(() => {});
}

export async function scenarioList() {
  const here = stillHere();
  const { scenarios } = await api('/api/scenarios');
  // Whether each is done: its progress, asked for each (a handful of scenarios).
  const progress = await Promise.all(scenarios.map((scenario) => api(`/api/scenarios/${scenario.slug}`)
    .then((full) => full.progress).catch(() => null)));
  if (!here()) return;
  show(el('h1', { class: 'sr' }, t('scenarios')),
    scenarios.length === 0 ? el('div', { class: 'row empty' }, bigButton({ label: 'empty', className: 'plain', image: icon('scenarios'),
      onClick: () => sayLabel('empty') })) : null,
    el('div', { class: 'grid', role: 'list' }, scenarios.map((scenario, index) => {
      const done = progress[index] && progress[index].total > 0 && progress[index].done >= progress[index].total;
      return el('div', { role: 'listitem', 'data-slug': scenario.slug, 'data-done': done ? 'true' : 'false' },
        bigButton({ label: 'scenarios', name: scenario.title, className: 'scenarios', caption: true,
          image: scenario.picture ? el('img', { src: scenario.picture, alt: '' }) : icon('scenarios'),
          speak: scenario.spokenTitle ? () => play(scenario.spokenTitle) : undefined,
          extra: done ? el('span', { class: 'badge done', 'aria-hidden': 'true' }, icon('check')) : null,
          onClick: () => { location.hash = `#/scenario/${scenario.slug}`; } }));
    })));
  sayLabel(scenarios.length ? 'scenarios' : 'empty');
}

/** One scenario at the step `stepId`, or where the learner stopped. */
export async function scenarioScreen(slug, stepId, session) {
  const here = stillHere();
  const scenario = await api(`/api/scenarios/${slug}`);
  if (!here()) return;
  const steps = scenario.steps;
  const step = steps.find((candidate) => candidate.id === stepId) ?? steps.find((candidate) => candidate.id === scenario.progress?.next);
  const dots = el('div', { class: 'dots', role: 'img', 'aria-label': `${scenario.progress?.done ?? 0} / ${steps.length}` },
    steps.map((candidate) => el('span', { class: [candidate.completed ? 'on' : '', candidate === step ? 'current' : ''].join(' ') })));
  if (!step) {
    // Every step done: a chime, the picture, a check on green, and back to the list.
    chime();
    show(el('h1', { class: 'sr' }, scenario.scenario.title), dots,
      el('div', { class: 'row done-all' }, scenario.scenario.picture ? el('img', { class: 'scene', src: scenario.scenario.picture, alt: '' }) : null,
        el('span', { class: 'done-mark' }, icon('check'))),
      actions(roundButton('scenarios', 'scenarios', 'scenarios', () => { location.hash = '#/scenarios'; })));
    sayLabel('done');
    return;
  }
  const next = steps[steps.indexOf(step) + 1];
  const goNext = () => { location.hash = next ? `#/scenario/${slug}/${next.id}` : `#/scenario/${slug}/end`; };
  const markDone = async (body) => {
    await api(`/api/scenarios/${slug}/steps/${step.id}/done`, { method: 'POST', body });
    chime();
    goNext();
  };
  const hearPrompt = step.prompt ? roundButton('play', 'play', 'listen', () => play(step.prompt.opus))
    : roundButton('hear', 'speaker', 'listen', () => sayLabel(step.kind === 'talk' ? 'talk' : 'next'));
  const header = [el('h1', { class: 'sr' }, `${scenario.scenario.title} — ${steps.indexOf(step) + 1}`), dots];
  switch (step.kind) {
  case 'listen':
  case 'talk':
    show(...header, el('div', { class: 'row' }, hearPrompt, step.kind === 'talk' ? el('span', { class: 'talk-mark' }, icon('stories')) : null),
      step.text ? el('p', { class: 'text' }, step.text) : null,
      actions(roundButton('next', 'next', 'ok', () => markDone())));
    if (step.prompt) play(step.prompt.opus); else sayLabel(step.kind === 'talk' ? 'talk' : 'next');
    return;
  case 'record': {
    // One's answer is kept under its step (never among one's stories): heard again here, beside the question.
    const answer = step.answer ? mineButton(session, () => play(`/media/${step.answer}.opus`)) : null;
    if (answer) answer.dataset.take = step.answer;
    recordScreen({ session, prompt: el('div', {}, ...header, el('div', { class: 'row' }, hearPrompt, answer)), practice: true, label: step.prompt ? null : 'speak',
      onKept: (recording) => (recording ? markDone({ recording: recording.id }) : goNext()) });
    if (step.prompt) play(step.prompt.opus);
    return;
  }
  case 'read-along': {
    if (!(await playerScreen(step.recording.recordingId, session))) return;
    const screen = document.getElementById('screen');
    screen.prepend(...header);
    screen.append(actions(roundButton('next', 'next', 'ok', async () => {
      await api('/api/attempts', { method: 'POST', body: { kind: 'read-along', recordingId: step.recording.recordingId, step: step.key, language: step.language } });
      chime();
      goNext();
    })));
    sayLabel('readalong');
    return;
  }
  default:
    if (!(await exerciseScreen(step.kind, step.recording.recordingId, 0, session, { step: step.key, level: step.level, onFinished: goNext }))) return;
    document.getElementById('screen').firstChild?.prepend(...header);
  }
}
