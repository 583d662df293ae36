// The words of the spoken labels (the learner screens' few words, and the picture names), in
// French and English. They are accessible names and the trainer's labels screen names each label
// with them; a learner hears the clip, never needs the word.
export const sharedWords = {
  fr: { listen: 'Écouter', record: 'Enregistrer', stories: 'Mes histoires', scenarios: 'Scénarios', back: 'Retour',
    signout: 'Sortir', play: 'Écouter', pause: 'Pause', stop: 'Arrêter', keep: 'Garder', redo: 'Recommencer', slow: 'Plus lentement',
    share: 'Partager avec mon groupe', private: 'Garder pour moi', group: 'Ton groupe', who: 'Qui es-tu ?', code: 'Tes trois images',
    welcome: 'Bonjour', again: 'Essaie encore', right: 'Bravo', check: 'Vérifier', erase: 'Effacer', space: 'Espace',
    next: 'Suivant', gapfill: 'Trouver le mot', dictation: 'Dictée', repeat: 'Répéter', readalong: 'Lire en écoutant',
    hear: 'Écouter le nom', saved: 'Gardé', waiting: 'En attente du réseau', sent: 'Envoyé', empty: 'Rien ici pour le moment',
    sun: 'soleil', moon: 'lune', tree: 'arbre', flower: 'fleur', house: 'maison', car: 'voiture', fish: 'poisson',
    bird: 'oiseau', cat: 'chat', apple: 'pomme', boat: 'bateau', key: 'clé', mine: 'Mon enregistrement', model: 'Le modèle',
    home: 'Que veux-tu faire ?', speak: 'Touche le bouton rouge et parle', review: 'Écoute, garde ou recommence',
    picture: 'Choisis une image pour ton histoire', shared: 'Partagé avec ton groupe', unshare: 'Ne plus partager',
    withdraw: 'Effacer pour toujours', confirm: 'Effacer cette histoire pour toujours ?', withdrawn: 'Effacé',
    error: 'Ça n’a pas marché', talk: 'Parle avec ton groupe', done: 'Tu as tout fini', rightword: 'Le bon mot',
    choose: 'Choisis ton image', name: 'Dis ton prénom', others: 'Les histoires des autres', touch: 'Touche pour commencer',
    caravan: 'caravane', school: 'école', person: 'personne', man: 'homme', woman: 'femme', 'p-bald': 'chauve',
    'p-beard': 'barbe', 'p-braids': 'tresses', 'p-bun': 'chignon', 'p-cap': 'casquette', 'p-curly': 'cheveux frisés',
    'p-glasses': 'lunettes', 'p-hat': 'chapeau', 'p-headband': 'bandeau', 'p-long': 'cheveux longs', 'p-moustache': 'moustache',
    'p-scarf': 'foulard',
    'exchange-today': 'Dernier échange avec le centre : aujourd’hui', 'exchange-nights': 'Dernier échange avec le centre : il y a quelques jours',
    'exchange-long': 'Dernier échange avec le centre : il y a longtemps', 'exchange-never': 'Pas encore d’échange avec le centre',
    'exchange-waiting': 'Des choses attendent de partir', 'exchange-onway': 'C’est parti, pas encore arrivé',
    'exchange-done': 'Tout est arrivé' },
  en: { listen: 'Listen', record: 'Record', stories: 'My stories', scenarios: 'Scenarios', back: 'Back',
    signout: 'Sign out', play: 'Play', pause: 'Pause', stop: 'Stop', keep: 'Keep', redo: 'Redo', slow: 'Slower',
    share: 'Share with my group', private: 'Keep it to myself', group: 'Your group', who: 'Who are you?', code: 'Your three pictures',
    welcome: 'Hello', again: 'Try again', right: 'Well done', check: 'Check', erase: 'Erase', space: 'Space',
    next: 'Next', gapfill: 'Find the word', dictation: 'Dictation', repeat: 'Repeat', readalong: 'Read along',
    hear: 'Hear the name', saved: 'Kept', waiting: 'Waiting for the network', sent: 'Sent', empty: 'Nothing here yet',
    sun: 'sun', moon: 'moon', tree: 'tree', flower: 'flower', house: 'house', car: 'car', fish: 'fish',
    bird: 'bird', cat: 'cat', apple: 'apple', boat: 'boat', key: 'key', mine: 'My recording', model: 'The model',
    home: 'What would you like to do?', speak: 'Touch the red button and speak', review: 'Listen, keep or redo',
    picture: 'Choose a picture for your story', shared: 'Shared with your group', unshare: 'Stop sharing',
    withdraw: 'Delete for good', confirm: 'Delete this story for good?', withdrawn: 'Deleted',
    error: 'That did not work', talk: 'Talk with your group', done: 'You finished it all', rightword: 'The right word',
    choose: 'Choose your picture', name: 'Say your name', others: 'Other people’s stories', touch: 'Touch to start',
    caravan: 'caravan', school: 'school', person: 'person', man: 'man', woman: 'woman', 'p-bald': 'bald',
    'p-beard': 'beard', 'p-braids': 'braids', 'p-bun': 'bun', 'p-cap': 'cap', 'p-curly': 'curly hair',
    'p-glasses': 'glasses', 'p-hat': 'hat', 'p-headband': 'headband', 'p-long': 'long hair', 'p-moustache': 'moustache',
    'p-scarf': 'headscarf',
    'exchange-today': 'Last exchange with the centre: today', 'exchange-nights': 'Last exchange with the centre: a few days ago',
    'exchange-long': 'Last exchange with the centre: a long time ago', 'exchange-never': 'No exchange with the centre yet',
    'exchange-waiting': 'Things are waiting to go', 'exchange-onway': 'Sent, not arrived yet',
    'exchange-done': 'Everything has arrived' },
};

// The dictation keyboard's keys, each a spoken label too (`letter-a`, `letter-eacute`…): named for the trainer's labels screen.
const LETTERS = { eacute: 'é', egrave: 'è', agrave: 'à', ccedil: 'ç', apostrophe: '’', hyphen: '-' };
for (const letter of [...'abcdefghijklmnopqrstuvwxyz', ...Object.keys(LETTERS)]) {
  sharedWords.fr[`letter-${letter}`] = `Lettre ${LETTERS[letter] ?? letter}`;
  sharedWords.en[`letter-${letter}`] = `Letter ${LETTERS[letter] ?? letter}`;
}

/** The people pictures a learner without a photo is shown by (chosen by their trainer or themselves). */
export const peoplePictures = ['p-scarf', 'p-cap', 'p-glasses', 'p-beard', 'p-bun', 'p-curly', 'p-hat', 'p-braids', 'p-bald',
  'p-long', 'p-headband', 'p-moustache'];

/** The pictures a story can be given when it is kept. */
export const storyPictures = ['house', 'caravan', 'tree', 'flower', 'sun', 'moon', 'car', 'boat', 'fish', 'bird', 'apple', 'key'];
