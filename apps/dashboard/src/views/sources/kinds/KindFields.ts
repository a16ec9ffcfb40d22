import type { Ref } from 'react';
import type { PlacedErrors, SourceField } from '../fieldErrors';

/**
 * What the create form's shell asks of a kind's fields: the settings JSON to send, after a check
 * that needs no server (a key listed twice). Each kind's component owns its settings state; the
 * shell remounts it (a new React key) to empty it after a create.
 */
export interface KindFieldsHandle {
  /** a problem found before sending, at its field; null: send */
  check(): Partial<Record<SourceField, string>> | null;
  settingsInput(): Record<string, unknown>;
}

export interface KindFieldsProps {
  ref: Ref<KindFieldsHandle>;
  /** the form's id prefix: a field's control is `${idPrefix}-${field}` */
  idPrefix: string;
  errors: PlacedErrors;
  /** the organization's teams, for the tracker-to-team mappings */
  teams: readonly { id: string; key: string; name: string }[];
}

let nextRow = 1;
/** A new empty row of a mapping (TeamRows), with a React key unique in the page. */
export const emptyRow = () => ({ rowId: nextRow++, key: '', team: '' });
export const trimmed = (key: string) => key.trim();
