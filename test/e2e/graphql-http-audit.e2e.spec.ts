import { auditServer, type AuditResult } from 'graphql-http';
import { TestApp } from '../support/test-app.js';

/**
 * The GraphQL-over-HTTP conformance audit of graphql-http against the API in production mode (as
 * TestApp starts it). Apollo's own baseline is 3 warnings (4xx for parse, validation and variable
 * errors under application/json, which the API now answers with 200) and 3 notices: GET forms,
 * which Apollo's CSRF prevention refuses without a preflight header, as it should.
 */
const CSRF_BLOCKED_GET_FORMS = ['5A70', 'D6D5', '6A70'];

describe('GraphQL over HTTP audit (graphql-http), production mode', () => {
  let app: TestApp;
  let results: AuditResult[];

  beforeAll(async () => {
    app = await TestApp.start();
    results = await auditServer({ url: `${app.url}/graphql`, fetchFn: fetch });
  });
  afterAll(() => app.close());

  const failing = (status: string) =>
    results
      .filter((r) => r.status === status)
      .map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);

  it('passes every MUST and every SHOULD', () => {
    expect(results.length).toBeGreaterThan(50);
    expect(failing('error')).toEqual([]);
    expect(failing('warn')).toEqual([]);
  });

  it('leaves only the GET forms that CSRF prevention refuses as notices', () => {
    const notices = results.filter((r) => r.status === 'notice').map((r) => r.id);
    expect(notices.sort()).toEqual([...CSRF_BLOCKED_GET_FORMS].sort());
  });
});
