import { graphql } from './http.js';

export const DEMO_LOGIN = { email: 'demo@throughline.local', password: 'throughline-demo' };

/** What the load writes to, in the demo organization, and the Jira Cloud source it feeds. */
export interface LoadTargets {
  token: string;
  organizationId: string;
  /** the key results to check in, with their kind (a BOOLEAN one takes 0 or 1) */
  keyResults: { id: string; kind: string }[];
  /** an active sprint's name, for upserted tickets (they count in the dashboard's reports) */
  sprintName: string;
  /** an initiative's externalKey: tickets link to it as their epic */
  epicKey: string;
  source: { id: string; webhookPath: string; secret: string };
}

/**
 * Logs in as the demo user (the organization's OWNER) through the balancer, reads the write
 * targets, and creates a Jira Cloud source through GraphQL, as an admin would, with its signing
 * secret (shown once). No base URL or credentials: nothing reconciles against a Jira, every change
 * arrives by webhook. `run` keeps the names of repeated runs apart.
 */
export async function prepare(url: string, run: string): Promise<LoadTargets> {
  const login = await graphql<{ logIn: { token: string } }>(
    url,
    null,
    'mutation($input: LogInInput!) { logIn(input: $input) { token } }',
    { input: DEMO_LOGIN },
  );
  const token = login.logIn.token;
  const data = await graphql<{
    organization: { id: string };
    keyResults: { nodes: { id: string; kind: string }[] };
    sprints: { nodes: { name: string }[] };
    initiatives: { nodes: { externalKey: string | null }[] };
  }>(
    url,
    token,
    `
      {
        organization {
          id
        }
        keyResults(first: 200) {
          nodes {
            id
            kind
          }
        }
        sprints(first: 200, state: ACTIVE) {
          nodes {
            name
          }
        }
        initiatives(first: 200) {
          nodes {
            externalKey
          }
        }
      }
    `,
  );
  const epicKey = data.initiatives.nodes.find((n) => n.externalKey)?.externalKey;
  if (!data.keyResults.nodes.length || !data.sprints.nodes.length || !epicKey) {
    throw new Error('the demo organization lacks key results, an active sprint or an epic');
  }
  const created = await graphql<{
    createTicketSource: { source: { id: string; webhookPath: string }; webhookSecret: string };
  }>(
    url,
    token,
    `
      mutation ($input: CreateTicketSourceInput!) {
        createTicketSource(input: $input) {
          source {
            id
            webhookPath
          }
          webhookSecret
        }
      }
    `,
    {
      input: {
        kind: 'JIRA_CLOUD',
        name: `Load Jira ${run}`,
        settings: { boardTeams: { '3': 'PLAT' } },
      },
    },
  );
  const { source, webhookSecret } = created.createTicketSource;
  return {
    token,
    organizationId: data.organization.id,
    keyResults: data.keyResults.nodes,
    sprintName: data.sprints.nodes[0].name,
    epicKey,
    source: { ...source, secret: webhookSecret },
  };
}
