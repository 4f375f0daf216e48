// The GraphiQL playground the API serves at GET /graphql: bundled (monaco and its workers included),
// so it works without a CDN. A pasted token becomes the Authorization header.
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import { StrictMode, useMemo, useState, type ComponentProps } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import { SESSION_STORAGE_KEY } from '../auth/session-store';
import './playground.css';

type Fetcher = ComponentProps<typeof GraphiQL>['fetcher'];

const TOKEN_KEY = 'maestro.playground.token';

const DEFAULT_QUERY = `# Maestro Messaging API. Log in, paste the token above, then run:
#
#   mutation { login(username: "admin", password: "…") { token expiresAt } }
#
query Me {
  me {
    companyName
    user { username role }
  }
}
`;

/** The token of this tab's add-in session, if there is one: the playground can use it at once. */
function initialToken(): string {
  const own = window.sessionStorage.getItem(TOKEN_KEY);
  if (own !== null) return own;
  try {
    return (JSON.parse(window.sessionStorage.getItem(SESSION_STORAGE_KEY) ?? 'null') as { token?: string } | null)?.token ?? '';
  } catch {
    return '';
  }
}

export function createFetcher(token: string, language: string): Fetcher {
  return async (params, options) => {
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        // Apollo Server's CSRF prevention refuses requests without it.
        'apollo-require-preflight': 'true',
        'accept-language': language,
        ...(token.trim() ? { authorization: `Bearer ${token.trim()}` } : {}),
        ...(options?.headers ?? {}),
      },
      body: JSON.stringify(params),
    });
    return response.json();
  };
}

function Playground() {
  const [token, setToken] = useState(initialToken);
  const [language, setLanguage] = useState('fi');
  const fetcher = useMemo(() => createFetcher(token, language), [token, language]);

  return (
    <div className="playground">
      <header className="playground-bar">
        <a href="/">Maestro Messaging</a>
        <label>
          Token (Authorization: Bearer)
          <input
            type="password"
            autoComplete="off"
            spellCheck={false}
            placeholder="login-token or service key"
            value={token}
            onChange={(e) => {
              setToken(e.target.value);
              window.sessionStorage.setItem(TOKEN_KEY, e.target.value);
            }}
          />
        </label>
        <label>
          Accept-Language
          <select value={language} onChange={(e) => setLanguage(e.target.value)}>
            <option value="fi">fi</option>
            <option value="en">en</option>
          </select>
        </label>
        <span className="playground-note">apollo-require-preflight: true</span>
      </header>
      <div className="playground-editor">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
      </div>
    </div>
  );
}

const root = document.getElementById('playground');
if (!root) throw new Error('playground.html has no #playground element');
createRoot(root).render(
  <StrictMode>
    <Playground />
  </StrictMode>,
);
