import { lazy, Suspense, useMemo } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { SessionProvider, useSession } from './auth/session';
import { SignIn } from './auth/SignIn';
import { Loading } from './components/ViewState';
import { createGraphqlClient } from './graphql/client';
import { Layout } from './Layout';
import { GapsView } from './views/GapsView';
import { GoalView } from './views/GoalView';
import { NotFound } from './views/NotFound';
import { Overview } from './views/Overview';
import { PlanningView } from './views/planning/PlanningView';
import { TicketView } from './views/TicketView';

// The trend is all chart: it and ECharts load only when opened.
const TrendView = lazy(() => import('./views/TrendView'));
// The sources page is for the few who run the integration: it loads only when opened.
const SourcesView = lazy(() => import('./views/sources/SourcesView'));

export function App() {
  return (
    <SessionProvider>
      <BrowserRouter>
        <GraphqlProvider />
      </BrowserRouter>
    </SessionProvider>
  );
}

/** A fresh client (and cache) for every session, so nothing of one sign-in leaks into the next. */
function GraphqlProvider() {
  const { session, signOut } = useSession();
  const token = session?.token ?? null;
  const client = useMemo(() => createGraphqlClient(token, signOut), [token, signOut]);
  return (
    <UrqlProvider value={client}>
      <AppRoutes />
    </UrqlProvider>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/sign-in" element={<SignIn />} />
      <Route
        element={
          <RequireSession>
            <Layout />
          </RequireSession>
        }
      >
        <Route index element={<Overview />} />
        <Route path="goals/:key" element={<GoalView />} />
        <Route path="tickets/:key" element={<TicketView />} />
        <Route
          path="trend"
          element={
            <Suspense fallback={<Loading label="Loading the trend" />}>
              <TrendView />
            </Suspense>
          }
        />
        <Route path="gaps" element={<GapsView />} />
        <Route path="planning" element={<PlanningView />} />
        <Route
          path="sources"
          element={
            <Suspense fallback={<Loading label="Loading the sources" />}>
              <SourcesView />
            </Suspense>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function RequireSession({ children }: { children: React.ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session)
    return (
      <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />
    );
  return <>{children}</>;
}
