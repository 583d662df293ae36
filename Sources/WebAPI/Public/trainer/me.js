// Who is signed in on the trainer screens (set once signed in), for the defaults of their forms.
let person = null;

export function setMe(signedIn) { person = signedIn; }

/** The signed-in person (`{ id, role, languages, … }`), or null before sign-in. */
export function me() { return person; }
