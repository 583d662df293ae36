// Calls to the Parlons API: JSON in and out, the CSRF token on changes, errors as exceptions.
let csrfToken = null;

export function setCsrfToken(token) { csrfToken = token; }

export class APIError extends Error {
  constructor(status, code, message, problems) { super(message); this.status = status; this.code = code; this.problems = problems; }
}

export async function api(path, { method = 'GET', body, headers = {} } = {}) {
  const init = { method, headers: { ...headers }, credentials: 'same-origin' };
  if (body instanceof Blob || body instanceof ArrayBuffer) init.body = body;
  else if (body !== undefined) { init.body = JSON.stringify(body); init.headers['Content-Type'] = 'application/json'; }
  if (csrfToken && method !== 'GET') init.headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, init);
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new APIError(response.status, data?.error?.code, data?.error?.message || response.statusText, data?.error?.problems);
  return data;
}
