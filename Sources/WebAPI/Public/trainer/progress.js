// Trainer screen for a group's progress: per learner what they practised (level, best and last
// score per kind) and their latest attempts; the words most missed across the group, each
// playable from a recording where a learner missed it.
import { t } from '../shared/i18n.js';
import { api } from '../shared/api.js';
import { playSlice, watchStop } from '../shared/sound.js';
import { el, show } from '../shared/ui.js';
import { named, when } from './words.js';
import { avatar, button, heading } from './forms.js';

const kindWord = { 'gap-fill': 'gapfill', dictation: 'dictation', repeat: 'repeat', listen: 'listen', 'read-along': 'readalong' };
const fold = (word) => word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[’'\-.,;:!?«»"]/g, '');

export async function groupProgressScreen(id) {
  const [progress, members] = await Promise.all([api(`/api/groups/${id}/progress`), api(`/api/groups/${id}/members`)]);
  const photos = new Map(members.map((person) => [person.id, person.avatarUrl]));
  progress.learners.forEach((learner) => { learner.avatarUrl = photos.get(learner.id); });
  const audio = el('audio', { preload: 'none' });
  watchStop(audio);
  const examples = await missedExamples(progress);
  show(heading(named(t('people.progress'), progress.group.name), `#/group/${id}`), audio,
    el('section', { 'aria-labelledby': 'learners-title' }, el('h2', { id: 'learners-title' }, t('people.learners')),
      el('ul', { class: 'cards progress' }, progress.learners.length ? progress.learners.map((learner) => learnerCard(learner, progress))
        : el('li', {}, t('people.nothing')))),
    el('section', { 'aria-labelledby': 'missed-title' }, el('h2', { id: 'missed-title' }, t('people.missed')),
      el('ul', { class: 'cards missed' }, progress.missedWords.length ? progress.missedWords.map((missed) => {
        const example = examples.get(`${missed.language}:${fold(missed.word)}`);
        return el('li', { class: 'card', 'data-word': missed.word },
          el('span', { class: 'name', lang: missed.language }, missed.word),
          el('span', { class: 'tags' }, `${t('people.missedTimes')} ${missed.missed} · ${t('people.closeTimes')} ${missed.close} · ${missed.learners} ${t('people.byLearners')}`),
          example ? el('span', { class: 'actions' }, button('▶', () => playSlice(audio, example),
            { class: 'text play', 'aria-label': t('people.play', missed.word), 'data-start': example.startMs, 'data-end': example.endMs })) : null);
      }) : el('li', {}, t('people.nothing')))));
}

function learnerCard(learner, progress) {
  const attempts = progress.recentAttempts.filter((attempt) => attempt.personId === learner.id).slice(0, 5);
  return el('li', { class: 'card learner', 'data-person': learner.id }, avatar(learner),
    el('a', { href: `#/person/${learner.id}`, class: 'name' }, learner.displayName),
    el('span', { class: 'tags' }, `${learner.attempts} ${t('people.tries')}${learner.lastAttemptAt ? ` · ${when(learner.lastAttemptAt)}` : ''}`),
    el('div', { class: 'detail' },
      el('h3', {}, t('people.practised')),
      el('ul', { class: 'plain' }, learner.recordings.length ? learner.recordings.map((entry) => el('li', {},
        `${entry.title ?? '…'}${entry.step ? ` (${entry.step})` : ''} · ${t('people.level')} ${entry.level}`,
        entry.scores.map((score) => ` · ${t(`people.${kindWord[score.kind] ?? score.kind}`)}${score.best != null ? ` ${t('people.best')} ${score.best} / ${t('people.last')} ${score.last}` : ` ×${score.attempts}`}`)))
        : el('li', {}, t('people.nothing'))),
      el('h3', {}, t('people.latest')),
      el('ul', { class: 'plain' }, attempts.length ? attempts.map((attempt) => el('li', {},
        `${when(attempt.createdAt)} · ${t(`people.${kindWord[attempt.kind] ?? attempt.kind}`)} · ${attempt.title ?? '…'}${attempt.score != null ? ` · ${attempt.score} %` : ''}`))
        : el('li', {}, t('people.nothing')))));
}

/**
 * Where each missed word can be heard: the group's latest scored attempts say which word of which
 * phrase was missed; the recording's read-along gives that word's slice.
 */
async function missedExamples(progress) {
  const wanted = new Set(progress.missedWords.map((missed) => `${missed.language}:${fold(missed.word)}`));
  const found = new Map();
  const scored = progress.recentAttempts.filter((attempt) => attempt.score != null).slice(0, 20);
  const details = await Promise.all(scored.map((attempt) => api(attempt.url).catch(() => null)));
  const readAlongs = new Map();
  for (const attempt of details) {
    if (!attempt || attempt.segment == null) continue;
    for (const mark of attempt.marks) {
      const key = `${attempt.language}:${fold(mark.expected ?? '')}`;
      if (!['wrong', 'missing'].includes(mark.mark) || !wanted.has(key) || found.has(key)) continue;
      const address = `/api/recordings/${attempt.recordingId}/exercises/read-along?lang=${encodeURIComponent(attempt.language)}`;
      if (!readAlongs.has(address)) readAlongs.set(address, await api(address).catch(() => null));
      const word = readAlongs.get(address)?.segments.find((each) => each.index === attempt.segment)?.words.find((each) => each.index === mark.word);
      if (word && fold(word.text) === fold(mark.expected)) found.set(key, word.audio);
    }
  }
  return found;
}
