import { lazy, Suspense } from 'react';
import { useCanEditLinks } from '../../auth/role';
import { Loading } from '../../components/ViewState';

// The forms, the undo stack and their operations load only for someone who may author.
const PlanAuthoring = lazy(() => import('./PlanAuthoring'));

/** The planning view's authoring card for EDITOR and above; nothing for the others. */
export function PlanAuthoringSection({
  cycleKey,
  revision,
}: {
  cycleKey: string;
  revision: number;
}) {
  const canEdit = useCanEditLinks();
  if (!canEdit) return null;
  return (
    <Suspense fallback={<Loading label="Loading the plan editor" />}>
      <PlanAuthoring cycleKey={cycleKey} revision={revision} />
    </Suspense>
  );
}
