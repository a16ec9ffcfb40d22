import { useImperativeHandle, useState } from 'react';
import {
  asanaSettingsInput,
  DEFAULT_ASANA_KEY_PREFIX,
  type AsanaInitiativeFrom,
  type AsanaSprintFrom,
} from '../asanaSettings';
import { fieldHelpers } from '../FormField';
import type { KindFieldsProps } from './KindFields';

/** An Asana source's settings (README "Asana"): projects, points field, sprints, initiatives. */
export default function AsanaFields({ ref, idPrefix, errors }: KindFieldsProps) {
  const [projects, setProjects] = useState('');
  const [pointsField, setPointsField] = useState('');
  const [sprintFrom, setSprintFrom] = useState<AsanaSprintFrom>('none');
  const [initiativeFrom, setInitiativeFrom] = useState<AsanaInitiativeFrom>('tag');
  const [keyPrefix, setKeyPrefix] = useState('');
  const { field, text } = fieldHelpers(idPrefix, errors.fields);

  useImperativeHandle(ref, () => ({
    check: () => null,
    settingsInput: () =>
      asanaSettingsInput({ projects, pointsField, sprintFrom, initiativeFrom, keyPrefix }),
  }));

  return (
    <div className="form-grid">
      {text(
        'projects',
        'Projects (gids; empty: no reconciliation)',
        projects,
        setProjects,
        '1201234567890123',
        'The number in the project’s address: app.asana.com/0/<project gid>/…',
      )}
      {text(
        'pointsField',
        'Points custom field (optional)',
        pointsField,
        setPointsField,
        'Story Points',
        'Empty: the first number field named Points, Story Points or Estimate.',
      )}
      {field('sprintFrom', 'Sprint from', (a) => (
        <select
          {...a}
          value={sprintFrom}
          onChange={(e) => setSprintFrom(e.target.value as AsanaSprintFrom)}
        >
          <option value="none">none (tasks have no sprint)</option>
          <option value="section">section (its name is a sprint name)</option>
          <option value="project">project (one project per sprint)</option>
        </select>
      ))}
      {field('initiativeFrom', 'Initiative from', (a) => (
        <select
          {...a}
          value={initiativeFrom}
          onChange={(e) => setInitiativeFrom(e.target.value as AsanaInitiativeFrom)}
        >
          <option value="tag">tag (epic:PAY-100 links to the initiative PAY-100)</option>
          <option value="project">project (its name is the initiative key)</option>
          <option value="parent">parent task (its name is the initiative key)</option>
        </select>
      ))}
      {text(
        'keyPrefix',
        'Key prefix (optional)',
        keyPrefix,
        setKeyPrefix,
        DEFAULT_ASANA_KEY_PREFIX,
        'Ticket keys are <prefix>-<task gid>: the prefix the CSV imports of these projects used.',
      )}
    </div>
  );
}
