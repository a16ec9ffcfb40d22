import { NavLink, Outlet, useLocation } from 'react-router';
import { useQuery } from 'urql';
import { RoleContext } from './auth/role';
import { useSession } from './auth/session';
import { FilterBar } from './filters/FilterBar';
import { useFilters } from './filters/scope';
import { graphql } from './gql';

const SessionQuery = graphql(`
  query Session {
    me {
      role
      user {
        id
        name
        email
      }
    }
    organization {
      id
      name
    }
  }
`);

/** The frame of every signed-in view: navigation, the filters, who is signed in and their role. */
export function Layout() {
  const { session, signOut } = useSession();
  const [{ data }] = useQuery({ query: SessionQuery });
  const { query } = useFilters();
  // the sources page reports on integrations, not on a scope of work: the filters do not apply
  const scoped = !useLocation().pathname.startsWith('/sources');
  const role = data?.me.role ?? null;
  return (
    <RoleContext.Provider value={role}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            ◎
          </span>
          <span>Throughline</span>
          <span className="org">{data?.organization.name ?? session?.organizationName}</span>
        </div>
        <nav aria-label="Views">
          <NavLink to={{ pathname: '/', search: query }} end>
            Overview
          </NavLink>
          <NavLink to={{ pathname: '/trend', search: query }}>Trend</NavLink>
          <NavLink to={{ pathname: '/gaps', search: query }}>Gaps</NavLink>
          <NavLink to={{ pathname: '/planning', search: query }}>Planning</NavLink>
          <NavLink to={{ pathname: '/sources', search: query }}>Sources</NavLink>
        </nav>
        <div className="who">
          {data && (
            <span>
              {data.me.user.name}{' '}
              <span className="role" data-testid="role">
                {data.me.role}
              </span>
            </span>
          )}
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      {scoped && <FilterBar />}
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </RoleContext.Provider>
  );
}
