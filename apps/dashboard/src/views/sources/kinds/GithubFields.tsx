import { useImperativeHandle, useState } from 'react';
import { fieldHelpers } from '../FormField';
import {
  DEFAULT_INITIATIVE_LABEL_PREFIX,
  DEFAULT_POINTS_LABEL_PREFIX,
  githubSettingsInput,
  hasProject,
  type InitiativeFrom,
} from '../githubSettings';
import type { KindFieldsProps } from './KindFields';

/**
 * A GitHub source's settings (README "GitHub"): repositories and the labels read; optionally a
 * Projects (v2) project whose number and iteration fields give the points and sprints.
 */
export default function GithubFields({ ref, idPrefix, errors, teams }: KindFieldsProps) {
  const [repositories, setRepositories] = useState('');
  const [pointsPrefix, setPointsPrefix] = useState(DEFAULT_POINTS_LABEL_PREFIX);
  const [initiativeFrom, setInitiativeFrom] = useState<InitiativeFrom>('milestone');
  const [initiativePrefix, setInitiativePrefix] = useState(DEFAULT_INITIATIVE_LABEL_PREFIX);
  const [inProgressLabels, setInProgressLabels] = useState('');
  const [sprintPrefix, setSprintPrefix] = useState('');
  const [projectOwner, setProjectOwner] = useState('');
  const [projectNumber, setProjectNumber] = useState('');
  const [pointsField, setPointsField] = useState('');
  const [iterationField, setIterationField] = useState('');
  const [iterationTeam, setIterationTeam] = useState('');
  const project = hasProject({ projectOwner, projectNumber });
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
        projectOwner,
        projectNumber,
        pointsField,
        iterationField,
        iterationTeam,
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
      {text(
        'projectOwner',
        'Project owner (optional: points and sprints from a project)',
        projectOwner,
        setProjectOwner,
        'acme',
        'A Projects (v2) project: its address is github.com/orgs/<owner>/projects/<number>.',
      )}
      {field('projectNumber', 'Project number', (a) => (
        <input
          {...a}
          inputMode="numeric"
          value={projectNumber}
          placeholder="7"
          onChange={(e) => setProjectNumber(e.target.value)}
        />
      ))}
      {project && (
        <>
          {text(
            'pointsField',
            'Points field (a number field)',
            pointsField,
            setPointsField,
            'Estimate',
            'Empty: points from the label prefix. Name this or the iteration field, or both.',
          )}
          {text(
            'iterationField',
            'Iteration field',
            iterationField,
            setIterationField,
            'Sprint',
            'Empty: sprints from the sprint label prefix.',
          )}
          {field(
            'iterationTeam',
            'Iteration team',
            (a) => (
              <select
                {...a}
                value={iterationTeam}
                onChange={(e) => setIterationTeam(e.target.value)}
              >
                <option value="">choose a team…</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.key}>
                    {t.key} {t.name}
                  </option>
                ))}
              </select>
            ),
            "The team whose sprints the project's iterations become (with the iteration field).",
          )}
        </>
      )}
    </div>
  );
}
