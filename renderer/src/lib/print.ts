// Printing: the browser's print dialog (Chromium's "Save as PDF" gives the A4 document; the page's @page rule sets
// the size). In Electron the same call opens the system print dialog.

/** Opens the print dialog for the current page. */
export function printPage(): void {
  window.print();
}
