export function SourcesSidebar() {
  return (
    <aside className="sidebar" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      <p className="placeholder">No sources yet</p>
    </aside>
  );
}
