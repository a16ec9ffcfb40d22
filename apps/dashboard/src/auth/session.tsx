import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

/** The signed-in session: the token lives in sessionStorage, so it ends with the browser tab. */
export interface Session {
  token: string;
  organizationName: string;
}

const STORAGE_KEY = 'throughline.session';

export function readSession(storage: Storage = sessionStorage): Session | null {
  try {
    const raw = storage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<Session>;
    return typeof parsed.token === 'string' && parsed.token
      ? { token: parsed.token, organizationName: parsed.organizationName ?? '' }
      : null;
  } catch {
    return null;
  }
}

interface SessionState {
  session: Session | null;
  signIn(session: Session): void;
  signOut(): void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({
  children,
  initial = readSession(),
}: {
  children: ReactNode;
  initial?: Session | null;
}) {
  const [session, setSession] = useState<Session | null>(initial);
  const signIn = useCallback((next: Session) => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setSession(next);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);
  const value = useMemo(() => ({ session, signIn, signOut }), [session, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (!state) throw new Error('useSession needs a SessionProvider');
  return state;
}
