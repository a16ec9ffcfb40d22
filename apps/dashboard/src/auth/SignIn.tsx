import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { useSession } from './session';

const LogIn = graphql(`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) {
      token
      organization {
        name
      }
    }
  }
`);

/** The contract's `logIn`; the token is kept for this browser tab (sessionStorage). */
export function SignIn() {
  const { session, signIn } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [result, logIn] = useMutation(LogIn);
  const [error, setError] = useState<string | null>(null);
  const errorId = useId();
  const email = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (session) navigate(from, { replace: true });
  }, [session, from, navigate]);
  useEffect(() => email.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const organizationSlug = String(form.get('organization') ?? '').trim();
    setError(null);
    const res = await logIn({
      input: {
        email: String(form.get('email') ?? '').trim(),
        password: String(form.get('password') ?? ''),
        ...(organizationSlug ? { organizationSlug } : {}),
      },
    });
    if (res.data?.logIn) {
      signIn({ token: res.data.logIn.token, organizationName: res.data.logIn.organization.name });
    } else {
      const messages = res.error?.graphQLErrors.map((e) => e.message) ?? [];
      setError(
        messages.length
          ? messages.join(' ')
          : `Could not sign in${res.error?.networkError ? ': the server could not be reached' : ''}.`,
      );
    }
  }

  return (
    <main className="sign-in" id="main">
      <form
        className="card sign-in-card"
        onSubmit={submit}
        aria-describedby={error ? errorId : undefined}
      >
        <h1>Throughline</h1>
        <p className="muted">
          Sign in to see how much of the work in flight serves each strategic goal.
        </p>
        <label>
          Email
          <input ref={email} name="email" type="email" autoComplete="username" required />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <label>
          Organization <span className="muted">(only if you belong to several)</span>
          <input name="organization" type="text" autoComplete="organization" />
        </label>
        {error && (
          <p className="state-error" role="alert" id={errorId}>
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={result.fetching}>
          {result.fetching ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
