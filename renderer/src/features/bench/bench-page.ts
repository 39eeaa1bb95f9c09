// Browser helpers of the bench page (kept out of the component so it stays declarative).

/** Rows to render: `?rows=N` in the page URL (hash routing keeps the query before the hash), default 10,000. */
export function benchRowCount(): number {
  const fromQuery = Number(new URLSearchParams(window.location.search).get('rows') ?? '10000');
  return Number.isFinite(fromQuery) && fromQuery > 0 ? Math.min(fromQuery, 100_000) : 10_000;
}

export function now(): number {
  return performance.now();
}

/** Resolves after the next frame has been painted. */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      setTimeout(resolve, 0);
    });
  });
}

/** How many rows matching `selector` are in the DOM. */
export function countRenderedRows(selector: string): number {
  return document.querySelectorAll(selector).length;
}
