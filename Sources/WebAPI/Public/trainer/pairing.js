// Pairing a group with another server (a camp's Parlons and the centre's), from the trainer
// screens: on the group's screen, its trainer starts the pairing and reads the code off (shown
// once); on the other server, its admin enters the group's id and the code. Then the group syncs
// (USB bundles, `parlons sync`), and the card says when it last did and what waits to go.
import { addWords, language, t } from '../shared/i18n.js';
import { api } from '../shared/api.js';
import { el } from '../shared/ui.js';
import { button, field, form, input, say } from './forms.js';

addWords({
  fr: {
    title: 'Jumelage avec un autre serveur', none: 'Ce groupe n’est jumelé avec aucun autre serveur (le Parlons d’un camp, ou celui du centre).',
    start: 'Jumeler ce groupe', unavailable: 'Cette base de données ne peut pas encore se synchroniser (seule la base intégrée le peut).',
    codeIntro: 'Sur l’autre serveur, un administrateur entre ces deux lignes (Groupes → Rejoindre le groupe d’un autre serveur). Le code n’est montré qu’une fois.',
    groupId: 'Identifiant du groupe', code: 'Code de jumelage', pairedAt: 'Jumelé le %s.', never: 'Aucun échange encore.',
    last: 'Dernier échange : %s.', waiting: 'Éléments en attente de départ : %s.', nothingWaits: 'Rien n’attend de partir.',
    unconfirmed: 'Le dernier envoi n’a pas encore été confirmé par l’autre serveur.',
    joinTitle: 'Rejoindre le groupe d’un autre serveur', joinIntro: 'Entrez l’identifiant du groupe et le code montrés sur l’autre serveur. Le groupe et ses personnes arrivent avec le premier échange.',
    join: 'Jumeler', joined: 'Jumelé. Le groupe arrivera avec le premier échange.',
  },
  en: {
    title: 'Pairing with another server', none: 'This group is not paired with another server (a camp’s Parlons, or the centre’s).',
    start: 'Pair this group', unavailable: 'This database cannot sync yet (only the embedded one can).',
    codeIntro: 'On the other server, an admin enters these two lines (Groups → Join another server’s group). The code is shown only once.',
    groupId: 'Group id', code: 'Pairing code', pairedAt: 'Paired on %s.', never: 'No exchange yet.',
    last: 'Last exchange: %s.', waiting: 'Items waiting to go: %s.', nothingWaits: 'Nothing waits to go.',
    unconfirmed: 'The other server has not confirmed the last sending yet.',
    joinTitle: 'Join another server’s group', joinIntro: 'Enter the group id and the code shown on the other server. The group and its people arrive with the first exchange.',
    join: 'Pair', joined: 'Paired. The group arrives with the first exchange.',
  },
}, 'pairing');

const when = (iso) => new Date(iso).toLocaleString(language, { dateStyle: 'long', timeStyle: 'short' });

/** A line to copy, in a read-only field that selects itself when focused. */
function copyable(label, value) {
  return field(label, input({ value, readonly: true, class: 'copy', onfocus: (event) => event.target.select() }));
}

/** The group's pairing card: how it stands, or a button to start one. */
export async function pairingCard(group) {
  const card = el('section', { class: 'card pairing', 'aria-labelledby': 'pairing-title' });
  async function fill() {
    const state = await api(`/api/groups/${group.id}/sync`).catch(() => null);
    // Not this trainer's to pair (a group they only belong to): no card.
    if (!state) { card.hidden = true; return; }
    const title = el('h2', { id: 'pairing-title' }, t('pairing.title'));
    if (!state.available) { card.replaceChildren(title, el('p', {}, t('pairing.unavailable'))); return; }
    if (!state.paired) {
      card.replaceChildren(title, el('p', {}, t('pairing.none')), el('p', {}, button(t('pairing.start'), async () => {
        const { code } = await api(`/api/groups/${group.id}/sync`, { method: 'POST' });
        await fill();
        card.append(el('p', {}, t('pairing.codeIntro')), copyable(t('pairing.groupId'), group.id), copyable(t('pairing.code'), code));
        [...card.querySelectorAll('input.copy')].pop()?.focus();
      })));
      return;
    }
    card.replaceChildren(title, el('p', {}, t('pairing.pairedAt', when(state.pairedAt))),
      el('p', {}, state.lastExchangeAt ? t('pairing.last', when(state.lastExchangeAt)) : t('pairing.never')),
      el('p', {}, state.waiting > 0 ? t('pairing.waiting', state.waiting) : t('pairing.nothingWaits')),
      ...(state.unconfirmed ? [el('p', {}, t('pairing.unconfirmed'))] : []));
  }
  await fill();
  return card;
}

/** For an admin: pairs this server with a group another server showed the code of. */
export function joinPairingForm() {
  const groupId = input({ required: true, autocomplete: 'off', spellcheck: 'false', name: 'groupId' });
  const code = input({ required: true, autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', name: 'code' });
  return form({ class: 'card join-pairing', 'aria-label': t('pairing.joinTitle') }, async () => {
    await api('/api/sync-pairings', { method: 'POST', body: { groupId: groupId.value.trim(), code: code.value } });
    groupId.value = ''; code.value = '';
    say(t('pairing.joined'));
  }, el('h2', {}, t('pairing.joinTitle')), el('p', {}, t('pairing.joinIntro')), field(t('pairing.groupId'), groupId), field(t('pairing.code'), code),
  el('p', {}, el('button', { class: 'text', type: 'submit' }, t('pairing.join'))));
}
