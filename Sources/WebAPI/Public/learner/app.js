// The learner app (at / and, full screen with bigger buttons, at /kiosk): who is signed in, the
// home screen, and which screen each address (#/…) shows. Every screen that waits for the learner
// says what it is for; where the browser keeps sound until a first touch, a big button asks for it.
import { api, setCsrfToken } from '../shared/api.js';
import { language, t } from '../shared/i18n.js';
import { playerScreen } from './player.js';
import { exerciseScreen } from './exercises.js';
import { recordScreen } from './record.js';
import { scenarioList, scenarioScreen } from './scenario.js';
import { signIn } from './signin.js';
import { listScreen } from './stories.js';
import { onSoundBlocked, sayLabel, sayThen, softTone, unlockSound, useLabelsOf } from '../shared/sound.js';
import { actions, bigButton, el, failureStatus, icon, markWaiting, picture, roundButton, show, status, stillHere } from '../shared/ui.js';
import { flush, pending } from './uploads.js';
import { keepAwake } from './kiosk.js';
import { meScreen } from './me.js';

const kiosk = location.pathname === '/kiosk';
document.body.classList.toggle('kiosk', kiosk);
// A kiosk's screen stays on all day, its sign-in screen included: the next learner finds it lit.
if (kiosk) keepAwake();
let session = null;

// A phone keeps sound until the first touch: a screen-wide button asks for it, then says what was missed.
onSoundBlocked((retry) => {
  if (document.getElementById('touch')) return;
  const touch = el('button', { type: 'button', id: 'touch', class: 'touch', 'aria-label': t('touch'), 'data-label': 'touch',
    onclick: () => { unlockSound(); touch.remove(); retry(); } }, icon('speaker'));
  document.body.append(touch);
  touch.focus();
});

async function start() {
  try {
    signedIn(await api('/api/auth/me'));
  } catch (error) {
    // Signed out, or the network is down (then the sign-in screen shows from what this device kept).
    if (error.status && error.status !== 401) throw error;
    await signIn(signedIn);
  }
}

function signedIn(answer) {
  setCsrfToken(answer.csrfToken);
  session = { ...answer, language: answer.person.languages[0] || 'fr' };
  useLabelsOf(session.language);
  const bar = document.getElementById('bar');
  bar.hidden = false;
  showFace();
  document.getElementById('who').setAttribute('aria-label', t('choose'));
  document.getElementById('back').setAttribute('aria-label', t('back'));
  document.getElementById('signout').setAttribute('aria-label', t('signout'));
  if (kiosk) { watchIdle(answer.kiosk?.idleSeconds ?? 180); keepAwake(); }
  sendWaiting();
  route(true);
}

/** The learner's face in the bar: it opens their own screen (their picture, their spoken name). */
function showFace() {
  document.getElementById('who').replaceChildren(picture(session.person.avatar, session.person.avatarUrl));
}

async function signOut() {
  await api('/api/auth/signout', { method: 'POST' }).catch(() => {});
  session = null;
  document.getElementById('bar').hidden = true;
  useLabelsOf(language);
  history.replaceState(null, '', location.pathname + location.search);
  show(el('div', { class: 'row done-all' }, icon('signout')));
  await sayThen('signout');
  await signIn(signedIn);
}

/** On a kiosk, a learner who walks away is signed out so the next one starts clean. */
let idleTimer, idleSeconds, active = false;
const recording = () => document.body.classList.contains('recording');
const resetIdle = () => {
  active = true;
  clearTimeout(idleTimer);
  // Telling a long story is not being idle: the kiosk waits for the recording to end.
  if (session) idleTimer = setTimeout(() => (recording() ? resetIdle() : signOut()), idleSeconds * 1000);
};
function watchIdle(seconds) {
  if (idleSeconds == null) {
    for (const type of ['pointerdown', 'keydown']) addEventListener(type, resetIdle);
    document.addEventListener('pointerdown', () => { if (!document.fullscreenElement) document.documentElement.requestFullscreen?.().catch(() => {}); }, { once: true });
    // The server ends a kiosk session after its idle time without a request; a learner busy on
    // screens that ask the server nothing (or recording) keeps it alive with a light request.
    setInterval(() => {
      if (session && (active || recording())) api('/api/auth/me').catch(() => {});
      active = false;
    }, (seconds * 1000) / 3);
  }
  idleSeconds = seconds;
  resetIdle();
}

/** Uploads what was recorded while offline; shows how many still wait. */
async function sendWaiting() {
  if (!session) return;
  const left = await flush(session.person.id);
  document.body.classList.toggle('offline', left > 0);
  status(left > 0 ? `⏳ ${left}` : '');
}
addEventListener('online', sendWaiting);
// `online` is not always told (a captive portal, a flaky link): try again every half minute too.
setInterval(() => { if (document.body.classList.contains('offline')) sendWaiting(); }, 30000);

function home(greet) {
  show(el('h1', { class: 'sr' }, 'Parlons'),
    el('nav', { class: 'grid home', 'aria-label': 'Parlons' },
      bigButton({ label: 'listen', className: 'listen', image: icon('listen'), onClick: () => go('#/listen') }),
      bigButton({ label: 'record', className: 'record', image: icon('record'), onClick: () => go('#/record') }),
      bigButton({ label: 'stories', className: 'stories', image: icon('stories'), onClick: () => go('#/stories') }),
      bigButton({ label: 'scenarios', className: 'scenarios', image: icon('scenarios'), onClick: () => go('#/scenarios') })));
  if (greet) sayLabel('welcome', 'home'); else sayLabel('home');
}

export function go(hash) { location.hash = hash; }

async function route(greet = false) {
  if (!session) return;
  const [, screen, id, segment] = location.hash.split('/');
  const here = stillHere();
  markWaiting();
  try {
    if (!screen) home(greet === true);
    else if (screen === 'listen') await listScreen(false, session);
    else if (screen === 'stories') await listScreen(true, session, await pending(session.person.id), sendWaiting);
    else if (screen === 'record') recordScreen({ session, onKept: () => go('#/stories') });
    else if (screen === 'play') await playerScreen(id, session);
    else if (screen === 'scenarios') await scenarioList();
    else if (screen === 'me') meScreen(session, showFace);
    else if (screen === 'scenario') await scenarioScreen(id, segment, session);
    else await exerciseScreen(screen, id, Number(segment || 0), session);
  } catch (error) {
    // A screen left before it was made is no failure.
    if (!here()) return;
    if (error.status === 401) return signOut();
    // The screen could not be made: a cross on red says so (and aloud), with "again" and home.
    show(el('h1', { class: 'sr' }, t('error')),
      el('div', { class: 'row done-all' }, el('span', { class: 'done-mark failed' }, icon('fail'))),
      actions(roundButton('again', 'redo', 'listen', () => route()), roundButton('home', 'back', 'ok', () => go('#/'))));
    failed(error);
  }
}

/** Anything that did not work is heard ("that did not work") as well as shown (for a trainer to read). */
function failed(error) {
  if (error?.status === 401 && session) { signOut(); return; }
  softTone();
  failureStatus(error);
  setTimeout(() => status(''), 4000);
  sayLabel('error');
}
// A button whose request fails (share, withdraw, keep…) is no silent dead end either. A play()
// cut short by a pause, or refused before a first touch (the touch screen asks for that), is no failure.
const MEDIA_HICCUPS = ['AbortError', 'NotAllowedError', 'NotSupportedError'];
addEventListener('unhandledrejection', (event) => {
  if (event.reason instanceof DOMException && MEDIA_HICCUPS.includes(event.reason.name)) return;
  event.preventDefault();
  failed(event.reason);
});

addEventListener('hashchange', () => route());
// The offline shell: the pages, scripts, pictures and labels kept so a kiosk starts without the network.
if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});
document.getElementById('back').addEventListener('click', () => (location.hash.length > 2 ? history.back() : home()));
document.getElementById('signout').addEventListener('click', signOut);
document.getElementById('who').addEventListener('click', () => go('#/me'));
start();
