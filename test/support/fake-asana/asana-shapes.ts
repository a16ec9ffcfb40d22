/**
 * Builders for the shapes Asana documents for a task (GET /tasks/{gid}, GET /tasks) and for a
 * webhook's compact events (`{ "events": [...] }`, docs "Webhooks"): the fields a ticket source
 * reads, plus enough of the rest to look like the real thing.
 */

export interface AsanaCompact {
  gid: string;
  resource_type: string;
  name?: string;
  resource_subtype?: string;
}

export interface AsanaCustomField {
  gid: string;
  resource_type: 'custom_field';
  name: string;
  type: 'number' | 'text' | 'enum';
  resource_subtype: 'number' | 'text' | 'enum';
  number_value?: number | null;
  text_value?: string | null;
  display_value: string | null;
}

export interface AsanaTask {
  gid: string;
  resource_type: 'task';
  resource_subtype: 'default_task' | 'milestone' | 'section' | 'approval';
  name: string;
  notes: string;
  completed: boolean;
  completed_at: string | null;
  created_at: string;
  modified_at: string;
  due_on: string | null;
  assignee: AsanaCompact | null;
  workspace: AsanaCompact;
  memberships: { project: AsanaCompact; section: AsanaCompact | null }[];
  projects: AsanaCompact[];
  custom_fields: AsanaCustomField[];
  tags: AsanaCompact[];
  parent: AsanaCompact | null;
  num_subtasks: number;
  permalink_url: string;
}

export type AsanaAction = 'changed' | 'added' | 'removed' | 'deleted' | 'undeleted';

/** One compact event as a webhook delivers it. */
export interface AsanaEvent {
  user: AsanaCompact | null;
  created_at: string;
  action: AsanaAction;
  resource: AsanaCompact;
  parent: AsanaCompact | null;
  change?: { field: string; action: string; new_value?: unknown; added_value?: unknown };
}

export interface AsanaWebhookBody {
  events: AsanaEvent[];
}

export const asanaUser = (gid = '1200000000000001'): AsanaCompact => ({
  gid,
  resource_type: 'user',
});

/** Asana's error body: `{ "errors": [ { "message", "help" } ] }`. */
export const asanaError = (message: string) => ({
  errors: [
    {
      message,
      help: 'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors',
    },
  ],
});
