// The words of the trainer's people screens (groups, learners, kiosks, mentoring, progress), in
// French and English; the language is the one the rest of the client chose.
import { addWords, language } from '../shared/i18n.js';

addWords({
  fr: {
    nav: 'Sections', recordings: 'Enregistrements', groups: 'Groupes', kiosks: 'Bornes', mentoring: 'Parrainages',
    newGroup: 'Nouveau groupe', groupName: 'Nom du groupe', openSignIn: 'Connexion par images ouverte sur tous les écrans',
    create: 'Créer', rename: 'Renommer', save: 'Enregistrer', remove: 'Retirer', delete: 'Supprimer', open: 'Ouvrir',
    progress: 'Progrès', picture: 'Image du groupe', uploadPicture: 'Choisir une photo du groupe (PNG, JPEG, WebP)',
    send: 'Envoyer', members: 'Membres', noMembers: 'Personne pour le moment', addMember: 'Ajouter une personne au groupe',
    add: 'Ajouter', newLearner: 'Nouvel apprenant', signInName: 'Identifiant (lettres, chiffres, . - _)',
    displayName: 'Nom affiché', lang: 'Langue (fr, en, ar…)', avatar: 'Photo (facultative)', role: 'Rôle',
    learner: 'apprenant', trainer: 'formateur', admin: 'administrateur', password: 'Mot de passe (8 caractères au moins)',
    back: 'Retour', person: 'Personne', code: 'Code images', codeHelp: 'Touchez trois images dans l’ordre.',
    codeSet: 'Code défini', noCode: 'Pas de code', saveCode: 'Enregistrer le code', clearCode: 'Effacer le choix',
    locked: 'Bloqué', unlock: 'Débloquer', attempts: 'Tentatives de connexion', none: 'Aucune', ok: 'réussie', failed: 'échouée',
    setPassword: 'Changer le mot de passe', saved: 'Enregistré', created: 'Créé', deleted: 'Supprimé',
    confirmDelete: 'Supprimer « %s » ?', confirmRemove: 'Retirer « %s » du groupe ?', kioskName: 'Nom de la borne',
    kioskGroups: 'Groupes de la borne', idle: 'Déconnexion après (secondes sans activité)',
    makeKiosk: 'Faire de ce navigateur une borne', revoke: 'Révoquer', revoked: 'révoquée', kioskHelp:
      'Le navigateur garde la borne ; vous êtes déconnecté et l’écran de connexion des apprenants s’ouvre.',
    pickGroup: 'Choisissez au moins un groupe', mentor: 'Parrain ou marraine', newcomer: 'Nouvel arrivant',
    endsAt: 'Fin (facultative)', end: 'Terminer maintenant', active: 'en cours', ended: 'terminé', since: 'depuis',
    until: 'jusqu’au', newPair: 'Nouveau parrainage', learners: 'Apprenants', practised: 'Travaillé',
    latest: 'Dernières tentatives', missed: 'Mots les plus manqués', word: 'Mot', missedTimes: 'manqué', closeTimes: 'presque',
    byLearners: 'apprenants', play: 'Écouter « %s »', level: 'niveau', best: 'meilleur', last: 'dernier', nothing: 'Rien pour le moment',
    hasCode: 'code images', noPassword: 'sans mot de passe', gapfill: 'texte à trous', dictation: 'dictée', repeat: 'répéter',
    pictureKey: 'Son image (sans photo, on le reconnaît à elle)', listen: 'écouter', readalong: 'lecture', edit: 'Modifier', choose: 'Choisir…', photoOf: 'Photo de %s', pictureOf: 'Image du groupe %s', tries: 'tentative(s)',
  },
  en: {
    nav: 'Sections', recordings: 'Recordings', groups: 'Groups', kiosks: 'Kiosks', mentoring: 'Mentoring',
    newGroup: 'New group', groupName: 'Group name', openSignIn: 'Picture sign-in open on every screen',
    create: 'Create', rename: 'Rename', save: 'Save', remove: 'Remove', delete: 'Delete', open: 'Open',
    progress: 'Progress', picture: 'Group picture', uploadPicture: 'Choose a photo of the group (PNG, JPEG, WebP)',
    send: 'Upload', members: 'Members', noMembers: 'Nobody yet', addMember: 'Add a person to the group',
    add: 'Add', newLearner: 'New learner', signInName: 'Sign-in name (letters, digits, . - _)',
    displayName: 'Display name', lang: 'Language (fr, en, ar…)', avatar: 'Photo (optional)', role: 'Role',
    learner: 'learner', trainer: 'trainer', admin: 'admin', password: 'Password (at least 8 characters)',
    back: 'Back', person: 'Person', code: 'Picture code', codeHelp: 'Tap three pictures in order.',
    codeSet: 'Code set', noCode: 'No code', saveCode: 'Save the code', clearCode: 'Clear the choice',
    locked: 'Locked', unlock: 'Unlock', attempts: 'Sign-in attempts', none: 'None', ok: 'succeeded', failed: 'failed',
    setPassword: 'Change the password', saved: 'Saved', created: 'Created', deleted: 'Deleted',
    confirmDelete: 'Delete “%s”?', confirmRemove: 'Remove “%s” from the group?', kioskName: 'Kiosk name',
    kioskGroups: 'The kiosk’s groups', idle: 'Sign out after (seconds without activity)',
    makeKiosk: 'Make this browser a kiosk', revoke: 'Revoke', revoked: 'revoked', kioskHelp:
      'The browser keeps the kiosk; you are signed out and the learners’ sign-in screen opens.',
    pickGroup: 'Choose at least one group', mentor: 'Mentor', newcomer: 'Newcomer',
    endsAt: 'End (optional)', end: 'End now', active: 'active', ended: 'ended', since: 'since',
    until: 'until', newPair: 'New mentoring pair', learners: 'Learners', practised: 'Practised',
    latest: 'Latest attempts', missed: 'Words missed most', word: 'Word', missedTimes: 'missed', closeTimes: 'close',
    byLearners: 'learners', play: 'Play “%s”', level: 'level', best: 'best', last: 'last', nothing: 'Nothing yet',
    hasCode: 'picture code', noPassword: 'no password', gapfill: 'gap-fill', dictation: 'dictation', repeat: 'repeat',
    pictureKey: 'Their picture (without a photo, they are known by it)', listen: 'listen', readalong: 'read-along', edit: 'Edit', choose: 'Choose…', photoOf: 'Photo of %s', pictureOf: 'Picture of the group %s', tries: 'attempt(s)',
  },
}, 'people');

/** An action and what it acts on, as an accessible name: "Supprimer : X", "Delete: X". */
export function named(action, name) {
  return language === 'en' ? `${action}: ${name}` : `${action} : ${name}`;
}

/** A date and time, short, in the client's language. */
export function when(iso) {
  return iso ? new Date(iso).toLocaleString(language === 'en' ? 'en-GB' : 'fr-FR', { dateStyle: 'short', timeStyle: 'short' }) : '';
}
