import type { EntityManager } from 'typeorm';
import { organizationOf } from '@app/database';
import type { Problem } from '@app/domain';
import type { TrackerSprint } from './tracker.js';

/** A source as the sprint writers need it. */
export interface SprintOwner {
  organizationId: string;
  /** prefix of the keys of sprints created from the tracker: JIRA-S12 */
  keyPrefix: string;
  /** board id -> team key */
  boardTeams: Record<string, string>;
}

interface StoredSprint {
  id: string;
  key: string;
  name: string;
  external_id: string | null;
  state: 'FUTURE' | 'ACTIVE' | 'CLOSED';
  source_event_at: Date | null;
  archived_at: Date | null;
}

/**
 * The stored sprints for a tracker's sprint list (docs/design.md 4.4 "Sprints from a tracker"):
 * matched by external id, then by name (recording the external id); an unknown sprint is created
 * for the team its board maps to, or, when the board maps to no team, left out with a problem.
 * An issue's copy of a sprint never changes a stored sprint's name, dates or state.
 */
export async function matchSprints(
  em: EntityManager,
  owner: SprintOwner,
  sprints: TrackerSprint[],
  problems: Problem[],
): Promise<Map<string, string>> {
  const unique = [...new Map(sprints.map((s) => [s.externalId, s])).values()];
  const names = new Map<string, string>();
  if (unique.length === 0) return names;
  const stored = await findSprints(em, unique);
  for (const sprint of unique) {
    if (sprint.nameOnly) {
      const named = stored.byName.get(sprint.name);
      if (named) names.set(sprint.externalId, named.name);
      else {
        problems.push({
          path: `sprint ${sprint.name}`,
          message: `no sprint is named "${sprint.name}": tickets stored without it`,
        });
      }
      continue;
    }
    let found = stored.byExternalId.get(sprint.externalId) ?? null;
    const byName = stored.byName.get(sprint.name);
    if (!found && byName && byName.external_id === null) {
      await em.query(`UPDATE sprints SET external_id = $2 WHERE organization_id = $3 AND id = $1`, [
        byName.id,
        sprint.externalId,
        organizationOf(em),
      ]);
      found = byName;
    }
    found ??= await createSprint(em, owner, sprint, problems);
    if (found) names.set(sprint.externalId, found.name);
  }
  return names;
}

async function findSprints(em: EntityManager, sprints: TrackerSprint[]) {
  const rows: StoredSprint[] = await em.query(
    `SELECT id, key, name, external_id, state, source_event_at, archived_at FROM sprints
      WHERE organization_id = $3 AND (external_id = ANY($1::text[]) OR name = ANY($2::text[]))`,
    [sprints.map((s) => s.externalId), sprints.map((s) => s.name), organizationOf(em)],
  );
  return {
    byExternalId: new Map(rows.filter((r) => r.external_id).map((r) => [r.external_id!, r])),
    byName: new Map(rows.map((r) => [r.name, r])),
  };
}

/** The stored sprint a sprint event is about, or null. */
export async function findSprint(
  em: EntityManager,
  sprint: TrackerSprint,
): Promise<StoredSprint | null> {
  const stored = await findSprints(em, [sprint]);
  const byName = stored.byName.get(sprint.name);
  return (
    stored.byExternalId.get(sprint.externalId) ??
    (byName && byName.external_id === null ? byName : null)
  );
}

/**
 * Creates a sprint the tracker knows and we do not, for its board's team. A future sprint
 * without dates yet gets two weeks from today (its sprint events bring the real ones).
 * Concurrent workers may create the same sprint: the unique key makes one insert win.
 */
export async function createSprint(
  em: EntityManager,
  owner: SprintOwner,
  sprint: TrackerSprint,
  problems: Problem[],
): Promise<StoredSprint | null> {
  const teamKey = sprint.boardId === null ? undefined : owner.boardTeams[sprint.boardId];
  const teams: { id: string }[] = teamKey
    ? await em.query(`SELECT id FROM teams WHERE organization_id = $2 AND key = $1`, [
        teamKey,
        owner.organizationId,
      ])
    : [];
  if (teams.length === 0) {
    problems.push({
      path: `sprint ${sprint.name}`,
      message: teamKey
        ? `board ${sprint.boardId} maps to team "${teamKey}", which does not exist: tickets stored without this sprint`
        : `board ${sprint.boardId ?? '(none)'} maps to no team (settings.boardTeams): tickets stored without this sprint`,
    });
    return null;
  }
  const key = `${owner.keyPrefix}-S${sprint.externalId}`.slice(0, 64);
  const today = new Date().toISOString().slice(0, 10);
  const start = sprint.startDate ?? today;
  const fallbackEnd = new Date(Date.parse(start) + 13 * 86_400_000).toISOString().slice(0, 10);
  const end = sprint.endDate && sprint.endDate >= start ? sprint.endDate : fallbackEnd;
  const taken: unknown[] = await em.query(
    `SELECT 1 FROM sprints WHERE organization_id = $2 AND name = $1`,
    [sprint.name, owner.organizationId],
  );
  const name = taken.length ? `${sprint.name} (${sprint.externalId})`.slice(0, 200) : sprint.name;
  await em.query(
    `INSERT INTO sprints (organization_id, key, team_id, name, start_date, end_date, state, external_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
    [owner.organizationId, key, teams[0].id, name, start, end, sprint.state, sprint.externalId],
  );
  const rows: StoredSprint[] = await em.query(
    `SELECT id, key, name, external_id, state, source_event_at, archived_at FROM sprints
      WHERE organization_id = $2 AND key = $1`,
    [key, owner.organizationId],
  );
  return rows[0] ?? null;
}

/** What applying a sprint event leaves to do after its transaction. */
export interface SprintEventOutcome {
  /** the stored sprint's key, or null when the event changed nothing */
  sprintKey: string | null;
  /** the tracker closed it: close it with closeSprint's semantics (its snapshot) */
  close: boolean;
}

/**
 * A sprint event (or a sprint read while reconciling): the tracker owns the name, dates and state
 * of a sprint with an external id. An event older than the last one applied changes nothing.
 * FUTURE -> ACTIVE happens here (startSprint's semantics); closing is left to the caller, which
 * stores the snapshot as closeSprint does. A deleted sprint is archived; tickets keep it in their
 * history and snapshots stay.
 */
export async function writeSprintEvent(
  em: EntityManager,
  owner: SprintOwner,
  sprint: TrackerSprint,
  action: 'created' | 'updated' | 'started' | 'closed' | 'deleted',
  webhookAt: Date | null,
  problems: Problem[],
): Promise<SprintEventOutcome> {
  const nothing = { sprintKey: null, close: false };
  const stored = await findSprint(em, sprint);
  if (stored && webhookAt && stored.source_event_at && webhookAt < stored.source_event_at) {
    return nothing;
  }
  if (action === 'deleted') {
    if (stored) {
      await em.query(
        `UPDATE sprints SET archived_at = COALESCE(archived_at, now()), source_event_at = $2
          WHERE organization_id = $3 AND id = $1`,
        [stored.id, webhookAt, organizationOf(em)],
      );
    }
    return { sprintKey: stored?.key ?? null, close: false };
  }
  const desired = action === 'started' ? 'ACTIVE' : action === 'closed' ? 'CLOSED' : sprint.state;
  const target =
    stored ??
    (await createSprint(
      em,
      owner,
      { ...sprint, state: desired === 'CLOSED' ? 'ACTIVE' : desired },
      problems,
    ));
  if (!target) return nothing;
  let name = target.name;
  if (sprint.name !== target.name) {
    const taken: unknown[] = await em.query(
      `SELECT 1 FROM sprints WHERE organization_id = $3 AND name = $1 AND id <> $2`,
      [sprint.name, target.id, organizationOf(em)],
    );
    if (taken.length) {
      problems.push({
        path: `sprint ${sprint.name}`,
        message: `another sprint already has this name: sprint "${target.name}" keeps its name`,
      });
    } else name = sprint.name;
  }
  await em.query(
    `UPDATE sprints SET name = $2, external_id = $3, source_event_at = COALESCE($4, source_event_at),
            start_date = COALESCE($5::date, start_date),
            end_date = GREATEST(COALESCE($6::date, end_date), COALESCE($5::date, start_date)),
            state = CASE WHEN state = 'FUTURE' AND $7 IN ('ACTIVE', 'CLOSED') THEN 'ACTIVE' ELSE state END,
            archived_at = NULL
      WHERE organization_id = $8 AND id = $1`,
    [
      target.id,
      name,
      sprint.externalId,
      webhookAt,
      sprint.startDate,
      sprint.endDate,
      desired,
      organizationOf(em),
    ],
  );
  return { sprintKey: target.key, close: desired === 'CLOSED' && target.state !== 'CLOSED' };
}
