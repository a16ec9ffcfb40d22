import { useEffect, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { QueryState } from '../../components/ViewState';
import { formatDateTime, formatGap, formatNumber, formatShare, titleCase } from '../../format';
import { ExportPlan, PlanVsActualQuery } from './operations';

/** Hands the text to the browser as a file download. */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = fileName;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  URL.revokeObjectURL(url);
}

/** A locked (ACTIVE) cycle: the baseline's projected share per goal against the actual, and drift. */
export function PlanVsActualSection({
  cycleKey,
  revision = 0,
}: {
  cycleKey: string;
  /** bumped on every live plan change: a scope change after the lock shows up at once */
  revision?: number;
}) {
  const [result, refetch] = useQuery({ query: PlanVsActualQuery, variables: { cycleKey } });
  useEffect(() => {
    if (revision > 0) refetch({ requestPolicy: 'network-only' });
  }, [revision, refetch]);
  const client = useClient();
  const [exportError, setExportError] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  async function exportPlan() {
    setExporting(true);
    setExportError(null);
    const answer = await client
      .query(ExportPlan, { cycleKey }, { requestPolicy: 'network-only' })
      .toPromise();
    setExporting(false);
    if (answer.data)
      downloadText(answer.data.exportPlan, `plan-${cycleKey}.yaml`, 'application/yaml');
    else setExportError(answer.error?.message ?? 'the plan could not be exported');
  }

  return (
    <QueryState
      result={result}
      retry={() => refetch({ requestPolicy: 'network-only' })}
      what="plan vs actual"
    >
      {({ planVsActual: pva }) => (
        <>
          <section className="card" aria-labelledby="pva-heading">
            <h2 id="pva-heading">Plan vs actual</h2>
            <p className="muted">
              Locked {formatDateTime(pva.baseline.createdAt)}: {pva.baseline.objectiveCount}{' '}
              objectives, {pva.baseline.keyResultCount} key results, {pva.baseline.initiativeCount}{' '}
              initiatives, {formatNumber(pva.baseline.plannedEffort)} points planned.
            </p>
            <p>
              <button type="button" onClick={() => void exportPlan()} disabled={exporting}>
                Download the locked plan (YAML)
              </button>
              {exportError && <span role="alert"> {exportError}</span>}
            </p>
            <div className="table-wrap">
              <table data-testid="plan-vs-actual">
                <thead>
                  <tr>
                    <th scope="col">Goal</th>
                    <th scope="col" className="num">
                      Planned share
                    </th>
                    <th scope="col" className="num">
                      Actual share
                    </th>
                    <th scope="col" className="num">
                      Drift
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {pva.goals.map((g) => (
                    <tr key={g.goal.id}>
                      <th scope="row">{g.goal.title}</th>
                      <td className="num" data-testid={`planned-${g.goal.key}`}>
                        {formatShare(g.plannedShare)}
                      </td>
                      <td className="num" data-testid={`actual-${g.goal.key}`}>
                        {formatShare(g.actualShare)}
                      </td>
                      <td className="num">{formatGap(g.drift)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card" aria-labelledby="scope-changes-heading">
            <h2 id="scope-changes-heading">Scope changes since the lock</h2>
            {pva.scopeChangeCount === 0 ? (
              <p className="muted">None: the cycle runs as planned.</p>
            ) : (
              <>
                <p className="muted">
                  {pva.scopeChangeCount} in all
                  {pva.scopeChangeCount > pva.scopeChanges.length
                    ? `, the newest ${pva.scopeChanges.length} below`
                    : ''}
                  .
                </p>
                <ul className="items" data-testid="scope-changes">
                  {pva.scopeChanges.map((c) => (
                    <li key={c.id}>
                      <span className="key">{c.entityKey}</span> {titleCase(c.entity)}{' '}
                      {c.operation.toLowerCase()}{' '}
                      <span className="muted">{formatDateTime(c.changedAt)}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}
    </QueryState>
  );
}
