import { PermanentEventError, type TrackerEvent } from '../sources/tracker.js';
import { isObject, objectAt } from '../jira/cloud/jira-fields.js';
import { GID } from './asana-settings.js';

/** Asana's event actions (docs "Webhooks": the event's `action`). */
const ACTIONS = ['changed', 'added', 'removed', 'deleted', 'undeleted'];

/** What the events of one delivery say about one task: read it (or tombstone it) once. */
export interface AsanaTaskChange {
  gid: string;
  /** the last action on the task in this delivery */
  action: string;
  /** the latest `created_at` of its events: the webhook time that orders equal states */
  at: Date | null;
  /** the project the last event removed it from (`removed` with a project parent), or null */
  removedFrom: string | null;
}

/**
 * An Asana webhook body: `{ "events": [ { user, created_at, action, resource: { gid,
 * resource_type, resource_subtype }, parent, change } ] }` (compact: no task fields). A heartbeat
 * is `{ "events": [] }`. The tasks the events are about, each once, in the order they first
 * appear; events on other resources (stories, projects, sections, tags) are not used: a task's
 * state arrives with the task's own `changed` events, and reconciliation heals the rest.
 */
export function asanaTaskChanges(body: unknown): AsanaTaskChange[] {
  if (!isObject(body) || !Array.isArray(body.events)) {
    throw new PermanentEventError('the body has no "events" list');
  }
  const changes = new Map<string, AsanaTaskChange>();
  body.events.forEach((event, i) => {
    const path = `events[${i}]`;
    if (!isObject(event)) throw new PermanentEventError(`${path} is not an object`);
    const resource = objectAt(event, 'resource');
    if (!resource) throw new PermanentEventError(`${path}.resource is missing`);
    if (resource.resource_type !== 'task') return;
    const gid = resource.gid;
    if (typeof gid !== 'string' || !GID.test(gid)) {
      throw new PermanentEventError(`${path}.resource.gid is missing or not a gid`);
    }
    const action = event.action;
    if (typeof action !== 'string' || !ACTIONS.includes(action)) {
      throw new PermanentEventError(
        `${path}.action must be one of ${ACTIONS.join(', ')} (task ${gid})`,
      );
    }
    let at: Date | null = null;
    if (event.created_at !== undefined && event.created_at !== null) {
      at = typeof event.created_at === 'string' ? new Date(event.created_at) : null;
      if (!at || Number.isNaN(at.getTime())) {
        throw new PermanentEventError(`${path}.created_at is not a time (task ${gid})`);
      }
    }
    const parent = objectAt(event, 'parent');
    const removedFrom =
      action === 'removed' && parent?.resource_type === 'project' && typeof parent.gid === 'string'
        ? parent.gid
        : null;
    const seen = changes.get(gid);
    changes.set(gid, {
      gid,
      action,
      at: seen?.at && (!at || seen.at > at) ? seen.at : at,
      removedFrom,
    });
  });
  return [...changes.values()];
}

/** The delivery's type (`task.changed`, `heartbeat`) and subject (`task <gid>`), for the inbox. */
export function describeAsanaEvent(body: unknown): { eventType: string; subject: string | null } {
  const events = isObject(body) && Array.isArray(body.events) ? body.events : null;
  if (!events) return { eventType: 'unknown', subject: null };
  if (events.length === 0) return { eventType: 'heartbeat', subject: null };
  const first = events.find((e) => objectAt(e, 'resource')?.resource_type === 'task') ?? events[0];
  const resource = objectAt(first, 'resource');
  const type = typeof resource?.resource_type === 'string' ? resource.resource_type : 'unknown';
  const action = isObject(first) && typeof first.action === 'string' ? first.action : '';
  const more = events.length > 1 ? ` (+${events.length - 1})` : '';
  const gid = typeof resource?.gid === 'string' ? resource.gid : null;
  return {
    eventType: `${type.slice(0, 40)}.${action.slice(0, 40)}${more}`,
    subject: gid ? `${type.slice(0, 40)} ${gid.slice(0, 40)}` : null,
  };
}

/**
 * Asana's events name records without their fields, so the worker reads them (`fetch`); `parse`
 * is left with what needs no read: a heartbeat or a delivery without task events is ignored.
 */
export function parseAsanaEvent(body: unknown): TrackerEvent {
  const changes = asanaTaskChanges(body);
  if (changes.length === 0) {
    const events = isObject(body) && Array.isArray(body.events) ? body.events.length : 0;
    return {
      kind: 'ignored',
      reason: events ? 'no task events (stories, projects, sections: not used)' : 'heartbeat',
    };
  }
  throw new PermanentEventError('Asana task events are read through the API (fetch)');
}
