const SHOWN = 3;

/** The newest few problems in view, the rest a click away (a source keeps up to 100). */
export function ProblemList({
  problems,
  label,
}: {
  problems: readonly { path: string; message: string }[];
  label: string;
}) {
  const item = (p: { path: string; message: string }, i: number) => (
    <li key={i}>
      {p.path && <span className="key">{p.path}</span>} {p.message}
    </li>
  );
  return (
    <div className="problems" role="group" aria-label={label}>
      <ul>{problems.slice(0, SHOWN).map(item)}</ul>
      {problems.length > SHOWN && (
        <details>
          <summary>Show the older problems</summary>
          <ul>{problems.slice(SHOWN).map((p, i) => item(p, i + SHOWN))}</ul>
        </details>
      )}
    </div>
  );
}
