import type { Session, TestApp } from '../support/test-app.js';

/** A ticket as the database holds it, with where it leads: what the file import specs compare. */
export interface StoredTicketRow {
  external_key: string;
  external_id: string | null;
  title: string;
  type: string;
  labels: string[];
  work_type: string;
  status_category: string;
  raw_status: string;
  points: string | null;
  source: string;
  parent: string | null;
  /** sprint names, oldest first */
  sprints: string[] | null;
  /** `<initiative key>:<link source>` */
  initiatives: string[] | null;
  /** the goals reached through initiative, key result and objective */
  goals: string[] | null;
}

/** A new organization with `plan` imported (no problems). */
export async function organizationWithPlan(app: TestApp, plan: string): Promise<Session> {
  const s = await app.signUp();
  const imported = await app.ok(
    `mutation($y: String!) { importPlan(yaml: $y) { problems { path message } } }`,
    { y: plan },
    s.token,
  );
  expect(imported.importPlan.problems).toEqual([]);
  return s;
}

/** Every ticket of the organization, read directly in its scope, by key. */
export async function storedTickets(
  app: TestApp,
  s: Session,
): Promise<Map<string, StoredTicketRow>> {
  const rows: StoredTicketRow[] = await app.db.transaction(
    { organizationId: s.organizationId },
    (em) =>
      em.query(
        `SELECT t.external_key, t.external_id, t.title, t.type, t.labels, t.work_type, t.status_category,
                t.raw_status, t.points, t.source, p.external_key AS parent,
                (SELECT array_agg(sp.name ORDER BY ts.position) FROM ticket_sprints ts JOIN sprints sp ON sp.id = ts.sprint_id
                  WHERE ts.ticket_id = t.id) AS sprints,
                (SELECT array_agg(i.key || ':' || tl.source ORDER BY i.key) FROM ticket_links tl
                   JOIN initiatives i ON i.id = tl.initiative_id WHERE tl.ticket_id = t.id) AS initiatives,
                (SELECT array_agg(DISTINCT g.key) FROM ticket_links tl
                   JOIN initiative_links il ON il.initiative_id = tl.initiative_id
                   JOIN key_results kr ON kr.id = il.key_result_id
                   JOIN objective_links ol ON ol.objective_id = kr.objective_id
                   JOIN strategic_goals g ON g.id = ol.goal_id
                  WHERE tl.ticket_id = t.id) AS goals
           FROM tickets t LEFT JOIN tickets p ON p.id = t.parent_ticket_id ORDER BY t.external_key`,
      ),
  );
  return new Map(rows.map((r) => [r.external_key, r]));
}

/** An import's warnings as "path: message" lines, in the order the import gave them. */
export function warningLines(result: { warnings: { path: string; message: string }[] }): string[] {
  return result.warnings.map((w) => `${w.path}: ${w.message}`);
}
