// The access token: taken from `?token=` once (then removed from the address bar), kept in localStorage.
const KEY = 'streamloom.token';

export function readToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function saveToken(token: string): void {
  try {
    localStorage.setItem(KEY, token);
  } catch {
    // private mode: the token lives for this page only
  }
  memory = token;
}

export function clearToken(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // ignore
  }
  memory = null;
}

let memory: string | null = null;

/** The token to use now. */
export function currentToken(): string | null {
  return memory ?? readToken();
}

/** Moves `?token=` from the URL into storage, leaving the rest of the address as it was. */
export function adoptTokenFromUrl(location: Location = window.location, history: History = window.history): void {
  const url = new URL(location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  if (token.trim() !== '') saveToken(token.trim());
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
