import { useState } from 'react';

/** Asked when there is no token or the server refused it: never a blank page. */
export function TokenPage({ message, onSubmit }: { message: string | null; onSubmit(token: string): Promise<string | null> }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <div className="token-page" data-testid="token-page">
      <form
        className="token-card"
        aria-label="Access token"
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError(await onSubmit(token.trim()));
          setBusy(false);
        }}
      >
        <div className="brand big">
          <svg width="30" height="30" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M3 7c4 0 5 10 9 10s5-10 9-10" fill="none" stroke="var(--accent)" strokeWidth="2.4" strokeLinecap="round" />
            <path d="M3 17c4 0 5-10 9-10s5 10 9 10" fill="none" stroke="var(--accent-2)" strokeWidth="2.4" strokeLinecap="round" opacity="0.8" />
          </svg>
          <span>Streamloom</span>
        </div>
        <h1>Enter your access token</h1>
        <p className="muted">
          The server printed a link with the token when it started (<code>http://127.0.0.1:4100/?token=…</code>). Open that link, or paste
          the token here. It is also kept in the server’s data directory.
        </p>
        {message && (
          <div className="field-error" role="alert" data-testid="token-message">
            {message}
          </div>
        )}
        <input
          className="input"
          type="password"
          autoFocus
          autoComplete="off"
          placeholder="token"
          aria-label="Token"
          data-testid="token-input"
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        {error && (
          <div className="field-error" role="alert" data-testid="token-error">
            {error}
          </div>
        )}
        <button type="submit" className="btn primary" disabled={busy || token === ''} data-testid="token-submit">
          {busy ? 'Checking…' : 'Open the editor'}
        </button>
      </form>
    </div>
  );
}
