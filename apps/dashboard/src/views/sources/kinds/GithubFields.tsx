import { useImperativeHandle, useState } from 'react';
import { fieldHelpers } from '../FormField';
import {
  DEFAULT_INITIATIVE_LABEL_PREFIX,
  DEFAULT_POINTS_LABEL_PREFIX,
  githubSettingsInput,
  type InitiativeFrom,
} from '../githubSettings';
import type { KindFieldsProps } from './KindFields';

/** A GitHub source's settings (README "GitHub"): repositories and the labels read. */
export default function GithubFields({ ref, idPrefix, errors }: KindFieldsProps) {
  const [repositories, setRepositories] = useState('');
  const [pointsPrefix, setPointsPrefix] = useState(DEFAULT_POINTS_LABEL_PREFIX);
  const [initiativeFrom, setInitiativeFrom] = useState<InitiativeFrom>('milestone');
  const [initiativePrefix, setInitiativePrefix] = useState(DEFAULT_INITIATIVE_LABEL_PREFIX);
  const [inProgressLabels, setInProgressLabels] = useState('');
  const [sprintPrefix, setSprintPrefix] = useState('');
  const { field, text } = fieldHelpers(idPrefix, errors.fields);

  useImperativeHandle(ref, () => ({
    check: () => null,
    settingsInput: () =>
      githubSettingsInput({
        repositories,
        pointsLabelPrefix: pointsPrefix,
        initiativeFrom,
        initiativeLabelPrefix: initiativePrefix,
        inProgressLabels,
        sprintLabelPrefix: sprintPrefix,
      }),
  }));

  return (
    <div className="form-grid">
      {text(
        'repositories',
        'Repositories (owner/repo; empty: no reconciliation)',
        repositories,
        setRepositories,
        'acme/payments, acme/web',
      )}
      {text(
        'pointsLabelPrefix',
        'Points label prefix',
        pointsPrefix,
        setPointsPrefix,
        DEFAULT_POINTS_LABEL_PREFIX,
        'A label points:3 gives 3 story points.',
      )}
      {field('initiativeFrom', 'Initiative from', (a) => (
        <select
          {...a}
          value={initiativeFrom}
          onChange={(e) => setInitiativeFrom(e.target.value as InitiativeFrom)}
        >
          <option value="milestone">milestone (its title is the initiative key)</option>
          <option value="label">label (with the prefix below)</option>
        </select>
      ))}
      {initiativeFrom === 'label' &&
        text(
          'initiativeLabelPrefix',
          'Initiative label prefix',
          initiativePrefix,
          setInitiativePrefix,
          DEFAULT_INITIATIVE_LABEL_PREFIX,
          'A label epic:PAY-100 links the issue to the initiative PAY-100.',
        )}
      {text(
        'inProgressLabels',
        'In-progress labels (comma-separated)',
        inProgressLabels,
        setInProgressLabels,
        'in progress, doing',
      )}
      {text(
        'sprintLabelPrefix',
        'Sprint label prefix (optional)',
        sprintPrefix,
        setSprintPrefix,
        'sprint:',
        'A label sprint:Sprint 12 puts the issue in the sprint named Sprint 12.',
      )}
    </div>
  );
}
