import { Link } from 'react-router';

export function NotFound() {
  return (
    <>
      <h1>Nothing here</h1>
      <p>
        This page does not exist. <Link to="/">Back to the overview</Link>.
      </p>
    </>
  );
}
