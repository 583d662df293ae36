// The words of the spoken labels (the learner screens' few words, and the picture names), in
// French and English. The trainer's labels screen names each label with them too.
export const sharedWords = {
  fr: { listen: 'Écouter', record: 'Enregistrer', stories: 'Mes histoires', scenarios: 'Scénarios', back: 'Retour',
    signout: 'Sortir', play: 'Écouter', pause: 'Pause', stop: 'Arrêter', keep: 'Garder', redo: 'Recommencer', slow: 'Plus lentement',
    share: 'Partager avec mon groupe', private: 'Garder pour moi', group: 'Ton groupe', who: 'Qui es-tu ?', code: 'Tes trois images',
    welcome: 'Bonjour', again: 'Essaie encore', right: 'Bravo', check: 'Vérifier', erase: 'Effacer', space: 'Espace',
    next: 'Suivant', gapfill: 'Trouver le mot', dictation: 'Dictée', repeat: 'Répéter', readalong: 'Lire en écoutant',
    hear: 'Écouter le nom', saved: 'Gardé', waiting: 'En attente du réseau', sent: 'Envoyé', empty: 'Rien ici pour le moment',
    sun: 'soleil', moon: 'lune', tree: 'arbre', flower: 'fleur', house: 'maison', car: 'voiture', fish: 'poisson',
    bird: 'oiseau', cat: 'chat', apple: 'pomme', boat: 'bateau', key: 'clé', mine: 'Mon enregistrement', model: 'Le modèle' },
  en: { listen: 'Listen', record: 'Record', stories: 'My stories', scenarios: 'Scenarios', back: 'Back',
    signout: 'Sign out', play: 'Play', pause: 'Pause', stop: 'Stop', keep: 'Keep', redo: 'Redo', slow: 'Slower',
    share: 'Share with my group', private: 'Keep it to myself', group: 'Your group', who: 'Who are you?', code: 'Your three pictures',
    welcome: 'Hello', again: 'Try again', right: 'Well done', check: 'Check', erase: 'Erase', space: 'Space',
    next: 'Next', gapfill: 'Find the word', dictation: 'Dictation', repeat: 'Repeat', readalong: 'Read along',
    hear: 'Hear the name', saved: 'Kept', waiting: 'Waiting for the network', sent: 'Sent', empty: 'Nothing here yet',
    sun: 'sun', moon: 'moon', tree: 'tree', flower: 'flower', house: 'house', car: 'car', fish: 'fish',
    bird: 'bird', cat: 'cat', apple: 'apple', boat: 'boat', key: 'key', mine: 'My recording', model: 'The model' },
};
