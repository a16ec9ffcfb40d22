/** A node of the plan as the dashboard names it everywhere: its key, marked, then its title. */
export function KeyTitle({ item }: { item: { key: string; title: string } }) {
  return (
    <>
      <span className="key">{item.key}</span> {item.title}
    </>
  );
}
